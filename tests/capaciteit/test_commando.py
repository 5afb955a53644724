import csv
import io

import pytest
from django.core.management import CommandError, call_command

from capaciteit.models import Envelop, Verdeling
from tests import factories


@pytest.fixture
def netwerk(wereld):
    wereld.eigen_school.cijfers.all().delete()
    for nummer, leerlingen, verslagen in [("10001", 300, 6), ("10002", 100, 2)]:
        school = factories.SchoolFactory(instellingsnummer=nummer, naam=f"School {nummer}")
        factories.BedieningFactory(lsc=wereld.lsc, school=school)
        factories.CijfersFactory(
            school=school, schooljaar=2025, leerlingen=leerlingen, gc_verslagen=verslagen
        )
    factories.CijfersFactory(school=wereld.eigen_school, schooljaar=2025, leerlingen=600, gc_verslagen=12)
    return wereld


@pytest.mark.django_db
def test_berekent_zonder_te_publiceren_en_schrijft_csv(netwerk, tmp_path):
    bestand = tmp_path / "kaders.csv"
    call_command(
        "tijdskaders",
        lsc="LSC Eigen",
        schooljaar="2026-2027",
        uren=1000,
        export=bestand,
        stderr=io.StringIO(),
    )
    rijen = list(csv.DictReader(bestand.open(encoding="utf-8"), delimiter=";"))
    assert list(rijen[0]) == [
        "instellingsnummer",
        "naam",
        "leerlingen",
        "gemiddelde_verslagen",
        "gewicht",
        "uren",
    ]
    assert {r["instellingsnummer"]: int(r["uren"]) for r in rijen} == {
        "10001": 300, "10002": 100, netwerk.eigen_school.instellingsnummer: 600,
    }  # fmt: skip
    assert not Verdeling.objects.exists() and not Envelop.objects.exists()


@pytest.mark.django_db
def test_publiceert_op_vraag(netwerk):
    uit = io.StringIO()
    opties = {"lsc": "LSC Eigen", "schooljaar": "2026-2027", "uren": 1000, "publiceer": True}
    call_command("tijdskaders", **opties, stdout=uit, stderr=io.StringIO())
    assert Verdeling.objects.get().tijdskaders.count() == 3
    assert uit.getvalue().startswith("instellingsnummer;naam;")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        ({"lsc": "Onbestaand", "schooljaar": "2026-2027"}, "Onbekend leersteuncentrum"),
        ({"lsc": "LSC Eigen", "schooljaar": "2026"}, "niet van de vorm"),
    ],
)
def test_fouten_geven_een_duidelijke_melding(netwerk, argumenten, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("tijdskaders", **argumenten)


@pytest.mark.django_db
def test_school_zonder_leerlingen_wordt_genoemd(netwerk):
    nieuw = factories.SchoolFactory(naam="Startende School", instellingsnummer="10009")
    factories.BedieningFactory(lsc=netwerk.lsc, school=nieuw)
    with pytest.raises(CommandError, match=r"Startende School \(10009\)"):
        call_command("tijdskaders", lsc="LSC Eigen", schooljaar="2026-2027", uren=100, stdout=io.StringIO())
