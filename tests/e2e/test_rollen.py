"""Browser journeys on the demo network: every role logs in through allauth and sees its own start page.

The roles walk in one test function on purpose: `live_server` needs a transactional database that is
flushed after each test, so the demo network is loaded once and every role walks through it, each in a
fresh browser context (no session leaks from one role into the next) and with one login each (allauth
limits logins per IP). Console errors, CSP violations among them, fail the test. The screenshots land
in var/schermafdrukken/ for a person to look at.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.db.models import Q
from playwright.sync_api import Page, expect

from honingraat import demo
from netwerk.models import Gebruiker, Leersteuncentrum, Regioteam, Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, School
from scholen.queries import scholen_zonder_anker
from tests import factories
from tests.support.browser import LOGIN_PAD, SMAL, Sessies

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def geen_oude_aanmeldlimieten(transactional_db):
    """allauth counts logins per IP in the database cache, which no flush empties: start from zero."""
    cache.clear()


PER_PAGINA = 25  # schools per page of the school list


@dataclass
class Reis:
    rol: str  # used in the screenshot's name
    email: str
    navigatie: list[str]
    controle: Callable[[Page], None]
    verder: Callable[["Sessies", Page], None] | None = None  # a further journey before logging out


def afmelden(page: Page, *, schermafdruk: Path | None = None) -> None:
    menu = page.locator("details.accountmenu")
    afmelden_knop = menu.get_by_role("button", name="Afmelden")
    expect(afmelden_knop).to_be_hidden()
    menu.locator("summary").click()
    expect(menu).to_have_attribute("open", "")
    expect(menu.get_by_role("link")).to_have_text(
        ["Tweestapsverificatie", "Wachtwoord wijzigen", "Hoe meldingen je bereiken"]
    )
    if schermafdruk:
        page.screenshot(path=schermafdruk)
    afmelden_knop.click()
    expect(page).to_have_url(LOGIN_PAD)
    expect(page.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Je bent afgemeld.")
    expect(page.locator("details.accountmenu")).to_have_count(0)
    if schermafdruk:
        page.screenshot(path=schermafdruk.with_name("afgemeld.png"), full_page=True)


def regio(page: Page, naam: str | re.Pattern):
    return page.get_by_role("region", name=naam)


def reizen() -> list[Reis]:
    """What each demo login must see, read from the network `laad_demo` just built."""
    jaar = huidig_schooljaar()
    algemeen = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    specifiek = Leersteuncentrum.objects.get(naam=demo.SPECIFIEK_LSC)
    zonder_anker = list(scholen_zonder_anker(lsc_id=algemeen.pk).values_list("naam", flat=True))
    assert len(zonder_anker) == demo.AANTAL_ZONDER_ANKER
    coach_teams = list(
        Regioteam.objects.filter(coach__email=demo.TEAMCOACH).order_by("naam").values_list("naam", flat=True)
    )
    assert sorted(coach_teams) == sorted(naam for naam, _ in demo.REGIOTEAMS[: demo.TEAMS_PER_COACH])
    ankerscholen = list(
        Ankertoewijzing.objects.filter(ondersteuner__gebruiker__email=demo.ANKER, schooljaar=jaar)
        .order_by("school__naam")
        .values_list("school__naam", flat=True)
    )
    assert len(ankerscholen) == demo.ANKERSCHOLEN_VAN_ANKER
    zorgschool = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    anker_van_zorgschool = Gebruiker.objects.get(email=demo.ANKER).naam
    clb_gebruiker = Gebruiker.objects.select_related("clb").get(email=demo.CLB)
    clb_scholen = list(
        School.objects.filter(clb=clb_gebruiker.clb).order_by("naam").values_list("naam", flat=True)
    )
    assert zorgschool.naam in clb_scholen

    beleid_nav = [
        "Start",
        "Scholen",
        "Trajecten",
        "Capaciteit",
        "Opvolging",
        "Schoolbeeldoverleg",
        "Account uitnodigen",
        "Aanvragen",
    ]

    def beleid(page: Page) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(demo.ALGEMEEN_LSC)
        kerncijfers = page.get_by_role("region", name="Kerncijfers")
        expect(kerncijfers).to_contain_text(f"{demo.AANTAL_SCHOLEN} scholen")
        expect(kerncijfers).to_contain_text(f"{len(demo.REGIOTEAMS)} regioteams")
        zonder = regio(page, "Scholen zonder ankerondersteuner")
        expect(zonder.get_by_role("heading", level=2)).to_have_text("Scholen zonder ankerondersteuner")
        expect(zonder).to_contain_text(
            f"{len(zonder_anker)} scholen hebben dit schooljaar nog geen ankerondersteuner."
        )
        expect(zonder.get_by_role("listitem").get_by_role("link")).to_have_text(zonder_anker)
        teams = regio(page, "Regioteams").locator("tbody tr")
        expect(teams).to_have_count(len(demo.REGIOTEAMS))

    def teamcoach(page: Page) -> None:
        teams = regio(page, "Jouw regioteams")
        expect(teams.get_by_role("heading", level=2)).to_have_text("Jouw regioteams")
        expect(teams.locator("tbody tr td:first-child")).to_have_text(coach_teams)
        expect(teams.get_by_role("link", name="Scholen van jouw regioteams bekijken")).to_be_visible()

    def anker(page: Page) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Dag \S+$"))
        expect(page.locator("p.onder")).to_contain_text(demo.REGIOTEAMS[0][0])
        scholen = regio(page, "Jouw ankerscholen")
        expect(scholen.get_by_role("link").filter(has_not_text="aanmelding registreren")).to_have_text(
            ankerscholen
        )

    def focus(page: Page) -> None:
        expect(page.get_by_text("Focusteams:")).to_be_visible()
        expect(page.locator(".label")).to_have_text(["ASS"])
        scholen = regio(page, "Jouw ankerscholen")
        expect(scholen.get_by_role("link")).to_have_count(0)
        expect(scholen.locator(".leeg")).to_contain_text(
            "Je bent dit schooljaar geen ankerondersteuner van een school."
        )

    def zorg(page: Page) -> None:
        school = regio(page, zorgschool.naam)
        expect(school.get_by_role("heading", level=2)).to_have_text(zorgschool.naam)
        expect(school.locator("dd").first).to_have_text(f"{anker_van_zorgschool} ({demo.ALGEMEEN_LSC})")
        expect(school).to_contain_text(clb_gebruiker.clb.naam)
        expect(page.locator("section.kaart[aria-labelledby^='school-']")).to_have_count(1)

    def clb(page: Page) -> None:
        expect(page.locator("p.onder")).to_contain_text(clb_gebruiker.clb.naam)
        verslagen = regio(page, "Verslagen van schoolbeeldoverleg")
        # The demo's first anchor school held its consultation and shared the report with its CLB.
        # exact: another demo school's name may start with this one's ("… De Wegwijzer Lokeren").
        expect(verslagen.get_by_role("link", name=zorgschool.naam, exact=True)).to_be_visible()
        scholen = regio(page, f"{len(clb_scholen)} scholen van je CLB")
        expect(scholen.get_by_role("listitem")).to_have_count(len(clb_scholen))
        expect(scholen.get_by_role("listitem").first).to_contain_text(clb_scholen[0])
        expect(scholen).to_contain_text(zorgschool.naam)

    def admin(page: Page) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text("Beheer van Honingraat")
        lscs = regio(page, "Leersteuncentra")
        expect(lscs.locator("tbody tr td:first-child")).to_have_text(sorted([algemeen.naam, specifiek.naam]))
        expect(lscs.get_by_role("link", name="Naar het beheer")).to_be_visible()

    return [
        Reis("coordinator", demo.COORDINATOR, beleid_nav, beleid, verder=scholen_zoeken),
        Reis(
            "teamcoach",
            demo.TEAMCOACH,
            ["Start", "Scholen van mijn regioteams", "Trajecten", "Schoolbeeldoverleg"],
            teamcoach,
        ),
        Reis(
            "anker",
            demo.ANKER,
            ["Start", "Mijn scholen", "Mijn trajecten", "Mijn week", "Schoolbeeldoverleg"],
            anker,
        ),
        Reis(
            "focus",
            demo.FOCUS,
            ["Start", "Mijn scholen", "Mijn trajecten", "Mijn week", "Schoolbeeldoverleg"],
            focus,
        ),
        Reis(
            "zorg",
            demo.ZORG,
            ["Start", "Mijn school", "Trajecten", "Schoolbeeldoverleg"],
            zorg,
            verder=vreemde_school_is_niet_gevonden,
        ),
        Reis("clb", demo.CLB, ["Start", "Scholen van mijn CLB", "Schoolbeeldoverleg"], clb),
        Reis("admin", demo.ADMIN, ["Start", "Scholen", "Account uitnodigen", "Aanvragen", "Beheer"], admin),
        Reis("directeur", demo.DIRECTEUR, beleid_nav, beleid),
    ]


def smal_bekijken(page: Page, pad: Path) -> None:
    """A screenshot at phone width, for the eye; the overflow is test_startpagina_past_op_een_telefoon."""
    breed = page.viewport_size
    page.set_viewport_size(SMAL)
    page.screenshot(path=pad, full_page=True)
    page.set_viewport_size(breed)


def start_van(sessies: Sessies, reis: Reis) -> None:
    page = sessies.aanmelden(reis.email, schermafdruk="aanmelden.png" if reis.rol == "coordinator" else None)
    gebruiker = Gebruiker.objects.get(email=reis.email)
    expect(page).to_have_title(re.compile(r"^\s*Start · Honingraat$"))
    navigatie = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link")
    expect(navigatie).to_have_text(reis.navigatie)
    expect(navigatie.first).to_have_attribute("aria-current", "page")
    expect(page.locator("details.accountmenu summary")).to_contain_text(gebruiker.naam)
    expect(page.locator("details.accountmenu .rol")).to_have_text(gebruiker.get_rol_display())
    reis.controle(page)
    page.screenshot(path=sessies.map_ / f"home_{reis.rol}.png", full_page=True)
    smal_bekijken(page, sessies.map_ / f"home_{reis.rol}_smal.png")
    if reis.verder:
        reis.verder(sessies, page)
    afmelden(page, schermafdruk=sessies.map_ / "accountmenu.png" if reis.rol == "coordinator" else None)
    page.context.close()


def vreemde_school_is_niet_gevonden(sessies: Sessies, page: Page) -> None:
    """The care team types the address of a school that is not theirs: the Dutch 404, nothing leaks."""
    vreemd = School.objects.exclude(zorgmedewerkers__email=demo.ZORG).order_by("naam").first()
    url = f"{sessies.basis}/scholen/{vreemd.pk}/"
    sessies.console.verwachte_404.add(url)
    antwoord = page.goto(url)
    assert antwoord is not None and antwoord.status == 404
    expect(page).to_have_title(re.compile(r"^\s*Niet gevonden · Honingraat$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_text("Deze pagina bestaat niet, of je hebt er geen toegang toe.")).to_be_visible()
    expect(page.get_by_text(vreemd.naam)).to_have_count(0)
    page.screenshot(path=sessies.map_ / "niet_gevonden.png", full_page=True)
    page.get_by_role("link", name="Terug naar je startpagina").click()
    expect(page).to_have_url(sessies.basis + "/")


def zoek_scholen(term: str) -> list[str]:
    """What the list must show for `term`, by the same rule as scholen.views.school_lijst."""
    treffers = School.objects.filter(
        Q(naam__icontains=term) | Q(gemeente__icontains=term) | Q(instellingsnummer__startswith=term)
    )
    return list(treffers.order_by("naam", "instellingsnummer").values_list("naam", flat=True))


def scholen_zoeken(sessies: Sessies, page: Page) -> None:
    """The coordinator searches the school list: HTMX swaps the results and pushes ?q= without a reload."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Scholen").click()
    expect(page).to_have_url(sessies.basis + "/scholen/")
    resultaten = page.locator("#resultaten")
    paginas = f"Pagina 1 van {math.ceil(demo.AANTAL_SCHOLEN / PER_PAGINA)}"
    expect(resultaten.locator("caption")).to_contain_text(f"{demo.AANTAL_SCHOLEN} scholen")
    expect(resultaten.locator("tbody tr")).to_have_count(PER_PAGINA)
    expect(resultaten.get_by_text(paginas)).to_be_visible()
    page.screenshot(path=sessies.map_ / "scholen.png", full_page=True)

    # A name part of the demo that a few schools share, typed in lower case: the search ignores case.
    term, verwacht = next(
        (deel.lower(), treffers)
        for deel in demo.SCHOOLNAMEN
        if 1 < len(treffers := zoek_scholen(deel.lower())) < PER_PAGINA
    )

    documenten: list[str] = []
    htmx_verzoeken: list[str] = []
    page.on("request", lambda r: documenten.append(r.url) if r.resource_type == "document" else None)
    page.on("request", lambda r: htmx_verzoeken.append(r.url) if r.headers.get("hx-request") else None)
    h1 = page.get_by_role("heading", level=1)
    h1.evaluate("element => element.dataset.zelfdePagina = 'ja'")

    zoekveld = page.get_by_label("Zoek op naam, gemeente of instellingsnummer")
    zoekveld.press_sequentially(term)
    expect(resultaten.locator("tbody tr")).to_have_count(len(verwacht))
    expect(resultaten.locator("tbody tr td:first-child")).to_have_text(verwacht)
    expect(resultaten.locator("caption")).to_contain_text(
        f"{len(verwacht)} school" if len(verwacht) == 1 else f"{len(verwacht)} scholen"
    )
    expect(resultaten.get_by_text(paginas)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/scholen/\?q="))
    assert parse_qs(urlsplit(page.url).query) == {"q": [term]}
    expect(h1).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"de zoekopdracht laadde de pagina opnieuw: {documenten}"
    assert htmx_verzoeken, "geen HTMX-verzoek gezien"
    page.screenshot(path=sessies.map_ / "scholen_zoeken.png", full_page=True)

    eerste = School.objects.filter(naam=verwacht[0]).order_by("instellingsnummer").first()
    link = resultaten.get_by_role("link", name=verwacht[0], exact=True).first
    expect(link).to_have_attribute("href", f"/scholen/{eerste.pk}/")


def test_elke_rol_ziet_zijn_startpagina(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)

    for reis in reizen():
        start_van(sessies, reis)

    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)


def test_schoolpagina_toont_de_grafiek(live_server, wereld, browser, browser_context_args, schermafdrukken):
    """The server-rendered SVG chart draws: coordinates with a decimal point, never the Belgian comma."""
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(wereld.gebruikers[Rol.COORDINATOR].email, wachtwoord=factories.WACHTWOORD)
    page.goto(f"{live_server.url}/scholen/{wereld.eigen_school.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(wereld.eigen_school.naam)
    grafiek = page.get_by_role("img", name="Leerlingen (staven) en GC-verslagen (punten) per schooljaar")
    expect(grafiek).to_be_visible()
    staven = grafiek.locator("rect.staaf")
    expect(staven).to_have_count(wereld.eigen_school.cijfers.count())
    page.screenshot(path=schermafdrukken / "school_detail.png", full_page=True)

    maat = staven.first.bounding_box()
    assert maat and maat["width"] >= 1 and maat["height"] >= 1, f"de staaf wordt niet getekend: {maat}"
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
    page.context.close()


def test_startpagina_past_op_een_telefoon(
    live_server, wereld, browser, browser_context_args, schermafdrukken
):
    """Nothing sticks out sideways on a phone, also not the tables of the coordinator and the admin."""
    sessies = Sessies(browser, {**browser_context_args, "viewport": SMAL}, live_server.url, schermafdrukken)
    te_breed = {}
    for rol in (Rol.COORDINATOR, Rol.ADMIN):
        page = sessies.aanmelden(wereld.gebruikers[rol].email, wachtwoord=factories.WACHTWOORD)
        expect(page.get_by_role("table")).to_be_visible()
        breedte = page.evaluate("document.documentElement.scrollWidth")
        if breedte > SMAL["width"]:
            te_breed[rol.value] = breedte
        page.context.close()
    assert not te_breed, f"breder dan {SMAL['width']} px: {te_breed}"
