"""Lists as files to take along: CSV for any program, XLSX that a coordinator opens and can work in at once.

A list gives its rows as Python values, the header first. The value decides the cell, so no list has to
describe its columns twice: a date becomes a date cell shown as dd/mm/jjjj, a number stays a number (hours
with their decimals), and text that a spreadsheet would take for a formula is made harmless (OWASP, "CSV
injection"). The XLSX gets what a coordinator otherwise does by hand before the file is of use: a sheet
named after what it holds, columns as wide as their content, a bold and frozen header, and a filter on
every column.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")
SOORTEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DATUMNOTATIE = "dd/mm/yyyy"  # the file's code; Excel in nl-BE shows and names it dd/mm/jjjj
SMALST, BREEDST = 6, 60  # in characters: a column no narrower than its filter button, none past a screen
FILTERKNOP = 3  # the header's filter button takes about three characters of its column


def ontschadeld(waarde):
    """Text that starts like a formula gets a leading quote, so a spreadsheet shows it and runs nothing."""
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


def als_csv(rijen: Iterable[list]) -> bytes:
    """`;`-separated UTF-8 with a BOM, decimals with a comma: Excel in nl-BE opens that with the accents,
    columns and numbers right. Dates stay ISO (2026-09-01), which every program and Excel read as dates."""
    uit = io.StringIO(newline="")
    schrijver = csv.writer(uit, delimiter=";", lineterminator="\r\n")
    for rij in rijen:
        schrijver.writerow([_csv_waarde(waarde) for waarde in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")


def _csv_waarde(waarde):
    if isinstance(waarde, Decimal | float):
        return str(waarde).replace(".", ",")
    return ontschadeld(waarde)


def als_xlsx(rijen: Iterable[list], *, blad: str) -> bytes:
    """One sheet called `blad` (at most 31 characters, Excel's limit), the header in the first row.

    Written in openpyxl's streaming mode (a list of 25,000 trajectories stays a few megabytes in memory);
    that mode needs the widths before the first row, so the rows are read once to measure them."""
    return als_xlsx_bladen([(blad, rijen)])


def als_xlsx_bladen(bladen: Iterable[tuple[str, Iterable[list]]]) -> bytes:
    """A workbook of several sheets, each (name, rows) as `als_xlsx` writes its one."""
    boek = Workbook(write_only=True)
    boek.properties.creator = "Honingraat"
    for blad, rijen in bladen:
        _blad_schrijven(boek, blad, rijen)
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _blad_schrijven(boek: Workbook, blad: str, rijen: Iterable[list]) -> None:
    kop, *rest = [list(rij) for rij in rijen]
    werkblad = boek.create_sheet(blad[:31])
    for kolom, breedte in enumerate(_breedtes([kop, *rest]), start=1):
        werkblad.column_dimensions[get_column_letter(kolom)].width = breedte
    werkblad.freeze_panes = "A2"
    werkblad.auto_filter.ref = f"A1:{get_column_letter(max(len(kop), 1))}{len(rest) + 1}"
    vet = Font(bold=True)
    werkblad.append([_cel(werkblad, waarde, font=vet) for waarde in kop])
    for rij in rest:
        werkblad.append([_cel(werkblad, waarde) for waarde in rij])


def _cel(werkblad, waarde, *, font: Font | None = None) -> WriteOnlyCell:
    if isinstance(waarde, str):
        # openpyxl refuses control characters that XML cannot hold; they carry nothing for a reader anyway.
        waarde = ontschadeld(ILLEGAL_CHARACTERS_RE.sub("", waarde))
    cel = WriteOnlyCell(werkblad, value=waarde)
    if font is not None:
        cel.font = font
    if isinstance(waarde, dt.date):
        cel.number_format = DATUMNOTATIE
    elif isinstance(waarde, Decimal) and (decimalen := -waarde.as_tuple().exponent) > 0:
        cel.number_format = "0." + "0" * decimalen  # 1,50 stays 1,50, not 1,5
    return cel


def _breedtes(rijen: list[list]) -> list[int]:
    breedtes: list[int] = []
    for nummer, rij in enumerate(rijen):
        for kolom, waarde in enumerate(rij):
            lengte = _lengte(waarde) + (FILTERKNOP if nummer == 0 else 0)
            if kolom == len(breedtes):
                breedtes.append(SMALST)
            breedtes[kolom] = max(breedtes[kolom], min(lengte + 1, BREEDST))
    return breedtes


def _lengte(waarde) -> int:
    if waarde is None:
        return 0
    if isinstance(waarde, dt.date):
        return len("dd/mm/jjjj")
    return max(len(regel) for regel in str(waarde).splitlines() or [""])


def antwoord(inhoud: bytes, *, formaat: str, bestandsnaam: str) -> HttpResponse:
    """The file as a download; `bestandsnaam` without extension, and without names of people."""
    antwoord = HttpResponse(inhoud, content_type=SOORTEN[formaat])
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}.{formaat}"'
    return antwoord
