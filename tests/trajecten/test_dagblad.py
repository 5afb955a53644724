"""The day sheet: a supporter logs a school day in one go, all lines or none, each line under the checks of a
single entry, and a form sent twice (a retry after a lost connection) saves its lines once."""

import datetime as dt
import re
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from capaciteit.models import Planregel, Planwijziging, Weekplan
from capaciteit.rekenen.weekplanning.agenda import week_van_de_cyclus
from capaciteit.services.weekplan import STANDAARD
from netwerk.kalender import is_schooldag
from netwerk.models import Afwezigheid, Rol, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.queries import aantal_queries
from tests.support.weekplan import gepubliceerd_plan
from trajecten import services
from trajecten.models import Dagverzending, Logboekregel, Status
from trajecten.planning import geplande_scholen

VANDAAG = timezone.localdate()


def _lopend(wereld, voornaam: str, *, school=None, ondersteuner=None, start_dagen: int = 10, **velden):
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=school or wereld.eigen_school,
        status=velden.pop("status", Status.LOPEND),
        start=VANDAAG - dt.timedelta(days=start_dagen),
        aangemeld_op=VANDAAG - dt.timedelta(days=start_dagen + 10),
        leerling__voornaam=voornaam,
        **velden,
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=ondersteuner or wereld.anker)
    return traject


@pytest.fixture
def drie(wereld):
    return [_lopend(wereld, naam) for naam in ("Amir", "Bo", "Cas")]


@pytest.fixture
def ondersteuner(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    return client


def _url(wereld, school=None) -> str:
    return reverse("dagblad_school", args=[(school or wereld.eigen_school).pk])


def _sleutel(html: str) -> str:
    return re.search(r'name="sleutel" value="([^"]+)"', html)[1]


def _formulier(client, wereld, rijen: dict, *, datum=VANDAAG, school=None) -> dict:
    """The sheet as the page renders it (its one-time key included), with `rijen` {trajectory: fields}."""
    html = client.get(_url(wereld, school)).content.decode()
    data = {"datum": datum.isoformat(), "sleutel": _sleutel(html)}
    for traject, velden in rijen.items():
        data |= {f"t{traject.pk}-{veld}": waarde for veld, waarde in velden.items()}
    return data


# Logging a day


@pytest.mark.django_db
def test_een_dag_met_drie_trajecten_in_een_keer_bewaard(ondersteuner, wereld, drie):
    amir, bo, cas = drie
    data = _formulier(
        ondersteuner,
        wereld,
        {
            amir: {"snel": 60, "activiteit": "leerling", "notitie": "Rustig gestart"},
            bo: {"minuten": "1u30", "activiteit": "overleg"},
            cas: {"snel": 30, "activiteit": "observatie"},
        },
    )
    antwoord = ondersteuner.post(_url(wereld), data)
    bewaard = reverse("dagblad_bewaard", args=[data["sleutel"]])
    assert antwoord.status_code == 302 and antwoord["Location"] == bewaard
    regels = {r.traject_id: r for r in Logboekregel.objects.all()}
    assert {t: (r.minuten, r.activiteit, r.datum) for t, r in regels.items()} == {
        amir.pk: (60, "leerling", VANDAAG),
        bo.pk: (90, "overleg", VANDAAG),
        cas.pk: (30, "observatie", VANDAAG),
    }
    assert regels[amir.pk].notitie == "Rustig gestart" and regels[amir.pk].ondersteuner == wereld.anker
    assert Wijziging.objects.filter(actie="trajecten.logboekregel.toegevoegd").count() == 3
    html = ondersteuner.get(bewaard).content.decode()
    assert "3 regels bewaard, in totaal 3u." in html and "Ongedaan maken" in html
    for traject in drie:
        assert f'href="{reverse("traject_detail", args=[traject.pk])}"' in html


@pytest.mark.django_db
def test_lege_rijen_worden_overgeslagen(ondersteuner, wereld, drie):
    amir, bo, cas = drie
    data = _formulier(ondersteuner, wereld, {amir: {"snel": 60, "activiteit": "leerling"}})
    data |= {f"t{t.pk}-activiteit": "overleg" for t in (bo, cas)}  # the prefilled activity alone: empty
    ondersteuner.post(_url(wereld), data)
    assert list(Logboekregel.objects.values_list("traject_id", "minuten")) == [(amir.pk, 60)]


@pytest.mark.django_db
def test_een_foute_rij_bewaart_niets_en_houdt_alle_invoer(ondersteuner, wereld, drie):
    amir, bo, _cas = drie
    data = _formulier(
        ondersteuner,
        wereld,
        {
            amir: {"snel": 60, "activiteit": "leerling", "notitie": "Eerste rij klopt"},
            bo: {"minuten": "11u", "activiteit": "overleg"},
        },
    )
    antwoord = ondersteuner.post(_url(wereld), data)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert Logboekregel.objects.count() == 0 and Dagverzending.objects.count() == 0
    assert "Niets bewaard: kijk de regels met een fout na." in html
    assert f'id="id_t{bo.pk}-minuten_error"' in html and f'id="id_t{amir.pk}-minuten_error"' not in html
    assert 'value="Eerste rij klopt"' in html and 'value="11u"' in html
    assert f'name="t{amir.pk}-snel" value="60"' in html and "checked" in html
    assert _sleutel(html) == data["sleutel"]  # the same key: the corrected form is still one day


@pytest.mark.django_db
def test_een_notitie_zonder_duur_is_een_fout(ondersteuner, wereld, drie):
    data = _formulier(ondersteuner, wereld, {drie[0]: {"activiteit": "overleg", "notitie": "Vergeten"}})
    html = ondersteuner.post(_url(wereld), data).content.decode()
    assert "Kies of vul de duur in." in html and Logboekregel.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("minuten", "melding"), [("4 min", "minstens"), ("601", "hoogstens"), ("veel", "")])
def test_de_duur_blijft_binnen_de_grenzen_van_een_regel(ondersteuner, wereld, drie, minuten, melding):
    data = _formulier(ondersteuner, wereld, {drie[0]: {"minuten": minuten, "activiteit": "overleg"}})
    antwoord = ondersteuner.post(_url(wereld), data)
    assert antwoord.status_code == 200 and Logboekregel.objects.count() == 0
    assert f'id="id_t{drie[0].pk}-minuten_error"' in antwoord.content.decode()


@pytest.mark.django_db
def test_de_checks_van_een_enkele_regel_per_rij(ondersteuner, wereld, drie, settings):
    """A date before one trajectory's start refuses that row, and with it the whole day."""
    laat = _lopend(wereld, "Dani", start_dagen=2)
    datum = VANDAAG - dt.timedelta(days=5)
    data = _formulier(
        ondersteuner,
        wereld,
        {drie[0]: {"snel": 60, "activiteit": "overleg"}, laat: {"snel": 30, "activiteit": "overleg"}},
        datum=datum,
    )
    html = ondersteuner.post(_url(wereld), data).content.decode()
    rij = html[html.index(f'id="dagregel-{laat.pk}"') :]
    assert "Deze datum ligt vóór de start van het traject" in rij
    assert "Deze datum ligt vóór" not in html[: html.index(f'id="dagregel-{laat.pk}"')]
    assert "Niets bewaard: kijk de regels met een fout na." in html
    assert Logboekregel.objects.count() == 0 and Dagverzending.objects.count() == 0


@pytest.mark.django_db
def test_de_periode_van_de_eigen_regels_geldt(ondersteuner, wereld, drie, settings):
    settings.LOGBOEK_BEWERKEN_TOT = "3"
    datum = VANDAAG - dt.timedelta(days=5)
    data = _formulier(ondersteuner, wereld, {drie[0]: {"snel": 60, "activiteit": "overleg"}}, datum=datum)
    html = ondersteuner.post(_url(wereld), data).content.decode()
    assert "meer dan 3 dagen terug" in html and Logboekregel.objects.count() == 0


@pytest.mark.django_db
def test_geen_tijd_in_de_toekomst(ondersteuner, wereld, drie):
    morgen = VANDAAG + dt.timedelta(days=1)
    data = _formulier(ondersteuner, wereld, {drie[0]: {"snel": 60, "activiteit": "overleg"}}, datum=morgen)
    html = ondersteuner.post(_url(wereld), data).content.decode()
    assert "Je kan geen tijd loggen in de toekomst." in html and Logboekregel.objects.count() == 0


@pytest.mark.django_db
def test_de_startpagina_en_mijn_trajecten_leiden_naar_het_dagblad(ondersteuner, wereld, drie):
    home = ondersteuner.get(reverse("home")).content.decode()
    assert re.search(r'<a class="knop" href="/trajecten/dag/" data-hoofdactie>Mijn dag loggen</a>', home)
    assert 'href="/trajecten/dag/"' in ondersteuner.get(reverse("mijn_trajecten")).content.decode()


# Which trajectories


@pytest.mark.django_db
def test_enkel_de_lopende_trajecten_van_de_ondersteuner_op_die_school(ondersteuner, wereld, drie):
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    van_collega = _lopend(wereld, "Eli", ondersteuner=collega)  # the anchor sees it, but is not assigned
    aanmelding = _lopend(wereld, "Fien", status=Status.AANGEMELD)
    lang_dicht = _lopend(
        wereld, "Gust", status=Status.AFGEROND, afgesloten_op=VANDAAG - dt.timedelta(days=60), start_dagen=90
    )
    andere_school = factories.SchoolFactory(naam="School Twee")
    factories.BedieningFactory(lsc=wereld.lsc, school=andere_school)
    elders = _lopend(wereld, "Hanne", school=andere_school)
    html = ondersteuner.get(_url(wereld)).content.decode()
    for traject in drie:
        assert f'id="dagregel-{traject.pk}"' in html
    for traject in (van_collega, aanmelding, lang_dicht, elders):
        assert f'id="dagregel-{traject.pk}"' not in html
    assert "School Twee" in html  # another school of the supporter, one tap away
    # Besides the running ones, those whose logbook is open as for a single entry, with their status:
    # the intake, and a trajectory closed a few days ago (its last visit).
    intake = _lopend(wereld, "Jo", status=Status.IN_BEHANDELING)
    net_dicht = _lopend(wereld, "Kato", status=Status.AFGEROND, afgesloten_op=VANDAAG - dt.timedelta(days=3))
    html = ondersteuner.get(_url(wereld)).content.decode()
    for traject, status in ((intake, "in behandeling"), (net_dicht, "afgerond")):
        rij = html[html.index(f'id="dagregel-{traject.pk}"') :]
        assert f'<span class="label">{status}</span></legend>' in rij[: rij.index("</legend>") + 9]
    assert f'id="dagregel-{drie[0].pk}"' in html and '<span class="label">lopend' not in html

    for traject in (van_collega, aanmelding, lang_dicht, elders):
        data = _formulier(ondersteuner, wereld, {drie[0]: {"snel": 60, "activiteit": "overleg"}})
        data |= {f"t{traject.pk}-snel": "60", f"t{traject.pk}-activiteit": "overleg"}
        html = ondersteuner.post(_url(wereld), data).content.decode()
        assert "niet (meer) open staat" in html, traject
    assert Logboekregel.objects.count() == 0


@pytest.mark.django_db
def test_een_traject_van_een_andere_school_weigert_de_dienst_ook(wereld, drie):
    andere_school = factories.SchoolFactory()
    factories.BedieningFactory(lsc=wereld.lsc, school=andere_school)
    elders = _lopend(wereld, "Hanne", school=andere_school)
    with pytest.raises(services.DagbladGeweigerd) as fout:
        services.dag_loggen(
            door=wereld.anker.gebruiker,
            ondersteuner=wereld.anker,
            school=wereld.eigen_school,
            datum=VANDAAG,
            regels=[
                services.Dagregel(drie[0].pk, 60, "overleg"),
                services.Dagregel(elders.pk, 60, "overleg"),
            ],
            sleutel="s1",
        )
    assert list(fout.value.per_traject) == [elders.pk]
    assert Logboekregel.objects.count() == 0 and Dagverzending.objects.count() == 0


@pytest.mark.django_db
def test_school_van_een_ander_lsc_is_niet_gevonden(ondersteuner, wereld, drie):
    url = _url(wereld, wereld.vreemde_school)
    assert ondersteuner.get(url).status_code == 404
    assert ondersteuner.post(url, {"datum": VANDAAG.isoformat(), "sleutel": "x"}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.TEAMCOACH, Rol.ZORG, Rol.CLB])
def test_enkel_ondersteuners_hebben_een_dagblad(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    assert client.get(reverse("dagblad")).status_code == 403
    assert client.get(_url(wereld)).status_code == 403


# Starting from the last line and the week plan


@pytest.mark.django_db
def test_elke_rij_begint_bij_de_vorige_regel(ondersteuner, wereld, drie):
    amir, bo, _cas = drie
    gisteren = VANDAAG - dt.timedelta(days=1)
    factories.LogboekregelFactory(
        traject=amir, ondersteuner=wereld.anker, minuten=45, activiteit="leerkracht", datum=gisteren
    )
    factories.LogboekregelFactory(
        traject=bo, ondersteuner=wereld.anker, minuten=75, activiteit="team", datum=gisteren
    )
    html = ondersteuner.get(_url(wereld)).content.decode()

    def rij(traject) -> str:
        begin = html.index(f'id="dagregel-{traject.pk}"')
        return html[begin : html.index('class="dagregel', begin + 1) if traject != drie[2] else None]

    assert 'value="leerkracht" selected' in rij(amir) and f'name="t{amir.pk}-snel" value="45"' in rij(amir)
    assert "Vorige keer: 45 min" in rij(amir)
    # Cas has no line yet: the supporter's last line of all (Bo's, the newest) is the start.
    assert 'value="team" selected' in rij(drie[2]) and f'name="t{drie[2].pk}-snel" value="75"' in rij(drie[2])
    assert "checked" not in html  # a suggestion, not an entry: the row stays empty until chosen


def _werkdag() -> dt.date:
    """The last school day up to today in this school year (the plan lays no visit on a holiday)."""
    dag = VANDAAG
    while not is_schooldag(dag):
        dag -= dt.timedelta(days=1)
    return dag


@pytest.mark.django_db
def test_de_school_uit_het_weekplan_komt_eerst(ondersteuner, wereld, drie):
    gepland = factories.SchoolFactory(naam="Zonnebloem")  # alphabetically last
    factories.BedieningFactory(lsc=wereld.lsc, school=gepland)
    daar = _lopend(wereld, "Ines", school=gepland)
    datum = _werkdag()
    plan = gepubliceerd_plan(wereld.lsc, (wereld.anker, gepland, datum.weekday(), 4))
    html = ondersteuner.get(reverse("dagblad"), {"datum": datum.isoformat()}).content.decode()
    assert f'action="{_url(wereld, gepland)}"' in html and f'id="dagregel-{daar.pk}"' in html
    assert "gepland in je week" in html
    scholen = re.findall(r'<li><a class="knop[^"]*" href="/trajecten/dag/(\d+)/', html)
    assert scholen == [str(gepland.pk), str(wereld.eigen_school.pk)]

    # That date in a leave: nothing planned. Handed to a colleague: on the colleague's day sheet.
    verlof = Afwezigheid.objects.create(ondersteuner=wereld.anker, van=datum, tot=datum, soort="verlof")
    assert geplande_scholen(wereld.anker, datum) == []
    verlof.delete()
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    Planwijziging.objects.create(
        weekplan=plan,
        planregel=plan.regels.get(),
        datum=datum,
        soort="andere_ondersteuner",
        ondersteuner=collega,
    )
    assert (geplande_scholen(wereld.anker, datum), geplande_scholen(collega, datum)) == ([], [gepland.pk])
    Planwijziging.objects.all().delete()

    # Another day of the week has no visit there: the supporter's schools by name.
    ander = datum - dt.timedelta(days=1 if datum.weekday() else 3)
    html = ondersteuner.get(reverse("dagblad"), {"datum": ander.isoformat()}).content.decode()
    assert f'action="{_url(wereld)}"' in html and "gepland in je week" not in html


@pytest.mark.django_db
def test_in_een_cyclus_van_twee_weken_telt_de_week_van_de_datum(wereld):
    """Planned on this weekday in the other week of the cycle: not today. The latest published version
    counts, not an older one nor a proposal."""
    datum = _werkdag()
    deze_week = week_van_de_cyclus(datum, cyclus_weken=2, schooljaar=huidig_schooljaar())
    scholen = [factories.SchoolFactory(naam=f"School {i}") for i in range(3)]

    def plan(status, versie, school, week) -> None:
        weekplan = Weekplan.objects.create(
            lsc=wereld.lsc,
            schooljaar=huidig_schooljaar(),
            status=status,
            versie=versie,
            instellingen={**STANDAARD, "cyclus_weken": 2},
        )
        dag = (week - 1) * 5 + datum.weekday()
        Planregel.objects.create(
            weekplan=weekplan, ondersteuner=wereld.anker, school=school, dag=dag, blokken=4
        )

    plan(Weekplan.Status.VERVANGEN, 1, scholen[0], deze_week)
    plan(Weekplan.Status.GEPUBLICEERD, 2, scholen[1], 3 - deze_week)
    plan(Weekplan.Status.VOORSTEL, None, scholen[2], deze_week)
    assert geplande_scholen(wereld.anker, datum) == []
    Planregel.objects.filter(school=scholen[1]).update(dag=(deze_week - 1) * 5 + datum.weekday())
    assert geplande_scholen(wereld.anker, datum) == [scholen[1].pk]
    zaterdag = datum + dt.timedelta(days=5 - datum.weekday())
    assert geplande_scholen(wereld.anker, zaterdag) == []


# Sent twice


@pytest.mark.django_db
def test_hetzelfde_formulier_twee_keer_bewaart_de_regels_een_keer(ondersteuner, wereld, drie, settings):
    """The original and the retry both arrive, after the double-submit guard's window (0 s in tests): the
    form's key alone keeps the second from saving anything."""
    settings.HONINGRAAT_EENMALIG_SECONDEN = 0
    data = _formulier(
        ondersteuner,
        wereld,
        {drie[0]: {"snel": 60, "activiteit": "overleg"}, drie[1]: {"snel": 30, "activiteit": "overleg"}},
    )
    eerste = ondersteuner.post(_url(wereld), data, headers={"HX-Request": "true"})
    tweede = ondersteuner.post(_url(wereld), data, headers={"HX-Request": "true"})
    bewaard = reverse("dagblad_bewaard", args=[data["sleutel"]])
    assert eerste["HX-Redirect"] == tweede["HX-Redirect"] == bewaard
    assert Logboekregel.objects.count() == 2 and Dagverzending.objects.count() == 1
    html = ondersteuner.get(bewaard).content.decode()
    assert "Dit dagblad was al bewaard: er is niets dubbel gelogd." in html
    assert "2 regels bewaard, in totaal 1u30." in html

    # A new sheet has a new key: a second visit that day is logged as well.
    opnieuw = _formulier(ondersteuner, wereld, {drie[0]: {"snel": 30, "activiteit": "overleg"}})
    assert opnieuw["sleutel"] != data["sleutel"]
    ondersteuner.post(_url(wereld), opnieuw)
    assert Logboekregel.objects.count() == 3


@pytest.mark.django_db
def test_een_late_herhaling_leidt_naar_de_bewaarde_dag_ook_als_er_intussen_iets_veranderde(
    ondersteuner, wereld, drie
):
    """The retry arrives after a row left the sheet (the supporter was taken off that trajectory): it is the
    same form, already saved, not a new one to refuse."""
    data = _formulier(ondersteuner, wereld, {t: {"snel": 60, "activiteit": "overleg"} for t in drie})
    ondersteuner.post(_url(wereld), data)
    drie[0].toewijzingen.all().delete()
    antwoord = ondersteuner.post(_url(wereld), data)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("dagblad_bewaard", args=[data["sleutel"]])
    assert Logboekregel.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_pogingen_met_dezelfde_sleutel_bewaren_een_keer(wereld, drie):
    """Two connections: the first has saved but not yet committed when the second arrives. The second waits
    at the key's unique index, then finds the first's day and adds nothing."""
    regels = [services.Dagregel(t.pk, 60, "overleg") for t in drie]
    eerste_bewaard, eerste_verder = threading.Event(), threading.Event()
    uitkomsten, fouten = {}, []

    def poging(naam: str, wachten: bool) -> None:
        try:
            with transaction.atomic():
                uitkomsten[naam] = services.dag_loggen(
                    door=wereld.anker.gebruiker,
                    ondersteuner=wereld.anker,
                    school=wereld.eigen_school,
                    datum=VANDAAG,
                    regels=regels,
                    sleutel="dezelfde-sleutel",
                )
                if wachten:
                    eerste_bewaard.set()
                    eerste_verder.wait(10)
        except Exception as fout:  # reported in the test thread
            fouten.append(fout)
        finally:
            connection.close()

    eerste = threading.Thread(target=poging, args=("eerste", True))
    eerste.start()
    assert eerste_bewaard.wait(10)
    tweede = threading.Thread(target=poging, args=("tweede", False))
    tweede.start()
    time.sleep(0.5)
    assert tweede.is_alive(), "de tweede poging wachtte niet op de eerste"
    eerste_verder.set()
    eerste.join(10)
    tweede.join(10)
    assert not fouten, fouten
    (verzending, nieuw), (zelfde, tweede_nieuw) = uitkomsten["eerste"], uitkomsten["tweede"]
    assert (nieuw, tweede_nieuw) == (True, False) and zelfde.pk == verzending.pk
    assert Logboekregel.objects.count() == 3 and sorted(zelfde.regels) == sorted(verzending.regels)


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_verzendingen_van_hetzelfde_formulier_bewaren_een_keer(wereld, drie):
    """The whole way in, twice at once: two connections post the same form, as the original and its retry
    would when both arrive. Whichever wins, the lines are saved once and both answers lead to that day."""
    klanten = [Client(), Client()]
    for klant in klanten:
        klant.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    data = _formulier(klanten[0], wereld, {t: {"snel": 60, "activiteit": "overleg"} for t in drie})
    start = threading.Barrier(2)
    antwoorden, fouten = [], []

    def verstuur(klant) -> None:
        try:
            start.wait(10)
            antwoorden.append(klant.post(_url(wereld), data, headers={"HX-Request": "true"}))
        except Exception as fout:  # reported in the test thread
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=verstuur, args=(klant,)) for klant in klanten]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(30)
    assert not fouten, fouten
    bewaard = reverse("dagblad_bewaard", args=[data["sleutel"]])
    assert [a.get("HX-Redirect") for a in antwoorden] == [bewaard, bewaard]
    assert Logboekregel.objects.count() == 3 and Dagverzending.objects.count() == 1


# After saving


@pytest.mark.django_db
def test_ongedaan_maken_verwijdert_precies_die_regels(ondersteuner, wereld, drie):
    eerder = factories.LogboekregelFactory(traject=drie[0], ondersteuner=wereld.anker, minuten=15)
    data = _formulier(
        ondersteuner,
        wereld,
        {drie[0]: {"snel": 60, "activiteit": "overleg"}, drie[1]: {"snel": 90, "activiteit": "overleg"}},
    )
    ondersteuner.post(_url(wereld), data)
    antwoord = ondersteuner.post(reverse("dagblad_ongedaan", args=[data["sleutel"]]), follow=True)
    html = antwoord.content.decode()
    assert "Ongedaan gemaakt: 2 regels (2u30) zijn uit het logboek verwijderd." in html
    assert list(Logboekregel.objects.all()) == [eerder]
    assert Wijziging.objects.filter(actie="trajecten.logboekregel.verwijderd").count() == 2
    # Once: the page says so and offers no second undo.
    pagina = ondersteuner.get(reverse("dagblad_bewaard", args=[data["sleutel"]])).content.decode()
    assert "Ongedaan gemaakt" in pagina and "Ongedaan maken</button>" not in pagina
    ondersteuner.post(reverse("dagblad_ongedaan", args=[data["sleutel"]]))
    assert list(Logboekregel.objects.all()) == [eerder]


@pytest.mark.django_db
def test_een_bewaarde_dag_van_een_ander_is_niet_gevonden(client, wereld, drie):
    services.dag_loggen(
        door=wereld.anker.gebruiker,
        ondersteuner=wereld.anker,
        school=wereld.eigen_school,
        datum=VANDAAG,
        regels=[services.Dagregel(drie[0].pk, 60, "overleg")],
        sleutel="van-het-anker",
    )
    collega = factories.OndersteunerFactory(lsc=wereld.lsc)
    client.force_login(collega.gebruiker)
    assert client.get(reverse("dagblad_bewaard", args=["van-het-anker"])).status_code == 404
    assert client.post(reverse("dagblad_ongedaan", args=["van-het-anker"])).status_code == 404
    assert Logboekregel.objects.count() == 1


# What the page costs


@pytest.mark.django_db
def test_het_dagblad_kost_evenveel_queries_voor_een_of_vijf_trajecten(ondersteuner, wereld):
    _lopend(wereld, "Amir")
    datum = _werkdag()
    gepubliceerd_plan(wereld.lsc, (wereld.anker, wereld.eigen_school, datum.weekday(), 4))
    url = f"{_url(wereld)}?datum={datum.isoformat()}"
    bij_een = aantal_queries(ondersteuner, url)
    assert "gepland in je week" in ondersteuner.get(url).content.decode()
    for naam in ("Bo", "Cas", "Dani", "Eli"):
        traject = _lopend(wereld, naam)
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker)
    bij_vijf = aantal_queries(ondersteuner, url)
    # Session, user with supporter, the school, the week plan on that date (the plan, its changes, the
    # supporter's visits, their absences: 4), whether that visit was marked done, the schools, the rows (with
    # each row's last line), the read log.
    assert bij_een == bij_vijf == 11
