"""Professional development in Chromium on the demo network: the coordinator offers a training, a supporter
registers on a 375 px phone (no sideways scrolling), the coordinator records attendance after the session,
the team coach records a coaching moment, and another coach cannot open it. Screenshots land in
var/schermafdrukken/vorming-*.png to look at."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from honingraat import demo
from netwerk.models import Aanwezigheid, Coachingsmoment, Gebruiker, Inschrijving, Ondersteuner, Rol, Vorming
from tests.support.browser import Sessies
from tests.support.browser import ernstig_voor_axe as _ernstig

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 900}
TELEFOON = {"width": 375, "height": 812}


def _breedte(pagina) -> int:
    return pagina.evaluate("document.documentElement.scrollWidth")


def test_vorming_inschrijving_aanwezigheid_en_coaching(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    anker = Ondersteuner.objects.select_related("gebruiker", "regioteam").get(gebruiker__email=demo.ANKER)
    coach = Gebruiker.objects.get(email=demo.TEAMCOACH)
    if anker.regioteam.coach_id != coach.pk:
        anker.regioteam.coach = coach
        anker.regioteam.save()
    andere_coach = Gebruiker.objects.create_user(
        "coach.twee@example.org", demo.WACHTWOORD, naam="Coach Twee", rol=Rol.TEAMCOACH, lsc=anker.lsc
    )
    dag = timezone.localdate() + dt.timedelta(days=9)

    laptop = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    coordinator = laptop.aanmelden(demo.COORDINATOR)
    coordinator.get_by_role("link", name="Vormingen", exact=True).first.click()
    expect(coordinator.get_by_role("heading", name="Vormingen", level=1)).to_be_visible()
    coordinator.get_by_role("link", name="Nieuwe vorming").click()
    coordinator.get_by_label("Titel").fill("Oplossingsgericht werken")
    coordinator.get_by_label("Soort").select_option(label="Basisvorming oplossingsgericht werken")
    coordinator.get_by_label("Maximum aantal plaatsen").fill("12")
    coordinator.locator("#id_sessies-0-datum").fill(dag.isoformat())
    coordinator.locator("#id_sessies-0-van").fill("13:30")
    coordinator.locator("#id_sessies-0-tot").fill("16:00")
    coordinator.locator("#id_sessies-0-plaats").fill("Gent, Huis van het leren")
    coordinator.screenshot(path=schermafdrukken / "vorming-nieuw.png", full_page=True)
    assert _ernstig(coordinator) == []
    coordinator.get_by_role("button", name="Vorming bewaren").click()
    expect(coordinator.get_by_role("heading", name="Oplossingsgericht werken", level=1)).to_be_visible()
    vorming = Vorming.objects.get(titel="Oplossingsgericht werken")
    assert vorming.lsc_id == anker.lsc_id

    # The supporter registers on a phone.
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    ondersteuner = telefoon.aanmelden(demo.ANKER)
    ondersteuner.goto(live_server.url + "/vormingen/")
    expect(ondersteuner.get_by_role("heading", name="Mijn groei")).to_be_visible()
    assert _breedte(ondersteuner) <= TELEFOON["width"]
    ondersteuner.get_by_role("link", name="Oplossingsgericht werken").click()
    ondersteuner.get_by_role("button", name="Inschrijven").click()
    expect(ondersteuner.get_by_text("Je bent ingeschreven.").first).to_be_visible()
    assert _breedte(ondersteuner) <= TELEFOON["width"]
    ondersteuner.screenshot(path=schermafdrukken / "vorming-telefoon-ingeschreven.png", full_page=True)
    assert Inschrijving.objects.filter(vorming=vorming, ondersteuner=anker, wachtlijst=False).exists()
    ondersteuner.goto(live_server.url + f"/team/{anker.pk}/groeifocus/")
    ondersteuner.get_by_label("Waarin wil je verder groeien?").fill("Coaching van leerkrachten")
    ondersteuner.get_by_role("button", name="Groeifocus bewaren").click()
    expect(ondersteuner.get_by_text("Coaching van leerkrachten")).to_be_visible()
    assert _breedte(ondersteuner) <= TELEFOON["width"]
    ondersteuner.screenshot(path=schermafdrukken / "vorming-telefoon-lijst.png", full_page=True)
    assert _ernstig(ondersteuner) == []

    # The session took place: the coordinator records attendance.
    vorming.sessies.update(datum=timezone.localdate())
    coordinator.goto(live_server.url + f"/vormingen/{vorming.pk}/")
    coordinator.get_by_role("link", name="Aanwezigheid registreren").click()
    expect(coordinator.get_by_role("heading", name="Aanwezigheid registreren")).to_be_visible()
    coordinator.locator("select").first.select_option("aanwezig")
    coordinator.get_by_role("button", name="Aanwezigheden bewaren").click()
    expect(coordinator.get_by_text("De aanwezigheden zijn bewaard")).to_be_visible()
    assert Aanwezigheid.objects.get(inschrijving__ondersteuner=anker).status == "aanwezig"
    coordinator.screenshot(path=schermafdrukken / "vorming-detail-aanwezig.png", full_page=True)
    assert _ernstig(coordinator) == []
    # The supporter's team page: their growth focus and the training attended, also in the staff list.
    coordinator.goto(live_server.url + f"/team/{anker.pk}/")
    groei = coordinator.locator("section", has=coordinator.get_by_role("heading", name="Vorming en groei"))
    expect(groei).to_contain_text("Coaching van leerkrachten")
    expect(groei).to_contain_text("1 van 1 sessies")
    groei.screenshot(path=schermafdrukken / "vorming-teampagina.png")

    # The coach records a coaching moment for the supporter.
    coachpagina = laptop.aanmelden(demo.TEAMCOACH)
    coachpagina.goto(live_server.url + f"/team/{anker.pk}/coaching/")
    coachpagina.get_by_label("Onderwerp").fill("Basisrust in de klas")
    coachpagina.get_by_label("Notities").fill("Vertrouwelijke notitie")
    coachpagina.get_by_role("button", name="Coachingsmoment bewaren").click()
    expect(
        coachpagina.get_by_role("link", name=f"{timezone.localdate():%d/%m/%Y}: Basisrust in de klas")
    ).to_be_visible()
    coachpagina.screenshot(path=schermafdrukken / "vorming-coaching.png", full_page=True)
    assert _ernstig(coachpagina) == []
    moment = Coachingsmoment.objects.get()

    # Another coach cannot open it.
    tweede = laptop.aanmelden(andere_coach.email)
    laptop.console.verwachte_404.add(live_server.url + f"/coaching/{moment.pk}/")
    antwoord = tweede.goto(live_server.url + f"/coaching/{moment.pk}/")
    assert antwoord.status == 404
    expect(tweede.get_by_text("Vertrouwelijke notitie")).to_have_count(0)
    assert laptop.console.fouten == [] and telefoon.console.fouten == []
