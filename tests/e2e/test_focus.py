"""A focus team called in, on two phones at the same time: the anchor and a member of focus team ASS.

The anchor calls in the focus team on a running trajectory with a short question. The focus supporter, in
their own browser at the same moment, finds it in the list of their focus team (trajectory number and
question, no pupil), takes it and logs an hour on the trajectory. The anchor, without logging in again,
sees who joined and when. The focus supporter ends their part with a hand-over note, which the anchor then
reads on the trajectory. Both browsers are 375 × 812; console errors (CSP among them) fail the test.
Screenshots land in var/schermafdrukken/focus-*.png.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from netwerk.models import Melding
from tests import factories
from tests.support.browser import Sessies, htmx_klaar
from tests.support.werelden import lopend_traject
from trajecten.models import Focusvraag, Logboekregel

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
VRAAG = "De overgangen naar de speelplaats blijven moeilijk. Wie van ASS denkt mee?"
OVERDRACHT = "Een vaste pauzeplek met een timer werkt. Het anker volgt dit op met de leerkracht."
FOCUSNAAM = "Ans Aerts"
LEERLING = "Mila"


def _schermafdruk(page: Page, map_, naam: str) -> None:
    page.screenshot(path=map_ / f"focus-{naam}.png", full_page=True)


def test_anker_en_focusondersteuner_werken_samen_op_een_traject(
    live_server, wereld, browser, browser_context_args, schermafdrukken
):
    traject = lopend_traject(wereld)
    focusondersteuner = factories.OndersteunerFactory(
        lsc=wereld.lsc, focusteams=["ass"], gebruiker__naam=FOCUSNAAM, gebruiker__email="ass@proef.example"
    )
    sessies = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    anker = sessies.aanmelden(wereld.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    focus = sessies.aanmelden(focusondersteuner.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    trajectpagina = f"{live_server.url}/trajecten/{traject.pk}/"

    # The anchor calls in focus team ASS from the trajectory page.
    anker.goto(trajectpagina)
    sectie = anker.locator("#focus")
    sectie.get_by_role("link", name="Focusteam inroepen").click()
    expect(anker.get_by_role("heading", level=1)).to_have_text("Focusteam inroepen")
    anker.get_by_role("combobox", name="Focusteam").select_option(label="ASS")
    anker.get_by_label("Vraag aan het focusteam").fill(VRAAG)
    _schermafdruk(anker, schermafdrukken, "1-anker-roept-in")
    anker.get_by_role("button", name="Focusteam inroepen").click()
    expect(anker).to_have_url(trajectpagina)
    expect(anker.get_by_text("Het focusteam ASS is ingeroepen.")).to_be_visible()
    expect(sectie.get_by_text("Wacht op een focusondersteuner")).to_be_visible()

    # Meanwhile the focus supporter opens their list from Mijn trajecten: the question, not the pupil.
    focus.goto(f"{live_server.url}/trajecten/mijn/")
    focus.get_by_role("navigation", name="Samenwerken").get_by_role("link", name="Focusvragen").click()
    expect(focus.get_by_role("heading", level=1)).to_have_text("Focusvragen")
    vraag = focus.locator(".focusvraag", has_text=VRAAG)
    expect(vraag.get_by_role("heading", level=3)).to_have_text(f"Traject {traject.pk} · ASS")
    expect(focus.locator("main")).not_to_contain_text(LEERLING)
    _schermafdruk(focus, schermafdrukken, "2-focuslijst")
    vraag.get_by_role("button", name=re.compile(r"^Vraag nemen")).click()

    # Taken: on the trajectory now, they log an hour of observation.
    expect(focus).to_have_url(trajectpagina)
    expect(focus.get_by_text(f"Je werkt nu mee aan traject {traject.pk}")).to_be_visible()
    acties = focus.get_by_role("navigation", name="Acties op dit traject")
    expect(acties.get_by_role("link", name="Afronden")).to_have_count(0)
    expect(acties.get_by_role("link", name="Stopzetten")).to_have_count(0)
    htmx_klaar(focus)
    acties.get_by_role("link", name="Tijd loggen", exact=True).click()
    paneel = focus.locator("#actiepaneel")
    expect(paneel.get_by_role("heading", level=2)).to_have_text("Tijd loggen")
    htmx_klaar(focus)
    paneel.get_by_role("radio", name="1u", exact=True).check()
    paneel.get_by_label("Activiteit").select_option(label="Observatie")
    paneel.get_by_label("Korte notitie").fill("Observatie ASS op de speelplaats")
    paneel.get_by_role("button", name="Tijd loggen").click()
    htmx_klaar(focus)
    expect(focus.locator("#logboek")).to_contain_text("Observatie ASS op de speelplaats")
    _schermafdruk(focus, schermafdrukken, "3-focus-logt-tijd")
    assert Logboekregel.objects.filter(traject=traject, ondersteuner=focusondersteuner, minuten=60).exists()

    # The anchor, still signed in, sees who joined and when, and the hour in the logbook.
    genomen = Focusvraag.objects.get(traject=traject)
    anker.reload()
    expect(sectie).to_contain_text(f"{FOCUSNAAM} sloot aan op")
    expect(sectie).to_contain_text(timezone.localtime(genomen.genomen_op).strftime("%H:%M"))
    expect(anker.locator("#logboek")).to_contain_text(FOCUSNAAM)
    sectie.scroll_into_view_if_needed()
    _schermafdruk(anker, schermafdrukken, "4-anker-ziet-wie-aansloot")

    # The focus part ends with a hand-over note; the focus supporter leaves the trajectory.
    focus.reload()
    focus.get_by_role("link", name="Focustraject beëindigen met overdracht").click()
    expect(focus.get_by_role("heading", level=1)).to_have_text("Focustraject beëindigen")
    focus.get_by_label("Overdracht aan het anker").fill(OVERDRACHT)
    _schermafdruk(focus, schermafdrukken, "5-overdracht")
    focus.get_by_role("button", name="Beëindigen met overdracht").click()
    expect(focus.get_by_role("heading", level=1)).to_have_text("Focusvragen")
    expect(focus.get_by_text("Het focustraject is beëindigd")).to_be_visible()

    # The anchor reads the note on the trajectory.
    anker.reload()
    expect(sectie.locator(".overdracht")).to_have_text(OVERDRACHT)
    expect(sectie).to_contain_text("Beëindigd")
    sectie.scroll_into_view_if_needed()
    _schermafdruk(anker, schermafdrukken, "6-anker-leest-overdracht")

    # The notification named the trajectory by number only.
    assert [m.titel for m in Melding.objects.all()] == [
        f"Traject {traject.pk}: je focusteam ASS is ingeroepen"
    ]
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
