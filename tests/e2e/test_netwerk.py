"""The coordinator's yearly job in the browser: figures from a spreadsheet, then an anchor for a school.

One journey on the demo network: the coordinator logs in through the allauth form, uploads an XLSX
with one faulty row and sees it refused in the preview with nothing stored, uploads the corrected file
and imports it, then finds a school without anchor through the filters of the school list, assigns an
anchor and edits the school's telephone number in place (both HTMX swaps, no page reload). A second
journey: a large file of schools is read by a real Celery worker while the preview shows its progress,
then turns into the preview by itself. Console errors, CSP violations among them, fail the tests.
Screenshots land in var/schermafdrukken/.
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from django.db.models import Count, Q
from playwright.sync_api import Page, expect

from honingraat import demo
from honingraat.celery import app as celery_app
from netwerk.models import Leersteuncentrum, Ondersteuner
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening, School, Schooljaarcijfers
from scholen.queries import scholen_zonder_anker
from tests.support.browser import Sessies
from tests.support.werker import start_celery_worker, stop_celery_worker

pytestmark = pytest.mark.e2e

CIJFERVELDEN = ("leerlingen", "gc_verslagen", "iac_verslagen", "ov4_verslagen")
# The header of the figures import as the coordinator knows it: spelled out, not read from the app.
KOPREGEL = ("instellingsnummer", "schooljaar", *CIJFERVELDEN)
FOUTE_REGEL = 4  # the header is line 1
NIEUW_TELEFOON = "052 21 43 65"


def rekenblad(pad: Path, rijen: list[tuple]) -> Path:
    """An XLSX as a coordinator saves it from Excel: numbers as numbers, the school year as text."""
    boek = openpyxl.Workbook()
    blad = boek.active
    blad.title = "Cijfers"
    blad.append(KOPREGEL)
    for rij in rijen:
        blad.append(rij)
    boek.save(pad)
    return pad


def alle_cijfers() -> set[tuple]:
    return set(Schooljaarcijfers.objects.values_list("school_id", "schooljaar", *CIJFERVELDEN))


def documentverzoeken(page: Page) -> list[str]:
    """Every full page load from now on: an HTMX swap must add none."""
    documenten: list[str] = []
    page.on("request", lambda r: documenten.append(r.url) if r.resource_type == "document" else None)
    return documenten


def opladen(page: Page, bestand: Path) -> None:
    cijfers = page.get_by_role("region", name="Cijfers per schooljaar")
    cijfers.get_by_label("Bestand (CSV of XLSX)").set_input_files(bestand)
    cijfers.get_by_role("button", name="Voorbeeld bekijken").click()
    expect(page).to_have_url(re.compile(r"/scholen/importeren/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld: cijfers importeren")
    expect(page.locator("p.onder").first).to_contain_text(f"Bestand “{bestand.name}”")
    expect(page.locator("p.onder").first).to_contain_text("Er is nog niets opgeslagen.")


def test_coordinator_importeert_cijfers_en_wijst_een_anker_toe(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken, tmp_path
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    jaar, vorig = huidig_schooljaar(), huidig_schooljaar() - 1

    # Four schools the coordinator's LSC serves alone (a shared school's figures become a proposal to the
    # other LSC: tests/e2e/test_aanvragen.py); the demo has their figures up to last school year.
    alleen_eigen = School.objects.filter(bedieningen__lsc=lsc).exclude(
        bedieningen__lsc__naam=demo.SPECIFIEK_LSC
    )
    a, b, c, d = alleen_eigen.order_by("instellingsnummer")[:4]
    a_oud, d_oud = (Schooljaarcijfers.objects.get(school=s, schooljaar=vorig) for s in (a, d))
    assert not Schooljaarcijfers.objects.filter(schooljaar=jaar).exists()

    def regel(school: School, schooljaar: int, leerlingen: int, gc: int, iac: int, ov4: int) -> tuple:
        return (int(school.instellingsnummer), als_tekst(schooljaar), leerlingen, gc, iac, ov4)

    def verslagen(cijfers: Schooljaarcijfers) -> tuple[int, int, int]:
        return cijfers.gc_verslagen, cijfers.iac_verslagen, cijfers.ov4_verslagen

    rijen = [
        regel(a, jaar, 251, 6, 1, 0),  # line 2: new
        regel(b, jaar, 302, 9, 2, 1),  # line 3: new
        regel(c, jaar, -12, 0, 0, 0),  # line 4: a negative number of pupils
        regel(d, vorig, d_oud.leerlingen + 7, *verslagen(d_oud)),  # line 5: last year's count corrected
        regel(a, vorig, a_oud.leerlingen, *verslagen(a_oud)),  # line 6: as it is
    ]
    fout_bestand = rekenblad(tmp_path / "cijfers-scheldeland.xlsx", rijen)
    rijen[FOUTE_REGEL - 2] = regel(c, jaar, 312, 4, 0, 0)
    goed_bestand = rekenblad(tmp_path / "cijfers-scheldeland-verbeterd.xlsx", rijen)
    voor = alle_cijfers()

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    hoofdmenu = page.get_by_role("navigation", name="Hoofdmenu")
    status = page.get_by_role("status")

    # 1. The file with a faulty row: refused in the preview, nothing stored.
    hoofdmenu.get_by_role("link", name="Scholen").click()
    page.get_by_role("link", name="Importeren uit rekenblad").click()
    expect(page).to_have_url(live_server.url + "/scholen/importeren/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholen en cijfers importeren")
    page.screenshot(path=schermafdrukken / "import_start.png", full_page=True)
    opladen(page, fout_bestand)

    expect(page.locator(".kerncijfer")).to_have_text(
        ["2 nieuw", "1 bijwerken", "1 ongewijzigd", "1 geweigerd"]
    )
    importrijen = page.locator("table.importrijen tbody tr")
    expect(importrijen).to_have_count(len(rijen))
    fout_rij = importrijen.first  # refused rows come first
    expect(fout_rij).to_have_class(re.compile(r"\bactie-geweigerd\b"))
    expect(fout_rij.locator("td")).to_have_text(
        [
            str(FOUTE_REGEL),
            c.instellingsnummer,
            als_tekst(jaar),
            "-12",
            "0",
            "0",
            "0",
            "geweigerd",
            "leerlingen: -12 is negatief; een aantal is 0 of meer",
        ]
    )
    expect(fout_rij.locator("li.fout strong")).to_have_text("leerlingen")
    expect(page.locator("tr.actie-geweigerd")).to_have_count(1)
    acties = page.get_by_role("region", name="Wat wil je doen?")
    importeren = acties.get_by_role("button", name="Importeren", exact=True)
    expect(importeren).to_be_disabled()
    expect(importeren).to_have_accessible_description(
        re.compile(r"^Importeren kan niet: 1 rij is geweigerd\. Verbeter het bestand")
    )
    expect(acties.get_by_role("button", name="Importeren zonder de 1 geweigerde rij")).to_be_visible()
    page.screenshot(path=schermafdrukken / "import_voorbeeld_fout.png", full_page=True)
    assert alle_cijfers() == voor, "het voorbeeld heeft cijfers opgeslagen"

    # 2. Cancel, upload the corrected file, import.
    acties.get_by_role("button", name="Verbeterd bestand opladen").click()
    expect(page).to_have_url(live_server.url + "/scholen/importeren/")
    expect(status).to_have_text(
        "De import is geannuleerd en het bestand is verwijderd; er is niets opgeslagen."
    )
    opladen(page, goed_bestand)
    expect(page.locator(".kerncijfer")).to_have_text(
        ["3 nieuw", "1 bijwerken", "1 ongewijzigd", "0 geweigerd"]
    )
    expect(page.locator("tr.actie-geweigerd")).to_have_count(0)
    expect(page.locator("li.fout")).to_have_count(0)
    expect(page.locator("tr.actie-bijwerken")).to_contain_text(
        f"wijzigt: leerlingen {d_oud.leerlingen} → {d_oud.leerlingen + 7}"
    )
    assert alle_cijfers() == voor, "het voorbeeld heeft cijfers opgeslagen"
    importeren = page.get_by_role("region", name="Wat wil je doen?").get_by_role("button", name="Importeren")
    expect(importeren).to_be_enabled()
    importeren.click()
    expect(page).to_have_url(live_server.url + "/scholen/")
    expect(status).to_have_text("Cijfers geïmporteerd: 3 nieuw, 1 bijgewerkt, 1 ongewijzigd, 0 overgeslagen.")
    page.screenshot(path=schermafdrukken / "import_gelukt.png", full_page=True)
    d_voor = (d.pk, vorig, d_oud.leerlingen, *verslagen(d_oud))
    d_na = (d.pk, vorig, d_oud.leerlingen + 7, *verslagen(d_oud))
    nieuw = {(a.pk, jaar, 251, 6, 1, 0), (b.pk, jaar, 302, 9, 2, 1), (c.pk, jaar, 312, 4, 0, 0)}
    assert alle_cijfers() == (voor - {d_voor}) | {d_na} | nieuw

    # 3. Find a school without anchor: the filters swap the results in place.
    zonder = list(scholen_zonder_anker(lsc_id=lsc.pk))
    assert len(zonder) == demo.AANTAL_ZONDER_ANKER
    doel = zonder[0]
    term = next(deel for deel in demo.SCHOOLNAMEN if deel in doel.naam).lower()
    treffers = set(
        School.objects.filter(Q(naam__icontains=term) | Q(gemeente__icontains=term)).values_list(
            "pk", flat=True
        )
    )
    verwacht = [s.naam for s in zonder if s.pk in treffers]
    assert doel.naam in verwacht

    resultaten = page.locator("#resultaten")
    h1 = page.get_by_role("heading", level=1)
    h1.evaluate("element => element.dataset.zelfdePagina = 'ja'")
    documenten = documentverzoeken(page)
    page.get_by_label("Enkel scholen zonder anker").check()
    expect(resultaten.locator("tbody tr td:first-child")).to_have_text([s.naam for s in zonder])
    expect(resultaten.locator("tbody tr td:nth-child(5)")).to_have_text(["geen anker"] * len(zonder))
    page.get_by_label("Zoek op naam, gemeente of instellingsnummer").press_sequentially(term)
    expect(resultaten.locator("tbody tr td:first-child")).to_have_text(verwacht)
    expect(page).to_have_url(re.compile(r"/scholen/\?.*q="))
    assert parse_qs(urlsplit(page.url).query) == {"q": [term], "zonder_anker": ["on"]}
    expect(h1).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"de filters laadden de pagina opnieuw: {documenten}"
    page.screenshot(path=schermafdrukken / "school_lijst_filters.png", full_page=True)

    # 4. Assign an anchor on the school page: the anchor card swaps, the page stays.
    resultaten.get_by_role("link", name=doel.naam, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/scholen/{doel.pk}/")
    expect(h1).to_have_text(doel.naam)
    ankers = page.get_by_role("region", name=f"Ankerondersteuner {als_tekst(jaar)}")
    expect(ankers.locator(".waarschuwing")).to_have_text(
        "Deze school heeft dit schooljaar nog geen ankerondersteuner."
    )
    team = Bediening.objects.get(school=doel, lsc=lsc).regioteam
    anker = (
        Ondersteuner.objects.filter(lsc=lsc, regioteam=team)
        .annotate(aantal=Count("ankerscholen", filter=Q(ankerscholen__schooljaar=jaar)))
        .select_related("gebruiker")
        .order_by("aantal", "gebruiker__naam")
        .first()
    )
    h1.evaluate("element => element.dataset.zelfdePagina = 'ja'")
    page.locator("body").evaluate("element => element.dataset.zelfdePagina = 'ja'")
    documenten.clear()
    keuze = ankers.get_by_label("Anker toewijzen")
    keuze.select_option(str(anker.pk))
    ankers.get_by_role("button", name="Toewijzen").click()
    expect(ankers.get_by_role("listitem")).to_have_count(1)
    expect(ankers.get_by_role("listitem")).to_contain_text(f"{anker.gebruiker.naam} ({lsc.naam})")
    expect(ankers.get_by_role("button", name="verwijderen")).to_be_visible()
    expect(ankers.locator(".waarschuwing")).to_have_count(0)
    expect(ankers.get_by_role("alert")).to_have_count(0)
    expect(h1).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"het toewijzen laadde de pagina opnieuw: {documenten}"
    assert Ankertoewijzing.objects.filter(school=doel, lsc=lsc, schooljaar=jaar, ondersteuner=anker).exists()
    page.screenshot(path=schermafdrukken / "school_anker.png", full_page=True)

    # 5. Edit the telephone number in place (the h1 is swapped out of band: the marker sits on <body>).
    gegevens = page.locator("#gegevens")
    gegevens.get_by_role("link", name="Bewerken").click()
    expect(gegevens.get_by_role("heading", level=2)).to_have_text("Gegevens bewerken")
    telefoon = gegevens.get_by_label("Telefoon")
    expect(telefoon).to_have_value(doel.telefoon)
    telefoon.fill(NIEUW_TELEFOON)
    page.screenshot(path=schermafdrukken / "school_gegevens_bewerken.png", full_page=True)
    gegevens.get_by_role("button", name="Bewaren").click()
    expect(gegevens.get_by_role("heading", level=2)).to_have_text("Gegevens")
    expect(gegevens.locator("dt:text-is('Telefoon') + dd")).to_have_text(NIEUW_TELEFOON)
    expect(h1).to_have_text(doel.naam)
    expect(page.locator("body")).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"het bewaren laadde de pagina opnieuw: {documenten}"
    doel.refresh_from_db()
    assert doel.telefoon == NIEUW_TELEFOON

    # 6. Home: the school left the list of schools without anchor.
    hoofdmenu.get_by_role("link", name="Start").click()
    expect(page).to_have_url(live_server.url + "/")
    zonder_regio = page.get_by_role("region", name="Scholen zonder ankerondersteuner")
    rest = [s.naam for s in zonder if s.pk != doel.pk]
    expect(zonder_regio).to_contain_text(
        f"{len(rest)} scholen hebben dit schooljaar nog geen ankerondersteuner."
    )
    expect(zonder_regio.get_by_role("listitem").get_by_role("link")).to_have_text(rest)

    page.context.close()
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)


def test_een_groot_rekenblad_wordt_gelezen_terwijl_het_voorbeeld_de_voortgang_toont(
    live_server,
    transactional_db,
    browser,
    browser_context_args,
    schermafdrukken,
    tmp_path,
    settings,
    monkeypatch,
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    boek = openpyxl.Workbook()
    boek.active.append(["instellingsnummer", "naam", "gemeente", "niveau", "net"])
    for i in range(1_500):
        boek.active.append([900_000 + i, f"Nieuwe school {i}", "Gent", "basis", "vrij"])
    bestand = tmp_path / "scholen-groot.xlsx"
    boek.save(bestand)
    # The worker, on a queue of this test database only, reads the uploads where the live server puts them.
    wachtrij = f"honingraat-test-{os.environ.get('HONINGRAAT_TEST_DB_SUFFIX', 'e2e')}-import"
    voor = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = settings.CELERY_TASK_DEFAULT_QUEUE = wachtrij
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("CELERY_QUEUE", wachtrij)
    werker = None
    try:
        sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
        page = sessies.aanmelden(demo.COORDINATOR)
        page.goto(live_server.url + "/scholen/importeren/")
        scholen = page.get_by_role("region", name="Scholen", exact=True)
        scholen.get_by_label("Bestand (CSV of XLSX)").set_input_files(bestand)
        scholen.get_by_role("button", name="Voorbeeld bekijken").click()

        # No worker yet: the job waits, and the page says so while it asks every second.
        voortgang = page.locator("#voortgang")
        expect(voortgang.get_by_role("heading", level=2)).to_have_text("Wacht op de lezer")
        expect(voortgang).to_have_attribute("hx-trigger", "every 1s")
        expect(page.locator("table.importrijen")).to_have_count(0)
        page.screenshot(path=schermafdrukken / "import_voortgang.png", full_page=True)

        # The worker reads it; the page turns into the preview by itself.
        werker = start_celery_worker(tmp_path, MEDIA_ROOT=str(settings.MEDIA_ROOT))
        expect(page.locator(".kerncijfer").first).to_have_text("1500 nieuw", timeout=60_000)
        expect(page.locator("#voortgang")).to_have_count(0)
        expect(page.locator("p.onder").first).to_contain_text("Bestand “scholen-groot.xlsx”")
        page.get_by_role("region", name="Wat wil je doen?").get_by_role("button", name="Importeren").click()
        expect(page.get_by_role("status")).to_have_text(
            f"Scholen geïmporteerd voor {lsc.naam}: 1500 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 overgeslagen."
        )
        assert Bediening.objects.filter(lsc=lsc, school__naam__startswith="Nieuwe school ").count() == 1_500
        page.context.close()
        assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(
            sessies.console.fouten
        )
    finally:
        if werker is not None:
            stop_celery_worker(werker)
        celery_app.conf.task_default_queue = voor
