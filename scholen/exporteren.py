"""Schools with their figures as a spreadsheet: the rows, then CSV or XLSX bytes.

The columns are those of the import, so an export can be edited and imported again. Text that a
spreadsheet would take for a formula is made harmless first (OWASP, "CSV injection").
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from netwerk.schooljaar import als_tekst
from scholen.importeren import CIJFERS, SCHOLEN
from scholen.models import School, Schooljaarcijfers

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
CIJFERKOLOMMEN = CIJFERS.kolommen[2:]


def schoolrijen(scholen: QuerySet[School], *, jaren: Iterable[int]) -> Iterator[list]:
    """The header, then one row per school with its figures per school year; two queries in all."""
    jaren = sorted(jaren)
    yield [*SCHOLEN.kolommen, *(f"{kolom} {als_tekst(jaar)}" for jaar in jaren for kolom in CIJFERKOLOMMEN)]
    cijfers = Prefetch(
        "cijfers", queryset=Schooljaarcijfers.objects.filter(schooljaar__in=jaren), to_attr="exportcijfers"
    )
    for school in scholen.select_related("clb").prefetch_related(cijfers):
        per_jaar = {cijfer.schooljaar: cijfer for cijfer in school.exportcijfers}
        yield [
            *_schoolvelden(school),
            *(_cijfer(per_jaar.get(jaar), kolom) for jaar in jaren for kolom in CIJFERKOLOMMEN),
        ]


def _schoolvelden(school: School) -> list:
    return [
        school.instellingsnummer,
        school.naam,
        school.straat,
        school.postcode,
        school.gemeente,
        school.niveau,
        school.net,
        school.scholengemeenschap,
        school.clb.naam if school.clb else "",
    ]


def _cijfer(cijfers: Schooljaarcijfers | None, kolom: str):
    return getattr(cijfers, kolom) if cijfers else ""


def ontschadeld(waarde):
    """Text that starts like a formula gets a leading quote, so a spreadsheet shows it and runs nothing."""
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


def als_csv(rijen: Iterable[list]) -> bytes:
    """`;`-separated UTF-8 with a BOM: Excel in nl-BE opens that with the accents and columns right."""
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    for rij in rijen:
        schrijver.writerow([ontschadeld(waarde) for waarde in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def als_xlsx(rijen: Iterable[list]) -> bytes:
    boek = Workbook(write_only=True)
    blad = boek.create_sheet("Scholen")
    for rij in rijen:
        blad.append([_xlsx_waarde(waarde) for waarde in rij])
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _xlsx_waarde(waarde):
    # openpyxl refuses control characters that XML cannot hold; they carry nothing for a reader anyway.
    if isinstance(waarde, str):
        return ontschadeld(ILLEGAL_CHARACTERS_RE.sub("", waarde))
    return waarde
