"""The school submits a request in the browser (issue 19), on a phone.

The care staff member opens "Onze aanvragen", fills a pupil-bound request with the report it rests on and
the parents' agreement, first forgets to confirm (a Dutch error, nothing lost), attaches a PDF and submits;
the request is listed as "Ontvangen" with its answer date. A second request for the same pupil is warned
about and names the open one. The anchor answers; the school reads "Beantwoord" and the answer. Nothing
scrolls sideways at 375 px; screenshots land under var/schermafdrukken (and HONINGRAAT_SCHERMEN if set).
"""

import os
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from netwerk.models import Rol
from tests.factories import WACHTWOORD
from tests.support.browser import Sessies
from tests.support.werelden import KLEINE_PDF
from trajecten import services
from trajecten.models import Schoolaanvraag, Status, Traject

pytestmark = pytest.mark.e2e
TELEFOON = {"width": 375, "height": 812}


def _past(page: Page) -> None:
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"{page.url} scrolt zijwaarts: {breedte}"


def _foto(page: Page, mappen: list[Path], naam: str) -> None:
    for map_ in mappen:
        page.screenshot(path=map_ / f"schoolaanvraag-{naam}.png", full_page=True)


def _invullen(page: Page, *, voornaam: str = "Noor") -> None:
    page.get_by_label("Leerlinggebonden").check()
    page.get_by_label("Voornaam").fill(voornaam)
    page.get_by_label("Initiaal van de familienaam").fill("D")
    page.get_by_label("Geboortejaar").fill("2017")
    page.get_by_label("Klas", exact=True).fill("3A")
    page.locator("select[name=verslag]").select_option("gc")
    page.get_by_label("Datum van het verslag").fill("2025-10-01")
    page.get_by_label("Waar bewaart de school het verslag?").fill("zorgdossier, secretariaat")
    page.get_by_label("De ouders zijn geïnformeerd en gaan akkoord met deze aanvraag").check()
    page.get_by_label("Wie gaf het akkoord?").fill("beide ouders")
    page.get_by_label("Wanneer?").fill("2026-11-20")
    page.get_by_label("Hoe?").select_option("gesprek")
    page.locator("select[name=type]").select_option("9")
    page.get_by_label("Fase 2: uitbreiding van zorg").check()
    page.get_by_label("Ondersteuningsvraag van de leerkracht(en)").fill("Hoe help ik haar bij overgangen?")
    page.get_by_label("Vraag van de leerling of de ouders").fill("Rust in de klas, zeggen de ouders.")


def test_zorgcoordinator_dient_een_aanvraag_in_op_de_telefoon(
    live_server, transactional_db, wereld, browser, browser_context_args, schermafdrukken, settings, tmp_path
):
    cache.clear()
    settings.HONINGRAAT_BIJLAGEN_ROOT = tmp_path / "bijlagen"
    mappen = [schermafdrukken]
    if os.environ.get("HONINGRAAT_SCHERMEN"):
        mappen.append(Path(os.environ["HONINGRAAT_SCHERMEN"]))
        mappen[-1].mkdir(parents=True, exist_ok=True)
    zorg = wereld.gebruikers[Rol.ZORG]
    sessies = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    page = sessies.aanmelden(zorg.email, wachtwoord=WACHTWOORD)

    page.goto(f"{live_server.url}/trajecten/school/{wereld.eigen_school.pk}/aanvragen/")
    expect(page.get_by_role("heading", name="Onze aanvragen", level=1)).to_be_visible()
    expect(page.get_by_text("Jullie school heeft nog geen aanvragen")).to_be_visible()
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    expect(page.get_by_role("heading", name="Nieuwe aanvraag voor leersteun", level=1)).to_be_visible()
    expect(page.get_by_text("De types 4, 6 en 7 gaan naar LSC Eigen (algemeen")).to_be_visible()
    _past(page)

    # Everything but the confirmation: a Dutch error at the box, and what was typed is still there.
    _invullen(page)
    _foto(page, mappen, "1-formulier")
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("Bevestig dat de gegevens kloppen")).to_be_visible()
    expect(page.get_by_label("Voornaam")).to_have_value("Noor")
    expect(page.get_by_label("Wie gaf het akkoord?")).to_have_value("beide ouders")
    assert not Traject.objects.exists()
    _foto(page, mappen, "2-fout")
    _past(page)

    page.get_by_label("Ik bevestig dat de vraag van de leerkracht(en) komt").check()
    page.get_by_label("Bijlage (optioneel, PDF)").set_input_files(
        files=[{"name": "verslag Noor.pdf", "mimeType": "application/pdf", "buffer": KLEINE_PDF}]
    )
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("Je aanvraag is ingediend bij LSC Eigen")).to_be_visible()
    traject = Traject.objects.get()
    kaart = page.locator(f"#aanvraag-{traject.pk}")
    expect(kaart).to_contain_text("Ontvangen")
    expect(kaart).to_contain_text("antwoordt uiterlijk op")
    expect(kaart).to_contain_text("Noor D.")
    expect(kaart.get_by_role("link", name=f"aanvraag-{traject.pk}.pdf")).to_be_visible()
    aanvraag = Schoolaanvraag.objects.get()
    assert aanvraag.bijlage_grootte == len(KLEINE_PDF) and aanvraag.ouders_wie == "beide ouders"
    assert aanvraag.verslag_bewaarplaats == "zorgdossier, secretariaat"
    _foto(page, mappen, "3-lijst")
    _past(page)

    # The download: a file named by the number, not a page.
    with page.expect_download() as download:
        kaart.get_by_role("link", name=f"aanvraag-{traject.pk}.pdf").click()
    assert download.value.suggested_filename == f"aanvraag-{traject.pk}.pdf"
    assert Path(download.value.path()).read_bytes() == KLEINE_PDF

    # The same pupil again: a warning that names the open request; nothing saved until confirmed.
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    _invullen(page)
    page.get_by_label("Ik bevestig dat de vraag van de leerkracht(en) komt").check()
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_text("Er staat al een aanvraag open voor deze leerling").first).to_be_visible()
    expect(page.locator("#dubbel")).to_contain_text(f"Aanvraag {traject.pk} van")
    assert Traject.objects.count() == 1
    _foto(page, mappen, "4-dubbel")
    _past(page)

    # The anchor answers: the school reads it in its own words.
    services.antwoord_geven(door=wereld.anker.gebruiker, traject=traject, antwoord="We komen dinsdag langs.")
    page.goto(f"{live_server.url}/trajecten/school/{wereld.eigen_school.pk}/aanvragen/")
    kaart = page.locator(f"#aanvraag-{traject.pk}")
    expect(kaart).to_contain_text("Beantwoord")
    expect(kaart).to_contain_text("We komen dinsdag langs.")
    assert Traject.objects.get().status == Status.IN_BEHANDELING
    _foto(page, mappen, "5-beantwoord")
    _past(page)
    assert sessies.console.fouten == []
