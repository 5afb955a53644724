"""Issue 21 part 2 in Chromium: the coordinator steers a proposal by hand on the demo network.

The proposal is written by hand (no solver: a test's plan must not vary with the time it gets): each
supporter of a regio team visits two schools of that team on Monday and Tuesday. The coordinator
1. chooses an emphasis on the settings page (the sliders fold open for "Zelf afstellen");
2. opens a visit from the grid, moves it to another supporter and day (the supporter list filters as they
   type), and is refused a move that would give a supporter a third school on a day, with the reason;
3. swaps two visits of one day, and pins a supporter's whole week from the grid.
Every change is checked against the stored rows. Screenshots: weekplan-sturen-*.png.
"""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from capaciteit.models import Planregel
from honingraat import demo
from netwerk.models import Gebruiker, Ondersteuner
from scholen.models import Ankertoewijzing
from tests.support.browser import Sessies
from tests.support.weekplan import handplan

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 900}


def test_de_coordinator_stuurt_een_voorstel_bij(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    coordinator = Gebruiker.objects.get(email=demo.COORDINATOR)
    plan = handplan(coordinator, dagen=(0, 1))
    sessies = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    berichten = page.locator("ul.berichten")

    # 1. The emphasis, in words; the sliders for one's own balance.
    page.goto(f"{live_server.url}/weekplan/")
    nadruk = page.get_by_role("group", name="Waar ligt de nadruk?")
    expect(nadruk.get_by_role("radio", name="Evenwichtig")).to_be_checked()
    nadruk.get_by_role("radio", name="Weinig kilometers").check()
    schuifjes = page.locator("details.weekplan-schuifjes")
    schuifjes.locator("summary").click()
    expect(page.get_by_role("slider", name="Weinig kilometers")).to_be_visible()
    page.screenshot(path=schermafdrukken / "weekplan-sturen-nadruk.png", full_page=True)

    # 2. A visit moved to another supporter and day, from its own page. Chosen so that only the rule under
    # test can refuse it: no anchor leaves their school, the colleague works on Thursday and has it free.
    ankers = set(Ankertoewijzing.objects.values_list("ondersteuner_id", "school_id"))
    regels = list(plan.regels.select_related("ondersteuner__gebruiker", "school").order_by("pk"))
    vrij = [r for r in regels if (r.ondersteuner_id, r.school_id) not in ankers]
    regel = vrij[0]
    wie = regel.ondersteuner
    collega = next(
        o
        for o in Ondersteuner.objects.filter(lsc_id=coordinator.lsc_id, gebruiker__is_active=True)
        .exclude(pk=wie.pk)
        .select_related("gebruiker")
        .order_by("pk")
        if (not o.werkdagen or 3 in o.werkdagen) and 3 not in (o.onbeschikbaar or [])
    )
    page.goto(f"{live_server.url}/weekplan/{plan.pk}/?regioteam={wie.regioteam_id}")
    page.locator(f"#regel-{regel.pk}").get_by_role("link", name=re.compile("^Wijzigen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bezoek aan {regel.school.naam}")
    page.get_by_label("Naar dag").select_option(label="donderdag")
    page.get_by_role("searchbox", name="Filter de keuzes").first.fill(collega.gebruiker.naam)
    keuze = page.get_by_label("Naar ondersteuner")
    keuze.select_option(value=str(collega.pk))
    page.screenshot(path=schermafdrukken / "weekplan-sturen-bezoek.png", full_page=True)
    page.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(berichten).to_contain_text(f"staat nu op donderdag bij {collega.gebruiker.naam} en is vastgezet")
    regel.refresh_from_db()
    assert (regel.ondersteuner_id, regel.dag, regel.vastgezet) == (collega.pk, 3, True)

    # A move that would give a supporter a third school on Monday: refused with the reason, nothing moved.
    maandag: dict[int, set[int]] = {}
    for r in plan.regels.filter(dag=0):
        maandag.setdefault(r.ondersteuner_id, set()).add(r.school_id)
    ander, vol = next(
        (r, o)
        for r in vrij[1:]
        if r.dag == 1 and r.ondersteuner_id != regel.ondersteuner_id
        for o, scholen in maandag.items()
        if o != r.ondersteuner_id and len(scholen) == 2 and r.school_id not in scholen
    )
    wie, volle_naam = ander.ondersteuner, Ondersteuner.objects.get(pk=vol).gebruiker.naam
    page.goto(f"{live_server.url}/weekplan/regel/{ander.pk}/")
    page.get_by_label("Naar dag").select_option(label="maandag")
    page.get_by_label("Naar ondersteuner").select_option(value=str(vol))
    page.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(berichten).to_contain_text("Dat kan niet:")
    expect(berichten).to_contain_text(f"{volle_naam} zou op maandag naar 3 scholen gaan")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bezoek aan")
    page.screenshot(path=schermafdrukken / "weekplan-sturen-geweigerd.png", full_page=True)
    ander.refresh_from_db()
    assert (ander.ondersteuner_id, ander.dag, ander.vastgezet) == (wie.pk, 1, False)

    # 3. A swap with a visit of the same day at another supporter, neither an anchor of the other's school.
    partner = next(
        r
        for r in regels
        if r.dag == 1
        and r.ondersteuner_id != wie.pk
        and (wie.pk, r.school_id) not in ankers
        and (r.ondersteuner_id, ander.school_id) not in ankers
        and (r.ondersteuner_id, r.school_id) not in ankers
    )
    page.get_by_label("Ruilen met").select_option(value=str(partner.pk))
    page.get_by_role("button", name="Ruilen", exact=True).click()
    expect(berichten).to_contain_text("De twee bezoeken zijn geruild en vastgezet.")
    ander.refresh_from_db()
    assert (ander.ondersteuner_id, ander.dag) == (partner.ondersteuner_id, partner.dag)
    assert Planregel.objects.filter(
        weekplan=plan, school=partner.school_id, ondersteuner=wie, dag=1, vastgezet=True
    ).exists()

    page.goto(f"{live_server.url}/weekplan/{plan.pk}/")
    rij = page.locator("table.weekplan-raster tbody tr").first
    naam = rij.locator("th").get_attribute("data-ondersteuner")
    rij.get_by_role("button", name=re.compile("^Week vastzetten")).click()
    expect(berichten).to_contain_text("De hele week staat vast")
    assert not Planregel.objects.filter(weekplan=plan, ondersteuner_id=int(naam), vastgezet=False).exists()
    expect(
        page.locator(f"th[data-ondersteuner='{naam}']").get_by_role(
            "button", name=re.compile("^Week losmaken")
        )
    ).to_be_visible()
    page.screenshot(path=schermafdrukken / "weekplan-sturen-raster.png", full_page=False)
    assert sessies.console.fouten == []
