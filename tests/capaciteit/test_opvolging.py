"""The coordinator's follow-up: flags and projection per school, planned hours per supporter, access."""

import datetime as dt
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit import services
from capaciteit.models import Envelop, Planregel, Weekplan
from capaciteit.queries import planning_van
from capaciteit.rekenen import cijfers
from capaciteit.rekenen.opvolging import schoolrijen
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.queries import aantal_queries
from trajecten.models import Frequentie

JAAR = 2026
# 2026-2027 has 183 school days; on 19 October 35 have passed: 36 × 35/183 = 6,9 school weeks.
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
    # Each school: 183 hours a year, so 35 hours pro rata on 19 October.
    kaders = [_Kader(1, "Aa", 183), _Kader(2, "Bb", 183), _Kader(3, "Cc", 183), _Kader(4, "Dd", 183)]
    oktober = dt.date(2026, 10, 1)
    minuten = {
        1: {oktober: (35 * 60, 0)},  # exactly pro rata
        2: {oktober: (43 * 60, 0)},  # 123 %: far above
        3: {oktober: (17 * 60, 600 * 60)},  # 49 %: far below, the kleine types don't help
        # 4: nothing logged: far below
    }
    rijen = schoolrijen(kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG)
    assert [(r.kader.school.naam, r.signaal) for r in rijen] == [
        ("Bb", "boven"),
        ("Cc", "onder"),
        ("Dd", "onder"),
        ("Aa", "binnen"),
    ]
    aa = rijen[-1].opvolging
    assert aa.cijfers.pro_rata == 35 * 60
    assert aa.cijfers.projectie == 183 * 60
    assert (aa.gebruikt, aa.procent, aa.projectie) == ("35", "100", "183")
    assert rijen[0].opvolging.cijfers.projectie == Fraction(43 * 60 * 183, 35)
    assert rijen[1].opvolging.klein == "600"
    gemarkeerd = schoolrijen(
        kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG, enkel_gemarkeerd=True
    )
    assert {r.kader.school.naam for r in gemarkeerd} == {"Bb", "Cc", "Dd"}
    op_naam = schoolrijen(kaders, minuten, schoolweken=36, schooljaar=JAAR, vandaag=VANDAAG, sorteer="naam")
    assert [r.kader.school.naam for r in op_naam] == ["Aa", "Bb", "Cc", "Dd"]


@pytest.mark.parametrize(
    ("datum", "signaal"),
    [
        (dt.date(2026, 9, 5), "te_vroeg"),
        (dt.date(2026, 9, 30), "te_vroeg"),  # 4,3 school weeks
        (dt.date(2026, 10, 12), "te_vroeg"),  # 30 school days: 5,9 school weeks
        (dt.date(2026, 10, 13), "onder"),  # 31 school days: 6,1 school weeks
    ],
)
def test_geen_vlag_voor_zes_schoolweken(datum, signaal):
    [rij] = schoolrijen([_Kader(1, "Aa", 303)], {}, schoolweken=36, schooljaar=JAAR, vandaag=datum)
    assert rij.signaal == signaal
    assert (rij.opvolging.projectie == "—") is (signaal == "te_vroeg")


def test_afgesproken_uren_per_week_omgerekend():
    assert cijfers.afgesproken_per_week(intensiteit_minuten=120, frequentie="week") == 120
    assert cijfers.afgesproken_per_week(intensiteit_minuten=120, frequentie="2weken") == 60
    assert cijfers.afgesproken_per_week(intensiteit_minuten=240, frequentie="maand") == 60
    assert cijfers.afgesproken_per_week(intensiteit_minuten=90, frequentie="maand") == Fraction(45, 2)
    assert cijfers.afgesproken_per_week(intensiteit_minuten=None, frequentie="week") == 0
    assert cijfers.afgesproken_per_week(intensiteit_minuten=60, frequentie="") == 0


def test_de_frequenties_zijn_die_van_de_trajecten():

    assert set(cijfers.KEER_PER_WEEK) == set(Frequentie.values)


def test_beschikbaar_uit_envelop_of_38_uur():
    uit_envelop = cijfers.beschikbaar(opdracht_procent=50, uren_per_voltijdse=1296, schoolweken=36)
    assert uit_envelop.minuten_per_week == 18 * 60 and uit_envelop.uit_envelop
    zonder = cijfers.beschikbaar(opdracht_procent=50, uren_per_voltijdse=None, schoolweken=36)
    assert zonder.minuten_per_week == 19 * 60 and not zonder.uit_envelop
    assert (
        cijfers.beschikbaar(opdracht_procent=100, uren_per_voltijdse=None, schoolweken=40).minuten_per_week
        == 38 * 60
    )


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
    assert eigen.opvolging.cijfers.gebruikt == 20 * 60
    assert eigen.opvolging.cijfers.klein == 10 * 60
    assert twee.opvolging.cijfers.gebruikt == 0 and twee.opvolging.klein == "10"
    assert twee.signaal == "onder"
    html = antwoord.content.decode()
    assert "ver onder" in html
    # School Eigen: 20 of 455 × 35/183 ≈ 87 hours pro rata, also far below.
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
    assert len(client.get(URL, {"alle": "1"}).context["rijen"]) == 30
    assert aantal_queries(client, URL) == bij_drie


# --- issue 20 part 3: the follow-up shows the first rows of each table, marked ones first; all on ?alle.
@pytest.mark.django_db
def test_opvolging_toont_eerst_de_gemarkeerde_en_alle_op_vraag(client, wereld, vaste_dag):
    scholen = [factories.SchoolFactory() for _ in range(14)]
    _publiceer(wereld, [*scholen])
    _log(wereld, scholen[-1], 6000)  # far above its frame: marked, so on the short page
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    kort = client.get(URL)
    assert len(kort.context["rijen"]) == 10 and kort.context["verborgen_scholen"] == 5
    assert kort.context["rijen"][0].kader.school == scholen[-1]
    html = kort.content.decode()
    assert f'href="?schooljaar={JAAR}&amp;alle=1">Alle scholen tonen</a>' in html
    assert "Nog 5 scholen niet getoond." in html
    assert '<span data-cijfer="gemarkeerd">' in html
    alle = client.get(URL, {"alle": "1"})
    assert len(alle.context["rijen"]) == 15 and "Alle scholen tonen" not in alle.content.decode()


# --- a supporter's week -----------------------------------------------------------------------------


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
def test_afgesproken_uren_van_een_ondersteuner(client, wereld):
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
    assert (planning.afgesproken_breed, planning.afgesproken_klein) == (8 * 60, 2 * 60)
    assert planning.beschikbaar.minuten_per_week == 19 * 60
    assert planning.gepland is None and not planning.te_veel
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("ondersteuner_detail", args=[anker.pk])).content.decode()
    assert '<span data-cijfer="afgesproken_breed">8</span> uur per week op brede types' in html
    assert "Beschikbaar = 50 % × 38 uur per voltijdse week = 19 uur per week" in html


@pytest.mark.django_db
def test_opvolging_toont_ondersteuners_en_markeert_te_veel(client, wereld):

    Envelop.objects.create(
        lsc=wereld.lsc, schooljaar=huidig_schooljaar(), uren_per_voltijdse=360, schoolweken=36
    )
    wereld.anker.opdracht_procent = 50
    wereld.anker.save()
    _lopend(wereld, wereld.anker, 60, "week")  # agreed: 1 hour, not what counts against the week
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        versie=1,
        instellingen={"cyclus_weken": 2},
    )
    for dag in (0, 5):  # 24 half hours in two weeks: 6 hours a week, 5 available
        Planregel.objects.create(
            weekplan=plan, ondersteuner=wereld.anker, school=wereld.eigen_school, dag=dag, blokken=12
        )
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("capaciteit_opvolging"))
    [planning] = antwoord.context["planningen"]
    assert (planning.gepland, planning.beschikbaar.minuten_per_week, planning.te_veel) == (360, 300, True)
    html = antwoord.content.decode()
    assert "meer gepland dan beschikbaar" in html
    assert "360 uur per voltijdse opdracht (envelop)" in html
    assert wereld.vreemde_ondersteuner.gebruiker.naam not in html
