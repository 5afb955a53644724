"""The care staff's two forms on a phone (375 × 812): asking an afstemmingsgesprek and voicing a concern
about a supporter, both from the school's page. The anchor then plans the meeting on a phone too, and the
school sees it planned. No page scrolls sideways; console errors (CSP among them) fail the test.
Screenshots land in var/schermafdrukken/afstemming-*.png.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from overleg.models import Afsluitsuggestie, Afstemmingsgesprek, Bezorgdheid
from tests import factories
from tests.support.browser import Sessies
from trajecten.models import Afsluitvraag

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
ONDERWERP = "We willen de samenwerking met het CLB en de pedagogische begeleiding afstemmen."
ZORG = "De afgesproken momenten in de klas vallen de laatste weken vaak weg."


def _past(page: Page, map_, naam: str) -> None:
    page.screenshot(path=map_ / f"afstemming-{naam}.png", full_page=True)
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], (naam, breedte)
    # A long Dutch compound in a heading breaks inside its card instead of sticking out of it.
    uitstekend = page.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2, main label, main legend')]"
        ".filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.trim())"
    )
    assert uitstekend == [], (naam, uitstekend)


def test_zorgteam_vraagt_een_gesprek_en_deelt_een_bezorgdheid_op_een_telefoon(
    live_server, wereld, browser, browser_context_args, schermafdrukken
):
    sessies = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    zorg = sessies.aanmelden(wereld.gebruikers["zorg"].email, wachtwoord=factories.WACHTWOORD)
    schoolpagina = f"{live_server.url}/scholen/{wereld.eigen_school.pk}/"

    # An afstemmingsgesprek, asked from the school's page.
    zorg.goto(schoolpagina)
    zorg.get_by_role("link", name="Afstemmingsgesprek vragen").click()
    expect(zorg.get_by_role("heading", level=1)).to_have_text("Afstemmings\u00adgesprek vragen")
    zorg.get_by_label("Waarover wil je samen afstemmen?").fill(ONDERWERP)
    zorg.get_by_label("CLB", exact=True).check()
    zorg.get_by_label("Pedagogische begeleiding").check()
    zorg.get_by_label("Voorkeursmomenten").fill("dinsdagnamiddag")
    _past(zorg, schermafdrukken, "1-vragen")
    zorg.get_by_role("button", name="Gesprek vragen").click()
    expect(zorg.get_by_text("Je vraag is bij de ankerondersteuner.")).to_be_visible()
    expect(zorg.locator(".afstemming-status")).to_have_text("Gevraagd")
    _past(zorg, schermafdrukken, "2-gevraagd")
    gesprek = Afstemmingsgesprek.objects.get()

    # A concern about the anchor, to the anchor: the form says the order first.
    zorg.goto(schoolpagina)
    zorg.get_by_role("link", name="Bezorgdheid over een leerondersteuner").click()
    expect(zorg.get_by_text("bespreek je eerst met de leerondersteuner zelf")).to_be_visible()
    zorg.get_by_label("Over welke leerondersteuner?").select_option(str(wereld.anker.pk))
    zorg.get_by_label("Je bezorgdheid").fill(ZORG)
    zorg.get_by_label("Ja").check()
    zorg.get_by_label("De leerondersteuner zelf").check()
    _past(zorg, schermafdrukken, "3-bezorgdheid")
    zorg.get_by_role("button", name="Versturen").click()
    expect(zorg.get_by_text("Je bezorgdheid is verstuurd, enkel naar wie je koos.")).to_be_visible()
    _past(zorg, schermafdrukken, "4-bezorgdheid-verstuurd")
    assert list(Bezorgdheid.objects.get().ontvangers.all()) == [wereld.anker.gebruiker]

    # The anchor plans the meeting on their phone; the school sees it planned.
    anker = sessies.aanmelden(wereld.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    anker.goto(f"{live_server.url}/overleg/afstemming/{gesprek.pk}/")
    anker.get_by_role("link", name="Gesprek plannen").click()
    moment = timezone.localtime() + dt.timedelta(days=9)
    anker.get_by_label("Datum en uur").fill(moment.strftime("%Y-%m-%dT10:00"))
    anker.get_by_label("Plaats").fill("Zorgklas")
    _past(anker, schermafdrukken, "5-plannen")
    zorg.goto(f"{live_server.url}/overleg/afstemming/")
    _past(zorg, schermafdrukken, "5b-lijst")
    anker.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(anker.locator(".afstemming-status")).to_have_text("Gepland")
    zorg.goto(f"{live_server.url}/overleg/afstemming/{gesprek.pk}/")
    expect(zorg.locator(".afstemming-status")).to_have_text("Gepland")
    expect(zorg.locator("main")).to_contain_text("Zorgklas")
    _past(zorg, schermafdrukken, "6-gepland")
    assert sessies.console.fouten == []


def test_coordinator_leest_de_afsluitvragen_per_school_en_downloadt_ze(
    live_server, wereld, browser, browser_context_args, schermafdrukken
):
    """The closing answers per school: the figures, the quotes, and a CSV with the same rows; no pupil."""
    traject = factories.TrajectFactory(
        lsc=wereld.lsc, school=wereld.eigen_school, status="afgerond", afgesloten_op=timezone.localdate()
    )
    Afsluitvraag.objects.create(
        traject=traject,
        sleutel_hash="e2e",
        verloopt_op=timezone.now(),
        beantwoord_op=timezone.now(),
        wat_neem_je_mee="Een rustige start van de dag werkt.",
        waar_liggen_kansen="Meer afstemming met de leerkrachten van het vijfde leerjaar.",
    )
    Afsluitsuggestie.objects.create(
        traject=traject, tekst="Kom gerust vaker langs op de personeelsvergadering."
    )
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(wereld.gebruikers["coordinator"].email, wachtwoord=factories.WACHTWOORD)
    page.goto(f"{live_server.url}/overleg/afsluitvragen/")
    rij = page.locator("table.afsluit-samenvatting tbody tr")
    expect(rij).to_have_count(1)
    expect(rij).to_contain_text("School Eigen")
    expect(page.locator("main")).to_contain_text("Kom gerust vaker langs")
    expect(page.locator("main")).not_to_contain_text(traject.leerling.voornaam)
    page.screenshot(path=schermafdrukken / "afstemming-7-samenvatting.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (1 school)").click()
    inhoud = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Kom gerust vaker langs" in inhoud and traject.leerling.voornaam not in inhoud
    assert sessies.console.fouten == []
