"""The capacity planning in the browser, from the envelope to the school that reads its frame.

One journey on the demo network: the coordinator logs in through the allauth form, enters the envelope
of the current school year, previews the distribution (HTMX swap), publishes it (and is offered no second
publication while nothing changed), downloads the XLSX for the leersteunraad and moves 10 hours from
another school to the school of zorg@example.org with a reason. Then the envelope grows: the preview of
version 2 lists the move with its choice, shows what letting it go would lose (HTMX swap), and version 2
is published with the move carried. That school's care staff log in and read the new frame: the hours,
in words, the move with its reason and the steps of "Waarom dit tijdskader?". Console errors, CSP
violations among them, fail the test. Screenshots land in var/schermafdrukken/.
"""

import re

import openpyxl
import pytest
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import Page, expect

from capaciteit.models import Envelop, Herverdeling, Tijdskader, Verdeling
from capaciteit.rekenen.woorden import beschrijf
from honingraat import demo
from netwerk.models import Gebruiker, Leersteuncentrum
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from scholen.models import School
from tests.support.browser import Sessies, ernstig_voor_axe

pytestmark = pytest.mark.e2e

ENVELOP = 12000
NIEUWE_ENVELOP = 12100
VERSCHUIVING = 10
REDEN = "Twee nieuwe leerlingen met een verslag type 9 sinds de herfstvakantie"


def htmx_klaar(page: Page) -> None:
    """Waits until htmx has settled (swapped-in forms are wired up some 20 ms after the swap)."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-added, .htmx-settling")).to_have_count(0)


def getallen(cellen) -> list[int]:
    return [int(tekst.strip()) for tekst in cellen.all_inner_texts()]


def kaders(verdeling: Verdeling) -> dict[int, int]:
    return dict(Tijdskader.objects.filter(verdeling=verdeling).values_list("school_id", "uren"))


def test_coordinator_verdeelt_de_envelop_en_de_school_ziet_haar_tijdskader(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken, tmp_path
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    lsc = Leersteuncentrum.objects.get(naam=demo.ALGEMEEN_LSC)
    jaar = huidig_schooljaar()
    zorgschool = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    assert zorgschool.bedieningen.filter(lsc=lsc).exists(), "de zorgschool hoort niet bij het algemene LSC"
    # The journey starts before this year's envelope: the demo's published one is taken away first.
    Verdeling.objects.filter(envelop__lsc=lsc, envelop__schooljaar=jaar).delete()
    Envelop.objects.filter(lsc=lsc, schooljaar=jaar).delete()

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.COORDINATOR)
    status = page.get_by_role("status")

    # 1. The envelope: saved through HTMX, the preview swaps in with the hours per school.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Capaciteit").click()
    expect(page).to_have_url(live_server.url + "/capaciteit/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Capaciteit {als_tekst(jaar)}")
    sleutel = page.get_by_role("region", name="Envelop en verdeelsleutel")
    htmx_klaar(page)
    # No envelope yet: the page says so, writes nothing, and the form makes it.
    expect(sleutel).to_contain_text(f"Voor {als_tekst(jaar)} is er nog geen envelop.")
    assert not Envelop.objects.filter(lsc=lsc, schooljaar=jaar).exists(), "bekijken maakte een envelop"
    sleutel.get_by_label("Envelop (uren ondersteuning, brede types)", exact=True).fill(str(ENVELOP))
    sleutel.get_by_role("button", name="Envelop aanmaken").click()
    voorbeeld = page.get_by_role("region", name=f"Voorstel: {ENVELOP} uur verdeeld")
    expect(voorbeeld).to_be_visible()
    htmx_klaar(page)
    tabel = voorbeeld.locator("table.capaciteit-tabel")
    expect(tabel.locator("caption")).to_have_text("Nog geen gepubliceerde versie om mee te vergelijken")
    expect(tabel.locator("tfoot strong")).to_have_text(str(ENVELOP))
    aantal_scholen = School.objects.filter(bedieningen__lsc=lsc).count()
    # The page shows the first rows and the totals; every school is one link away.
    expect(tabel.locator("tbody tr")).to_have_count(8)
    voorbeeld.get_by_role("link", name="Alle scholen tonen").click()
    expect(page).to_have_url(re.compile(r"&alle$"))
    rijen = tabel.locator("tbody tr")
    expect(rijen).to_have_count(aantal_scholen)
    assert sum(getallen(rijen.locator("td:nth-child(6)"))) == ENVELOP
    assert Envelop.objects.get(lsc=lsc, schooljaar=jaar).uren == ENVELOP
    assert not Verdeling.objects.filter(envelop__lsc=lsc).exists(), "het voorbeeld heeft gepubliceerd"
    page.screenshot(path=schermafdrukken / "capaciteit_voorbeeld.png", full_page=True)

    # 2. Publish: version 1, the frames of every school add up to the envelope.
    voorbeeld.get_by_role("button", name="Publiceren", exact=True).click()
    expect(status).to_have_text("Versie 1 gepubliceerd.")
    verdeling = Verdeling.objects.get(envelop__lsc=lsc, envelop__schooljaar=jaar)
    assert (verdeling.versie, verdeling.uren) == (1, ENVELOP)
    voor = kaders(verdeling)
    assert len(voor) == aantal_scholen and sum(voor.values()) == ENVELOP
    versies = page.get_by_role("region", name="Gepubliceerde versies")
    expect(versies.locator("tbody tr")).to_have_count(1)
    expect(versies.locator("tbody tr td").first).to_have_text("Versie 1 (geldend)")
    nu = page.get_by_role("region", name="Tijdskaders nu (versie 1)")
    # The short page gives the total; the rows are one link away ("Alle scholen tonen", below).
    expect(nu).to_contain_text(f"{ENVELOP} uur over {aantal_scholen} scholen.")
    # Nothing changed since version 1: nothing to publish, and no button that would.
    expect(voorbeeld.locator(".capaciteit-ongewijzigd")).to_have_text(
        "Niets veranderd sinds versie 1: dezelfde tijdskaders. Er is niets te publiceren."
    )
    expect(voorbeeld.get_by_role("link", name="Publiceren als versie 2…")).to_have_count(0)
    page.screenshot(path=schermafdrukken / "capaciteit_gepubliceerd.png", full_page=True)

    # 3. The XLSX for the leersteunraad: one row per school and the total of the envelope.
    with page.expect_download() as download:
        versies.get_by_role("link", name="XLSX versie 1").click()
    bestand = tmp_path / download.value.suggested_filename
    assert download.value.suggested_filename == f"verdeling-{als_tekst(jaar)}-v1.xlsx"
    download.value.save_as(bestand)
    blad = openpyxl.load_workbook(bestand, read_only=True).active
    inhoud = list(blad.iter_rows(values_only=True))
    kop, *scholen, totaal = inhoud
    assert kop[-1] == "uren_nu" and len(scholen) == aantal_scholen
    assert totaal[0] == "Totaal" and totaal[-2:] == (ENVELOP, ENVELOP)
    assert sum(rij[-1] for rij in scholen) == ENVELOP

    # 4. Move 10 hours from the school with the most hours to the care staff's school.
    van_id = max((pk for pk in voor if pk != zorgschool.pk), key=lambda pk: (voor[pk], -pk))
    van = School.objects.get(pk=van_id)
    herverdelen = page.locator("#herverdelen")
    herverdelen.get_by_label("Van school").select_option(str(van.pk))
    herverdelen.get_by_label("Naar school").select_option(str(zorgschool.pk))
    # Not by its label: the envelope's field above has the same id "id_uren", so the label points there.
    herverdelen.get_by_label("Uren", exact=True).fill(str(VERSCHUIVING))
    herverdelen.get_by_label("Reden").fill(REDEN)
    herverdelen.get_by_role("button", name="Verschuiven").click()
    expect(status).to_have_text(f"{VERSCHUIVING} uur verschoven van {van.naam} naar {zorgschool.naam}.")
    na = kaders(verdeling)
    assert na[van.pk] == voor[van.pk] - VERSCHUIVING
    assert na[zorgschool.pk] == voor[zorgschool.pk] + VERSCHUIVING
    assert {pk: u for pk, u in na.items() if pk not in (van.pk, zorgschool.pk)} == {
        pk: u for pk, u in voor.items() if pk not in (van.pk, zorgschool.pk)
    }
    assert Tijdskader.objects.filter(verdeling=verdeling).aggregate(s=Sum("uren"))["s"] == ENVELOP
    assert Herverdeling.objects.filter(verdeling=verdeling, uren=VERSCHUIVING, reden=REDEN).count() == 1

    # The summary on top: the proposal carries the move, so no school's frame would change.
    samenvatting = page.locator("[data-tabel=samenvatting]")
    expect(samenvatting.locator("[data-cijfer=envelop]")).to_have_text(str(ENVELOP))
    expect(samenvatting.locator("[data-cijfer=nu]")).to_have_text(str(ENVELOP))
    expect(samenvatting.locator("[data-cijfer=gewijzigd]")).to_have_text("0")
    page.get_by_role("region", name="Tijdskaders nu (versie 1)").get_by_role(
        "link", name="Alle scholen tonen"
    ).click()
    nu = page.get_by_role("region", name="Tijdskaders nu (versie 1)")
    expect(nu.locator("tfoot td")).to_have_text([str(ENVELOP), str(ENVELOP)])
    for school in (van, zorgschool):
        rij = nu.locator("tbody tr").filter(has=page.get_by_role("cell", name=school.naam, exact=True))
        expect(rij.locator("td")).to_have_text([school.naam, str(voor[school.pk]), str(na[school.pk])])
    assert sum(getallen(nu.locator("tbody tr td:nth-child(3)"))) == ENVELOP
    geschiedenis = page.get_by_role("region", name="Uren verschuiven (solidariteit)").locator("tbody tr")
    expect(geschiedenis).to_have_count(1)
    expect(geschiedenis.locator("td").nth(2)).to_have_text(van.naam)
    expect(geschiedenis.locator("td").nth(3)).to_have_text(zorgschool.naam)
    expect(geschiedenis.locator("td").nth(4)).to_have_text(str(VERSCHUIVING))
    expect(geschiedenis.locator("td").nth(5)).to_have_text(REDEN)
    page.screenshot(path=schermafdrukken / "capaciteit_herverdeeld.png", full_page=True)

    # 5. The envelope grows by 100 hours: the proposal carries the move onto the new computation.
    sleutel = page.get_by_role("region", name="Envelop en verdeelsleutel")
    sleutel.get_by_label("Envelop (uren ondersteuning, brede types)", exact=True).fill(str(NIEUWE_ENVELOP))
    sleutel.get_by_role("button", name="Bewaren en verdeling tonen").click()
    voorbeeld = page.get_by_role("region", name=f"Voorstel: {NIEUWE_ENVELOP} uur verdeeld")
    expect(voorbeeld).to_be_visible()
    htmx_klaar(page)
    expect(voorbeeld.locator(".capaciteit-verschuivingen")).to_have_text(
        "1 verschuiving sinds versie 1: 1 wordt overgenomen. Bij het publiceren kies je per verschuiving."
    )
    # The publish action stands beside the summary, on the first screen; the table below it is short.
    publiceren = voorbeeld.get_by_role("link", name="Publiceren als versie 2…")
    page.evaluate("window.scrollTo(0, 0)")
    vak = publiceren.bounding_box()
    assert vak is not None and vak["y"] + vak["height"] <= page.viewport_size["height"], vak
    expect(voorbeeld.locator("table.capaciteit-tabel tbody tr")).to_have_count(8)
    voorbeeld.get_by_role("link", name="Alle scholen tonen").click()
    voorbeeld = page.get_by_role("region", name=f"Voorstel: {NIEUWE_ENVELOP} uur verdeeld")
    tabel = voorbeeld.locator("table.capaciteit-tabel")
    kop = tabel.locator("thead th")
    expect(kop.nth(5)).to_have_text("Berekend")
    expect(kop.nth(6)).to_have_text("Verschuivingen")
    expect(kop.nth(7)).to_have_text("Uren")
    for school, teken in ((van, f"−{VERSCHUIVING}"), (zorgschool, f"+{VERSCHUIVING}")):
        rij = tabel.locator("tbody tr").filter(has=page.get_by_role("cell", name=school.naam, exact=True))
        expect(rij.locator("td").nth(6)).to_have_text(teken)
    assert sum(getallen(tabel.locator("tbody td:nth-child(8)"))) == NIEUWE_ENVELOP
    page.screenshot(path=schermafdrukken / "capaciteit_voorstel_met_verschuiving.png", full_page=True)

    # 6. The preview of version 2: the move, its choice (carry it by default) and what would be lost.
    voorbeeld.get_by_role("link", name="Publiceren als versie 2…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versie 2 publiceren")
    verschuivingen = page.get_by_role("region", name="Verschuivingen sinds versie 1")
    expect(verschuivingen.locator(".capaciteit-verschuivingen")).to_have_text(
        "1 verschuiving sinds versie 1: 1 wordt overgenomen."
    )
    rij = verschuivingen.locator("tbody tr")
    expect(rij).to_have_count(1)
    cellen = rij.locator("td")
    expect(cellen.nth(1)).to_have_text(Gebruiker.objects.get(email=demo.COORDINATOR).naam)
    expect(cellen.nth(2)).to_have_text(f"{van.naam} → {zorgschool.naam}")
    expect(cellen.nth(3)).to_have_text(str(VERSCHUIVING))
    expect(cellen.nth(4)).to_have_text(REDEN)
    keuze = rij.get_by_role("group", name=f"{VERSCHUIVING} uur van {van.naam} naar {zorgschool.naam}")
    expect(keuze.get_by_label("Overnemen")).to_be_checked()
    expect(cellen.nth(6)).to_have_text("Wordt overgenomen in versie 2.")
    bevestigen = page.get_by_role("region", name="Bevestigen")
    expect(bevestigen).to_contain_text("Er gaat niets verloren: de verschuiving wordt overgenomen.")
    assert ernstig_voor_axe(page) == []
    page.screenshot(path=schermafdrukken / "capaciteit_publiceren_overnemen.png", full_page=True)

    gemaakt = timezone.localtime(Herverdeling.objects.get(verdeling=verdeling).wanneer)
    overgenomen_datum = date_format(gemaakt, "j b Y")
    keuze.get_by_label("Laten vervallen").check()
    htmx_klaar(page)
    expect(cellen.nth(6)).to_have_text("Vervalt: je neemt deze verschuiving niet over in versie 2.")
    verloren = bevestigen.locator(".capaciteit-verloren")
    expect(verloren.locator("strong")).to_have_text("Deze verschuiving gaat verloren in versie 2:")
    expect(verloren.locator("li")).to_have_text(
        f"{overgenomen_datum}: {VERSCHUIVING} uur van {van.naam} naar {zorgschool.naam}. "
        "Vervalt: je neemt deze verschuiving niet over in versie 2."
    )
    veranderd = page.get_by_role("region", name="Wat verandert er voor de scholen?")
    rij_zorg = veranderd.locator("tbody tr").filter(has_text=zorgschool.naam)
    expect(rij_zorg.locator("td").nth(3)).to_have_text("0")  # without the move: its computed hours
    expect(keuze.get_by_label("Laten vervallen")).to_be_focused()  # the swap keeps the keyboard's place
    assert ernstig_voor_axe(page) == []
    page.screenshot(path=schermafdrukken / "capaciteit_publiceren_vervallen.png", full_page=True)

    keuze.get_by_label("Overnemen").check()
    htmx_klaar(page)
    expect(bevestigen).to_contain_text("Er gaat niets verloren: de verschuiving wordt overgenomen.")
    bevestigen.get_by_role("button", name="Publiceren als versie 2").click()

    # 7. Version 2 keeps the move: a row of its own that points to the move of version 1.
    expect(status).to_have_text("Versie 2 gepubliceerd. 1 verschuiving overgenomen.")
    tweede = Verdeling.objects.get(envelop__lsc=lsc, envelop__schooljaar=jaar, versie=2)
    overgenomen = Herverdeling.objects.get(verdeling=tweede)
    assert overgenomen.overgenomen_van == Herverdeling.objects.get(verdeling=verdeling)
    assert (overgenomen.uren, overgenomen.reden) == (VERSCHUIVING, REDEN)
    twee = {k.school_id: k for k in Tijdskader.objects.filter(verdeling=tweede)}
    assert twee[zorgschool.pk].uren == twee[zorgschool.pk].berekende_uren + VERSCHUIVING
    assert twee[van.pk].uren == twee[van.pk].berekende_uren - VERSCHUIVING
    assert sum(k.uren for k in twee.values()) == NIEUWE_ENVELOP
    page.get_by_role("region", name="Tijdskaders nu (versie 2)").get_by_role(
        "link", name="Alle scholen tonen"
    ).click()
    nu = page.get_by_role("region", name="Tijdskaders nu (versie 2)")
    rij = nu.locator("tbody tr").filter(has=page.get_by_role("cell", name=zorgschool.naam, exact=True))
    berekend, uren = twee[zorgschool.pk].berekende_uren, twee[zorgschool.pk].uren
    expect(rij.locator("td")).to_have_text([zorgschool.naam, str(berekend), str(uren)])
    geschiedenis = page.get_by_role("region", name="Uren verschuiven (solidariteit)").locator("tbody tr")
    expect(geschiedenis).to_have_count(2)
    expect(geschiedenis.first.locator("td").first).to_contain_text("(v2, overgenomen uit v1)")
    page.screenshot(path=schermafdrukken / "capaciteit_versie_2.png", full_page=True)
    page.context.close()

    # 8. The care staff of the receiving school read the frame of version 2 and why.
    page = sessies.aanmelden(demo.ZORG)
    page.get_by_role("region", name=zorgschool.naam).get_by_role(
        "link", name="Tijdskader van je school"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/tijdskader/scholen/{zorgschool.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Tijdskader {als_tekst(jaar)}")
    kader = page.get_by_role("region", name=demo.ALGEMEEN_LSC)
    expect(kader.locator(".tijdskader-uren")).to_have_text(
        re.compile(rf"^\s*{uren} uur\s+per schooljaar\s*$")
    )
    woorden = beschrijf(uren, tweede.envelop.schoolweken)
    expect(kader.locator(".tijdskader-woorden")).to_contain_text(woorden.per_week)
    expect(kader.locator(".tijdskader-woorden strong")).to_have_text(woorden.zin)
    expect(kader).to_contain_text("Versie 2, gepubliceerd op")
    expect(kader.get_by_role("heading", name="Waarom dit tijdskader?", level=3)).to_be_visible()
    stappen = kader.locator("ol.stappen > li")
    expect(stappen.first).to_contain_text(f"U = {NIEUWE_ENVELOP} uur ondersteuning")
    expect(stappen.filter(has_text="Berekend tijdskader:")).to_contain_text(f"{berekend} uur")
    beweging = stappen.and_(page.locator(".beweging"))
    expect(beweging).to_have_count(1)
    expect(beweging).to_contain_text(f"{VERSCHUIVING} uur ontvangen van {van.naam}. Reden: {REDEN}")
    expect(stappen.last).to_have_text(f"Tijdskader nu: {uren} uur.")
    page.screenshot(path=schermafdrukken / "tijdskader_zorg.png", full_page=True)

    page.context.close()
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
