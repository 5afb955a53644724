"""The published week plan on real dates, through the screens: the coordinator's dated view, one-off changes
(cancel, another school, another date, another supporter) checked against the hard rules with Dutch reasons
and audited, replacements proposed for visits in an absence, and what supporters and schools then see."""

import datetime as dt

import pytest
from django.urls import reverse

from capaciteit.models import Planregel, Planwijziging, Weekplan
from capaciteit.services import kalender as planwijzigingen
from capaciteit.services import weekplan as weekplannen
from netwerk.kalender import is_schooldag
from netwerk.models import Afwezigheid, Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.queries import aantal_queries


def _maandag() -> dt.date:
    """A Monday of this school year whose two weeks are school days (early October: before the autumn
    holiday), so the tests do not depend on the day they run."""
    dag = dt.date(huidig_schooljaar(), 10, 5)
    dag += dt.timedelta(days=-dag.weekday() % 7)
    assert all(is_schooldag(dag + dt.timedelta(days=d)) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11))
    return dag


MA = _maandag()
WO = MA + dt.timedelta(days=2)


@pytest.fixture
def datumwereld(wereld_met_trajecten):
    """A published one-week plan: the anchor on Monday at School Eigen and on Wednesday at School Twee;
    Sara (same regio team, lives next to School Eigen) on Monday at School Twee; Tom (same team, far away)
    has no visits; School Drie is served by the LSC too."""
    w = wereld_met_trajecten
    w.eigen_school.gemeente = "Dendermonde"
    w.eigen_school.save()
    w.twee = factories.SchoolFactory(naam="School Twee", gemeente="Lokeren")
    w.drie = factories.SchoolFactory(naam="School Drie", gemeente="Hamme")
    for school in (w.twee, w.drie):
        factories.BedieningFactory(lsc=w.lsc, school=school, regioteam=w.regioteam)
    w.anker.gebruiker.naam = "Anna Anker"
    w.anker.gebruiker.save()
    w.sara = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.regioteam, woonplaats="Dendermonde", gebruiker__naam="Sara Collega"
    )
    w.tom = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.regioteam, woonplaats="Brugge", gebruiker__naam="Tom Collega"
    )
    plan = Weekplan.objects.create(
        lsc=w.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen={**weekplannen.STANDAARD},
    )
    w.maandag = Planregel.objects.create(
        weekplan=plan, ondersteuner=w.anker, school=w.eigen_school, dag=0, blokken=4
    )
    w.woensdag = Planregel.objects.create(
        weekplan=plan, ondersteuner=w.anker, school=w.twee, dag=2, blokken=6
    )
    w.sara_maandag = Planregel.objects.create(
        weekplan=plan, ondersteuner=w.sara, school=w.twee, dag=0, blokken=4
    )
    w.plan = weekplannen.weekplan_publiceren(door=w.gebruikers[Rol.COORDINATOR], weekplan=plan)
    return w


def _coordinator(client, w):
    client.force_login(w.gebruikers[Rol.COORDINATOR])
    return client


def _wijzig(client, regel, **gegevens):
    return client.post(reverse("weekplan_regel_wijzigen", args=[regel.pk]), gegevens)


def _kalender(client, ondersteuner=None, week=MA):
    parameters = {"week": week.isoformat(), **({"ondersteuner": ondersteuner.pk} if ondersteuner else {})}
    return client.get(reverse("weekplan_kalender"), parameters).content.decode()


@pytest.mark.django_db
def test_de_kalender_toont_twee_weken_met_datums_en_een_vakantie(client, datumwereld):
    w = datumwereld
    html = _kalender(_coordinator(client, w), w.anker)
    assert (
        f'data-datum="{MA:%Y-%m-%d}"' in html
        and f'data-datum="{MA + dt.timedelta(days=11):%Y-%m-%d}"' in html
    )
    dag = html[html.index(f'data-datum="{MA:%Y-%m-%d}"') :]
    dag = dag[: dag.index("</li>\n  \n    <li")]
    assert "<strong>School Eigen</strong>" in dag and "School Twee" not in dag
    # The autumn holiday: the visits of those dates do not happen.
    herfst = dt.date(huidig_schooljaar(), 11, 1)
    html = _kalender(client, w.anker, week=herfst)
    assert "vakantie: herfstvakantie" in html


@pytest.mark.django_db
def test_een_bezoek_schrappen_op_een_datum_is_geaudit_en_zichtbaar(client, datumwereld):
    w = datumwereld
    antwoord = _wijzig(
        _coordinator(client, w), w.maandag, datum=MA.isoformat(), soort="geschrapt", reden="Studiedag"
    )
    assert antwoord.status_code == 302
    wijziging = Planwijziging.objects.get()
    assert (wijziging.planregel, wijziging.datum, wijziging.soort, wijziging.reden) == (
        w.maandag,
        MA,
        "geschrapt",
        "Studiedag",
    )
    log = Wijziging.objects.get(actie="capaciteit.planwijziging.gemaakt")
    assert log.object_id == w.plan.pk and log.wijzigingen["datum"] == MA.isoformat()
    html = client.get(antwoord["Location"]).content.decode()
    dag = html[html.index(f'data-datum="{MA:%Y-%m-%d}"') :]
    dag = dag[: dag.index("</ol>")]
    assert "<s>School Eigen</s>" in dag and "geschrapt: Studiedag" in dag
    # The next Monday still has the visit.
    volgende = html[html.index(f'data-datum="{MA + dt.timedelta(days=7):%Y-%m-%d}"') :]
    assert "<strong>School Eigen</strong>" in volgende[: volgende.index("</li>")]
    # Undone: the visit is back, and that is audited too.
    assert _wijzig(client, w.maandag, datum=MA.isoformat(), soort="ongedaan").status_code == 302
    assert not Planwijziging.objects.exists()
    assert Wijziging.objects.filter(actie="capaciteit.planwijziging.ongedaan").count() == 1


@pytest.mark.django_db
def test_andere_school_en_andere_datum(client, datumwereld):
    w = datumwereld
    _coordinator(client, w)
    assert (
        _wijzig(client, w.maandag, datum=MA.isoformat(), soort="andere_school", school=w.drie.pk).status_code
        == 302
    )
    donderdag = MA + dt.timedelta(days=3)
    assert (
        _wijzig(
            client, w.woensdag, datum=WO.isoformat(), soort="verplaatst", nieuwe_datum=donderdag.isoformat()
        ).status_code
        == 302
    )
    html = _kalender(client, w.anker)
    maandag = html[html.index(f'data-datum="{MA:%Y-%m-%d}"') :]
    maandag = maandag[: maandag.index("</ol>")]
    assert "<strong>School Drie</strong>" in maandag and "in plaats van School Eigen" in maandag
    woensdag = html[html.index(f'data-datum="{WO:%Y-%m-%d}"') :]
    assert "verplaatst naar" in woensdag[: woensdag.index("</li>\n  \n    <li")]
    dag = html[html.index(f'data-datum="{donderdag:%Y-%m-%d}"') :]
    assert "<strong>School Twee</strong>" in dag[: dag.index("</ol>")]


@pytest.mark.django_db
def test_een_wijziging_die_de_regels_breekt_wordt_geweigerd_en_niets_bewaard(client, datumwereld):
    w = datumwereld
    _coordinator(client, w)
    # Three schools on one Monday: the anchor keeps School Eigen, gets Wednesday's School Twee moved there,
    # and would then take Tom's School Drie as well.
    assert (
        _wijzig(
            client, w.woensdag, datum=WO.isoformat(), soort="verplaatst", nieuwe_datum=MA.isoformat()
        ).status_code
        == 302
    )
    w.extra = Planregel.objects.create(weekplan=w.plan, ondersteuner=w.tom, school=w.drie, dag=0, blokken=2)
    antwoord = _wijzig(
        client, w.extra, datum=MA.isoformat(), soort="andere_ondersteuner", ondersteuner=w.anker.pk
    )
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert f"Anna Anker zou op {MA:%d/%m/%Y} naar 3 scholen gaan; hoogstens 2 per dag." in html
    assert Planwijziging.objects.count() == 1
    # A holiday date, a form without a choice, a date the visit does not fall on: each its reason.
    herfst = dt.date(huidig_schooljaar(), 11, 1)
    herfst += dt.timedelta(days=-herfst.weekday() % 7)
    if not is_schooldag(herfst):
        html = _wijzig(client, w.maandag, datum=herfst.isoformat(), soort="geschrapt").content.decode()
        assert "is er geen school" in html
    html = _wijzig(client, w.maandag, datum=MA.isoformat(), soort="andere_school").content.decode()
    assert "Kies de school waar het bezoek naartoe gaat." in html
    html = _wijzig(client, w.maandag, datum=WO.isoformat(), soort="geschrapt").content.decode()
    assert f"Dat bezoek valt niet op {WO:%d/%m/%Y}." in html
    assert Planwijziging.objects.count() == 1


@pytest.mark.django_db
def test_een_afwezigheid_stelt_een_vervanger_voor_en_de_coordinator_bevestigt(client, datumwereld):
    w = datumwereld
    Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA, soort="ziekte")
    html = _kalender(_coordinator(client, w))
    blok = html[html.index('id="afwezig-titel"') : html.index('id="ondersteuner-titel"')]
    assert f'data-bezoek="{w.maandag.pk}" data-datum="{MA:%Y-%m-%d}"' in blok
    # Sara is at School Twee that Monday already (2 schools with it) and lives next to School Eigen; Tom
    # lives in Bruges: both may go, Sara first.
    assert blok.index("Sara Collega") < blok.index("Tom Collega")
    assert "Anna Anker" in blok and "is afwezig" in blok
    antwoord = _wijzig(
        client, w.maandag, datum=MA.isoformat(), soort="andere_ondersteuner", ondersteuner=w.sara.pk
    )
    assert antwoord.status_code == 302
    wijziging = Planwijziging.objects.get()
    assert (wijziging.soort, wijziging.ondersteuner) == ("andere_ondersteuner", w.sara)
    blok = _kalender(client)
    assert f'data-bezoek="{w.maandag.pk}" data-datum="{MA:%Y-%m-%d}"' not in blok
    html = _kalender(client, w.sara)
    maandag = html[html.index(f'data-datum="{MA:%Y-%m-%d}"') :]
    maandag = maandag[: maandag.index("</ol>")]
    assert "<strong>School Eigen</strong>" in maandag and "vervangt Anna Anker" in maandag
    # The anchor's own view of that day: absent.
    html = _kalender(client, w.anker)
    maandag = html[html.index(f'data-datum="{MA:%Y-%m-%d}"') :]
    assert "afwezig" in maandag[: maandag.index("</li>\n  \n    <li")]


@pytest.mark.django_db
def test_geen_vervanger_die_al_twee_andere_scholen_heeft(client, datumwereld):
    w = datumwereld
    Planregel.objects.create(weekplan=w.plan, ondersteuner=w.sara, school=w.drie, dag=0, blokken=2)
    Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA, soort="verlof")
    blok = _kalender(_coordinator(client, w))
    blok = blok[blok.index('id="afwezig-titel"') : blok.index('id="ondersteuner-titel"')]
    assert "Tom Collega" in blok and "Sara Collega" not in blok
    html = _wijzig(
        client, w.maandag, datum=MA.isoformat(), soort="andere_ondersteuner", ondersteuner=w.sara.pk
    )
    assert "Sara Collega zou op" in html.content.decode() and not Planwijziging.objects.exists()


@pytest.mark.django_db
def test_enkel_het_gepubliceerde_plan_en_enkel_het_eigen_lsc(client, datumwereld):
    w = datumwereld
    voorstel = Weekplan.objects.create(
        lsc=w.lsc, schooljaar=huidig_schooljaar(), status=Weekplan.Status.VOORSTEL
    )
    regel = Planregel.objects.create(
        weekplan=voorstel, ondersteuner=w.anker, school=w.eigen_school, dag=0, blokken=4
    )
    html = _wijzig(_coordinator(client, w), regel, datum=MA.isoformat(), soort="geschrapt").content.decode()
    assert "Enkel het geldende, gepubliceerde weekplan krijgt wijzigingen op een datum." in html
    ander = Weekplan.objects.create(
        lsc=w.vreemde_ondersteuner.lsc, schooljaar=huidig_schooljaar(), status=Weekplan.Status.GEPUBLICEERD
    )
    vreemd = Planregel.objects.create(
        weekplan=ander, ondersteuner=w.vreemde_ondersteuner, school=w.vreemde_school, dag=0, blokken=4
    )
    assert _wijzig(client, vreemd, datum=MA.isoformat(), soort="geschrapt").status_code == 404
    # Another LSC's supporter or a school it does not serve is no choice either.
    html = _wijzig(
        client,
        w.maandag,
        datum=MA.isoformat(),
        soort="andere_ondersteuner",
        ondersteuner=w.vreemde_ondersteuner.pk,
    ).content.decode()
    assert "Selecteer een geldige keuze" in html
    assert not Planwijziging.objects.exists()


@pytest.mark.django_db
def test_kalenderpagina_queries_groeien_niet(client, datumwereld):
    """Session and user (2), the published plan, the supporters, the chosen supporter's changes, visits and
    absences (3), for the visits in an absence the plan's visits, changes, absences, the schools' regio
    teams and the envelope (the assignments' hours) (5), and the absences of the weeks with the form (1):
    13, and as many with ten times the visits, changes and absences."""
    w = datumwereld
    _coordinator(client, w)
    Afwezigheid.objects.create(ondersteuner=w.sara, van=MA, tot=MA, soort="verlof")
    url = reverse("weekplan_kalender") + f"?week={MA}&ondersteuner={w.anker.pk}"
    weinig = aantal_queries(client, url)
    for nummer in range(10):
        o = factories.OndersteunerFactory(lsc=w.lsc, regioteam=w.regioteam)
        school = factories.SchoolFactory()
        factories.BedieningFactory(lsc=w.lsc, school=school, regioteam=w.regioteam)
        regel = Planregel.objects.create(
            weekplan=w.plan, ondersteuner=o, school=school, dag=nummer % 5, blokken=2
        )
        Planregel.objects.create(weekplan=w.plan, ondersteuner=w.anker, school=school, dag=4, blokken=1)
        Afwezigheid.objects.create(ondersteuner=o, van=MA, tot=MA + dt.timedelta(days=4), soort="verlof")
        Planwijziging.objects.create(
            weekplan=w.plan, planregel=regel, datum=MA + dt.timedelta(days=7 + nummer % 5), soort="geschrapt"
        )
    assert aantal_queries(client, url) == weinig == 13


# ------------------------------------------------------------------- absences on the dated plan


def _afwezig(client, **gegevens):
    return client.post(reverse("weekplan_afwezigheid") + f"?week={MA}", gegevens)


@pytest.mark.django_db
def test_afwezigheid_invoeren_op_de_kalender_toont_de_bezoeken_en_de_vervangers(client, datumwereld):
    w = datumwereld
    antwoord = _afwezig(
        _coordinator(client, w), ondersteuner=w.anker.pk, van=MA.isoformat(), tot=WO.isoformat(), soort=""
    )
    assert antwoord.status_code == 302
    afwezigheid = Afwezigheid.objects.get()
    assert (afwezigheid.ondersteuner, afwezigheid.van, afwezigheid.tot, afwezigheid.soort) == (
        w.anker,
        MA,
        WO,
        "andere",  # no reason given
    )
    log = Wijziging.objects.get(actie="netwerk.afwezigheid.toegevoegd")
    assert log.object_id == w.anker.pk and log.wijzigingen["van"] == [None, str(MA)]
    html = client.get(antwoord["Location"]).content.decode()
    assert "De afwezigheid van Anna Anker" in html and "2 bezoeken vallen erin." in html
    blok = html[html.index('id="afwezig-titel"') : html.index('id="ondersteuner-titel"')]
    assert f'data-bezoek="{w.maandag.pk}" data-datum="{MA:%Y-%m-%d}"' in blok
    assert f'data-bezoek="{w.woensdag.pk}" data-datum="{WO:%Y-%m-%d}"' in blok
    assert "Sara Collega" in blok
    lijst = html[html.index('id="afwezigheid-titel"') : html.index('id="afwezig-titel"')]
    assert f'data-afwezigheid="{afwezigheid.pk}"' in lijst and "Anna Anker" in lijst


@pytest.mark.django_db
def test_afwezigheid_met_fouten_wordt_geweigerd_en_niets_bewaard(client, datumwereld):
    w = datumwereld
    _coordinator(client, w)
    Afwezigheid.objects.create(ondersteuner=w.anker, van=WO, tot=WO, soort="verlof")
    gevallen = [
        ({"van": WO.isoformat(), "tot": MA.isoformat()}, "De laatste dag ligt voor de eerste."),
        (
            {"van": MA.isoformat(), "tot": dt.date(huidig_schooljaar() + 1, 9, 2).isoformat()},
            "valt buiten het schooljaar",
        ),
        ({"van": MA.isoformat(), "tot": WO.isoformat()}, "overlapt met een afwezigheid"),
        ({"van": "gisteren", "tot": MA.isoformat()}, "Geef een geldige datum."),
        ({"van": "", "tot": MA.isoformat()}, "Kies een datum."),
    ]
    for gegevens, fout in gevallen:
        antwoord = _afwezig(client, ondersteuner=w.anker.pk, soort="ziekte", **gegevens)
        assert antwoord.status_code == 400 and fout in antwoord.content.decode(), fout
        assert f'value="{gegevens["tot"]}"' in antwoord.content.decode()  # the input is kept
    vreemd = _afwezig(client, ondersteuner=w.vreemde_ondersteuner.pk, van=MA.isoformat(), tot=MA.isoformat())
    assert vreemd.status_code == 400 and "Selecteer een geldige keuze" in vreemd.content.decode()
    assert Afwezigheid.objects.count() == 1
    assert not Wijziging.objects.filter(actie="netwerk.afwezigheid.toegevoegd").exists()


@pytest.mark.django_db
def test_afwezigheid_verwijderen_zegt_wat_er_verdwijnt(client, datumwereld):
    w = datumwereld
    _coordinator(client, w)
    afwezigheid = Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=WO, soort="ziekte")
    planwijzigingen.planwijziging_maken(
        door=w.gebruikers[Rol.COORDINATOR],
        regel=w.maandag,
        datum=MA,
        soort="andere_ondersteuner",
        ondersteuner_id=w.sara.pk,
    )
    url = reverse("weekplan_afwezigheid_verwijderen", args=[afwezigheid.pk])
    html = client.get(url).content.decode()
    assert "De afwezigheid van Anna Anker van" in html and "(ziekte) verdwijnt." in html
    assert "2 bezoeken in die periode gaan dan weer door zoals gepland." in html
    assert "1 ervan heeft al een wijziging (zoals een vervanger): die blijft staan" in html
    assert Afwezigheid.objects.exists()  # looking is not removing
    antwoord = client.post(url)
    assert antwoord.status_code == 302 and not Afwezigheid.objects.exists()
    log = Wijziging.objects.get(actie="netwerk.afwezigheid.verwijderd")
    assert log.object_id == w.anker.pk and log.wijzigingen["tot"] == [str(WO), None]
    assert "is verwijderd" in client.get(antwoord["Location"]).content.decode()
    assert Planwijziging.objects.count() == 1  # the replacement stays
    anderen = Afwezigheid.objects.create(ondersteuner=w.vreemde_ondersteuner, van=MA, tot=MA, soort="verlof")
    vreemd = reverse("weekplan_afwezigheid_verwijderen", args=[anderen.pk])
    assert client.get(vreemd).status_code == 404 and client.post(vreemd).status_code == 404
    assert Afwezigheid.objects.filter(pk=anderen.pk).exists()


@pytest.mark.django_db
def test_geen_vervanger_boven_de_opdracht_van_die_week_en_de_pagina_zegt_waarom(client, datumwereld):
    w = datumwereld
    # Sara is at School Twee that Monday (4 half hours); Tom's assignment is 1 %: under half an hour a week.
    w.tom.opdracht_procent = 1
    w.tom.save()
    w.sara.opdracht_procent = 5  # 38 h × 5 % = 1.9 h a week: 3 half hours, she has 4 already
    w.sara.save()
    Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA, soort="verlof")
    blok = _kalender(_coordinator(client, w))
    blok = blok[blok.index('id="afwezig-titel"') : blok.index('id="ondersteuner-titel"')]
    assert f'data-bezoek="{w.maandag.pk}"' in blok
    assert "Tom Collega" not in blok and "Sara Collega" not in blok
    assert "Wie die dag nog ruimte heeft, komt die week boven de eigen opdracht uit." in blok
    w.sara.opdracht_procent = 100
    w.sara.save()
    blok = _kalender(client)
    assert "Sara Collega" in blok[blok.index('id="afwezig-titel"') : blok.index('id="ondersteuner-titel"')]


# ------------------------------------------------------------------- what supporters and schools see


def _dag(html: str, datum: dt.date) -> str:
    deel = html[html.index(f'data-datum="{datum:%Y-%m-%d}"') :]
    return deel[: deel.index("</li>\n  \n    <li") if "</li>\n  \n    <li" in deel else deel.index("</ol>")]


@pytest.mark.django_db
def test_mijn_week_toont_datums_afwezigheid_vakantie_en_wijzigingen(client, datumwereld):
    w = datumwereld
    coordinator = w.gebruikers[Rol.COORDINATOR]
    Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA, soort="ziekte")
    planwijzigingen.planwijziging_maken(
        door=coordinator, regel=w.maandag, datum=MA, soort="andere_ondersteuner", ondersteuner_id=w.sara.pk
    )
    planwijzigingen.planwijziging_maken(
        door=coordinator,
        regel=w.woensdag,
        datum=WO + dt.timedelta(days=7),
        soort="geschrapt",
        reden="Studiedag",
    )
    client.force_login(w.sara.gebruiker)
    html = client.get(reverse("mijn_week"), {"week": MA.isoformat()}).content.decode()
    maandag = _dag(html, MA)
    assert "<time>08:30</time>–<time>10:30</time> <strong>School Eigen</strong>" in maandag
    assert "vervangt Anna Anker" in maandag and "<strong>School Twee</strong>" in maandag
    assert "<strong>School Eigen</strong>" not in _dag(html, MA + dt.timedelta(days=7))  # that one day only
    client.force_login(w.anker.gebruiker)
    html = client.get(reverse("mijn_week"), {"week": MA.isoformat()}).content.decode()
    maandag = _dag(html, MA)
    assert "afwezig" in maandag and "Sara Collega gaat in de plaats" in maandag and "<strong>" not in maandag
    assert "<strong>School Twee</strong>" in _dag(html, WO)
    assert "<s>School Twee</s> geschrapt: Studiedag" in _dag(html, WO + dt.timedelta(days=7))
    herfst = dt.date(huidig_schooljaar(), 11, 1)
    html = client.get(reverse("mijn_week"), {"week": herfst.isoformat()}).content.decode()
    assert "vakantie: herfstvakantie" in html


@pytest.mark.django_db
def test_mijn_week_queries_groeien_niet_met_wijzigingen_en_afwezigheden(client, datumwereld):
    """Session and user (2), the supporter, the plan, the cycle's visits, the calendar key, and for the
    dates the plan's changes, the visits they and the supporter concern, the absences (3): 9."""
    w = datumwereld
    client.force_login(w.anker.gebruiker)
    url = reverse("mijn_week") + f"?week={MA}"
    weinig = aantal_queries(client, url)
    for week in range(2):
        Afwezigheid.objects.create(
            ondersteuner=w.anker,
            van=MA + dt.timedelta(days=7 * week + 1),
            tot=MA + dt.timedelta(days=7 * week + 1),
            soort="verlof",
        )
        Planwijziging.objects.create(
            weekplan=w.plan, planregel=w.woensdag, datum=WO + dt.timedelta(days=7 * week), soort="geschrapt"
        )
        Planwijziging.objects.create(
            weekplan=w.plan,
            planregel=w.sara_maandag,
            datum=MA + dt.timedelta(days=7 * week),
            soort="andere_ondersteuner",
            ondersteuner=w.anker,
        )
    assert aantal_queries(client, url) == weinig == 9


@pytest.mark.django_db
def test_de_school_ziet_wie_komt_op_datum_met_de_vervanger_zonder_reden(client, datumwereld):
    w = datumwereld
    Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA + dt.timedelta(days=4), soort="ziekte")
    planwijzigingen.planwijziging_maken(
        door=w.gebruikers[Rol.COORDINATOR],
        regel=w.maandag,
        datum=MA,
        soort="andere_ondersteuner",
        ondersteuner_id=w.tom.pk,
        reden="Anna is ziek",
    )
    client.force_login(w.gebruikers[Rol.ZORG])
    vandaag = MA + dt.timedelta(days=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: vandaag)
        html = client.get(reverse("school_dossier", args=[w.eigen_school.pk])).content.decode()
    blok = html[html.index('id="dossier-bezoeken-titel"') :]
    blok = blok[: blok.index("</section>")]
    maandag = _dag(blok, MA)
    assert (
        "<strong>School Eigen</strong>" in maandag
        and "Tom Collega" in maandag
        and "vervangt Anna Anker" in maandag
    )
    assert "ziek" not in blok  # neither the reason nor the kind of absence
    # The care staff's home page leads there.
    thuis = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("school_dossier", args=[w.eigen_school.pk])}#dossier-bezoeken"' in thuis
    volgende = _dag(blok, MA + dt.timedelta(days=7))
    assert "<strong>School Eigen</strong>" in volgende and "Anna Anker" in volgende
    # Only the days with a visit: the anchor's Mondays; Sara goes to School Twee, not here.
    assert blok.count('data-datum="') == 2 and "Sara Collega" not in blok


@pytest.mark.django_db
def test_de_teamcoach_leest_de_datums_van_zijn_scholen(client, datumwereld):
    """The coach's page: the dated visits at their teams' schools, the replacement too; a fixed number of
    queries (session and user, the plan, the cycle's visits, the coach's schools, the plan's changes,
    visits and absences: 8) whatever the visits and changes."""
    w = datumwereld
    ander_team = factories.RegioteamFactory(lsc=w.lsc)
    buiten = factories.SchoolFactory(naam="School van een ander team")
    factories.BedieningFactory(lsc=w.lsc, school=buiten, regioteam=ander_team)
    Planregel.objects.create(weekplan=w.plan, ondersteuner=w.tom, school=buiten, dag=0, blokken=2)
    client.force_login(w.gebruikers[Rol.TEAMCOACH])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.utils.timezone.localdate", lambda *a, **k: MA + dt.timedelta(days=1))
        weinig = aantal_queries(client, reverse("weekplan_teams"))
        Afwezigheid.objects.create(ondersteuner=w.anker, van=MA, tot=MA, soort="ziekte")
        planwijzigingen.planwijziging_maken(
            door=w.gebruikers[Rol.COORDINATOR],
            regel=w.maandag,
            datum=MA,
            soort="andere_ondersteuner",
            ondersteuner_id=w.tom.pk,
            reden="Anna is ziek",
        )
        for dag in range(1, 5):
            Planregel.objects.create(weekplan=w.plan, ondersteuner=w.tom, school=w.drie, dag=dag, blokken=2)
        veel = aantal_queries(client, reverse("weekplan_teams"))
        html = client.get(reverse("weekplan_teams")).content.decode()
    assert weinig == veel == 8
    blok = html[html.index('id="datums-titel"') : html.index("</section>", html.index('id="datums-titel"'))]
    maandag = _dag(blok, MA)
    assert (
        "<strong>School Eigen</strong>" in maandag
        and "Tom Collega" in maandag
        and "vervangt Anna Anker" in maandag
    )
    assert "School van een ander team" not in blok and "ziek" not in blok
    assert "<strong>School Drie</strong>" in _dag(blok, MA + dt.timedelta(days=1))


@pytest.mark.django_db
def test_een_nieuwe_versie_neemt_de_wijzigingen_van_dezelfde_bezoeken_over(client, datumwereld):
    """Published again, the plan keeps the one-day changes from today on for the visits it still has (same
    supporter, school and day); a change whose visit is gone, or that lies in the past, stays behind."""
    w = datumwereld
    coordinator = w.gebruikers[Rol.COORDINATOR]
    vandaag = dt.date.today()
    einde = dt.date(huidig_schooljaar() + 1, 6, 30)
    maandagen = [
        d
        for d in (vandaag + dt.timedelta(days=i) for i in range(1, 60))
        if d.weekday() == 0 and is_schooldag(d) and d <= einde
    ][:2]
    if len(maandagen) < 2:
        pytest.skip("geen twee schoolmaandagen meer in dit schooljaar")
    verleden = [MA] if vandaag > MA else []
    for datum in (*verleden, *maandagen):
        planwijzigingen.planwijziging_maken(door=coordinator, regel=w.maandag, datum=datum, soort="geschrapt")
    woensdag = maandagen[0] + dt.timedelta(days=2)
    if is_schooldag(woensdag):
        planwijzigingen.planwijziging_maken(
            door=coordinator, regel=w.woensdag, datum=woensdag, soort="geschrapt"
        )
    nieuw = Weekplan.objects.create(
        lsc=w.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=weekplannen.STANDAARD,
    )
    maandag = Planregel.objects.create(
        weekplan=nieuw, ondersteuner=w.anker, school=w.eigen_school, dag=0, blokken=6
    )
    Planregel.objects.create(
        weekplan=nieuw, ondersteuner=w.anker, school=w.twee, dag=3, blokken=6
    )  # not Wednesday
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=nieuw)
    overgenomen = sorted((p.planregel_id, p.datum, p.soort) for p in nieuw.wijzigingen.all())
    assert overgenomen == [(maandag.pk, d, "geschrapt") for d in maandagen]
    assert w.plan.wijzigingen.count() == len(verleden) + 2 + is_schooldag(
        woensdag
    )  # the old version keeps its own
    # And the anchor's week follows the new version: the first of those Mondays stays cancelled.
    client.force_login(w.anker.gebruiker)
    html = client.get(reverse("mijn_week"), {"week": maandagen[0].isoformat()}).content.decode()
    assert "<s>School Eigen</s> geschrapt" in _dag(html, maandagen[0])
