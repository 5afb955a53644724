from django.utils.translation import gettext as _

from scholen.importeren import CIJFERS, plan_cijfers
from scholen.management import Importcommando
from scholen.services.importeren import cijfers_importeren


class Command(Importcommando):
    # Read by administrators in a terminal: Dutch, not translated.
    help = (
        "Importeert de cijfers per school en schooljaar uit een CSV- of XLSX-bestand met de kolommen "
        f"{CIJFERS.kopregel}; het schooljaar schrijf je als 2025-2026. "
        "Met een geweigerde rij wordt niets opgeslagen."
    )

    def handle(self, *args, bestand, zonder_geweigerde, **opties) -> None:
        plan = self.plan(plan_cijfers, bestand)
        self.meld_geweigerde(plan, zonder_geweigerde=zonder_geweigerde)
        telling = cijfers_importeren(plan=plan, zonder_geweigerde=zonder_geweigerde)
        self.stdout.write(_("Cijfers: %(telling)s.") % {"telling": telling})
