"""Issue 20.6 in Chromium on the demo: the coordinator types in the header's search field, walks the
results with the arrow keys, closes them with Escape and opens one; the anchor on a phone (375 px) taps the
search button, finds a pupil of their own school on the search page, and the term never shows in a URL.
Screenshots: var/schermafdrukken/zoeken_*.png."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from honingraat import demo
from netwerk.models import Gebruiker
from scholen.queries import scholen_zichtbaar_voor
from tests.support.browser import Sessies, htmx_klaar
from trajecten.queries import trajecten_zichtbaar_voor

pytestmark = pytest.mark.e2e

BREED = {"width": 1366, "height": 900}
TELEFOON = {"width": 375, "height": 740}


@pytest.fixture(autouse=True)
def geen_oude_aanmeldlimieten(transactional_db):
    cache.clear()


def test_zoeken_in_de_kop_met_het_toetsenbord_en_op_een_telefoon(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    coordinator = Gebruiker.objects.get(email=demo.COORDINATOR)
    school = scholen_zichtbaar_voor(coordinator).order_by("naam").first()
    term = school.naam.split()[-1][:5]
    sessies = Sessies(browser, {**browser_context_args, "viewport": BREED}, live_server.url, schermafdrukken)
    adressen = []

    page = sessies.aanmelden(demo.COORDINATOR)
    page.on("request", lambda verzoek: adressen.append(verzoek.url))
    veld = page.get_by_role("searchbox", name="Vind in Honingraat")
    veld.fill(term)
    paneel = page.locator("#kopzoek-resultaten")
    expect(paneel.get_by_role("heading", name="Scholen")).to_be_visible()
    expect(paneel.get_by_role("link", name=school.naam, exact=True)).to_be_visible()
    page.screenshot(path=schermafdrukken / "zoeken_kop.png")
    veld.press("ArrowDown")
    expect(paneel.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(paneel).to_be_empty()
    expect(veld).to_be_focused()
    veld.fill(term + " ")  # htmx asks again: the panel opens once more
    htmx_klaar(page)
    expect(paneel.get_by_role("link", name=school.naam, exact=True)).to_be_visible()
    paneel.get_by_role("link", name=school.naam, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(school.naam)
    page.context.close()

    anker = Gebruiker.objects.get(email=demo.ANKER)
    traject = (
        trajecten_zichtbaar_voor(anker).filter(leerling__isnull=False).select_related("leerling").first()
    )
    leerling = traject.leerling
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    page = telefoon.aanmelden(demo.ANKER)
    page.on("request", lambda verzoek: adressen.append(verzoek.url))
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    page.get_by_role("button", name="Naar de zoekpagina").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken")
    zoekveld = page.get_by_label("School, ondersteuner of leerling (voornaam en initiaal)")
    expect(zoekveld).to_be_focused()
    zoekveld.fill(f"{leerling.voornaam} {leerling.initiaal}")
    zoekveld.press("Enter")
    resultaten = page.locator("#zoek-uitkomst")
    expect(resultaten.get_by_role("heading", name="Leerlingen")).to_be_visible()
    expect(resultaten.locator(f"a[href='/trajecten/{traject.pk}/']")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    page.screenshot(path=schermafdrukken / "zoeken_telefoon.png", full_page=True)
    resultaten.locator(f"a[href='/trajecten/{traject.pk}/']").click()
    expect(page).to_have_url(f"{live_server.url}/trajecten/{traject.pk}/")
    page.context.close()

    assert not any(leerling.voornaam in adres for adres in adressen)
    assert not any(term in adres for adres in adressen)
    fouten = sessies.console.fouten + telefoon.console.fouten
    assert not fouten, "fouten in de browserconsole:\n" + "\n".join(fouten)
