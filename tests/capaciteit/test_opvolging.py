"""The coordinator's follow-up: flags and projection per school, planned hours per supporter, access."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit import services
from capaciteit.models import Envelop
from capaciteit.opvolging import beschikbaar_per_week, planning_van, schoolrijen, uren_per_week
from netwerk.models import Rol
from tests import factories
from tests.conftest import aantal_queries

JAAR = 2026
# 1 September – 30 June is 303 days; on 19 October 49 have passed.
VANDAAG = dt.date(2026, 10, 19)
URL = reverse("capaciteit_opvolging") + f"?schooljaar={JAAR}"


@pytest.fixture
def vaste_dag(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)


def _publiceer(wereld, scholen, uren=303 * 3, **envelop):
    for school in scholen:
        factories.BedieningFactory(lsc=wereld.lsc, school=school)
        factories.CijfersFactory(school=school, schooljaar=JAAR - 1, leerlingen=100, gc_verslagen=0)
    wereld.eigen_school.cijfers.all().delete()
    factories.CijfersFactory(school=wereld.eigen_school, schooljaar=JAAR - 1, leerlingen=100, gc_verslagen=0)
    env, _ = Envelop.objects.get_or_create(
        lsc=wereld.lsc, schooljaar=JAAR, defaults={"uren": uren, "verslagsoorten": ["gc"], **envelop}
    )
    return services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=env)


def _log(wereld, school, minuten, type_="9", datum=dt.date(2026, 10, 1)):
    traject = factories.TrajectFactory(lsc=wereld.lsc, school=school, type=type_)
    factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, minuten=minuten, datum=datum)
    return traject


# --- pure ---------------------------------------------------------------------------------------------


class _Kader:
    def __init__(self, pk, naam, uren):
        self.school_id, self.uren = pk, uren
        self.school = type("S", (), {"naam": naam})()


def test_vlaggen_en_projectie_met_een_vaste_dag():
    # Each school: 303 hours a year, so 49 hours pro rata on 19 October.
    kaders = [_Kader(1, "Aa", 303), _Kader(2, "Bb", 303), _Kader(3, "Cc", 303), _Kader(4, "Dd", 303)]
    oktober = dt.date(2026, 10, 1)
    minuten = {
        1: {oktober: (49 * 60, 0)},  # exactly pro rata
        2: {oktober: (60 * 60, 0)},  # 122 %: far above
        3: {oktober: (24 * 60, 600 * 60)},  # 49 %: far below, the kleine types don't help
        # 4: nothing logged: far below
    }
    rijen = schoolrijen(kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG)
    assert [(r.kader.school.naam, r.signaal) for r in rijen] == [
        ("Bb", "boven"),
        ("Cc", "onder"),
        ("Dd", "onder"),
        ("Aa", ""),
    ]
    aa = rijen[-1]
    assert aa.opvolging.pro_rata == 49
    assert aa.opvolging.projectie == 303
    assert (aa.gebruikt, aa.procent, aa.projectie) == ("49", "100", "303")
    assert rijen[0].opvolging.projectie == Fraction(60 * 303, 49)
    assert rijen[1].klein == "600"
    gemarkeerd = schoolrijen(
        kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG, enkel_gemarkeerd=True
    )
    assert {r.kader.school.naam for r in gemarkeerd} == {"Bb", "Cc", "Dd"}
    op_naam = schoolrijen(kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG, sorteer="naam")
    assert [r.kader.school.naam for r in op_naam] == ["Aa", "Bb", "Cc", "Dd"]


def test_geen_vlag_voor_twee_schoolweken():
    kaders = [_Kader(1, "Aa", 303)]
    # On 5 September 5/303 of 36 weeks have passed: less than two school weeks, no flag yet.
    [rij] = schoolrijen(kaders, {}, schoolweken=36, schooljaar=JAAR, vandaag=dt.date(2026, 9, 5))
    assert rij.signaal == ""
    [rij] = schoolrijen(kaders, {}, schoolweken=36, schooljaar=JAAR, vandaag=dt.date(2026, 9, 30))
    assert rij.signaal == "onder"


def test_geplande_uren_per_week_omgerekend():
    assert uren_per_week(120, "week") == 2
    assert uren_per_week(120, "2weken") == 1
    assert uren_per_week(240, "maand") == 1
    assert uren_per_week(90, "maand") == Fraction(3, 8)
    assert uren_per_week(None, "week") == 0
    assert uren_per_week(60, "") == 0


def test_beschikbaar_uit_envelop_of_38_uur():
    envelop = Envelop(uren_per_voltijdse=1296, schoolweken=36)
    assert beschikbaar_per_week(50, envelop)[0] == 18
    assert "envelop" in beschikbaar_per_week(50, envelop)[1]
    uren, bron = beschikbaar_per_week(50, None)
    assert uren == 19 and "38 uur" in bron
    assert beschikbaar_per_week(100, Envelop(uren_per_voltijdse=None, schoolweken=36))[0] == 38


# --- the page -----------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "rol,status",
    [
        (Rol.COORDINATOR, 200),
        (Rol.DIRECTEUR, 200),
        (Rol.TEAMCOACH, 403),
        (Rol.ONDERSTEUNER, 403),
        (Rol.ZORG, 403),
        (Rol.CLB, 403),
        (Rol.ADMIN, 403),
    ],
)
def test_toegang(client, wereld, rol, status):
    client.force_login(wereld.gebruikers[rol])
    assert client.get(URL).status_code == status


@pytest.mark.django_db
def test_lege_toestand_zonder_publicatie(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(URL)
    assert antwoord.status_code == 200
    assert "Er is nog geen verdeling gepubliceerd voor 2026-2027." in antwoord.content.decode()
    assert antwoord.context["rijen"] == []


@pytest.mark.django_db
def test_enkel_brede_types_tellen_en_vlaggen(client, wereld, vaste_dag):
    tweede = factories.SchoolFactory(naam="School Twee")
    _publiceer(wereld, [tweede])  # 909 hours, two schools with equal pupils: 455 and 454
    _log(wereld, wereld.eigen_school, 600, type_="9")
    _log(wereld, wereld.eigen_school, 600, type_="basisaanbod")
    _log(wereld, wereld.eigen_school, 600, type_="2")  # kleine type: apart
    _log(wereld, tweede, 600, type_="4")  # only kleine types: far below
    # Another LSC's log lines at the same school don't count.
    vreemd = factories.TrajectFactory(lsc=wereld.vreemde_ondersteuner.lsc, school=wereld.eigen_school)
    factories.LogboekregelFactory(traject=vreemd, minuten=600, datum=dt.date(2026, 10, 2))
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(URL)
    rijen = {r.kader.school.naam: r for r in antwoord.context["rijen"]}
    eigen, twee = rijen["School Eigen"], rijen["School Twee"]
    assert eigen.opvolging.gebruikt == 20
    assert eigen.opvolging.klein == 10
    assert twee.opvolging.gebruikt == 0 and twee.klein == "10"
    assert twee.signaal == "onder"
    html = antwoord.content.decode()
    assert "ver onder" in html
    # School Eigen: 20 of 455 × 49/303 ≈ 73.6 hours pro rata, also far below.
    gefilterd = client.get(URL + "&gemarkeerd=1").context["rijen"]
    assert [r.kader.school.naam for r in gefilterd] == ["School Eigen", "School Twee"]


@pytest.mark.django_db
def test_queries_constant_voor_3_en_30_scholen(client, wereld, vaste_dag):
    scholen = [factories.SchoolFactory() for _ in range(2)]
    _publiceer(wereld, scholen)
    for school in [wereld.eigen_school, *scholen]:
        _log(wereld, school, 120)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    bij_drie = aantal_queries(client, URL)
    assert len(client.get(URL).context["rijen"]) == 3
    meer = [factories.SchoolFactory() for _ in range(27)]
    _publiceer(wereld, meer)
    for school in meer:
        _log(wereld, school, 60)
        _log(wereld, school, 60, type_="7")
        t = factories.TrajectFactory(lsc=wereld.lsc, school=school, status="lopend", intensiteit_minuten=60)
        factories.ToewijzingFactory(traject=t, ondersteuner=factories.OndersteunerFactory(lsc=wereld.lsc))
    assert len(client.get(URL).context["rijen"]) == 30
    assert aantal_queries(client, URL) == bij_drie


# --- planned hours ------------------------------------------------------------------------------------


def _lopend(wereld, ondersteuner, minuten, frequentie, type_="9"):
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        type=type_,
        status="lopend",
        intensiteit_minuten=minuten,
        frequentie=frequentie,
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner)


@pytest.mark.django_db
def test_geplande_uren_van_een_ondersteuner(client, wereld):
    anker = wereld.anker
    anker.opdracht_procent = 50
    anker.save()
    _lopend(wereld, anker, 240, "week")  # 4
    _lopend(wereld, anker, 240, "2weken")  # 2
    _lopend(wereld, anker, 480, "maand", type_="basisaanbod")  # 2
    _lopend(wereld, anker, 120, "week", type_="6")  # kleine type: 2, outside the frame
    afgerond = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status="afgerond",
        intensiteit_minuten=600,
        frequentie="week",
    )
    factories.ToewijzingFactory(traject=afgerond, ondersteuner=anker)
    planning = planning_van(anker)
    assert (planning.breed, planning.klein, planning.beschikbaar) == (8, 2, 19)
    assert not planning.te_veel
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("ondersteuner_detail", args=[anker.pk])).content.decode()
    assert "8 uur per week van 19 uur beschikbaar" in html
    assert "38 uur per voltijdse week" in html


@pytest.mark.django_db
def test_opvolging_toont_ondersteuners_en_markeert_te_veel(client, wereld):
    from netwerk.schooljaar import huidig_schooljaar

    Envelop.objects.create(
        lsc=wereld.lsc, schooljaar=huidig_schooljaar(), uren_per_voltijdse=360, schoolweken=36
    )
    wereld.anker.opdracht_procent = 50
    wereld.anker.save()
    _lopend(wereld, wereld.anker, 360, "week")  # 6 hours planned, 5 available
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("capaciteit_opvolging"))
    [planning] = antwoord.context["planningen"]
    assert (planning.breed, planning.beschikbaar, planning.te_veel) == (6, 5, True)
    html = antwoord.content.decode()
    assert "meer gepland dan beschikbaar" in html
    assert "360 uur per voltijdse opdracht (envelop)" in html
    assert wereld.vreemde_ondersteuner.gebruiker.naam not in html
