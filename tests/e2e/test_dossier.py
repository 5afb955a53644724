"""A school's dossier in the browser, on the demo network.

Care staff on a 375 px phone follow "Mijn school" straight to their school's dossier: its trajectories,
filtered in place (an HTMX swap, no page load), the time frame with its use and what is left, explained in
plain words with the formulas one click away, who comes when, this year's consultation, the register and the
contacts; nothing scrolls sideways. The anchor reads the same dossier on a phone, the coordinator at
1366 px finds it from the school list. Screenshots land in var/schermafdrukken/ (dossier-*.png).
"""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from capaciteit import queries as capaciteit_queries
from capaciteit.models import Tijdskader
from capaciteit.rekenen.woorden import beschrijf
from honingraat import demo
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Schoolbeeldoverleg
from scholen.models import School
from tests.support.browser import Sessies, documentverzoeken, htmx_klaar

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
BREED = {"width": 1366, "height": 900}
JAAR = huidig_schooljaar()
EIGEN_SPREIDING = "Elke dinsdagvoormiddag, behalve in de examenweken"
SECTIES = (
    "Trajecten binnen de school",
    "Aanvragen",
    "Tijdskader",
    "Wie komt wanneer",
    "Schoolbeeldoverleg",
    "Verslagregister",
    "CLB en contact",
)


def _schermafdruk(page: Page, schermafdrukken: Path, naam: str) -> None:
    page.screenshot(path=schermafdrukken / f"dossier-{naam}.png", full_page=True)


def _past(page: Page, breedte: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte, "de pagina schuift zijwaarts"


def _secties(page: Page) -> None:
    for titel in SECTIES:
        expect(page.get_by_role("region", name=titel).first).to_be_visible()


def test_zorg_anker_en_coordinator_lezen_het_dossier(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    school = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    dossier = live_server.url + reverse("school_dossier", args=[school.pk])

    # 1. Care staff on a phone: "Mijn school" is the dossier.
    telefoon = {**browser_context_args, "viewport": TELEFOON}
    sessies = Sessies(browser, telefoon, live_server.url, schermafdrukken)
    zorg = sessies.aanmelden(demo.ZORG)
    zorg.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn school").click()
    expect(zorg).to_have_url(dossier)
    expect(zorg.get_by_role("heading", level=1)).to_have_text(school.naam)
    _secties(zorg)
    kader = zorg.locator("#dossier-kader")
    expect(kader.locator('[data-cijfer="resterend"]').first).to_be_visible()
    expect(kader.get_by_text("vaste envelop").first).to_be_visible()
    stappen = kader.locator("details.hoe-berekend ol.stappen").first
    expect(stappen).to_be_hidden()
    _past(zorg, TELEFOON["width"])
    _schermafdruk(zorg, schermafdrukken, "zorg-375")
    kader.get_by_text("hoe berekend?").first.click()
    expect(stappen).to_be_visible()
    expect(stappen).to_contain_text("Berekend tijdskader")
    _past(zorg, TELEFOON["width"])
    berekend = kader.locator("details.hoe-berekend").first
    berekend.screenshot(path=schermafdrukken / "dossier-zorg-375-hoe-berekend.png")

    # The filters swap the list in place: no page load, only running trajectories left.
    geladen = documentverzoeken(zorg)
    zorg.get_by_label("Status").select_option("lopend")
    htmx_klaar(zorg)
    expect(zorg).to_have_url(dossier + "?status=lopend&type=&gebondenheid=")
    rijen = zorg.locator("#dossier-trajecten tbody tr")
    assert rijen.count() > 0
    for status in rijen.locator(".status").all_inner_texts():
        assert status == "Lopend"
    assert geladen == [], "filteren laadde de hele pagina opnieuw"
    _past(zorg, TELEFOON["width"])
    _schermafdruk(zorg, schermafdrukken, "zorg-375-gefilterd")

    # 2. The same dossier at 1366 px.
    zorg.set_viewport_size(BREED)
    zorg.goto(dossier)
    _past(zorg, BREED["width"])
    _schermafdruk(zorg, schermafdrukken, "zorg-1366")

    # 3. The anchor on a phone.
    anker = sessies.aanmelden(demo.ANKER)
    anker.goto(dossier)
    expect(anker.get_by_role("heading", level=1)).to_have_text(school.naam)
    expect(anker.get_by_role("region", name="Trajecten binnen de school")).to_be_visible()
    _past(anker, TELEFOON["width"])
    _schermafdruk(anker, schermafdrukken, "anker-375")

    # The anchor writes the report's spreading: the demo's follows the frame; an own text replaces it and
    # the dossier says so; ticked again, the frame's words are back and the own text was kept.
    overleg = Schoolbeeldoverleg.objects.get(school=school, lsc__naam=demo.ALGEMEEN_LSC, schooljaar=JAAR)
    kader = Tijdskader.objects.select_related("verdeling__envelop").get(
        school=school,
        verdeling__envelop__lsc=overleg.lsc,
        verdeling=capaciteit_queries.gepubliceerd(lsc_id=overleg.lsc_id, schooljaar=JAAR),
    )
    woorden = beschrijf(kader.uren, kader.verdeling.envelop.schoolweken).zin
    anker.goto(live_server.url + reverse("overleg_detail", args=[overleg.pk]))
    spreiding = anker.locator("#onderdeel-spreiding")
    spreiding.get_by_role("link", name="Bewerken").click()
    vinkje = spreiding.get_by_label("Spreiding volgens het tijdskader")
    expect(vinkje).to_be_checked()
    expect(spreiding).to_contain_text(f"‘{woorden}’")
    _past(anker, TELEFOON["width"])
    spreiding.screenshot(path=schermafdrukken / "dossier-anker-375-spreiding.png")
    vinkje.uncheck()
    spreiding.get_by_label("Spreiding van het tijdskader").fill(EIGEN_SPREIDING)
    spreiding.get_by_role("button", name="Bewaren").click()
    expect(spreiding).to_contain_text("Spreiding van het tijdskader: bewaard.")
    expect(spreiding).to_contain_text(EIGEN_SPREIDING)
    zorg.goto(dossier)
    expect(zorg.locator('#dossier-kader [data-cijfer="spreiding"]')).to_have_text(EIGEN_SPREIDING)
    spreiding.get_by_role("link", name="Bewerken").click()
    spreiding.get_by_label("Spreiding volgens het tijdskader").check()
    spreiding.get_by_role("button", name="Bewaren").click()
    expect(spreiding).to_contain_text("Overgenomen uit het gepubliceerde tijdskader")
    expect(spreiding).to_contain_text(woorden)
    overleg.refresh_from_db()
    assert (overleg.spreiding_uit_kader, overleg.spreiding) == (True, EIGEN_SPREIDING)
    zorg.goto(dossier)
    expect(zorg.locator('#dossier-kader [data-cijfer="spreiding"]')).to_contain_text(woorden)

    # 4. The coordinator at 1366 px, from the school list.
    beleid = Sessies(browser, {**browser_context_args, "viewport": BREED}, live_server.url, schermafdrukken)
    coordinator = beleid.aanmelden(demo.COORDINATOR)
    coordinator.goto(live_server.url + reverse("school_lijst") + f"?q={school.instellingsnummer}")
    coordinator.get_by_role("link", name=f"Dossier van {school.naam}").click()
    expect(coordinator).to_have_url(dossier)
    _secties(coordinator)
    _past(coordinator, BREED["width"])
    _schermafdruk(coordinator, schermafdrukken, "coordinator-1366")
    assert sessies.console.fouten == [] and beleid.console.fouten == []
