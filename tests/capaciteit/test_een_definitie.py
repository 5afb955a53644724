"""One definition of every figure, shown the same everywhere (issue 16.5), as the user reads the pages.

A supporter's available and planned hours read the same on the supporter page, the follow-up and the week
plan; the frame's signals wait for enough school weeks and say their thresholds; the school's care staff
never get the solidarity advice; the follow-up is in the menu of those who may open it. The assertions
read the visible text, not the templates' markers, so they say what a user would see.
"""

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from capaciteit import services
from capaciteit.export import verdelingsrijen
from capaciteit.models import Envelop, Planregel, Tijdskader, Weekplan
from netwerk.models import Rol
from scholen.models import School
from tests import factories

JAAR = 2026


def _tekst(html: str) -> str:
    """What the page says: tags out, spaces folded."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def _cellen(html: str, naam: str) -> list[str]:
    """The cells of the table row that names `naam`."""
    for rij in re.findall(r"<tr[^>]*>.*?</tr>", html, re.S):
        if naam in rij:
            return [_tekst(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", rij, re.S)]
    raise AssertionError(f"geen rij met {naam}")


@pytest.fixture
def vandaag(monkeypatch):
    """Sets the day the pages think it is (and so the current school year)."""

    def zet(datum: dt.date) -> None:
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: datum)

    zet(dt.date(JAAR, 12, 7))
    return zet


# --- a supporter's week ----------------------------------------------------------------------------------


@pytest.fixture
def week(wereld, vandaag):
    """The anchor: 80 % of a full-time assignment of 1000 hours over 36 school weeks (22,2 hours a week),
    5,5 hours a week agreed in running trajectories, 21,5 hours a week in the published week plan."""
    Envelop.objects.create(
        lsc=wereld.lsc,
        schooljaar=JAAR,
        uren=1000,
        uren_per_voltijdse=1000,
        schoolweken=36,
        verslagsoorten=["gc"],
    )
    anker = wereld.anker
    anker.opdracht_procent = 80
    anker.save()
    for (minuten, frequentie), soort in zip(
        ((240, "week"), (120, "2weken"), (120, "maand")), ("9", "3", "basisaanbod"), strict=True
    ):
        traject = factories.TrajectFactory(
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            type=soort,
            status="lopend",
            intensiteit_minuten=minuten,
            frequentie=frequentie,
        )
        factories.ToewijzingFactory(traject=traject, ondersteuner=anker)
    oud = Weekplan.objects.create(
        lsc=wereld.lsc, schooljaar=JAAR, status=Weekplan.Status.VERVANGEN, versie=1, instellingen={}
    )
    Planregel.objects.create(weekplan=oud, ondersteuner=anker, school=wereld.eigen_school, dag=0, blokken=16)
    plan = Weekplan.objects.create(
        lsc=wereld.lsc,
        schooljaar=JAAR,
        status=Weekplan.Status.GEPUBLICEERD,
        versie=2,
        instellingen={"cyclus_weken": 1},
        gepubliceerd_op=timezone.now(),
    )
    for dag, blokken in ((0, 16), (1, 16), (3, 11)):  # 43 half hours: 21,5 hours a week
        Planregel.objects.create(
            weekplan=plan, ondersteuner=anker, school=wereld.eigen_school, dag=dag, blokken=blokken
        )
    return plan


@pytest.mark.django_db
def test_beschikbaar_en_gepland_zijn_overal_dezelfde_uren(client, wereld, week):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    naam = wereld.anker.gebruiker.naam

    pagina = _tekst(client.get(reverse("ondersteuner_detail", args=[wereld.anker.pk])).content.decode())
    assert "Beschikbaar 22,2 uur per week" in pagina
    assert "Gepland in het weekplan 21,5 uur per week" in pagina
    assert "5,5 uur per week op brede types" in pagina  # agreed, and named so
    # The formula gives this supporter's hours, not a full-time week's (27,8) beside them.
    assert (
        "Beschikbaar = 80 % × 1000 uur per voltijdse opdracht (envelop) ÷ 36 schoolweken = 22,2 uur per week."
        in pagina
    )
    assert "27,8" not in pagina

    opvolging = client.get(reverse("capaciteit_opvolging") + f"?schooljaar={JAAR}").content.decode()
    cellen = _cellen(opvolging, naam)
    assert cellen[1:4] == ["80 %", "22,2", "21,5"], cellen

    raster = _tekst(client.get(reverse("weekplan_detail", args=[week.pk])).content.decode())
    assert f"{naam} 21,5 van 22,2 u/week" in raster


@pytest.mark.django_db
def test_meer_gepland_dan_beschikbaar_volgt_het_weekplan(client, wereld, week):
    wereld.anker.opdracht_procent = 50  # 13,9 hours a week, 21,5 planned
    wereld.anker.save()
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    pagina = _tekst(client.get(reverse("ondersteuner_detail", args=[wereld.anker.pk])).content.decode())
    assert "Gepland in het weekplan 21,5 uur per week meer gepland dan beschikbaar" in pagina
    cellen = _cellen(
        client.get(reverse("capaciteit_opvolging")).content.decode(), wereld.anker.gebruiker.naam
    )
    assert cellen[2:5] == ["13,9", "21,5", "meer gepland dan beschikbaar"], cellen


@pytest.mark.django_db
def test_zonder_gepubliceerd_weekplan_is_er_niets_gepland(client, wereld, week):
    week.status = Weekplan.Status.VOORSTEL
    week.save()
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    pagina = _tekst(client.get(reverse("ondersteuner_detail", args=[wereld.anker.pk])).content.decode())
    assert "Gepland in het weekplan — (nog geen weekplan gepubliceerd)" in pagina
    opvolging = client.get(reverse("capaciteit_opvolging")).content.decode()
    assert "er is nog geen weekplan gepubliceerd" in _tekst(opvolging)
    assert _cellen(opvolging, wereld.anker.gebruiker.naam)[3] == "—"


# --- a school's frame in use ------------------------------------------------------------------------------


def _kader(wereld, uren=360):
    """One school, a frame of `uren` hours over 36 school weeks, and a type-9 trajectory to log on."""
    wereld.eigen_school.cijfers.all().delete()
    factories.CijfersFactory(school=wereld.eigen_school, schooljaar=JAAR - 1, leerlingen=100, gc_verslagen=0)
    envelop = Envelop.objects.create(
        lsc=wereld.lsc, schooljaar=JAAR, uren=uren, schoolweken=36, verslagsoorten=["gc"]
    )
    services.verdeling_publiceren(door=wereld.gebruikers[Rol.COORDINATOR], envelop=envelop)
    return factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, type="9")


def _log(wereld, traject, datum, minuten):
    factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, datum=datum, minuten=minuten)


def _opvolging(client, wereld) -> str:
    url = reverse("tijdskader_school", args=[wereld.eigen_school.pk]) + f"?schooljaar={JAAR}"
    html = client.get(url).content.decode()
    return _tekst(html[html.index("<h3>Opvolging") : html.index("</section>", html.index("<h3>Opvolging"))])


def _pro_rata(tekst: str) -> tuple[str, str]:
    gevonden = re.search(r"past na ([\d,]+) (?:van de \d+ )?schoolweken ([\d,]+) uur", tekst)
    assert gevonden, tekst
    return gevonden[1], gevonden[2]


@pytest.mark.django_db
def test_een_vakantie_telt_niet_als_verstreken_schooltijd(client, wereld, vandaag):
    """The autumn holiday of 2026 runs from 2 to 8 November: the frame's share for the time elapsed stands
    still from the Friday before it to its Sunday, and on a school day it counts school days."""
    _kader(wereld)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    vandaag(dt.date(JAAR, 10, 30))
    voor = _pro_rata(_opvolging(client, wereld))
    vandaag(dt.date(JAAR, 11, 6))
    tijdens = _pro_rata(_opvolging(client, wereld))
    assert voor == tijdens
    # 44 of the 183 school days of 2026-2027 have passed on 30 October: 360 × 44/183 = 86,6 hours, and
    # 36 × 44/183 = 8,7 of the 36 school weeks.
    assert voor == ("8,7", "86,6")


@pytest.mark.django_db
def test_te_vroeg_voor_een_signaal_en_de_drempels_staan_op_de_pagina(client, wereld, vandaag):
    traject = _kader(wereld)
    _log(wereld, traject, dt.date(JAAR, 9, 2), 60)  # next to nothing: far below, once it is time to say so
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    vandaag(dt.date(JAAR, 9, 30))  # four school weeks
    tekst = _opvolging(client, wereld)
    assert "Ver onder" not in tekst and "Ver boven" not in tekst
    assert "Een projectie en een signaal volgen na 6 schoolweken" in tekst
    assert "Een signaal komt er pas na 6 schoolweken: ver boven is meer dan 120 %" in tekst
    assert "ver onder minder dan 50 %" in tekst
    rij = _cellen(
        client.get(reverse("capaciteit_opvolging") + f"?schooljaar={JAAR}").content.decode(), "School Eigen"
    )
    assert rij[5:7] == ["—", "nog te vroeg"], rij
    vandaag(dt.date(JAAR, 10, 19))  # 6,9 school weeks
    assert "Ver onder het tijdskader (minder dan 50 %" in _opvolging(client, wereld)


@pytest.mark.django_db
def test_zorg_krijgt_geen_solidariteitsadvies_het_lsc_wel(client, wereld, vandaag):
    traject = _kader(wereld)
    _log(wereld, traject, dt.date(JAAR, 10, 5), 60)
    vandaag(dt.date(JAAR, 12, 1))
    client.force_login(wereld.gebruikers[Rol.ZORG])
    zorg = _opvolging(client, wereld)
    assert "Ver onder het tijdskader" in zorg
    assert "vrijgeven" not in zorg and "solidariteit" not in zorg.lower()
    for rol in (Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ONDERSTEUNER):
        client.force_login(wereld.gebruikers[rol])
        assert "of vrijgeven kan (solidariteit)" in _opvolging(client, wereld), rol


@pytest.mark.django_db
def test_zorg_krijgt_ook_bij_ver_boven_geen_lsc_advies(client, wereld, vandaag):
    traject = _kader(wereld, uren=36)
    _log(wereld, traject, dt.date(JAAR, 10, 5), 60 * 30)
    vandaag(dt.date(JAAR, 12, 1))
    client.force_login(wereld.gebruikers[Rol.ZORG])
    zorg = _opvolging(client, wereld)
    assert "Ver boven het tijdskader" in zorg and "bespreek het met jullie ankerondersteuner" in zorg
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert "of er uren bij moeten" in _opvolging(client, wereld)


# --- the menu ----------------------------------------------------------------------------------------------


def _menu(client) -> str:
    html = client.get(reverse("home")).content.decode()
    return html[html.index('class="hoofdnavigatie"') : html.index("</nav>")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "ziet"),
    [
        (Rol.COORDINATOR, True),
        (Rol.DIRECTEUR, True),
        (Rol.TEAMCOACH, False),
        (Rol.ONDERSTEUNER, False),
        (Rol.ZORG, False),
        (Rol.CLB, False),
        (Rol.ADMIN, False),
    ],
)
def test_de_opvolging_staat_in_het_menu_van_wie_ze_mag_openen(client, wereld, rol, ziet):
    client.force_login(wereld.gebruikers[rol])
    url = reverse("capaciteit_opvolging")
    assert (f'<a href="{url}">Opvolging</a>' in _menu(client)) is ziet
    assert client.get(url).status_code == (200 if ziet else 403)


@pytest.mark.django_db
def test_op_de_opvolging_is_enkel_opvolging_het_huidige_menu_item(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("capaciteit_opvolging")).content.decode()
    menu = html[html.index('class="hoofdnavigatie"') : html.index("</nav>")]
    assert f'<a href="{reverse("capaciteit_opvolging")}" aria-current="page">Opvolging</a>' in menu
    assert f'<a href="{reverse("capaciteit_planning")}">Capaciteit</a>' in menu
    html = client.get(reverse("capaciteit_herverdelen")).content.decode()
    menu = html[html.index('class="hoofdnavigatie"') : html.index("</nav>")]
    assert f'<a href="{reverse("capaciteit_planning")}" aria-current="page">Capaciteit</a>' in menu
    assert f'<a href="{reverse("capaciteit_opvolging")}">Opvolging</a>' in menu


# --- exports -----------------------------------------------------------------------------------------------


def test_de_export_rondt_zoals_de_paginas():
    """R = 149/8 = 18,625 (eight school years in the window) and W = 7,865 %: the frame page, the planning
    page and the PDF show 18,63 and 7,87; the XLSX rounded half to even (18,62 and 7,86) before."""

    kader = Tijdskader(
        school=School(instellingsnummer="100001", naam="School Akker"),
        leerlingen=520,
        gemiddelde_verslagen=Decimal("18.6250"),
        gewicht=Decimal("0.0786500000"),
        berekende_uren=170,
        uren=170,
    )
    _kop, rij, _totaal = verdelingsrijen([kader])
    assert rij[3:5] == [Decimal("18.63"), Decimal("7.87")]
