"""The export machinery: the value decides the cell, and the XLSX is ready to work in when it opens."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl

from netwerk.export import BREEDST, als_csv, als_xlsx

KOP = ["School", "Aangemeld op", "Uren", "Minuten", "Opmerking"]
RIJ = ["De Linde", dt.date(2026, 9, 1), Decimal("1.50"), 90, "=SOM(A1)"]


def _blad(rijen, **kwargs):
    return openpyxl.load_workbook(io.BytesIO(als_xlsx(rijen, **kwargs))).worksheets[0]


def test_xlsx_met_datums_als_datum_en_getallen_als_getal():
    blad = _blad([KOP, RIJ], blad="Trajecten")
    school, datum, uren, minuten, opmerking = blad[2]
    assert datum.is_date and datum.value.date() == dt.date(2026, 9, 1)
    assert datum.number_format == "dd/mm/yyyy"
    assert (uren.value, uren.number_format) == (1.5, "0.00")  # shown 1,50 in nl-BE, a number to add up
    assert (minuten.value, minuten.data_type) == (90, "n")
    assert (opmerking.value, opmerking.data_type) == ("'=SOM(A1)", "s")
    assert school.value == "De Linde"


def test_xlsx_met_naam_vaste_kop_filter_en_breedtes():
    blad = _blad(
        [KOP, RIJ, ["Een school met een naam die langer is dan een scherm breed" * 3]], blad="Scholen"
    )
    assert blad.title == "Scholen"
    assert blad.freeze_panes == "A2"
    assert blad.auto_filter.ref == "A1:E3"
    assert all(cel.font.b for cel in blad[1]) and not blad["A2"].font.b
    breedtes = {letter: blad.column_dimensions[letter].width for letter in "ABCDE"}
    assert breedtes["A"] == BREEDST  # capped: a long name wraps nowhere, but does not push the rest away
    assert breedtes["B"] >= len("Aangemeld op") and breedtes["B"] >= len("dd/mm/jjjj")
    assert breedtes["C"] >= len("Uren")


def test_xlsx_met_enkel_een_kop():
    blad = _blad([KOP], blad="Trajecten")
    assert blad.max_row == 1 and blad.auto_filter.ref == "A1:E1"


def test_xlsx_bladnaam_binnen_de_grens_van_excel():
    assert (
        _blad([KOP], blad="Trajecten van een bijzonder lange lijst").title
        == "Trajecten van een bijzonder lan"
    )


def test_csv_met_komma_in_getallen_en_iso_datums():
    tekst = als_csv([KOP, RIJ]).decode("utf-8")
    assert (
        tekst
        == "\ufeffSchool;Aangemeld op;Uren;Minuten;Opmerking\r\nDe Linde;2026-09-01;1,50;90;'=SOM(A1)\r\n"
    )
