"""Browser journeys: a list's export holds exactly the rows the screen shows after filtering through HTMX.

On the demo network the coordinator narrows the trajectory overview and the school list through the filter
form (HTMX swaps, no page load), pages through every page of the result, clicks the export and compares the
downloaded file's rows with the rows the pages showed, in order. The overview also does it after a search
(the export is POSTed, as the search: no name in a URL) and for a filter that leaves nothing (the file
holds the header only, and the page says so). Console errors, CSP violations among them, and serious
axe-core violations fail the test. Screenshots and one exported XLSX land in var/schermafdrukken/.
"""

import io
import re
from pathlib import Path

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db.models import Count
from playwright.sync_api import Download, Locator, Page, expect

from honingraat import demo
from netwerk.models import Leersteuncentrum, Regioteam
from scholen.models import School
from tests.support.browser import Sessies
from tests.support.lijsten import csv_rijen
from trajecten.models import Traject

pytestmark = pytest.mark.e2e

PER_PAGINA = 25
AXE = Axe()


def toegankelijk(page: Page) -> None:
    """No serious or critical axe-core violation (WCAG 2.1 AA) in the list with its export buttons."""
    resultaat = AXE.run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    )
    ernstig = [
        f"{o['id']}: {' '.join(o['nodes'][0]['target'])}"
        for o in resultaat.response["violations"]
        if o["impact"] in {"serious", "critical"}
    ]
    assert ernstig == []


def documentverzoeken(page: Page) -> list[str]:
    """Every full page load from now on: a filter, a search or a page of the list must add none. (A
    download is a document request too, that leaves the page as it is.)"""
    documenten: list[str] = []

    def verzoek(r) -> None:
        if r.resource_type == "document" and not re.search(r"/export\.(csv|xlsx)(\?|$)", r.url):
            documenten.append(r.url)

    page.on("request", verzoek)
    return documenten


def wacht_op_wissel(page: Page, actie) -> None:
    """Run `actie` (a change of filter, a search, a click on Volgende) and wait until HTMX has swapped."""
    with page.expect_response(lambda antwoord: antwoord.request.headers.get("hx-request") == "true"):
        actie()
    expect(page.locator("#resultaten.htmx-request, #resultaten.htmx-swapping, .htmx-settling")).to_have_count(
        0
    )


def alle_paginas(page: Page, rij_sleutel) -> list:
    """The keys of the rows on every page, clicking Volgende in the swapped list until there is none."""
    resultaten = page.locator("#resultaten")
    sleutels = rij_sleutel(resultaten)
    while (volgende := resultaten.get_by_role("link", name="Volgende pagina")).count() or (
        volgende := resultaten.get_by_role("link", name="Volgende", exact=True)
    ).count():
        wacht_op_wissel(page, volgende.click)
        sleutels += rij_sleutel(resultaten)
    return sleutels


def download(page: Page, naam: str | re.Pattern) -> Download:
    """Click the export the page offers (wherever it is: the old page had it above the swapped part)."""
    knop = page.get_by_role("link", name=naam).or_(page.get_by_role("button", name=naam))
    expect(knop).to_have_count(1)
    with page.expect_download() as bestand:
        knop.click()
    return bestand.value


def xlsx_rijen(bestand: Download) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[tuple]]:
    blad = openpyxl.load_workbook(io.BytesIO(Path(bestand.path()).read_bytes())).worksheets[0]
    return blad, list(blad.iter_rows(values_only=True))


def traject_ids(resultaten: Locator) -> list[int]:
    hrefs = resultaten.locator("tbody tr td:nth-child(2) a").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    return [int(re.fullmatch(r"/trajecten/(\d+)/", href).group(1)) for href in hrefs]


def instellingsnummers(resultaten: Locator) -> list[str]:
    return resultaten.locator("tbody tr td:nth-child(3)").all_inner_texts()


def test_de_trajectexport_volgt_de_filters_de_zoekterm_en_alle_paginas(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    # The regio team with the most trajectories: over one page, so paging is part of the journey.
    per_team = {
        team: Traject.objects.filter(
            lsc=lsc, school__bedieningen__lsc=lsc, school__bedieningen__regioteam=team
        )
        for team in Regioteam.objects.filter(lsc=lsc)
    }
    team = max(per_team, key=lambda t: (per_team[t].count(), t.naam))
    team.aantal = per_team[team].count()
    assert team.aantal > PER_PAGINA
    in_het_netwerk = Traject.objects.filter(lsc=lsc).count()

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    page.goto(f"{live_server.url}/trajecten/")
    documenten = documentverzoeken(page)
    resultaten = page.locator("#resultaten")

    # 1. One regio team, all statuses, through the form: the export holds that team's rows of every page.
    wacht_op_wissel(page, lambda: page.get_by_label("Regioteam").select_option(label=team.naam))
    wacht_op_wissel(page, lambda: page.get_by_label("Status").select_option(label="alle statussen"))
    expect(resultaten.locator("caption")).to_contain_text(f"{team.aantal} trajecten")
    page.screenshot(path=schermafdrukken / "trajecten_export_gefilterd.png", full_page=True)
    toegankelijk(page)
    op_het_scherm = alle_paginas(page, traject_ids)
    assert len(op_het_scherm) == team.aantal
    bestand = download(page, re.compile(r"^Exporteer XLSX"))
    assert re.fullmatch(r"trajecten-\d{4}-\d{2}-\d{2}\.xlsx", bestand.suggested_filename)
    bestand.save_as(schermafdrukken / "trajecten-export.xlsx")  # for a person to open
    blad, (kop, *rijen) = xlsx_rijen(bestand)
    assert [rij[0] for rij in rijen] == op_het_scherm
    assert blad.title == "Trajecten" and blad.freeze_panes == "A2"
    assert {rij[kop.index("Regioteam")] for rij in rijen} == {team.naam}
    _, *csv = csv_rijen(Path(download(page, re.compile(r"^Exporteer CSV")).path()).read_bytes())
    assert [int(rij[0]) for rij in csv] == op_het_scherm
    # The button says what the file will hold, before the click.
    expect(resultaten.get_by_role("link", name=f"Exporteer XLSX ({team.aantal} trajecten)")).to_be_visible()
    assert team.aantal < in_het_netwerk

    # 2. A search on top (POSTed): the export follows it, and the term is in no address.
    school = Traject.objects.filter(pk=op_het_scherm[0]).values_list("school__naam", flat=True).get()
    zoekveld = page.get_by_label("Zoek op school, groep of de voornaam van een leerling")
    wacht_op_wissel(page, lambda: zoekveld.fill(school))
    expect(resultaten.locator("caption")).to_contain_text(f"gezocht op ‘{school}’")
    gezocht = alle_paginas(page, traject_ids)
    assert 0 < len(gezocht) < len(op_het_scherm)
    page.screenshot(path=schermafdrukken / "trajecten_export_zoekterm.png", full_page=True)
    toegankelijk(page)
    knop = resultaten.get_by_role("button", name=re.compile(r"^Exporteer CSV"))
    expect(knop).to_have_text(f"Exporteer CSV ({len(gezocht)} traject{'en' if len(gezocht) > 1 else ''})")
    _, *csv = csv_rijen(Path(download(page, re.compile(r"^Exporteer CSV")).path()).read_bytes())
    assert [int(rij[0]) for rij in csv] == gezocht
    assert school not in page.url

    # 3. Nothing left: the page says the export holds the header only, and it does.
    wacht_op_wissel(page, lambda: zoekveld.fill("geen zulke school"))
    expect(resultaten.locator(".leeg")).to_contain_text(
        "Geen traject past bij deze filters of zoekterm. De export bevat dan enkel de kolomkoppen."
    )
    expect(resultaten.get_by_role("button", name="Exporteer XLSX (0 trajecten)")).to_be_visible()
    page.screenshot(path=schermafdrukken / "trajecten_export_leeg.png", full_page=True)
    toegankelijk(page)
    _, rijen = xlsx_rijen(download(page, re.compile(r"^Exporteer XLSX")))
    assert len(rijen) == 1 and rijen[0][0] == "Traject"

    assert documenten == [], f"filters, zoeken of bladeren laadden de pagina opnieuw: {documenten}"
    assert sessies.console.fouten == []


def test_de_schoolexport_volgt_de_filters_en_alle_paginas(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    zichtbaar = School.objects.filter(bedieningen__lsc=lsc)
    # Free schools of the level with the most of them: over one page, and far from all schools.
    niveau = (
        zichtbaar.filter(net="vrij").values("niveau").annotate(aantal=Count("pk")).order_by("-aantal").first()
    )
    assert PER_PAGINA < niveau["aantal"] < zichtbaar.count()

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    page.goto(f"{live_server.url}/scholen/")
    documenten = documentverzoeken(page)
    resultaten = page.locator("#resultaten")

    wacht_op_wissel(page, lambda: page.get_by_label("Net", exact=True).select_option("vrij"))
    wacht_op_wissel(page, lambda: page.get_by_label("Niveau", exact=True).select_option(niveau["niveau"]))
    expect(resultaten.locator("caption")).to_contain_text(f"{niveau['aantal']} scholen")
    page.screenshot(path=schermafdrukken / "scholen_export_gefilterd.png", full_page=True)
    toegankelijk(page)
    op_het_scherm = alle_paginas(page, instellingsnummers)
    assert len(op_het_scherm) == niveau["aantal"]

    _, *csv = csv_rijen(Path(download(page, re.compile(r"^Exporteer CSV")).path()).read_bytes())
    assert [rij[0] for rij in csv] == op_het_scherm
    blad, (kop, *rijen) = xlsx_rijen(download(page, re.compile(r"^Exporteer XLSX")))
    assert blad.title == "Scholen" and kop[0] == "instellingsnummer"
    assert [rij[0] for rij in rijen] == op_het_scherm
    expect(resultaten.get_by_role("link", name=f"Exporteer CSV ({niveau['aantal']} scholen)")).to_be_visible()

    # A municipality typed in the search narrows the export as it narrows the list.
    gefilterd = zichtbaar.filter(net="vrij", niveau=niveau["niveau"])
    gemeente = (
        gefilterd.values("gemeente").annotate(aantal=Count("pk")).order_by("-aantal").first()["gemeente"]
    )
    zoekveld = page.get_by_label("Zoek op naam, gemeente of instellingsnummer")
    wacht_op_wissel(page, lambda: zoekveld.fill(gemeente))
    gezocht = alle_paginas(page, instellingsnummers)
    assert 0 < len(gezocht) < len(op_het_scherm)
    _, *csv = csv_rijen(Path(download(page, re.compile(r"^Exporteer CSV")).path()).read_bytes())
    assert [rij[0] for rij in csv] == gezocht

    assert documenten == [], f"filters of bladeren laadden de pagina opnieuw: {documenten}"
    assert sessies.console.fouten == []
