"""The year transition in the browser, on the demo network: the coordinator goes from the capacity page to
the next school year, sees what carries over, gives the new envelope and confirms; the anchors of the new
year are there, and a second visit offers nothing more to do."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from capaciteit.models import Envelop
from honingraat import demo
from netwerk.models import Leersteuncentrum
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Ankertoewijzing
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e


def test_de_coordinator_zet_het_volgende_schooljaar_klaar(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    jaar = huidig_schooljaar()
    naar = als_tekst(jaar + 1)
    ankers = Ankertoewijzing.objects.filter(
        lsc=lsc, schooljaar=jaar, ondersteuner__gebruiker__is_active=True
    ).count()
    assert ankers > 0 and not Ankertoewijzing.objects.filter(lsc=lsc, schooljaar=jaar + 1).exists()

    pagina = Sessies(browser, browser_context_args, live_server.url, schermafdrukken).aanmelden(
        demo.COORDINATOR
    )
    pagina.goto(f"{live_server.url}/capaciteit/")
    pagina.get_by_role("link", name="Naar het volgende schooljaar").click()
    expect(pagina.get_by_role("heading", name=f"Naar schooljaar {naar}", level=1)).to_be_visible()
    expect(pagina.locator("#overgang-ankers")).to_contain_text(f"{ankers} ankers gaan mee naar {naar}")
    pagina.screenshot(path=schermafdrukken / "jaarovergang-1-overzicht.png", full_page=True)

    veld = pagina.get_by_label("Envelop van het nieuwe schooljaar (uren)")
    veld.fill("0")
    pagina.get_by_role("button", name=f"Schooljaar {naar} klaarzetten").click()
    expect(pagina.get_by_role("alert")).to_contain_text("minstens 1 uur")
    assert not Ankertoewijzing.objects.filter(lsc=lsc, schooljaar=jaar + 1).exists()

    pagina.get_by_label("Envelop van het nieuwe schooljaar (uren)").fill("2400")
    pagina.get_by_role("button", name=f"Schooljaar {naar} klaarzetten").click()
    expect(pagina.get_by_role("status").first).to_contain_text(f"{ankers} ankers overgezet")
    expect(pagina.get_by_text("er is niets meer over te zetten")).to_be_visible()
    pagina.screenshot(path=schermafdrukken / "jaarovergang-2-klaar.png", full_page=True)
    assert Ankertoewijzing.objects.filter(lsc=lsc, schooljaar=jaar + 1).count() == ankers
    assert Envelop.objects.get(lsc=lsc, schooljaar=jaar + 1).uren == 2400
