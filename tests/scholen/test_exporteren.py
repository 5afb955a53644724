"""Schools with figures as CSV and XLSX: the import's columns, figures per year, and no formulas; the list's
export holds exactly the schools the screen shows, over all its pages."""

import io
import random
import re

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netwerk.export import als_csv, als_xlsx
from netwerk.models import Rol
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.exporteren import schoolrijen
from scholen.importeren import Actie, plan_scholen
from scholen.models import Niveau, Onderwijsnet, School
from scholen.views import scholen as views
from tests import factories
from tests.support.lijsten import HTMX, Lijstpagina, aantal_in_label, csv_rijen


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

    blad = openpyxl.load_workbook(io.BytesIO(als_xlsx(rijen, blad="Scholen"))).worksheets[0]
    cel, getal = blad["A2"], blad["B2"]
    # XML reads a carriage return back as a line feed; what matters is the quote in front.
    assert (cel.value.replace("\n", "\r"), cel.data_type) == (veilig, "s")
    assert getal.value == -5


def test_een_export_kan_zonder_wijzigingen_terug_ingelezen_worden(scholen, tmp_path):
    lsc = factories.LscFactory()
    for school in scholen:
        factories.BedieningFactory(lsc=lsc, school=school)
    pad = tmp_path / "export.xlsx"
    pad.write_bytes(
        als_xlsx(schoolrijen(School.objects.filter(instellingsnummer="123456"), jaren=[2024]), blad="Scholen")
    )
    plan = plan_scholen(pad, lsc=lsc)
    assert [(rij.actie, rij.fouten) for rij in plan.rijen] == [(Actie.ONGEWIJZIGD, [])]
    pad = tmp_path / "export.csv"
    pad.write_bytes(als_csv(schoolrijen(School.objects.filter(instellingsnummer="123456"), jaren=[2024])))
    assert [rij.actie for rij in plan_scholen(pad, lsc=lsc).rijen] == [Actie.ONGEWIJZIGD]


# The export of the list: what the screen shows, all pages


LIJST = "/scholen/"
GEMEENTEN = ["Gent", "Aalst", "Sint-Niklaas"]


@pytest.fixture
def netwerk(wereld, monkeypatch):
    """The world's LSC with two regio teams and 30 schools of every kind (municipality, net, level, CLB,
    with and without an anchor, names that tie), beside the other LSC's school that no filter may show."""

    monkeypatch.setattr(views, "PER_PAGINA", 4)  # a few dozen schools span many pages
    toeval = random.Random(16)
    noord = factories.RegioteamFactory(lsc=wereld.lsc, naam="Regio Noord")
    clbs = [wereld.clb, factories.ClbFactory(naam="CLB Noord")]
    for nummer in range(30):
        school = factories.SchoolFactory(
            naam=toeval.choice(["De Linde", "Het Anker", "Klavertje", "Sint-Jozef"]) + f" {nummer % 7}",
            gemeente=toeval.choice(GEMEENTEN),
            net=toeval.choice(list(Onderwijsnet)),
            niveau=toeval.choice(list(Niveau)),
            clb=toeval.choice(clbs),
        )
        factories.BedieningFactory(
            lsc=wereld.lsc, school=school, regioteam=toeval.choice([wereld.regioteam, noord])
        )
        if nummer % 3:
            factories.AnkerFactory(school=school, ondersteuner=wereld.anker)
        if nummer % 4 == 0:
            factories.CijfersFactory(school=school)
    wereld.noord, wereld.clbs = noord, clbs
    return wereld


FILTERWAARDEN = {
    "q": st.sampled_from(["linde", "Gent", "1000", "Sint", "geen"]),
    "regioteam": st.sampled_from(["eigen", "noord", "vreemd"]),
    "gemeente": st.sampled_from([*GEMEENTEN, "Brugge"]),
    "net": st.sampled_from(["", *Onderwijsnet.values]),
    "niveau": st.sampled_from(["", *Niveau.values]),
    "clb": st.sampled_from(["eigen", "noord", "ander"]),
    "zonder_anker": st.just("on"),
}
# Up to three filters at once: more leave nothing of 30 schools, and an empty list proves little.
FILTERS = st.lists(st.sampled_from(sorted(FILTERWAARDEN)), max_size=3, unique=True).flatmap(
    lambda namen: st.fixed_dictionaries({naam: FILTERWAARDEN[naam] for naam in namen})
)


def _waarden(filters: dict, wereld) -> dict:
    ids = {
        "regioteam": {
            "eigen": wereld.regioteam.pk,
            "noord": wereld.noord.pk,
            "vreemd": wereld.vreemd_regioteam.pk,
        },
        "clb": {"eigen": wereld.clbs[0].pk, "noord": wereld.clbs[1].pk, "ander": 10**9},
    }
    return {naam: ids.get(naam, {}).get(waarde, waarde) for naam, waarde in filters.items()}


def _scholen(pagina: Lijstpagina) -> list[str]:
    """The schools on the page, by the links to their pages, as instellingsnummers (the export's key)."""
    treffers = (re.fullmatch(r"/scholen/(\d+)/", e.attrs.get("href", "")) for e in pagina.elementen)
    pks = [int(treffer.group(1)) for treffer in treffers if treffer]
    nummers = dict(School.objects.filter(pk__in=pks).values_list("pk", "instellingsnummer"))
    return [nummers[pk] for pk in pks]


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(filters=FILTERS, formaat=st.sampled_from(["csv", "xlsx"]))
def test_export_bevat_de_scholen_van_alle_paginas_in_dezelfde_volgorde(client, netwerk, filters, formaat):
    """Whatever filters: the export offered on the swapped list holds the schools of every page, in the
    list's order, and its button says how many."""
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    paginas = [Lijstpagina.lees(client.get(LIJST, _waarden(filters, netwerk), headers=HTMX).content.decode())]
    while (volgende := paginas[-1].volgende(LIJST)) is not None:
        paginas.append(Lijstpagina.lees(volgende.doe(client, headers=HTMX).content.decode()))
        assert len(paginas) < 50, "de paginering eindigt niet"
    op_het_scherm = [nummer for pagina in paginas for nummer in _scholen(pagina)]
    assert len(op_het_scherm) == len(set(op_het_scherm)), "een school staat op twee pagina's"

    verzoeken = [pagina.export(reverse("school_export", args=[formaat])) for pagina in paginas]
    assert verzoeken[0] is not None, "de vervangen lijst biedt geen export aan"
    assert all(v == verzoeken[0] for v in verzoeken), "de export hangt af van de pagina"
    assert aantal_in_label(verzoeken[0].label) == (False, len(op_het_scherm))

    antwoord = verzoeken[0].doe(client)
    if formaat == "csv":
        kop, *rijen = csv_rijen(antwoord.content)
    else:
        blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).worksheets[0]
        kop, *rijen = blad.iter_rows(values_only=True)
    assert kop[0] == "instellingsnummer"
    assert [rij[0] for rij in rijen] == op_het_scherm


@pytest.mark.django_db
def test_een_lege_schoollijst_geeft_een_export_met_enkel_de_kop(client, netwerk):
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    pagina = Lijstpagina.lees(client.get(LIJST, {"q": "geen zulke school"}, headers=HTMX).content.decode())
    assert "Geen school past bij deze filters. De export bevat dan enkel de kolomkoppen." in pagina.html
    verzoek = pagina.export(reverse("school_export", args=["xlsx"]))
    assert verzoek is not None and aantal_in_label(verzoek.label) == (False, 0)
    blad = openpyxl.load_workbook(io.BytesIO(verzoek.doe(client).content)).worksheets[0]
    assert blad.max_row == 1 and blad["A1"].value == "instellingsnummer"


@pytest.mark.django_db
def test_de_schoolexport_in_xlsx_is_bruikbaar_en_blijft_inleesbaar(client, netwerk):
    """Named, frozen, filterable and measured like every export; an instellingsnummer stays text (its
    leading zero), the figures are numbers."""
    client.force_login(netwerk.gebruikers[Rol.COORDINATOR])
    school = factories.SchoolFactory(instellingsnummer="012345", naam="Zonnebloem")
    factories.BedieningFactory(lsc=netwerk.lsc, school=school, regioteam=netwerk.regioteam)
    factories.CijfersFactory(school=school, leerlingen=312)
    antwoord = client.get(reverse("school_export", args=["xlsx"]), {"q": "Zonnebloem"})
    assert antwoord["Content-Disposition"].startswith('attachment; filename="scholen-')
    blad = openpyxl.load_workbook(io.BytesIO(antwoord.content)).worksheets[0]
    assert (blad.title, blad.freeze_panes, blad.max_row) == ("Scholen", "A2", 2)
    assert blad.auto_filter.ref == f"A1:{blad.cell(1, blad.max_column).column_letter}2"
    assert blad["A2"].value == "012345" and blad["A2"].data_type == "s"
    kop = [cel.value for cel in blad[1]]
    leerlingen = kop.index(f"leerlingen {als_tekst(huidig_schooljaar() - 1)}")
    assert blad.cell(2, leerlingen + 1).value == 312
    assert blad.column_dimensions["B"].width >= len("Zonnebloem")
