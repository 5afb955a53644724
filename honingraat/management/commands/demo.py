from django.core.management.base import BaseCommand

from honingraat.demo import laad_demo, logins_tabel


class Command(BaseCommand):
    help = (
        "Laadt het demonetwerk: een leersteuncentrum met regioteams, teamcoaches, leerondersteuners, "
        "150 scholen met hun cijfers en ankers, en demo-accounts (wachtwoord demo-honingraat). "
        "Doet niets als het demonetwerk er al is."
    )

    def handle(self, *args, **options) -> None:
        if not laad_demo(schrijf=self.stdout.write):
            self.stdout.write("Het demonetwerk is al geladen; er is niets veranderd.")
            self.stdout.write(logins_tabel())
