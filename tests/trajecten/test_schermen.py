"""The screens in use: HTMX swaps without reloads, readable history, no names in links, fixed query counts."""

import datetime as dt
import re
from types import SimpleNamespace

import pytest
from django.core import signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Rol
from tests import factories
from tests.support.queries import aantal_queries
from trajecten import services
from trajecten.models import Doelevaluatie, Logboekregel, Status, Traject
from trajecten.services import LeerlingGegevens
from trajecten.tijdlijn import tijdlijn
from trajecten.views import lijsten

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
    assert '<td class="getal" data-kop="Tijd">1u45</td>' in html and "1u gelogd." in html
    assert "<html" not in html and "<form" not in html
    regel = Logboekregel.objects.get(minuten=60)
    assert (regel.ondersteuner, regel.activiteit, regel.notitie) == (wereld.anker, "leerling", "Kort")


def _statements(client, url: str, data: dict) -> int:
    """The SQL statements one POST sends. The test's own transaction turns the view's into savepoints, which
    outside a test are BEGIN and COMMIT, no statements: those are not counted."""

    teller = []

    def tel(execute, sql, *args):
        if "SAVEPOINT" not in sql:
            teller.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(tel):
        antwoord = client.post(url, data, headers=HTMX)
    assert antwoord.status_code == 200 and " gelogd." in antwoord.content.decode()
    return len(teller)


@pytest.mark.django_db
def test_tijd_loggen_in_de_rij_kost_acht_statements_hoe_vol_het_logboek_ook_is(client, wereld, lopend):
    """Session, user with their supporter record, the double-submit claim, the row with the user's rights
    on it, the locked trajectory with the assignment check and the year's total, the line, its audit entry,
    the claim's result: 8 (14 before the row, the lock and the user each brought what was read apart)."""
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    url = reverse("traject_tijd", args=[lopend.pk])
    data = {"weergave": "rij", "datum": VANDAAG.isoformat(), "activiteit": "overleg"}
    bij_een = _statements(client, url, {**data, "minuten": "10 min"})
    for _ in range(20):
        factories.LogboekregelFactory(traject=lopend, ondersteuner=wereld.anker, minuten=5)
    assert bij_een == _statements(client, url, {**data, "minuten": 11}) == 8


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
@pytest.mark.parametrize(
    ("getypt", "minuten", "getoond"),
    [
        ("1u30", 90, "1u30"),
        ("1,5", 90, "1u30"),
        ("1.5", 90, "1u30"),
        ("45 min", 45, "45 min"),
        ("2", 120, "2u"),
    ],
)
def test_tijd_loggen_in_uren_en_minuten(client, wereld, lopend, getypt, minuten, getoond):
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    html = client.post(
        reverse("traject_tijd", args=[lopend.pk]),
        {"weergave": "rij", "datum": VANDAAG.isoformat(), "minuten": getypt, "activiteit": "overleg"},
        headers=HTMX,
    ).content.decode()
    assert Logboekregel.objects.get().minuten == minuten
    assert f'<td class="getal" data-kop="Tijd">{getoond}</td>' in html and f"{getoond} gelogd." in html


@pytest.mark.django_db
def test_het_formulier_zegt_hoe_je_tijd_schrijft_en_de_snelkeuzes_spreken_uren(client, wereld, lopend):
    html = (
        _als(client, wereld, Rol.ONDERSTEUNER)
        .get(reverse("traject_tijd", args=[lopend.pk]), {"weergave": "rij"}, headers=HTMX)
        .content.decode()
    )
    assert "Bijvoorbeeld 1u30, 1,5 (uur) of 45 min." in html and "Of een andere duur" in html
    for minuten, label in [(30, "30 min"), (60, "1u"), (90, "1u30"), (120, "2u")]:
        assert re.search(rf'value="{minuten}"[^>]*>\s*{label}</label>', html), label


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("getypt", "melding"),
    [
        ("1,30", "‘1,30’: bedoel je 1u30 of 1u18? Schrijf het zo, zonder komma."),
        ("5", "‘5’: bedoel je 5 uur of 5 minuten? Schrijf 5u of 5 min."),
        ("0", "‘0’ is geen tijd: minstens 5 min."),
        ("11u", "‘11u’ is te lang: hoogstens 10u."),
    ],
)
def test_een_dubbelzinnige_of_onmogelijke_duur_wordt_gevraagd_en_niet_geraden(
    client, wereld, lopend, getypt, melding
):
    html = (
        _als(client, wereld, Rol.ONDERSTEUNER)
        .post(
            reverse("traject_tijd", args=[lopend.pk]),
            {"weergave": "rij", "datum": VANDAAG.isoformat(), "minuten": getypt, "activiteit": "overleg"},
            headers=HTMX,
        )
        .content.decode()
    )
    assert melding in html.replace("&#x27;", "'") and not Logboekregel.objects.exists()


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
    assert "Kies of vul de duur in." in html
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
    """Rows written before the one audit dialect keep their old names (the audit only grows): they read
    as the new ones do."""
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
    assert tijd.details == ["duur: 1u", "activiteit: coaching leerkracht"]
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


# Session and user (2), then: Mijn trajecten: the school filter's choices (1), the page with its count as a
# window (1). The overview: the filter choices (schools, regio teams, supporters in one UNION ALL: 1), the
# page with its supporters as an array and its count up to the cap as subqueries (1). Both: the read of the
# pupils on the page, logged (1). Before keyset pages: 6, 9, 9 and 7.
VERWACHT = {
    ("mijn_trajecten", Rol.ONDERSTEUNER): 5,
    ("traject_lijst", Rol.COORDINATOR): 5,
    ("traject_lijst", Rol.TEAMCOACH): 5,
    ("traject_lijst", Rol.ZORG): 5,
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
    """Session, user, the trajectory with its supporters, network, goals, evaluations and their goals,
    history, focus teams called in, questions to colleagues and the user's rights as columns of one query
    (netwerk/jsonrijen.py), the logbook page, the read log: 5 (14 when each list was a query of its own)."""
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
    assert bij_een == aantal_queries(client, url) == 5


# Keyset pages of the overview, numbered pages of Mijn trajecten


def _op_dagen(wereld, aantal: int, *, school=None) -> list[int]:
    """`aantal` open trajectories of the world's LSC spread over 7 dates, so most share their date with
    others and only the id tells them apart; their ids in the overview's order."""
    for nummer in range(aantal):
        factories.TrajectFactory(
            lsc=wereld.lsc,
            school=school or wereld.eigen_school,
            status=Status.LOPEND,
            aangemeld_op=VANDAAG - dt.timedelta(days=nummer % 7),
        )
    return list(
        Traject.objects.filter(lsc=wereld.lsc, status__in=["aangemeld", "in_behandeling", "lopend"])
        .order_by("-aangemeld_op", "-pk")
        .values_list("pk", flat=True)
    )


def _rijen(html: str) -> list[int]:
    tabel = html[html.index("<tbody>") : html.index("</tbody>")]
    prefix = reverse("traject_detail", args=[0])[:-2]
    return [int(pk) for pk in re.findall(rf'href="{re.escape(prefix)}(\d+)/"', tabel)]


def _plat(paginas: list[list[int]]) -> list[int]:
    return [pk for pagina in paginas for pk in pagina]


def _link(html: str, rel: str) -> str | None:
    gevonden = re.search(rf'<a rel="{rel}" aria-label="[^"]+" href="([^"]+)"', html)
    return gevonden.group(1).replace("&amp;", "&") if gevonden else None


def _wandel(client, url: str, begin: str, rel: str, **kwargs) -> tuple[list[list[int]], str]:
    """Follows the `rel` links from `begin` to the end; the rows of each page and the last page's HTML."""
    paginas, volgende = [], begin
    while volgende:
        html = client.get(url + volgende, **kwargs).content.decode()
        paginas.append(_rijen(html))
        volgende = _link(html, rel)
    return paginas, html


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["pagina", "htmx"])
def test_overzicht_bladert_heen_en_terug_zonder_dubbels_of_gaten(client, wereld, htmx):
    verwacht = _op_dagen(wereld, 63)
    client = _als(client, wereld, Rol.COORDINATOR)
    kop = HTMX if htmx else {}
    vooruit, laatste = _wandel(client, reverse("traject_lijst"), "?", "next", headers=kop)
    assert [len(p) for p in vooruit] == [25, 25, 13]
    assert _plat(vooruit) == verwacht
    assert _link(laatste, "next") is None
    terug, eerste = _wandel(client, reverse("traject_lijst"), _link(laatste, "prev"), "prev", headers=kop)
    assert terug == vooruit[-2::-1]
    assert _link(eerste, "prev") is None
    assert "63 trajecten" in eerste and 'aria-label="Volgende pagina"' in eerste
    if htmx:
        assert eerste.lstrip().startswith('<div id="resultaten"') and 'hx-push-url="true"' in eerste


@pytest.mark.django_db
def test_overzicht_bladert_met_filters_en_houdt_ze_in_de_links(client, wereld):
    _op_dagen(wereld, 30)
    andere = factories.SchoolFactory()
    factories.BedieningFactory(lsc=wereld.lsc, school=andere, regioteam=wereld.regioteam)
    _op_dagen(wereld, 31, school=andere)
    verwacht = list(
        Traject.objects.filter(school=andere).order_by("-aangemeld_op", "-pk").values_list("pk", flat=True)
    )
    client = _als(client, wereld, Rol.COORDINATOR)
    begin = f"?school={andere.pk}&status=alle"
    vooruit, laatste = _wandel(client, reverse("traject_lijst"), begin, "next")
    assert _plat(vooruit) == verwacht and [len(p) for p in vooruit] == [25, 6]
    assert _link(laatste, "prev").startswith(f"?school={andere.pk}&status=alle&pagina=")
    terug, _ = _wandel(client, reverse("traject_lijst"), _link(laatste, "prev"), "prev")
    assert terug == [vooruit[0]]


@pytest.mark.django_db
def test_zoeken_bladert_via_post_en_houdt_de_zoekterm_uit_de_url(client, wereld):
    verwacht = _op_dagen(wereld, 30)
    client = _als(client, wereld, Rol.COORDINATOR)
    url = reverse("traject_lijst")
    html = client.post(url, {"q": wereld.eigen_school.naam}, headers=HTMX).content.decode()
    assert _rijen(html) == verwacht[:25] and _link(html, "next") is None
    cursor = re.search(r'name="pagina" value="([^"]+)" aria-label="Volgende pagina"', html).group(1)
    assert wereld.eigen_school.naam not in cursor
    tweede = client.post(
        url, {"q": wereld.eigen_school.naam, "pagina": cursor}, headers=HTMX
    ).content.decode()
    assert _rijen(tweede) == verwacht[25:]
    assert 'aria-label="Vorige pagina"' in tweede and 'aria-label="Volgende pagina"' not in tweede


@pytest.mark.django_db
def test_de_cursor_draagt_enkel_een_datum_en_een_id(client, wereld):

    verwacht = _op_dagen(wereld, 30)
    html = _als(client, wereld, Rol.COORDINATOR).get(reverse("traject_lijst")).content.decode()
    cursor = _link(html, "next").split("pagina=")[1]
    inhoud = signing.Signer(salt="trajecten.lijst.cursor", sep=".").unsign_object(cursor)
    laatste = Traject.objects.get(pk=verwacht[24])
    assert inhoud == ["na", laatste.aangemeld_op.isoformat(), laatste.pk]
    assert laatste.leerling.voornaam not in html[html.index("pagina=") :].split('"')[0]


@pytest.mark.django_db
@pytest.mark.parametrize("soort", ["onzin", "veranderd", "leeg", "getal"])
def test_een_gewijzigde_cursor_geeft_de_eerste_pagina(client, wereld, soort):
    verwacht = _op_dagen(wereld, 30)
    client = _als(client, wereld, Rol.COORDINATOR)
    url = reverse("traject_lijst")
    echt = _link(client.get(url).content.decode(), "next").split("pagina=")[1]
    vervalst = {
        "onzin": "';DROP TABLE x;--",
        "veranderd": echt[:-3] + ("AAA" if not echt.endswith("AAA") else "BBB"),
        "leeg": "",
        "getal": "2",
    }[soort]
    antwoord = client.get(url, {"pagina": vervalst})
    assert antwoord.status_code == 200
    assert _rijen(antwoord.content.decode()) == verwacht[:25]


@pytest.mark.django_db
def test_een_ondertekende_cursor_met_een_vreemde_inhoud_geeft_de_eerste_pagina(client, wereld):

    verwacht = _op_dagen(wereld, 30)
    ondertekenaar = signing.Signer(salt="trajecten.lijst.cursor", sep=".")
    client = _als(client, wereld, Rol.COORDINATOR)
    for inhoud in (["achteruit", VANDAAG.isoformat(), 1], ["na", "gisteren", 1], ["na"], {"na": 1}):
        html = client.get(reverse("traject_lijst"), {"pagina": ondertekenaar.sign_object(inhoud)})
        assert _rijen(html.content.decode()) == verwacht[:25], inhoud


@pytest.mark.django_db
def test_het_overzicht_telt_tot_een_grens(client, wereld, monkeypatch):

    _op_dagen(wereld, 30)
    client = _als(client, wereld, Rol.COORDINATOR)
    assert "30 trajecten" in client.get(reverse("traject_lijst")).content.decode()
    monkeypatch.setattr(lijsten, "TELGRENS", 29)
    assert "meer dan 29 trajecten" in client.get(reverse("traject_lijst")).content.decode()
    monkeypatch.setattr(lijsten, "TELGRENS", 30)
    assert "30 trajecten" in client.get(reverse("traject_lijst")).content.decode()


@pytest.mark.django_db
def test_de_ondersteuners_staan_in_de_rij_anker_eerst(client, wereld, lopend):
    focus = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.ToewijzingFactory(traject=lopend, ondersteuner=focus, rol="focus")
    zonder = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status=Status.LOPEND)
    html = _als(client, wereld, Rol.COORDINATOR).get(reverse("traject_lijst")).content.decode()
    rij = html[html.index(reverse("traject_detail", args=[lopend.pk])) :]
    rij = rij[: rij.index("</tr>")]
    assert re.search(
        rf"{re.escape(str(wereld.anker))} <span class=\"onder\">\(anker\)</span><br>{re.escape(str(focus))}<",
        rij,
    )
    leeg = html[html.index(reverse("traject_detail", args=[zonder.pk])) :]
    assert "niemand" in leeg[: leeg.index("</tr>")]


@pytest.mark.django_db
def test_mijn_trajecten_bladert_genummerd_zonder_dubbels(client, wereld):
    for _ in range(55):
        traject = factories.TrajectFactory(
            lsc=wereld.lsc, school=wereld.eigen_school, status=Status.LOPEND, aangemeld_op=VANDAAG
        )
        factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    client = _als(client, wereld, Rol.ONDERSTEUNER)
    paginas, laatste = [], "?status=alle"
    while laatste:
        html = client.get(reverse("mijn_trajecten") + laatste).content.decode()
        paginas.append([int(pk) for pk in re.findall(r'<tr id="rij-(\d+)"', html)])
        laatste = _link(html, "next")
    assert [len(p) for p in paginas] == [25, 25, 5]
    assert len(set(_plat(paginas))) == 55
    assert "Pagina 3 van 3" in html and _link(html, "prev") == "?status=alle&pagina=2"
    for onzin in ("abc", "-4", "999", "9" * 30):
        html = client.get(reverse("mijn_trajecten"), {"status": "alle", "pagina": onzin}).content.decode()
        assert "Pagina 1 van 3" in html
