"""`manage.py bewaartermijn`: anonymises the pupils past their retention now (the beat does it nightly)."""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from trajecten import privacy


def _datum(tekst: str) -> dt.date:
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError as fout:
        raise CommandError(f"'{tekst}' is geen datum van de vorm 2027-08-31.") from fout


class Command(BaseCommand):
    help = (
        "Anonimiseert de leerlingen van wie alle trajecten afgesloten zijn en de bewaartermijn voorbij is "
        "(BEWAARTERMIJN_SCHOOLJAREN). Met --droog wordt enkel geteld."
    )

    def add_arguments(self, parser):
        parser.add_argument("--droog", action="store_true", help="enkel tellen, niets wijzigen")
        parser.add_argument(
            "--datum",
            type=_datum,
            help="rekenen alsof het vandaag deze dag is (JJJJ-MM-DD), bv. om vooruit te kijken",
        )

    def handle(self, *args, droog: bool, datum: dt.date | None, **opties):
        aantal = privacy.bewaartermijn_toepassen(vandaag=datum, droog=droog)
        jaren = settings.BEWAARTERMIJN_SCHOOLJAREN
        termijn = f"bewaartermijn: {jaren} {'schooljaar' if jaren == 1 else 'schooljaren'} na de afsluiting"
        if droog:
            self.stdout.write(f"{aantal} leerling(en) zouden geanonimiseerd worden ({termijn}).")
        else:
            self.stdout.write(f"{aantal} leerling(en) geanonimiseerd ({termijn}).")
