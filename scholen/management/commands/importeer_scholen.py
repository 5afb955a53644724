from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from netwerk.models import Leersteuncentrum
from scholen.importeren import SCHOLEN, plan_scholen
from scholen.management import Importcommando
from scholen.services.importeren import scholen_importeren


class Command(Importcommando):
    # Read by administrators in a terminal: Dutch, not translated.
    help = (
        "Importeert scholen uit een CSV- of XLSX-bestand met de kolommen "
        f"{SCHOLEN.kopregel} (andere kolommen worden genegeerd). Bestaande scholen worden "
        "bijgewerkt op instellingsnummer. Met een geweigerde rij wordt niets opgeslagen."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--lsc",
            metavar="NAAM",
            help="het leersteuncentrum dat de scholen bedient; wordt aangemaakt als het nog niet bestaat "
            "(verplicht als er meer dan een leersteuncentrum is)",
        )

    def handle(self, *args, bestand, lsc, zonder_geweigerde, **opties) -> None:
        naam = lsc.strip() if lsc else self._enige_lsc()
        bestaand = Leersteuncentrum.objects.filter(naam__iexact=naam).first()
        plan = self.plan(lambda pad: plan_scholen(pad, lsc=bestaand, beheerder=True), bestand)
        self.meld_geweigerde(plan, zonder_geweigerde=zonder_geweigerde)
        # A new LSC is part of the import: it is stored together with the schools or not at all.
        with transaction.atomic():
            doel = bestaand or Leersteuncentrum.objects.create(naam=naam)
            telling = scholen_importeren(plan=plan, lsc=doel, zonder_geweigerde=zonder_geweigerde)
        self.stdout.write(_("Scholen voor %(lsc)s: %(telling)s.") % {"lsc": doel, "telling": telling})

    def _enige_lsc(self) -> str:
        namen = list(Leersteuncentrum.objects.values_list("naam", flat=True)[:10])
        if len(namen) == 1:
            return namen[0]
        if not namen:
            raise CommandError(_("Er is nog geen leersteuncentrum: geef er een op met --lsc NAAM."))
        raise CommandError(
            _("Er zijn meerdere leersteuncentra (%(namen)s): kies er een met --lsc NAAM.")
            % {"namen": ", ".join(namen)}
        )
