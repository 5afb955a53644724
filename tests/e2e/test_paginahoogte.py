"""Issue 20 part 3: no main coordinator page needs more than about three screens for its main job.

On the demo network (150 schools, 100 supporters, the data `make run` loads) the coordinator opens each main
page at 1366 × 768 and the page's height (document.body.scrollHeight) stays under its limit. Before this
change the capacity planning ran to 15,900 px (its publish action some 7,000 px down), the consultation
overview to 17,400 px and the week-plan grid (every supporter of the LSC) to well over ten screens.

The limit is three screens (3 × 768 = 2,304 px) plus a margin per page, stated and justified in LIMIETEN:
never more than 500 px (two thirds of a screen), except the follow-up's two tables. The pictures show one
chart per tab (five at once ran to 7,200 px; 21,200 before the long charts were cut to their extremes); the
trajectories, the team and the week-plan grid use a laptop's whole width (rows of two lines, not four).

The week plan is a proposal for the demo written at the densest the planning rules allow (two schools a day),
not solved: the solver's plan varies with the time it gets.
Screenshots land in var/schermafdrukken/hoogte-*.png.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from honingraat import demo
from netwerk.models import Gebruiker
from tests.support.browser import Sessies
from tests.support.weekplan import handplan

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
DRIE_SCHERMEN = 3 * LAPTOP["height"]  # 2,304 px

# page → (limit in px, why this margin). "{plan}" is the demo's week plan proposal.
LIMIETEN = {
    "/": (DRIE_SCHERMEN, "the home page: counts that link on, no list"),
    "/capaciteit/": (
        DRIE_SCHERMEN + 400,
        "summary + publish action, the 8 largest changes, the key's form (9 fields), versions, moves: the "
        "form is the coordinator's tool and stays open, hence 400 px over; every school on ?alle",
    ),
    "/capaciteit/opvolging/": (
        DRIE_SCHERMEN + LAPTOP["height"],
        "two tables (schools, supporters) ordered by signal; one screen over until both are paged",
    ),
    "/overleg/": (
        DRIE_SCHERMEN + 400,
        "stand per status, filters, search and one page of 25 schools of two lines each",
    ),
    "/weekplan/": (DRIE_SCHERMEN, "the settings of the solver and the published plan's figures"),
    "/weekplan/{plan}/": (
        DRIE_SCHERMEN + 500,
        "figures beside the folded list of schools outside tolerance, then one regio team's grid at the "
        "densest the rules allow (two schools a day per supporter, each visit one line of hours, pin and "
        "move under its school); 3,440 px before the grid used the whole width",
    ),
    "/trajecten/": (
        DRIE_SCHERMEN + 200,
        "filters, search, export and one page of 25 trajectories of two lines each (3,265 px before)",
    ),
    "/scholen/": (DRIE_SCHERMEN + 400, "filters and one page of schools (already paged)"),
    "/trajecten/nieuw/": (DRIE_SCHERMEN, "the request form, its school list filters as you type"),
    "/team/": (
        DRIE_SCHERMEN + 200,
        "filters and one page of 25 supporters of two lines each (3,030 px before; 9,700 px with all 110)",
    ),
    "/beelden/": (DRIE_SCHERMEN, "the first tab: frame use, the 10 highest and 10 lowest schools"),
    "/beelden/?beeld=trajecten": (DRIE_SCHERMEN, "two stacked charts of the regio teams"),
    "/beelden/?beeld=belasting": (
        DRIE_SCHERMEN + 500,
        "the tallest tab: 20 supporters with two bars each (the 10 most and 10 least planned)",
    ),
}


def test_elke_hoofdpagina_van_de_coordinator_past_in_ongeveer_drie_schermen(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    plan = handplan(Gebruiker.objects.get(email=demo.COORDINATOR))
    assert plan.regels.count() > 500
    sessies = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    te_hoog = []
    for pad, (limiet, _waarom) in LIMIETEN.items():
        pad = pad.format(plan=plan.pk)
        antwoord = page.goto(live_server.url + pad)
        assert antwoord is not None and antwoord.status == 200, pad
        page.wait_for_load_state("load")
        hoogte = page.evaluate("document.body.scrollHeight")
        naam = pad.strip("/").replace("/", "-").replace("?beeld=", "-") or "start"
        page.screenshot(path=schermafdrukken / f"hoogte-{naam}.png", full_page=True)
        print(f"{pad}: {hoogte} px (limiet {limiet})")
        if hoogte > limiet:
            te_hoog.append(f"{pad}: {hoogte} px, limiet {limiet}")
    assert not te_hoog, "te lange pagina's: " + "; ".join(te_hoog)

    # The capacity page's publish action and its summary are on the first screen.
    page.goto(live_server.url + "/capaciteit/")
    samenvatting = page.locator("[data-tabel=samenvatting]")
    expect(samenvatting).to_be_in_viewport()
    vak = page.locator(".capaciteit-publicatie").bounding_box()
    assert vak is not None and vak["y"] < LAPTOP["height"], vak
    # Every school is one link away, and the full page shows them all.
    page.get_by_role("link", name="Alle scholen tonen").first.click()
    aantal = Gebruiker.objects.get(email=demo.COORDINATOR).lsc.bedieningen.count()
    expect(page.locator("table[data-tabel=voorbeeld] tbody tr")).to_have_count(aantal)
    # The week plan: one regio team by default, every team on request.
    page.goto(live_server.url + f"/weekplan/{plan.pk}/")
    een_team = page.locator("table.weekplan-raster tbody tr").count()
    page.get_by_label("Regioteam").select_option(label="alle regioteams")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("table.weekplan-raster tbody tr")).not_to_have_count(een_team)
    assert 0 < een_team < page.locator("table.weekplan-raster tbody tr").count()
    assert sessies.console.fouten == []


def test_een_lange_keuzelijst_filtert_terwijl_je_typt(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    """The request form's school list (every school of the LSC): typing filters it, Enter picks the first
    match, arrow down goes to the list; the select is still the field that is sent."""
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    sessies = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    page.goto(live_server.url + "/trajecten/nieuw/")
    lijst = page.locator("select[name=school]")
    alle = lijst.locator("option").count()
    assert alle > 100
    filter_ = page.get_by_role("searchbox", name="Filter de keuzes").first
    expect(filter_).to_have_attribute("aria-controls", lijst.get_attribute("id"))
    doel = lijst.locator("option").nth(alle - 1).inner_text().strip()  # the last school, full name
    filter_.fill(doel)
    zichtbaar = lijst.locator("option:not([hidden])")
    assert 1 <= zichtbaar.count() < alle
    assert doel in [t.strip() for t in zichtbaar.all_inner_texts()]
    passend = zichtbaar.count() - 1  # the empty choice stays in the list
    expect(page.locator(".zoeklijst-stand").first).to_have_text(
        "1 keuze past" if passend == 1 else f"{passend} keuzes passen"
    )
    filter_.press("Enter")
    assert lijst.evaluate("el => el.options[el.selectedIndex].textContent.trim()") == doel
    expect(page).to_have_url(live_server.url + "/trajecten/nieuw/")  # Enter chose, it did not send
    filter_.press("ArrowDown")
    expect(lijst).to_be_focused()
    page.screenshot(path=schermafdrukken / "hoogte-zoeklijst.png", full_page=False)
    assert sessies.console.fouten == []
