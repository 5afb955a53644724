"""What the two import commands share: reading a file into a plan and reporting its refused rows."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from netwerk.inlezen import Bestandsfout
from scholen.importeren import Plan


class Importcommando(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument("bestand", type=Path, help=_("CSV (; of ,) in UTF-8, of XLSX"))
        parser.add_argument(
            "--zonder-geweigerde",
            action="store_true",
            help=_("importeer de goede rijen en sla de geweigerde uitdrukkelijk over"),
        )

    def plan(self, maak_plan, bestand: Path) -> Plan:
        if not bestand.is_file():
            raise CommandError(_("Bestand %(bestand)s bestaat niet.") % {"bestand": bestand})
        try:
            return maak_plan(bestand)
        except Bestandsfout as fout:
            raise CommandError(
                _("Bestand geweigerd, er is niets opgeslagen: %(fout)s") % {"fout": fout}
            ) from fout

    def meld_geweigerde(self, plan: Plan, *, zonder_geweigerde: bool) -> None:
        """Every fault on its own line, `regel N, kolom X: reden`; without the flag, nothing is stored."""
        geweigerd = plan.geweigerd
        for rij in geweigerd:
            for fout in rij.fouten:
                self.stderr.write(f"regel {rij.regel}, kolom {fout.kolom}: {fout.reden}")
        if geweigerd and not zonder_geweigerde:
            raise CommandError(
                ngettext(
                    "%(aantal)s rij geweigerd, er is niets opgeslagen. Verbeter het bestand, of gebruik "
                    "--zonder-geweigerde om enkel de andere rijen te importeren.",
                    "%(aantal)s rijen geweigerd, er is niets opgeslagen. Verbeter het bestand, of gebruik "
                    "--zonder-geweigerde om enkel de andere rijen te importeren.",
                    len(geweigerd),
                )
                % {"aantal": len(geweigerd)}
            )
