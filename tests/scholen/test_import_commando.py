"""`importeer_scholen` and `importeer_cijfers`: a refused file names every faulty row and stores nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from netwerk import inlezen
from netwerk.models import Clb, Leersteuncentrum
from scholen.models import Bediening, School, Schooljaarcijfers
from tests import factories
from tests.support.bestanden import (
    BEKENDE_SCHOOL,
    FOUTGEVALLEN,
    groot_bestand,
    rekenblad_met_lege_rijen,
)

SCHOLENKOP = "instellingsnummer;naam;straat;postcode;gemeente;niveau;net;scholengemeenschap;clb"
CIJFERKOP = "instellingsnummer;schooljaar;leerlingen;gc_verslagen;iac_verslagen;ov4_verslagen"


def _stand() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (School, Bediening, Schooljaarcijfers, Clb, Leersteuncentrum)
    }


def _voer_uit(commando: str, *args) -> tuple[str, str]:
    uit, fout = io.StringIO(), io.StringIO()
    call_command(commando, *map(str, args), stdout=uit, stderr=fout)
    return uit.getvalue(), fout.getvalue()


def _geweigerd(commando: str, *args) -> tuple[str, str]:
    fout = io.StringIO()
    with pytest.raises(CommandError) as uitzondering:
        call_command(commando, *map(str, args), stdout=io.StringIO(), stderr=fout)
    return str(uitzondering.value), fout.getvalue()


def _bestand(tmp_path, naam: str, tekst: str):
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


@pytest.fixture
def bekende_school(wereld):
    school = factories.SchoolFactory(instellingsnummer=BEKENDE_SCHOOL, naam="Basisschool De Linde")
    factories.BedieningFactory(lsc=wereld.lsc, school=school)
    return school


@pytest.mark.django_db
@pytest.mark.parametrize("geval", FOUTGEVALLEN, ids=str)
def test_een_geweigerd_bestand_noemt_de_fout_en_slaat_niets_op(bekende_school, geval):
    voor = _stand()
    opties = ["--lsc", "LSC Eigen"] if geval.soort == "scholen" else []
    melding, stderr = _geweigerd(f"importeer_{geval.soort}", *opties, geval.pad)
    if geval.regel is None:
        assert "Bestand geweigerd, er is niets opgeslagen:" in melding
        assert geval.reden in melding
    else:
        assert geval.commandoregel in stderr.splitlines()
        assert "er is niets opgeslagen" in melding
    assert _stand() == voor


@pytest.mark.django_db
def test_elke_foute_rij_staat_op_een_eigen_regel(bekende_school, tmp_path):
    pad = _bestand(
        tmp_path,
        "cijfers.csv",
        f"{CIJFERKOP}\n{BEKENDE_SCHOOL};2024-2025;250;5;0;0\n999999;2024-2025;10;0;0;0\n"
        f"{BEKENDE_SCHOOL};2025;x;0;0;0\n",
    )
    melding, stderr = _geweigerd("importeer_cijfers", pad)
    assert stderr.splitlines() == [
        "regel 3, kolom instellingsnummer: onbekende school: er is geen school met instellingsnummer 999999 "
        "(importeer eerst de school)",
        "regel 4, kolom schooljaar: schooljaar '2025' is niet van de vorm 2025-2026",
        "regel 4, kolom leerlingen: ‘x’ is geen geheel getal",
    ]
    assert melding.startswith("2 rijen geweigerd, er is niets opgeslagen.")
    assert not Schooljaarcijfers.objects.filter(school=bekende_school).exists()


@pytest.mark.django_db
def test_een_te_groot_bestand_wordt_geweigerd_voor_het_gelezen_wordt(bekende_school, tmp_path):
    voor = _stand()
    melding, _stderr = _geweigerd("importeer_cijfers", groot_bestand(tmp_path))
    assert "Het bestand is 20,0 MB groot; de grens is 10,0 MB." in melding
    assert _stand() == voor


@pytest.mark.django_db
def test_de_commandos_houden_dezelfde_grenzen_als_het_scherm(bekende_school, tmp_path):
    """The XLSX of 281 KB with 32 million empty rows: refused before it is opened, as in the browser."""
    voor = _stand()
    pad = rekenblad_met_lege_rijen(tmp_path / "leeg.xlsx", lege_rijen=32_000_000)
    melding, _stderr = _geweigerd("importeer_cijfers", pad)
    assert melding.startswith(
        "Bestand geweigerd, er is niets opgeslagen: Een onderdeel van dit Excel-bestand (meestal het blad "
        "zelf) is uitgepakt 183,1 MB groot; de grens is 120,0 MB."
    )
    gat = rekenblad_met_lege_rijen(tmp_path / "gat.xlsx", lege_rijen=1_000_000, vorm="gat")
    melding, _stderr = _geweigerd("importeer_cijfers", gat)
    assert "Het bestand heeft meer dan 50.000 lege rijen (gestopt bij regel 50003)." in melding
    assert _stand() == voor


@pytest.mark.django_db
def test_een_commando_stopt_na_de_leestijd(bekende_school, tmp_path, monkeypatch):
    klok = iter(range(0, 10_000, 10))
    monkeypatch.setattr(inlezen, "_nu", lambda: next(klok))
    regels = "".join(f"{BEKENDE_SCHOOL};{2000 + i}-{2001 + i};250;5;1;0\n" for i in range(20))
    melding, _stderr = _geweigerd("importeer_cijfers", _bestand(tmp_path, "c.csv", f"{CIJFERKOP}\n{regels}"))
    assert "Het lezen van het bestand duurde langer dan 60 seconden en is gestopt" in melding
    assert not Schooljaarcijfers.objects.filter(school=bekende_school).exists()


@pytest.mark.django_db
def test_zonder_geweigerde_slaat_de_goede_rijen_op_en_meldt_de_andere(bekende_school):
    geval = next(geval for geval in FOUTGEVALLEN if geval.bestand == "cijfers_onbekende_school.csv")
    stdout, stderr = _voer_uit("importeer_cijfers", "--zonder-geweigerde", geval.pad)
    assert geval.commandoregel in stderr
    assert "Cijfers: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 1 overgeslagen." in stdout
    cijfers = Schooljaarcijfers.objects.get(school=bekende_school, schooljaar=2024)
    assert (cijfers.leerlingen, cijfers.gc_verslagen, cijfers.iac_verslagen) == (250, 5, 1)


@pytest.mark.django_db
def test_scholen_importeren_maakt_aan_en_werkt_bij_op_instellingsnummer(wereld, tmp_path):
    factories.ClbFactory(naam="CLB Nieuw")  # a CLB is made on its own, never by an import
    eerste = _bestand(
        tmp_path,
        "scholen.csv",
        f"{SCHOLENKOP}\n223344;De Wilg;Kerkstraat 1;9000;Gent;lager;vrij;SG Gent;CLB Eigen\n"
        "223345;Atheneum Noord;;;Gent;secundair;GO!;;CLB Nieuw\n",
    )
    stdout, _stderr = _voer_uit("importeer_scholen", "--lsc", "LSC Eigen", eerste)
    assert "Scholen voor LSC Eigen: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 overgeslagen." in stdout
    assert School.objects.get(instellingsnummer="223345").clb.naam == "CLB Nieuw"

    tweede = _bestand(
        tmp_path,
        "scholen2.csv",
        f"{SCHOLENKOP}\n223344;De Wilg;Kerkstraat 1;9000;Gent;lager;vrij;SG Gent;CLB Eigen\n"
        "223345;Atheneum Gent-Noord;;;Gent;secundair;go;;clb nieuw\n",
    )
    stdout, _stderr = _voer_uit("importeer_scholen", "--lsc", "LSC Eigen", tweede)
    assert "0 nieuw, 1 bijgewerkt, 1 ongewijzigd" in stdout
    assert School.objects.get(instellingsnummer="223345").naam == "Atheneum Gent-Noord"
    assert Clb.objects.filter(naam__iexact="clb nieuw").count() == 1
    assert (
        Bediening.objects.filter(lsc=wereld.lsc, school__instellingsnummer__in=["223344", "223345"]).count()
        == 2
    )


@pytest.mark.django_db
def test_een_onbekend_clb_weigert_het_bestand_met_een_suggestie_en_exitcode_1(wereld, tmp_path):
    pad = _bestand(tmp_path, "scholen.csv", f"{SCHOLENKOP}\n223344;De Wilg;;;Gent;lager;vrij;;CLB Eigne\n")
    voor = _stand()
    melding, uitleg = _geweigerd("importeer_scholen", "--lsc", "LSC Eigen", pad)
    assert "1 rij geweigerd, er is niets opgeslagen" in melding
    assert "regel 2, kolom clb: ‘CLB Eigne’ is geen CLB in Honingraat; bedoel je ‘CLB Eigen’" in uitleg
    assert _stand() == voor


@pytest.mark.django_db
def test_lsc_is_verplicht_als_er_meer_dan_een_is(wereld, tmp_path):
    pad = _bestand(tmp_path, "scholen.csv", f"{SCHOLENKOP}\n223344;De Wilg;;;Gent;lager;vrij;;\n")
    voor = _stand()
    melding, _stderr = _geweigerd("importeer_scholen", pad)
    assert melding == "Er zijn meerdere leersteuncentra (LSC Ander, LSC Eigen): kies er een met --lsc NAAM."
    assert _stand() == voor


@pytest.mark.django_db
def test_een_onbekend_lsc_wordt_aangemaakt_met_de_scholen(wereld, tmp_path):
    pad = _bestand(tmp_path, "scholen.csv", f"{SCHOLENKOP}\n223344;De Wilg;;;Gent;lager;vrij;;\n")
    stdout, _stderr = _voer_uit("importeer_scholen", "--lsc", "SLSC 467", pad)
    assert "Scholen voor SLSC 467: 1 nieuw" in stdout
    assert Bediening.objects.filter(lsc__naam="SLSC 467", school__instellingsnummer="223344").exists()


@pytest.mark.django_db
def test_een_onbekend_lsc_bij_een_geweigerd_bestand_wordt_niet_aangemaakt(wereld):
    geval = next(geval for geval in FOUTGEVALLEN if geval.bestand == "scholen_fout_niveau.csv")
    _geweigerd("importeer_scholen", "--lsc", "SLSC 467", geval.pad)
    assert not Leersteuncentrum.objects.filter(naam="SLSC 467").exists()


@pytest.mark.django_db
def test_met_een_enkel_lsc_is_lsc_niet_nodig(db, tmp_path):
    lsc = factories.LscFactory(naam="LSC Enig")
    pad = _bestand(tmp_path, "scholen.csv", f"{SCHOLENKOP}\n223344;De Wilg;;;Gent;lager;vrij;;\n")
    _voer_uit("importeer_scholen", pad)
    assert Bediening.objects.filter(lsc=lsc, school__instellingsnummer="223344").exists()


@pytest.mark.django_db
def test_een_onbestaand_bestand_is_een_duidelijke_fout(db, tmp_path):
    melding, _stderr = _geweigerd("importeer_cijfers", tmp_path / "weg.csv")
    assert melding == f"Bestand {tmp_path / 'weg.csv'} bestaat niet."
