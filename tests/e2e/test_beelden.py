"""The policy team's pictures in Chromium: the charts draw under the CSP, fit 1366 px and a 375 px phone
without sideways scrolling, their tables open under them, and axe-core finds nothing serious."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Schoolbeeldoverleg
from tests import factories
from tests.support.browser import Sessies
from trajecten.models import Status

pytestmark = pytest.mark.e2e

BREEDTES = (1366, 375)


def _gegevens(wereld) -> None:
    begin = dt.date(huidig_schooljaar(), 9, 1)
    for i, (soort, status, dagen) in enumerate(
        [
            ("9", Status.LOPEND, 4),
            ("3", Status.LOPEND, 11),
            ("basisaanbod", Status.AFGEROND, 25),
            ("7", Status.LOPEND, 45),
        ]
    ):
        traject = factories.TrajectFactory(
            lsc=wereld.lsc,
            school=wereld.eigen_school,
            type=soort,
            status=status,
            aangemeld_op=begin + dt.timedelta(days=i),
            beantwoord_op=begin + dt.timedelta(days=i + dagen),
        )
        factories.LogboekregelFactory(traject=traject, ondersteuner=wereld.anker, minuten=90, datum=begin)
    Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc, school=wereld.eigen_school, schooljaar=huidig_schooljaar(), status="gehouden"
    )


@pytest.mark.parametrize("rol", [Rol.COORDINATOR, Rol.TEAMCOACH])
def test_beelden_tekenen_en_passen_op_elk_scherm(
    live_server, wereld_met_trajecten, browser, browser_context_args, schermafdrukken, rol
):
    wereld = wereld_met_trajecten
    _gegevens(wereld)
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(wereld.gebruikers[rol].email, wachtwoord=factories.WACHTWOORD)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="In beeld").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("In beeld")
    # One picture per tab: the page opens on the frames; a tab shows another picture, "alle" the five.
    tabs = page.get_by_role("navigation", name="Beelden")
    expect(tabs.locator("a[aria-current=page]")).to_have_text("Tijdskader per school")
    expect(page.get_by_role("img")).to_have_count(1)
    tabs.get_by_role("link", name="Belasting van de ondersteuners").click()
    expect(tabs.locator("a[aria-current=page]")).to_have_text("Belasting van de ondersteuners")
    expect(page.locator("#belasting-tabel")).to_have_count(1)
    expect(page.locator("#kadergebruik-tabel")).to_have_count(0)
    tabs.get_by_role("link", name="Alle beelden op één pagina").click()
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        grafieken = page.get_by_role("img")
        expect(grafieken.filter(has=page.locator("rect.staaf"))).to_have_count(6)
        staaf = page.locator("svg.kogelgrafiek rect.staaf").first
        maat = staaf.bounding_box()
        assert maat and maat["width"] >= 1 and maat["height"] >= 1, f"de staaf wordt niet getekend: {maat}"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
            f"schuift bij {breedte}"
        )
        page.locator("details:has(#belasting-tabel) > summary").click()  # the table opens under its chart
        expect(page.locator("#belasting-tabel")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "tabel te breed"
        page.screenshot(path=schermafdrukken / f"beelden-{rol}-{breedte}.png", full_page=True)
        page.locator("details:has(#belasting-tabel) > summary").click()
    resultaat = Axe().run(
        page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}
    )
    ernstig = [v for v in resultaat.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not ernstig, [v["id"] for v in ernstig]
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
    page.context.close()
