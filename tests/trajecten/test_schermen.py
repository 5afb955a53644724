"""The screens in use: HTMX swaps without reloads, readable history, no names in links, fixed query counts."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol
from tests import factories
from tests.conftest import aantal_queries
from trajecten import services
from trajecten.models import Doelevaluatie, Logboekregel, Status, Traject
from trajecten.services import LeerlingGegevens
from trajecten.views.tijdlijn import tijdlijn

VANDAAG = timezone.localdate()
HTMX = {"HX-Request": "true"}


@pytest.fixture
def lopend(wereld) -> Traject:
    anker = wereld.anker.gebruiker
    traject = services.traject_aanmelden(
        door=anker,
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        gebondenheid="leerling",
        leerling=LeerlingGegevens(voornaam="Mila", initiaal="V", geboortejaar=2016, klas="4B", verslag="gc"),
        type="9",
        fase=2,
        vraag_leerkracht="Hoe geef ik Mila rust bij overgangen?",
        aangemeld_op=VANDAAG - dt.timedelta(days=20),
        anker=wereld.anker,
    )
    services.antwoord_geven(door=anker, traject=traject, antwoord="We starten met observatie.")
    return services.traject_starten(
        door=anker,
        traject=traject,
        start=VANDAAG - dt.timedelta(days=10),
        geplande_einde=None,
        doelen=["Rustig overgaan naar de speelplaats"],
        volgende_evaluatie=VANDAAG + dt.timedelta(days=3),
    )


def _als(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    return client


# The logbook inline in Mijn trajecten


@pytest.mark.django_db
def test_tijd_loggen_opent_een_formulier_in_de_rij(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_tijd", args=[lopend.pk])
    html = client.get(url, {"weergave": "rij"}, headers=HTMX).content.decode()
    assert html.lstrip().startswith(f'<tr id="rij-{lopend.pk}"')
    assert f'hx-post="{url}"' in html and 'name="weergave" value="rij"' in html
    assert f'value="{VANDAAG.isoformat()}"' in html
    for minuten in (30, 60, 90, 120):
        assert f'type="radio" name="snel" value="{minuten}"' in html
    gesloten = client.get(url, {"weergave": "rij", "sluit": "1"}, headers=HTMX).content.decode()
    assert gesloten.lstrip().startswith(f'<tr id="rij-{lopend.pk}"') and "<form" not in gesloten


@pytest.mark.django_db
def test_tijd_loggen_met_htmx_geeft_de_rij_terug_met_het_nieuwe_totaal(client, wereld, lopend):
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker, minuten=45)
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    antwoord = client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {
            "weergave": "rij",
            "datum": VANDAAG.isoformat(),
            "snel": 60,
            "activiteit": "leerling",
            "notitie": "Kort",
        },
        headers=HTMX,
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and html.lstrip().startswith(f'<tr id="rij-{lopend.pk}"')
    assert '<td class="getal">105</td>' in html and "60 minuten gelogd." in html
    assert "<html" not in html and "<form" not in html
    regel = Logboekregel.objects.get(minuten=60)
    assert (regel.ondersteuner, regel.activiteit, regel.notitie) == (wereld.anker, "leerling", "Kort")


@pytest.mark.django_db
def test_een_ander_aantal_minuten_wint_van_de_snelkeuze(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {"weergave": "rij", "datum": VANDAAG.isoformat(), "snel": 60, "minuten": 25, "activiteit": "overleg"},
        headers=HTMX,
    )
    assert Logboekregel.objects.get().minuten == 25


@pytest.mark.django_db
def test_tijd_loggen_toont_fouten_in_de_rij_en_bewaart_niets(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_tijd", args=[lopend.pk])
    morgen = (VANDAAG + dt.timedelta(days=1)).isoformat()
    html = client.post(
        url, {"weergave": "rij", "datum": morgen, "snel": 30, "activiteit": "overleg"}, headers=HTMX
    ).content.decode()
    assert html.lstrip().startswith(f'<tr id="rij-{lopend.pk}"') and "<form" in html
    assert "Je kan geen tijd loggen in de toekomst." in html
    html = client.post(
        url, {"weergave": "rij", "datum": VANDAAG.isoformat(), "activiteit": "overleg"}, headers=HTMX
    ).content.decode()
    assert "Kies of vul het aantal minuten in." in html
    assert not Logboekregel.objects.exists()


@pytest.mark.django_db
def test_tijd_loggen_kan_niet_op_een_aanmelding(client, wereld, lopend):
    Traject.objects.filter(pk=lopend.pk).update(status=Status.AANGEMELD)
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    assert (
        reverse("traject_tijd", args=[lopend.pk])
        not in client.get(reverse("mijn_trajecten")).content.decode()
    )
    html = client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {"weergave": "rij", "datum": VANDAAG.isoformat(), "snel": 30, "activiteit": "overleg"},
        headers=HTMX,
    ).content.decode()
    assert "kan niet tijd krijgen in het logboek" in html and not Logboekregel.objects.exists()


@pytest.mark.django_db
def test_filteren_met_htmx_geeft_enkel_de_resultaten(client, wereld, lopend):
    html = (
        _als(client, wereld, Rol.ONDERSTEUNER)
        .get(reverse("mijn_trajecten"), {"status": "lopend"}, headers=HTMX)
        .content.decode()
    )
    assert html.lstrip().startswith('<div id="resultaten"') and "Mila V." in html and "<html" not in html


# Actions on the trajectory page


@pytest.mark.django_db
def test_actie_laadt_haar_formulier_in_het_paneel(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_doel", args=[lopend.pk])
    antwoord = client.get(url, headers=HTMX)
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<section class="kaart actiekaart"') and "<html" not in html
    assert f'hx-post="{url}"' in html and 'hx-target="#traject"' in html
    zonder_htmx = client.get(url).content.decode()
    assert "<html" in zonder_htmx and "hx-post" not in zonder_htmx and f'action="{url}"' in zonder_htmx


@pytest.mark.django_db
def test_gelukte_actie_vervangt_de_pagina_zonder_herladen(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    antwoord = client.post(
        reverse("traject_doel", args=[lopend.pk]), {"omschrijving": "Samen spelen"}, headers=HTMX
    )
    html = antwoord.content.decode()
    assert antwoord.status_code == 200 and html.lstrip().startswith('<div id="traject">')
    assert "Het doel is toegevoegd." in html and "Samen spelen" in html and "Doel toegevoegd" in html


@pytest.mark.django_db
def test_mislukte_actie_blijft_in_het_paneel(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    antwoord = client.post(reverse("traject_stopzetten", args=[lopend.pk]), {"reden": ""}, headers=HTMX)
    assert antwoord["HX-Retarget"] == "#actiepaneel" and antwoord["HX-Reswap"] == "innerHTML"
    assert "Dit veld is verplicht." in antwoord.content.decode()
    assert Traject.objects.get(pk=lopend.pk).status == Status.LOPEND


@pytest.mark.django_db
def test_actie_die_de_status_niet_toelaat_zegt_waarom(client, wereld, lopend):
    html = _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("traject_heropenen", args=[lopend.pk])).content
    html = html.decode()
    assert (
        "Een traject met status ‘lopend’ kan niet heropend worden" in html
        and "<form" not in html.split("<main")[1]
    )


# History in readable Dutch


@pytest.mark.django_db
def test_tijdlijn_toont_wie_wat_wanneer_in_leesbaar_nederlands(client, wereld, lopend):
    html = (
        _als(client, wereld, Rol.COORDINATOR)
        .get(reverse("traject_detail", args=[lopend.pk]))
        .content.decode()
    )
    tijdlijn_html = html[html.index('id="tijdlijn-titel"') :]
    assert "Aanmelding geregistreerd" in tijdlijn_html and "Antwoord gegeven" in tijdlijn_html
    assert "status: aangemeld → in behandeling" in tijdlijn_html
    assert f"door {wereld.anker.gebruiker.naam}" in tijdlijn_html
    assert tijdlijn_html.index("Traject gestart") < tijdlijn_html.index("Aanmelding geregistreerd")


def test_tijdlijn_vertaalt_codes_naar_labels():
    nu = timezone.now()
    rijen = [
        SimpleNamespace(
            wanneer=nu,
            door=None,
            actie="afsluitvragen beantwoord",
            object_soort="trajecten.afsluitvraag",
            wijzigingen={},
        ),
        SimpleNamespace(
            wanneer=nu,
            door=SimpleNamespace(naam="An Anker", email="a@x"),
            actie="doel bijgewerkt",
            object_soort="trajecten.doel",
            wijzigingen={"status": ["open", "bereikt"]},
        ),
        SimpleNamespace(
            wanneer=nu,
            door=SimpleNamespace(naam="An Anker", email="a@x"),
            actie="tijd gelogd",
            object_soort="trajecten.logboekregel",
            wijzigingen={"minuten": [None, 60], "activiteit": [None, "leerkracht"]},
        ),
        SimpleNamespace(
            wanneer=nu,
            door=SimpleNamespace(naam="An Anker", email="a@x"),
            actie="bijgewerkt",
            object_soort="trajecten.traject",
            wijzigingen={"vormen": [[], ["klas", "team"]], "frequentie": ["week", "maand"]},
        ),
    ]
    school, doel, tijd, bijgewerkt = tijdlijn(rijen)
    assert (school.wie, school.wat) == (
        "de school, via de afsluitlink",
        "Afsluitvragen beantwoord",
    )
    assert doel.details == ["status: open → bereikt"]
    assert tijd.details == ["minuten: 60", "activiteit: coaching leerkracht"]
    assert bijgewerkt.details == [
        "vormen: klasondersteunend; teamondersteunend",
        "frequentie: per week → per maand",
    ]


# Privacy of links


@pytest.mark.django_db
def test_geen_naam_van_een_leerling_in_links_of_formulieradressen(client, wereld, lopend):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    assert "Mila V." in client.get(reverse("mijn_trajecten")).content.decode()
    for url in [
        reverse("mijn_trajecten"),
        reverse("traject_detail", args=[lopend.pk]),
        reverse("traject_tijd", args=[lopend.pk]) + "?weergave=rij",
    ]:
        html = client.get(url).content.decode()
        adressen = re.findall(r'(?:href|action|hx-get|hx-post)="([^"]*)"', html)
        assert adressen and not [a for a in adressen if "mila" in a.lower()], url


# Navigation and home


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        (Rol.ONDERSTEUNER, "Mijn trajecten"),
        (Rol.COORDINATOR, "Trajecten"),
        (Rol.DIRECTEUR, "Trajecten"),
        (Rol.TEAMCOACH, "Trajecten"),
        (Rol.ZORG, "Trajecten"),
        (Rol.CLB, None),
        (Rol.ADMIN, None),
    ],
)
def test_navigatie_naar_trajecten_per_rol(client, wereld, rol, verwacht):
    html = _als(client, wereld, rol).get(reverse("home")).content.decode()
    menu = html[html.index('class="hoofdnavigatie"') : html.index("</nav>")]
    if verwacht is None:
        assert "/trajecten/" not in menu
    else:
        doel = reverse("mijn_trajecten" if rol == Rol.ONDERSTEUNER else "traject_lijst")
        assert f'<a href="{doel}">{verwacht}</a>' in menu


@pytest.mark.django_db
def test_startpagina_van_de_ondersteuner_telt_evaluaties_en_aanmeldingen(client, wereld, lopend):
    factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Status.AANGEMELD)
    html = _als(client, wereld, Rol.ONDERSTEUNER).get(reverse("home")).content.decode()
    assert re.search(r'<span class="getal">1</span> evaluatie deze week of al voorbij', html)
    assert re.search(r'<span class="getal">1</span> aanmelding wacht op antwoord', html)
    assert f'href="{reverse("mijn_trajecten")}?bereik=alle&amp;status=aangemeld"' in html


# Query counts


def _meer_trajecten(wereld, aantal: int) -> None:
    """Spread over new schools of the world's LSC, and some at its own school (for its care staff)."""
    for nummer in range(aantal):
        school = wereld.eigen_school if nummer % 3 == 0 else factories.SchoolFactory()
        if school != wereld.eigen_school:
            factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        status = [Status.AANGEMELD, Status.LOPEND, Status.IN_BEHANDELING][nummer % 3]
        traject = factories.TrajectFactory(
            lsc=wereld.lsc,
            school=school,
            status=status,
            volgende_evaluatie=VANDAAG + dt.timedelta(days=nummer),
        )
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
        factories.ToewijzingFactory(traject=traject, rol="focus")
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker)


# Session and user (2), then: Mijn trajecten: the school filter's choices, the count and the page (3).
# The overview: the filter choices (schools, regio teams, supporters: 3), count, page, supporters of the page.
# Both: the read of the pupils on the page, logged (1).
VERWACHT = {
    ("mijn_trajecten", Rol.ONDERSTEUNER): 6,
    ("traject_lijst", Rol.COORDINATOR): 9,
    ("traject_lijst", Rol.TEAMCOACH): 9,
    ("traject_lijst", Rol.ZORG): 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "rol"), list(VERWACHT))
def test_lijsten_kosten_evenveel_queries_met_1_en_30_trajecten(client, wereld, lopend, pagina, rol):
    client = _als(client, wereld, rol)
    bij_een = aantal_queries(client, reverse(pagina), data={"status": "alle"})
    _meer_trajecten(wereld, 29)
    bij_dertig = aantal_queries(client, reverse(pagina), data={"status": "alle"})
    assert bij_een == bij_dertig == VERWACHT[(pagina, rol)]


@pytest.mark.django_db
def test_trajectpagina_kost_evenveel_queries_met_1_en_10_doelen_evaluaties_en_regels(client, wereld, lopend):
    """Session, user, the trajectory, supporters, network, goals, evaluations, their goals, logbook, history,
    the rule (assigned? anchor?) and the read log."""
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_detail", args=[lopend.pk])
    factories.EvaluatieFactory(traject=lopend)
    factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker)
    bij_een = aantal_queries(client, url)
    for _ in range(9):
        factories.DoelFactory(traject=lopend)
        factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker)
    for _ in range(9):
        evaluatie = factories.EvaluatieFactory(traject=lopend)
        for doel in lopend.doelen.all():
            Doelevaluatie.objects.create(evaluatie=evaluatie, doel=doel, status="bezig", vooruitgang="Beter")
    assert lopend.doelen.count() == 10 and lopend.evaluaties.count() == 10
    assert bij_een == aantal_queries(client, url) == 12
