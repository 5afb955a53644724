"""The acceptance journey of the week planning, on the demo network (150 schools, 100 supporters).

1. The coordinator goes from Capaciteit to the week planning, sets a rekentijd of 30 seconds and asks for a
   proposal. A real Celery worker solves it; the page's progress bar is watched until the proposal replaces
   it (figures beside the baseline, the grid of supporters × days).
2. Filtered on the care staff's school, the coordinator pins the demo anchor's visit there (an HTMX swap of
   that visit only), solves again and finds the same supporter at the same school on the same day in the
   new proposal, marked pinned; then publishes it as version 1.
3. The demo anchor opens Mijn week: their visits of the published plan, and the .ics feed, which answers
   without a login with a valid calendar of dated visits and no pupil's name.
4. The demo care staff see on their home page which supporter comes on which day to their school.

Console errors, CSP violations among them, fail the test. Screenshots (weekplan-*.png) land in
var/schermafdrukken/.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from capaciteit.models import Planregel, Weekplan
from capaciteit.queries import gepubliceerd_weekplan
from capaciteit.rekenen.weekplanning import dagnaam
from honingraat import demo
from honingraat.celery import app as celery_app
from netwerk.kalender import is_schooldag
from netwerk.models import Gebruiker
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import School
from tests.support.browser import Sessies, documentverzoeken, htmx_klaar, markeer
from trajecten.models import Leerling

pytestmark = pytest.mark.e2e

# Ample on a busy machine too: a solver starved of CPU for its whole time may find no plan at all.
REKENTIJD = 30
WACHT_MS = (REKENTIJD + 60) * 1000  # the solve, the worker's start and the input of 150 schools


@pytest.fixture
def werker(live_server, settings, monkeypatch, request) -> Iterator[Path]:
    """The real Celery worker on a queue of this test database only (as `mailmap` in test_trajecten)."""
    wachtrij = f"honingraat-test-{os.environ.get('HONINGRAAT_TEST_DB_SUFFIX', 'e2e')}"
    conf = celery_app.conf
    voor = conf.task_default_queue  # read first: that finalizes the app's configuration
    conf.task_default_queue = wachtrij
    settings.CELERY_TASK_DEFAULT_QUEUE = wachtrij
    monkeypatch.setenv("CELERY_QUEUE", wachtrij)
    try:
        yield request.getfixturevalue("celery_worker_proces")
    finally:
        conf.task_default_queue = voor


def plan_op_pagina(page: Page) -> Weekplan:
    gevonden = re.search(r"/weekplan/(\d+)/", page.url)
    assert gevonden, page.url
    return Weekplan.objects.get(pk=int(gevonden[1]))


def wacht_op_voorstel(page: Page, map_: Path, schermafdruk: str | None = None) -> Weekplan:
    """Watches the progress card until the page reloads into the proposal."""
    voortgang = page.locator("#voortgang")
    expect(voortgang).to_be_visible()
    balk = page.locator("#voortgang-balk")
    expect(balk).to_have_attribute("max", str(REKENTIJD))
    if schermafdruk:
        # Half way: the worker has started and found a first plan (solved in one piece), or a first regio
        # team has its plan (solved per team: the demo has several teams).
        gevonden = page.locator(".weekplan-oplossingen, .weekplan-teams-klaar")
        expect(gevonden).not_to_have_text("0", timeout=WACHT_MS)
        page.screenshot(path=map_ / schermafdruk, full_page=True)
    expect(page.get_by_role("heading", name="Wat dit plan bereikt", level=2)).to_be_visible(timeout=WACHT_MS)
    expect(voortgang).to_have_count(0)
    plan = plan_op_pagina(page)
    assert plan.status == Weekplan.Status.VOORSTEL, plan.redenen
    return plan


def test_weekplan_van_voorstel_tot_mijn_week(
    live_server, werker, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    zorgschool = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    anker_naam = Gebruiker.objects.get(email=demo.ANKER).naam
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    bericht = None

    # 1. The coordinator asks for a proposal and watches the solver.
    page = sessies.aanmelden(demo.COORDINATOR)
    bericht = page.locator("ul.berichten")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Capaciteit").click()
    page.get_by_role("link", name="Weekplanning: wie gaat wanneer naar welke school").click()
    expect(page).to_have_url(f"{live_server.url}/weekplan/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Weekplanning \d{4}-\d{4}$"))
    expect(page.get_by_text("Nog geen gepubliceerd weekplan voor dit schooljaar.")).to_be_visible()
    page.get_by_label("Rekentijd (seconden)").fill(str(REKENTIJD))
    page.screenshot(path=schermafdrukken / "weekplan-instellingen.png", full_page=True)
    page.get_by_role("button", name="Plan voorstellen").click()
    expect(page).to_have_url(re.compile(r"/weekplan/\d+/$"))
    eerste = wacht_op_voorstel(page, schermafdrukken, "weekplan-voortgang.png")
    kengetallen = page.locator("table.weekplan-kengetallen")
    expect(kengetallen.locator("thead th")).to_have_text(
        ["Kengetal", "Dit voorstel", "Gepubliceerd", "Basislijn"]
    )
    expect(kengetallen.get_by_role("row", name=re.compile("^Dagen met meer dan 2 scholen"))).to_be_visible()
    raster = page.locator("table.weekplan-raster")
    expect(raster.locator("thead th")).to_have_count(6)
    assert eerste.regels.count() > 100
    page.screenshot(path=schermafdrukken / "weekplan-voorstel.png", full_page=False)
    page.get_by_role("heading", name="Wie gaat wanneer waarheen").scroll_into_view_if_needed()
    page.screenshot(path=schermafdrukken / "weekplan-raster.png", full_page=False)

    # 2. Filtered on one school: pin the anchor's visit there, solve again, publish.
    page.get_by_label("School", exact=True).select_option(label=zorgschool.naam)
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile(rf"[?&]school={zorgschool.pk}$"))
    rij = raster.locator("tbody tr").filter(
        has=page.get_by_role("rowheader", name=re.compile(re.escape(anker_naam)))
    )
    expect(rij).to_have_count(1)
    bezoek = rij.locator("li.bezoek").filter(has_text=zorgschool.naam).first
    expect(bezoek).to_have_class(re.compile(r"\bgekozen\b"))
    regel_id = bezoek.get_attribute("id")
    bezoek = page.locator(f"#{regel_id}")
    htmx_klaar(page)
    markeer(page.get_by_role("heading", level=1))
    documenten = documentverzoeken(page)
    bezoek.get_by_role("button", name=re.compile("^Vastzetten")).click()
    expect(bezoek).to_have_class(re.compile(r"\bvast\b"))
    expect(bezoek.locator(".bezoek-vast")).to_have_text("vastgezet")
    expect(bezoek.get_by_role("button", name=re.compile("^Losmaken"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"vastzetten laadde de pagina opnieuw: {documenten}"
    vast = Planregel.objects.get(pk=int(regel_id.removeprefix("regel-")))
    assert vast.vastgezet and vast.weekplan_id == eerste.pk and vast.ondersteuner.gebruiker.naam == anker_naam
    page.screenshot(path=schermafdrukken / "weekplan-vastgezet.png", full_page=True)

    page.get_by_role("button", name="Opnieuw oplossen").click()
    expect(page).not_to_have_url(re.compile(rf"/weekplan/{eerste.pk}/"))
    tweede = wacht_op_voorstel(page, schermafdrukken)
    gehouden = tweede.regels.get(ondersteuner=vast.ondersteuner_id, school=vast.school_id, dag=vast.dag)
    assert (gehouden.vastgezet, gehouden.blokken) == (True, vast.blokken)
    expect(page.locator(f"#regel-{gehouden.pk}")).to_have_class(re.compile(r"\bvast\b"))
    expect(page.locator(f"#regel-{gehouden.pk} .bezoek-vast")).to_have_text("vastgezet")
    expect(page.locator(f"#regel-{gehouden.pk} .bezoek-school")).to_have_text(zorgschool.naam)

    page.get_by_role("button", name="Publiceren").click()
    expect(bericht).to_contain_text("Versie 1 van het weekplan is gepubliceerd")
    expect(page.get_by_role("heading", level=1)).to_have_text("Weekplan versie 1")
    expect(page.locator(".weekplan-status")).to_have_text("Gepubliceerd")
    page.screenshot(path=schermafdrukken / "weekplan-gepubliceerd.png", full_page=False)
    page.context.close()
    gepubliceerd = gepubliceerd_weekplan(lsc_id=tweede.lsc_id, schooljaar=huidig_schooljaar())
    assert gepubliceerd == tweede

    # 3. The anchor's week and calendar feed.
    page = sessies.aanmelden(demo.ANKER)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn week").click()
    expect(page).to_have_url(f"{live_server.url}/weekplan/mijn-week/")
    eigen = list(
        gepubliceerd.regels.filter(ondersteuner__gebruiker__email=demo.ANKER)
        .select_related("school")
        .order_by("dag", "school__naam")
    )
    week = page.get_by_role("region", name="Mijn schoolbezoeken")
    expect(week.locator("strong")).to_have_text([r.school.naam for r in eigen])
    expect(week).to_contain_text("08:30–")
    # The link is shown once, right after it is made (only its hash is stored).
    abonnement = page.get_by_role("region", name=".ics-abonnement")
    expect(abonnement).to_contain_text("Je hebt nog geen agendalink.")
    abonnement.get_by_role("button", name="Agendalink maken").click()
    expect(page.get_by_role("status")).to_have_text("Je agendalink is gemaakt.")
    expect(abonnement).to_contain_text("We tonen deze link maar één keer.")
    feed = page.get_by_label("Link van je agenda").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/weekplan/agenda/[\w-]+\.ics", feed), feed
    page.screenshot(path=schermafdrukken / "weekplan-mijn-week.png", full_page=True)
    page.context.close()

    anoniem = browser.new_context(**browser_context_args)
    antwoord = anoniem.request.get(feed)
    assert antwoord.status == 200 and antwoord.headers["content-type"].startswith("text/calendar")
    tekst = antwoord.text()
    kalender = Calendar.from_ical(antwoord.body())
    bezoeken = kalender.walk("VEVENT")
    # One event per visit and date (issue 21), never on a day without school.
    assert {str(b["SUMMARY"]) for b in bezoeken} == {f"Leersteun: {r.school.naam}" for r in eigen}
    assert all("RRULE" not in b and is_schooldag(b.decoded("DTSTART").date()) for b in bezoeken)
    assert [tz["TZID"] for tz in kalender.walk("VTIMEZONE")] == ["Europe/Brussels"]
    voornamen = set(Leerling.objects.values_list("voornaam", flat=True))
    assert voornamen and not [v for v in voornamen if re.search(rf"\b{re.escape(v)}\b", tekst)]
    anoniem.close()

    # 4. The care staff see who comes when.
    page = sessies.aanmelden(demo.ZORG)
    school = page.get_by_role("region", name=zorgschool.naam)
    expect(school.get_by_role("heading", name="Wie komt wanneer", level=3)).to_be_visible()
    hier = list(
        gepubliceerd.regels.filter(school=zorgschool)
        .select_related("ondersteuner__gebruiker")
        .order_by("dag", "ondersteuner__gebruiker__naam")
    )
    dagen = sorted({r.dag for r in hier})
    wie = school.locator("dl.wie-komt-wanneer")
    expect(wie.locator("dt")).to_have_text([dagnaam(d, 1).capitalize() for d in dagen])
    for dd, dag in zip(wie.locator("dd").all(), dagen, strict=True):
        expect(dd).to_have_text(
            ", ".join(
                f"{r.ondersteuner.gebruiker.naam} ({r.uren:g} u)".replace(".", ",")
                for r in hier
                if r.dag == dag
            )
        )
    expect(wie).to_contain_text(anker_naam)
    page.screenshot(path=schermafdrukken / "weekplan-zorg.png", full_page=True)
    page.context.close()

    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
