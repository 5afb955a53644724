from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from netwerk.adapters import herversleuteld


class Command(BaseCommand):
    # Read by administrators in a terminal: Dutch, not translated.
    help = (
        "Versleutelt de geheimen van de tweestapsverificatie opnieuw met de eerste sleutel van MFA_SLEUTEL. "
        "Na een nieuwe sleutel: zet ze vooraan in MFA_SLEUTEL, laat de oude erachter staan, voer dit uit, "
        "en haal dan pas de oude sleutel weg."
    )

    def handle(self, *args, **opties) -> None:
        aantal = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().order_by("pk"):
                authenticator.data = herversleuteld(authenticator.data)
                authenticator.save(update_fields=["data"])
                aantal += 1
        self.stdout.write(f"{aantal} geheimen opnieuw versleuteld.")
