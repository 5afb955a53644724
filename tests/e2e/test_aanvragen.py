"""Between LSCs and schools in the browser, on the demo network.

The demo's care team has a new colleague whom no LSC vouched for yet. The care login sees them on the
phone and can vouch for them; the coordinator finds the account under Aanvragen and confirms it there.
Then the coordinator edits the CLB of a school the specific LSC serves too: a proposal to that LSC,
the school unchanged; the specific LSC's coordinator accepts it and the school changes.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from honingraat import demo
from netwerk.models import Clb, Gebruiker, Leersteuncentrum, Rol
from scholen.models import Bevestiging, School, Schoolvoorstel
from tests.support.browser import SMAL, Sessies

pytestmark = pytest.mark.e2e


def test_accounts_bevestigen_en_een_gedeelde_school_wijzigen(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    nieuw = Gebruiker.objects.get(email=demo.NIEUWE_COLLEGA)
    algemeen = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)

    # 1. The care login on a phone: the new colleague is waiting, with a button per LSC.
    sessies = Sessies(browser, {**browser_context_args, "viewport": SMAL}, live_server.url, schermafdrukken)
    zorg = sessies.aanmelden(demo.ZORG)
    collegas = zorg.get_by_role("heading", name="Nieuwe collega's in je zorgteam")
    expect(collegas).to_be_visible()
    expect(zorg.get_by_text(demo.NIEUWE_COLLEGA)).to_be_visible()
    zorg.screenshot(path=schermafdrukken / "aanvragen-1-zorg-collega.png", full_page=True)
    assert zorg.evaluate("document.documentElement.scrollWidth") <= SMAL["width"]
    zorg.screenshot(path=schermafdrukken / "aanvragen-1-zorg-collega.png", full_page=True)

    # 2. The coordinator: one request waiting on the home page, confirmed under Aanvragen.
    beleid = Sessies(browser, browser_context_args, live_server.url, schermafdrukken).aanmelden(
        demo.COORDINATOR
    )
    beleid.get_by_role("link", name="1 aanvraag wacht op je beslissing").click()
    expect(beleid.get_by_role("heading", name="Aanvragen", level=1)).to_be_visible()
    rij = beleid.locator("li", has_text=demo.NIEUWE_COLLEGA)
    beleid.screenshot(path=schermafdrukken / "aanvragen-2-coordinator.png", full_page=True)
    rij.get_by_role("button", name="Bevestigen").click()
    expect(beleid.get_by_role("status")).to_contain_text("is bevestigd voor")
    assert Bevestiging.objects.filter(gebruiker=nieuw, lsc=algemeen, bevestigd=True, bron="beleid").exists()
    zorg.reload()
    expect(zorg.get_by_role("heading", name="Nieuwe collega's in je zorgteam")).to_have_count(0)

    # 3. A school the specific LSC serves too: the coordinator's change of its CLB is a proposal.
    specifiek = Leersteuncentrum.objects.get(naam=demo.SPECIFIEK_LSC)
    school = School.objects.filter(lscs=specifiek).filter(lscs=algemeen).order_by("naam").first()
    ander_clb = Clb.objects.exclude(pk=school.clb_id).order_by("naam").first()
    beleid.goto(f"{live_server.url}/scholen/{school.pk}/")
    expect(beleid.get_by_text("Gedeelde school:")).to_contain_text(specifiek.naam)
    beleid.get_by_role("link", name="Bewerken").click()
    beleid.get_by_label("CLB").select_option(label=ander_clb.naam)
    beleid.get_by_role("region", name="Gegevens bewerken").get_by_role("button", name="Bewaren").click()
    expect(beleid.get_by_role("status").first).to_contain_text("Je voorstel is verstuurd naar")
    beleid.screenshot(path=schermafdrukken / "aanvragen-3-voorstel.png", full_page=True)
    school.refresh_from_db()
    assert school.clb != ander_clb
    voorstel = Schoolvoorstel.objects.get(school=school, status="open")

    # 4. The specific LSC's coordinator accepts it: now the school changes.
    coordinator_s = Gebruiker.objects.create_user(
        email="coordinator.slsc@example.org",
        password=demo.WACHTWOORD,
        naam="Coördinator SLSC",
        rol=Rol.COORDINATOR,
        lsc=specifiek,
    )
    slsc = Sessies(browser, browser_context_args, live_server.url, schermafdrukken).aanmelden(
        coordinator_s.email
    )
    slsc.goto(f"{live_server.url}/scholen/aanvragen/")
    voorstel_rij = slsc.locator(f"#voorstel-{voorstel.pk}")
    expect(voorstel_rij).to_contain_text(f"CLB: {school.clb.naam} → {ander_clb.naam}")
    slsc.screenshot(path=schermafdrukken / "aanvragen-4-ander-lsc.png", full_page=True)
    voorstel_rij.get_by_role("button", name="Aanvaarden").click()
    expect(slsc.get_by_role("status")).to_contain_text("zijn gewijzigd zoals")
    school.refresh_from_db()
    assert school.clb == ander_clb
    assert sessies.console.fouten == []
