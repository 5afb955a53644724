"""`manage.py tijdskaders`: an LSC's time frames for a school year, computed (and published on request)."""

import csv
import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from capaciteit import services
from capaciteit.models import Envelop
from capaciteit.rekenen.verdeling import VerdelingFout
from netwerk.models import Leersteuncentrum
from netwerk.schooljaar import als_tekst, uit_tekst

KOLOMMEN = ["instellingsnummer", "naam", "leerlingen", "gemiddelde_verslagen", "gewicht", "uren"]


class Command(BaseCommand):
    help = (
        "Berekent de tijdskaders van een leersteuncentrum voor een schooljaar en schrijft ze als CSV; "
        "publiceert enkel met --publiceer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--lsc", required=True, help="naam van het leersteuncentrum")
        parser.add_argument("--schooljaar", required=True, help="bv. 2026-2027")
        parser.add_argument("--uren", type=int, help="de envelop in uren (anders die van het LSC)")
        parser.add_argument("--export", type=Path, help="CSV-bestand (anders naar het scherm)")
        parser.add_argument("--publiceer", action="store_true", help="de verdeling ook publiceren")

    def handle(
        self, *args, lsc: str, schooljaar: str, uren: int | None, export: Path | None, publiceer: bool, **o
    ):
        try:
            jaar = uit_tekst(schooljaar)
        except ValueError as fout:
            raise CommandError(str(fout)) from fout
        centrum = Leersteuncentrum.objects.filter(naam=lsc).first()
        if centrum is None:
            raise CommandError(f"Onbekend leersteuncentrum: {lsc}")
        with transaction.atomic():
            envelop, _ = Envelop.objects.get_or_create(
                lsc=centrum, schooljaar=jaar, defaults={"verslagsoorten": ["gc"]}
            )
            if uren is not None:
                if uren < 0:
                    raise CommandError("De envelop kan niet negatief zijn.")
                envelop.uren = uren
            try:
                aandelen = services.verdeling_berekenen(envelop)
            except VerdelingFout as fout:
                raise CommandError(str(fout)) from fout
            if publiceer:
                envelop.save()
                verdeling = services.verdeling_publiceren(door=None, envelop=envelop)
            else:
                transaction.set_rollback(True)  # computing changes nothing, not even the envelope
        self._schrijf(aandelen, export)
        totaal = sum(a.uren for a in aandelen)
        melding = f"{len(aandelen)} scholen, {totaal} uur, {lsc} {als_tekst(jaar)}"
        if publiceer:
            melding += f": versie {verdeling.versie} gepubliceerd"
        self.stderr.write(melding)

    def _schrijf(self, aandelen, export: Path | None) -> None:
        buffer = io.StringIO()
        schrijver = csv.writer(buffer, delimiter=";", lineterminator="\n")
        schrijver.writerow(KOLOMMEN)
        for a in aandelen:
            gemiddelde = float(a.gemiddelde_verslagen)
            schrijver.writerow(
                [
                    a.instellingsnummer,
                    a.naam,
                    a.leerlingen,
                    f"{gemiddelde:.4f}",
                    f"{float(a.gewicht):.10f}",
                    a.uren,
                ]
            )
        if export:
            export.write_text(buffer.getvalue(), encoding="utf-8")
        else:
            self.stdout.write(buffer.getvalue(), ending="")
