"""Schools with figures as CSV and XLSX: the import's columns, figures per year, and no formulas."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scholen.exporteren import als_csv, als_xlsx, schoolrijen
from scholen.importeren import Actie, plan_scholen
from scholen.models import School
from tests import factories


@pytest.fixture
def scholen(db):
    clb = factories.ClbFactory(naam="CLB Gent")
    linde = factories.SchoolFactory(instellingsnummer="123456", naam="De Linde", postcode="9000", clb=clb)
    factories.CijfersFactory(school=linde, schooljaar=2023, leerlingen=240, gc_verslagen=4)
    factories.CijfersFactory(school=linde, schooljaar=2024, leerlingen=250, gc_verslagen=5, iac_verslagen=1)
    factories.CijfersFactory(school=linde, schooljaar=2019, leerlingen=100)
    wilg = factories.SchoolFactory(instellingsnummer="22334", naam='=HYPERLINK("http://x")', net="go")
    return [linde, wilg]


def test_een_rij_per_school_met_de_cijfers_per_schooljaar(scholen):
    kop, linde, wilg = schoolrijen(School.objects.order_by("-naam"), jaren=[2024, 2023])
    assert kop[:9] == [
        "instellingsnummer",
        "naam",
        "straat",
        "postcode",
        "gemeente",
        "niveau",
        "net",
        "scholengemeenschap",
        "clb",
    ]
    assert kop[9:] == [
        "leerlingen 2023-2024",
        "gc_verslagen 2023-2024",
        "iac_verslagen 2023-2024",
        "ov4_verslagen 2023-2024",
        "leerlingen 2024-2025",
        "gc_verslagen 2024-2025",
        "iac_verslagen 2024-2025",
        "ov4_verslagen 2024-2025",
    ]
    assert linde == [
        "123456",
        "De Linde",
        "",
        "9000",
        "Gent",
        "basis",
        "vrij",
        "",
        "CLB Gent",
        240,
        4,
        0,
        0,
        250,
        5,
        1,
        0,
    ]
    assert wilg[8:] == [""] * 9


def test_twee_queries_voor_een_of_vijf_scholen(scholen):
    def queries() -> int:
        with CaptureQueriesContext(connection) as vastgelegd:
            list(schoolrijen(School.objects.all(), jaren=range(2017, 2025)))
        return len(vastgelegd)

    een = queries()
    for _ in range(3):
        factories.CijfersFactory(school=factories.SchoolFactory(clb=factories.ClbFactory()), schooljaar=2024)
    assert een == queries() == 2


@pytest.mark.parametrize(
    ("waarde", "veilig"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+31 9 123", "'+31 9 123"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tgeheim", "'\tgeheim"),
        ("\rgeheim", "'\rgeheim"),
        ("Sint-André", "Sint-André"),
    ],
)
def test_csv_en_xlsx_maken_formules_onschadelijk(waarde, veilig):
    rijen = [["naam", "getal"], [waarde, -5]]
    csv_tekst = als_csv(rijen).decode("utf-8")
    assert csv_tekst.startswith("\ufeffnaam;getal\r\n")
    regel = csv_tekst.split("\r\n", 1)[1]
    assert regel.startswith((veilig, f'"{veilig}'))
    assert regel.rstrip("\r\n").endswith(";-5")

    blad = openpyxl.load_workbook(io.BytesIO(als_xlsx(rijen))).worksheets[0]
    cel, getal = blad["A2"], blad["B2"]
    # XML reads a carriage return back as a line feed; what matters is the quote in front.
    assert (cel.value.replace("\n", "\r"), cel.data_type) == (veilig, "s")
    assert getal.value == -5


def test_een_export_kan_zonder_wijzigingen_terug_ingelezen_worden(scholen, tmp_path):
    lsc = factories.LscFactory()
    for school in scholen:
        factories.BedieningFactory(lsc=lsc, school=school)
    pad = tmp_path / "export.xlsx"
    pad.write_bytes(als_xlsx(schoolrijen(School.objects.filter(instellingsnummer="123456"), jaren=[2024])))
    plan = plan_scholen(pad, lsc=lsc)
    assert [(rij.actie, rij.fouten) for rij in plan.rijen] == [(Actie.ONGEWIJZIGD, [])]
    pad = tmp_path / "export.csv"
    pad.write_bytes(als_csv(schoolrijen(School.objects.filter(instellingsnummer="123456"), jaren=[2024])))
    assert [rij.actie for rij in plan_scholen(pad, lsc=lsc).rijen] == [Actie.ONGEWIJZIGD]
