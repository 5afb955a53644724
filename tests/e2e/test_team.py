"""The coordinator's team on the demo network, in Chromium at 1366 px: from the home page to the staff list,
filtered by regio team (an HTMX swap), a supporter's leave recorded, then a leaver's work handed over in
the guided step. The list and the steps also at 375 px without sideways scrolling. Screenshots land in
var/schermafdrukken/team-*.png to look at."""

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from honingraat import demo
from netwerk.models import Afwezigheid, Ondersteuner, Wijziging
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing
from tests.support.browser import Sessies, htmx_klaar
from trajecten.queries import lopende_toewijzingen

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 900}
TELEFOON = {"width": 375, "height": 812}
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def _ernstig(pagina) -> list[str]:
    """axe-core's serious and critical findings on the page as it is."""
    resultaat = Axe().run(pagina, options={"runOnly": {"type": "tag", "values": AXE_REGELS}})
    return [
        f"{o['id']} [{o['impact']}] {[n['target'] for n in o['nodes']]}"
        for o in resultaat.response["violations"]
        if o["impact"] in {"serious", "critical"}
    ]


def _breedte(pagina) -> int:
    return pagina.evaluate("document.documentElement.scrollWidth")


def test_coordinator_registreert_afwezigheid_en_een_vertrek(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    vertrekker = Ondersteuner.objects.select_related("gebruiker", "regioteam").get(
        gebruiker__email=demo.ANKER
    )
    ankers = Ankertoewijzing.objects.filter(ondersteuner=vertrekker, schooljaar__gte=huidig_schooljaar())
    assert ankers.exists() and lopende_toewijzingen(ondersteuner=vertrekker).exists()
    sessies = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    pagina = sessies.aanmelden(demo.COORDINATOR)

    # From the home page to the team.
    pagina.get_by_role("link", name="Het team", exact=True).click()
    expect(pagina.get_by_role("heading", name="Het team", level=1)).to_be_visible()
    assert _breedte(pagina) <= LAPTOP["width"]
    pagina.screenshot(path=schermafdrukken / "team-lijst.png")
    # Filtered by the leaver's regio team: swapped in place, the address follows.
    pagina.get_by_label("Regioteam").select_option(label=vertrekker.regioteam.naam)
    htmx_klaar(pagina)
    expect(pagina).to_have_url(
        f"{live_server.url}/team/?zoek=&regioteam={vertrekker.regioteam.pk}&focus=&belasting="
    )
    rijen = pagina.locator("#rijen tbody tr")
    assert (
        rijen.count()
        == Ondersteuner.objects.filter(regioteam=vertrekker.regioteam, gebruiker__is_active=True).count()
    )
    assert _breedte(pagina) <= LAPTOP["width"]
    pagina.screenshot(path=schermafdrukken / "team-lijst-regioteam.png", full_page=True)
    assert _ernstig(pagina) == []

    # A leave for the leaver, before they go.
    pagina.get_by_role("link", name=vertrekker.gebruiker.naam, exact=True).click()
    vandaag = timezone.localdate()
    pagina.get_by_label("Soort").select_option("ziekte")
    pagina.locator("#id_van").fill(vandaag.isoformat())
    pagina.locator("#id_tot").fill((vandaag + dt.timedelta(days=4)).isoformat())
    pagina.get_by_role("button", name="Afwezigheid registreren").click()
    expect(pagina.get_by_text("De afwezigheid is bewaard.")).to_be_visible()
    assert Afwezigheid.objects.filter(ondersteuner=vertrekker, soort="ziekte").exists()
    pagina.screenshot(path=schermafdrukken / "team-afwezigheid.png", full_page=True)
    assert _ernstig(pagina) == []

    # The guided step: the preview proposes a colleague for everything; confirmed, exactly that happens.
    pagina.get_by_role("link", name="Vertrek vastleggen en werk overdragen").click()
    datum = vandaag + dt.timedelta(days=14)
    pagina.get_by_label("Uit dienst op").fill(datum.isoformat())
    keuzes = pagina.locator("table select")
    voorbeeld = {
        keuzes.nth(i).get_attribute("name"): keuzes.nth(i).input_value() for i in range(keuzes.count())
    }
    assert voorbeeld and all(voorbeeld.values()), voorbeeld
    assert _breedte(pagina) <= LAPTOP["width"]
    pagina.screenshot(path=schermafdrukken / "team-vertrek-voorbeeld.png", full_page=True)
    assert _ernstig(pagina) == []
    pagina.get_by_role("button", name="Vertrek bevestigen en overdragen").click()
    expect(pagina.get_by_text("Het vertrek is vastgelegd")).to_be_visible()
    pagina.screenshot(path=schermafdrukken / "team-vertrek-klaar.png")
    for sleutel, opvolger in voorbeeld.items():
        soort, pk = sleutel.split("-")
        if soort == "anker":
            rij = Ankertoewijzing.objects.filter(pk=pk).first()
            # Gone only where the successor already anchored the school.
            assert rij is None or rij.ondersteuner_id == int(opvolger)
    assert not ankers.exists()
    assert not lopende_toewijzingen(ondersteuner=vertrekker).exists()
    vertrekker.refresh_from_db()
    assert vertrekker.uit_dienst_op == datum
    assert Wijziging.objects.filter(
        actie="netwerk.ondersteuner.vertrek_vastgelegd", object_id=vertrekker.pk
    ).exists()

    # At 375 px: the list and a supporter's page without sideways scrolling.
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    smal = telefoon.aanmelden(demo.COORDINATOR)
    for naam, pad in [
        ("lijst", f"/team/?regioteam={vertrekker.regioteam.pk}"),
        ("ondersteuner", f"/team/{vertrekker.pk}/"),
        ("vertrek", f"/team/{vertrekker.pk}/vertrek/"),
    ]:
        assert smal.goto(live_server.url + pad).status == 200
        assert _breedte(smal) <= TELEFOON["width"], pad
        smal.screenshot(path=schermafdrukken / f"team-telefoon-{naam}.png", full_page=True)
        assert _ernstig(smal) == [], pad
    assert sessies.console.fouten == [] and telefoon.console.fouten == []
