"""The acceptance journey of a leersteuntraject, from request to the school's closing answers.

One journey on the demo network: the anchor registers a pupil-bound request for one of their anchor
schools, records the answer, starts the trajectory with two goals, logs time twice inline in Mijn trajecten
(an HTMX swap of the row, no page reload; once as "1u30"), corrects a line of the logbook in place, deletes
one and undoes that, all in hours, also on a phone's 375 px; then evaluates with the decision to close,
which closes it. A real Celery worker sends the closing mail as an .eml file: it holds a link and no pupil
detail. The school opens the link without logging in,
answers both questions once; the link then says it was used. The care staff of that school read the
trajectory; the care staff of another school and the CLB get the Dutch 404 and see nothing of it. Console
errors, CSP violations among them, fail the test. Screenshots land in var/schermafdrukken/.
"""

import datetime as dt
import os
import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from honingraat import demo
from honingraat.celery import app as celery_app
from netwerk.models import Gebruiker
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, School
from tests.support.browser import Sessies, documentverzoeken, htmx_klaar, markeer
from tests.support.omgeving import wacht_tot
from tests.support.pdf import pdf_tekst

pytestmark = pytest.mark.e2e

VOORNAAM, INITIAAL, GEBOORTEJAAR, KLAS = "Noor", "V", 2016, "3B"
LEERLING = f"{VOORNAAM} {INITIAAL}."
WIE = f"{LEERLING} · klas {KLAS}"  # how the pages name the pupil
VRAAG = "Hoe help ik Noor om rustig aan haar taak te beginnen na de speeltijd?"
ANTWOORD = "We starten met een observatie in de klas en een overleg met de leerkracht."
DOELEN = ["Noor begint zelfstandig aan haar taak", "Noor vraagt zelf een pauze wanneer het te druk is"]
MEENEMEN = "Een vaste start na de speeltijd helpt de hele klas."
KANSEN = "De aanpak delen met de leerkracht van het vierde leerjaar."
AFSLUITONDERWERP = "[Honingraat] Twee vragen bij de afronding van een traject in "
AFSLUITLINK = re.compile(r"https?://\S+/trajecten/afsluiting/[\w-]+/")
MAANDEN = [
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
]  # fmt: skip


@pytest.fixture
def mailmap(live_server, settings, monkeypatch, request) -> Iterator[Path]:
    """The real Celery worker, on a queue of this test database only, with links to the live server.

    Other engineers run the suite beside this one on the same Redis: on the shared `honingraat-test` queue
    their worker could take this run's mail (and this worker theirs). The queue follows
    HONINGRAAT_TEST_DB_SUFFIX, like the database, and is set for both sides before the worker starts.
    """
    wachtrij = f"honingraat-test-{os.environ.get('HONINGRAAT_TEST_DB_SUFFIX', 'e2e')}"  # as the database
    conf = celery_app.conf
    voor = conf.task_default_queue  # read first: that finalizes the app's configuration
    conf.task_default_queue = wachtrij  # where .delay() sends
    settings.CELERY_TASK_DEFAULT_QUEUE = wachtrij  # the worker's -Q
    monkeypatch.setenv("CELERY_QUEUE", wachtrij)
    monkeypatch.setenv("SITE_URL", live_server.url)
    try:
        yield request.getfixturevalue("celery_worker_proces")
    finally:
        conf.task_default_queue = voor


def mails(maildir: Path) -> list[EmailMessage]:
    return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(maildir.glob("*.eml"))]


def actie(page: Page, knop: str, titel: str) -> Locator:
    """Opens an action of the trajectory page in its panel (HTMX) and returns the panel."""
    htmx_klaar(page)
    acties = page.get_by_role("navigation", name="Acties op dit traject")
    acties.get_by_role("link", name=knop, exact=True).click()
    paneel = page.locator("#actiepaneel")
    expect(paneel.get_by_role("heading", level=2)).to_have_text(titel)
    htmx_klaar(page)
    return paneel


def niet_gevonden(sessies: Sessies, page: Page, url: str) -> None:
    sessies.console.verwachte_404.add(url)
    antwoord = page.goto(url)
    assert antwoord is not None and antwoord.status == 404, f"{url} gaf {antwoord and antwoord.status}"
    expect(page).to_have_title(re.compile(r"^\s*Niet gevonden · Honingraat$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_text("Deze pagina bestaat niet, of je hebt er geen toegang toe.")).to_be_visible()
    expect(page.get_by_text(VOORNAAM)).to_have_count(0)


def test_traject_van_aanmelding_tot_afsluitvragen(
    live_server, mailmap, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    vandaag = timezone.localdate()
    zorgschool = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    andere_school = (
        Ankertoewijzing.objects.filter(
            ondersteuner__gebruiker__email=demo.ANKER, schooljaar=huidig_schooljaar()
        )
        .exclude(school=zorgschool)
        .order_by("school__naam")
        .first()
        .school
    )  # the same anchor, another school: only the school decides what its care staff see
    andere_zorg = f"zorg.{andere_school.instellingsnummer}@example.org"
    assert School.objects.get(zorgmedewerkers__email=andere_zorg) == andere_school != zorgschool
    anker_naam = Gebruiker.objects.get(email=demo.ANKER).naam

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    page = sessies.aanmelden(demo.ANKER)
    h1 = page.get_by_role("heading", level=1)
    bericht = page.locator("ul.berichten")  # a message after a redirect
    status = page.locator("#traject").get_by_role("status")  # a message in the swapped trajectory

    # 1. The request, from the anchor school's line on the home page.
    ankerscholen = page.get_by_role("region", name="Jouw ankerscholen")
    ankerscholen.get_by_role("listitem").filter(has_text=zorgschool.naam).get_by_role(
        "link", name="aanmelding registreren"
    ).click()
    expect(page).to_have_url(f"{live_server.url}/trajecten/nieuw/?school={zorgschool.pk}")
    expect(h1).to_have_text("Nieuwe aanmelding")
    expect(page.get_by_label("School")).to_have_value(str(zorgschool.pk))
    expect(page.get_by_role("radio", name="Leerlinggebonden")).to_be_checked()
    page.get_by_label("Voornaam").fill(VOORNAAM)
    page.get_by_label("Initiaal van de familienaam").fill(INITIAAL)
    page.get_by_label("Geboortejaar").fill(str(GEBOORTEJAAR))
    page.get_by_label("Klas", exact=True).fill(KLAS)
    page.get_by_label("Verslag").select_option(label="GC-verslag")
    page.get_by_role("combobox", name="Type", exact=True).select_option("9")
    page.get_by_role("radio", name="Fase 2: uitbreiding van zorg").check()
    page.get_by_label("Ondersteuningsvraag van de leerkracht(en)").fill(VRAAG)
    page.screenshot(path=schermafdrukken / "traject_aanmelden.png", full_page=True)
    page.get_by_role("button", name="Aanmelding registreren").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/trajecten/\d+/$"))
    traject_url = page.url
    pk = int(re.search(r"/trajecten/(\d+)/$", traject_url)[1])
    expect(bericht).to_have_text("De aanmelding is geregistreerd.")
    expect(h1).to_have_text(WIE)
    kop = page.locator("p.trajectkop")
    expect(kop).to_contain_text(zorgschool.naam)
    expect(kop).to_contain_text("Type 9 (autismespectrumstoornis)")
    expect(kop).to_contain_text("fase 2")
    expect(kop.locator(".status")).to_have_text("Aangemeld")
    expect(page.get_by_role("region", name="De vraag")).to_contain_text(VRAAG)
    expect(page.get_by_role("region", name="Ondersteuners")).to_contain_text(f"{anker_naam} (anker)")

    # 2. The answer, in the panel; the trajectory swaps in place (its <h1> with it: the marker is on <body>).
    body = page.locator("body")
    markeer(body)
    documenten = documentverzoeken(page)
    paneel = actie(page, "Antwoord geven", "Antwoord geven")
    paneel.get_by_label("Antwoord van het leersteuncentrum").fill(ANTWOORD)
    paneel.get_by_role("button", name="Antwoord bewaren").click()
    expect(status).to_have_text(
        "Het antwoord is bewaard. Het zorgteam van de school krijgt een mail met een link."
    )
    expect(kop.locator(".status")).to_have_text("In behandeling")
    expect(page.get_by_role("region", name="Antwoord van het leersteuncentrum")).to_contain_text(ANTWOORD)

    # 3. The start: the agreements and two goals.
    volgende_evaluatie = vandaag + dt.timedelta(days=14)
    paneel = actie(page, "Traject starten", "Traject starten")
    expect(paneel.get_by_role("textbox", name="Start", exact=True)).to_have_value(vandaag.isoformat())
    paneel.get_by_label("Intensiteit", exact=True).fill("1u")
    paneel.get_by_label("Frequentie").select_option(label="per week")
    paneel.get_by_role("checkbox", name="Klasondersteunend").check()
    paneel.get_by_role("checkbox", name="Plan van aanpak").check()
    paneel.get_by_label("Volgende evaluatie").fill(volgende_evaluatie.isoformat())
    paneel.get_by_label("Doel 1", exact=True).fill(DOELEN[0])
    paneel.get_by_label("Doel 2", exact=True).fill(DOELEN[1])
    paneel.get_by_role("button", name="Traject starten").click()
    expect(status).to_have_text("Het traject is gestart.")
    expect(kop.locator(".status")).to_have_text("Lopend")
    expect(page.get_by_role("region", name="Doelen").get_by_role("listitem")).to_have_text(
        [f"{DOELEN[0]} Open", f"{DOELEN[1]} Open"]
    )
    afspraken = page.get_by_role("region", name="Afspraken")
    expect(afspraken.locator("dt:text-is('Intensiteit') + dd")).to_have_text("1u per week")
    page.screenshot(path=schermafdrukken / "traject_gestart.png", full_page=True)
    expect(body).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"de acties laadden de pagina opnieuw: {documenten}"

    # 4. Time, twice, inline in Mijn trajecten: only the row swaps.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn trajecten").click()
    expect(page).to_have_url(f"{live_server.url}/trajecten/mijn/")
    rij = page.locator(f"#rij-{pk}")
    expect(rij.get_by_role("link", name=WIE, exact=True)).to_be_visible()
    expect(rij.locator("td.getal")).to_have_text("0u")
    markeer(h1)
    documenten.clear()

    rij.get_by_role("link", name=re.compile(r"^Tijd loggen")).click()
    expect(rij).to_have_class(re.compile(r"\brij-formulier\b"))
    htmx_klaar(page)
    expect(rij.get_by_label("Datum")).to_be_focused()
    expect(rij.get_by_label("Datum")).to_have_value(vandaag.isoformat())
    rij.get_by_role("radio", name="30 min").check()
    rij.get_by_label("Activiteit").select_option(label="Observatie")
    rij.get_by_label("Korte notitie").fill("Observatie na de speeltijd")
    page.screenshot(path=schermafdrukken / "mijn_trajecten.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 812})
    page.screenshot(path=schermafdrukken / "mijn_trajecten_375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size(browser_context_args["viewport"])
    rij.get_by_role("button", name="Tijd loggen").click()
    expect(rij.locator("td.getal")).to_have_text("30 min")
    expect(rij.get_by_role("status")).to_have_text("30 min gelogd.")

    htmx_klaar(page)
    rij.get_by_role("link", name=re.compile(r"^Tijd loggen")).click()
    expect(rij).to_have_class(re.compile(r"\brij-formulier\b"))
    htmx_klaar(page)
    rij.get_by_label("Of een andere duur").fill("1u30")
    rij.get_by_label("Activiteit").select_option(label="Coaching leerkracht")
    rij.get_by_role("button", name="Tijd loggen").click()
    expect(rij.locator("td.getal")).to_have_text("2u")
    expect(rij.get_by_role("status")).to_have_text("1u30 gelogd.")
    expect(h1).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"het loggen laadde de pagina opnieuw: {documenten}"

    # 5. The logbook in hours: a line corrected in place, another deleted and put back, also at 375 px.
    htmx_klaar(page)
    rij.get_by_role("link", name=WIE, exact=True).click()
    expect(page).to_have_url(traject_url)
    logboek = page.get_by_role("region", name="Logboek")
    expect(logboek).to_contain_text("In totaal 2u gelogd.")
    expect(logboek.locator("tbody td.getal")).to_have_text(["1u30", "30 min"])  # the newest first
    markeer(body)
    documenten.clear()
    datum = f"{vandaag.day} {MAANDEN[vandaag.month - 1]} {vandaag.year}"
    logboek.get_by_role("link", name=f"Wijzigen · {datum} · 30 min").click()
    htmx_klaar(page)
    regel = logboek.locator("tr.rij-formulier")
    expect(regel.get_by_role("textbox", name="Duur", exact=True)).to_have_value("30 min")
    regel.get_by_role("textbox", name="Duur", exact=True).fill("0u45")
    regel.get_by_label("Korte notitie").fill("Observatie en kort overleg")
    page.set_viewport_size({"width": 375, "height": 812})
    regel.scroll_into_view_if_needed()
    page.screenshot(path=schermafdrukken / "logboek_wijzigen_375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    regel.get_by_role("button", name="Bewaren").click()
    bewaard = logboek.get_by_role("status")  # beside the lines, where the change was made
    expect(bewaard).to_have_text(f"De regel van {datum} is bewaard: 45 min.")
    expect(logboek).to_contain_text("In totaal 2u15 gelogd.")
    expect(logboek.locator("tbody td.getal")).to_have_text(["1u30", "45 min"])
    tijdlijn = page.get_by_role("region", name="Tijdlijn").get_by_role("listitem")
    expect(tijdlijn.first).to_contain_text("Logboekregel gewijzigd")
    expect(tijdlijn.first).to_contain_text("duur: 30 min → 45 min")
    page.screenshot(path=schermafdrukken / "logboek_375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size(browser_context_args["viewport"])

    htmx_klaar(page)
    logboek.get_by_role("link", name=f"Verwijderen · {datum} · 1u30").click()
    htmx_klaar(page)
    vraag = logboek.locator("tr.rij-formulier")
    expect(vraag).to_contain_text("Deze regel verwijderen?")
    vraag.get_by_role("button", name="Verwijderen").click()
    expect(bewaard).to_contain_text(f"De regel van {datum} (1u30) is verwijderd.")
    expect(logboek).to_contain_text("In totaal 45 min gelogd.")
    page.screenshot(path=schermafdrukken / "logboek_verwijderd.png", full_page=True)
    bewaard.get_by_role("button", name="Ongedaan maken").click()
    expect(bewaard).to_have_text(f"De regel van {datum} (1u30) staat weer in het logboek.")
    expect(logboek).to_contain_text("In totaal 2u15 gelogd.")
    page.screenshot(path=schermafdrukken / "logboek_uren.png", full_page=True)
    expect(body).to_have_attribute("data-zelfde-pagina", "ja")
    assert documenten == [], f"het logboek laadde de pagina opnieuw: {documenten}"

    # 6. The evaluation: progress per goal and the decision to close, which closes the trajectory.
    paneel = actie(page, "Evaluatie", "Evaluatie")
    expect(paneel.get_by_label("Datum van de evaluatie")).to_have_value(vandaag.isoformat())
    paneel.get_by_role("radio", name="Afronden").check()
    paneel.get_by_label("Samenvatting").fill("Beide doelen zijn gehaald; we ronden af.")
    for doel, doelstatus, vooruitgang in [
        (DOELEN[0], "Bereikt", "Begint na een afgesproken signaal."),
        (DOELEN[1], "Deels bereikt", "Vraagt het meestal zelf."),
    ]:
        groep = paneel.get_by_role("group", name=doel, exact=True)
        groep.get_by_label("Status").select_option(label=doelstatus)
        groep.get_by_label("Vooruitgang").fill(vooruitgang)
    expect(paneel.get_by_text("Afronden sluit het traject meteen af")).to_be_visible()
    expect(paneel.locator(".waarschuwing")).to_have_count(0)  # this school has care staff
    paneel.get_by_role("button", name="Evaluatie bewaren").click()
    expect(status).to_have_text(
        "De evaluatie is bewaard en het traject is afgerond. De school krijgt de twee afsluitvragen per mail."
    )
    expect(kop.locator(".status")).to_have_text("Afgerond")
    expect(page.get_by_role("region", name="Afsluitvragen aan de school")).to_contain_text(
        "De school heeft nog niet geantwoord."
    )
    evaluatie = page.get_by_role("region", name="Evaluaties").locator("article.evaluatie")
    expect(evaluatie.get_by_role("heading", level=3)).to_contain_text("Afronden")
    expect(evaluatie.locator("tbody tr")).to_have_text(
        [
            f"{DOELEN[0]}BereiktBegint na een afgesproken signaal.",
            f"{DOELEN[1]}Deels bereiktVraagt het meestal zelf.",
        ]
    )

    acties = page.get_by_role("navigation", name="Acties op dit traject")
    expect(acties.get_by_role("link", name="Afronden", exact=True)).to_have_count(0)
    expect(acties.get_by_role("link", name="Heropenen", exact=True)).to_be_visible()

    # 7. The mail, through the real worker: a link, no pupil, no class.
    verstuurd = wacht_tot(
        lambda: (m := mails(mailmap)) and any(str(x["Subject"]).startswith(AFSLUITONDERWERP) for x in m) and m
    )
    # The anchor registered the request: no mail to themselves about it.
    assert sorted((str(m["To"]), str(m["Subject"]).split(" ")[1]) for m in verstuurd) == [
        (demo.ZORG, "Antwoord"),  # the answer, to the school's care staff
        (demo.ZORG, "Een"),  # the start, to the school's care staff (issue 19)
        (demo.ZORG, "Twee"),  # the closing questions, to the school's care staff
    ], [(m["To"], m["Subject"]) for m in verstuurd]
    afsluitmail = next(m for m in verstuurd if str(m["Subject"]).startswith(AFSLUITONDERWERP))
    assert str(afsluitmail["Subject"]) == AFSLUITONDERWERP + zorgschool.naam
    tekst = afsluitmail.get_body(("plain",)).get_content()
    links = AFSLUITLINK.findall(tekst)
    assert len(links) == 1, f"geen of meer dan één afsluitlink in de mail:\n{tekst}"
    link = links[0]
    assert link.startswith(live_server.url + "/trajecten/afsluiting/")
    for mail in verstuurd:  # the request and answer mails of this journey too
        inhoud = str(mail["Subject"]) + "\n" + AFSLUITLINK.sub("", mail.get_body(("plain",)).get_content())
        for geheim in (VOORNAAM, LEERLING, KLAS, VRAAG, ANTWOORD, *DOELEN):
            assert geheim not in inhoud, f"‘{geheim}’ staat in de mail ‘{mail['Subject']}’"
    assert "Wat neem je als school mee?" in tekst and "Waar liggen nog kansen?" in tekst

    # 8. The school answers through the link, without logging in; the link works once.
    school_page = sessies.nieuwe_pagina()
    school_page.goto(link)
    expect(school_page).to_have_url(link)
    expect(school_page.get_by_role("heading", level=1)).to_have_text("Afronding van een leersteuntraject")
    expect(school_page.locator("p.onder")).to_have_text(zorgschool.naam)
    expect(school_page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    expect(school_page.get_by_text(VOORNAAM)).to_have_count(0)
    school_page.get_by_label("Wat neem je als school mee?").fill(MEENEMEN)
    school_page.get_by_label("Waar liggen nog kansen?").fill(KANSEN)
    school_page.screenshot(path=schermafdrukken / "afsluitvragen.png", full_page=True)
    school_page.get_by_role("button", name="Antwoorden versturen").click()
    expect(school_page).to_have_url(link + "?bewaard")
    expect(school_page.get_by_role("status")).to_have_text("Bedankt, je antwoorden zijn bewaard.")
    expect(school_page.get_by_role("textbox")).to_have_count(0)
    school_page.screenshot(path=schermafdrukken / "afsluitvragen_bedankt.png", full_page=True)
    school_page.goto(link)
    expect(school_page.get_by_role("status")).to_contain_text("Deze vragen zijn al beantwoord op")
    expect(school_page.get_by_text("De link werkt maar één keer, dus hij is nu gebruikt.")).to_be_visible()
    expect(school_page.get_by_role("button", name="Antwoorden versturen")).to_have_count(0)
    school_page.context.close()

    # 9. The anchor reads the answers on the trajectory page and downloads its PDF.
    page.reload()
    afsluiting = page.get_by_role("region", name="Afsluitvragen aan de school")
    expect(afsluiting).to_contain_text(MEENEMEN)
    expect(afsluiting).to_contain_text(KANSEN)
    expect(page.get_by_role("region", name="Tijdlijn").get_by_role("listitem").first).to_contain_text(
        "Afsluitvragen beantwoord"
    )
    page.screenshot(path=schermafdrukken / "traject_pagina.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF downloaden").click()
    assert download.value.suggested_filename == f"traject-{pk}.pdf"
    pdf = pdf_tekst(Path(download.value.path()))
    for doel in DOELEN:
        assert doel in pdf, f"doel ‘{doel}’ ontbreekt in de PDF"
    assert "1u per week" in pdf and "In totaal 2u15 ondersteuning in 2 regels." in pdf
    pdf_bestand = schermafdrukken / "traject.pdf"
    pdf_bestand.write_bytes(Path(download.value.path()).read_bytes())
    page.context.close()

    # 10. The care staff of the school read along: the closed trajectory in the list, then its page.
    page = sessies.aanmelden(demo.ZORG)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Trajecten").click()
    expect(page).to_have_url(f"{live_server.url}/trajecten/")
    resultaten = page.locator("#resultaten")
    expect(resultaten.get_by_text(LEERLING)).to_have_count(0)  # the list opens on open trajectories
    page.get_by_role("form", name="Filters").get_by_label("Status").select_option(label="Afgerond")
    # The demo school has closed trajectories of its own: ours is among them, at its school.
    rij = resultaten.locator("tbody tr").filter(has=page.get_by_role("link", name=WIE, exact=True))
    expect(rij).to_have_count(1)
    expect(rij.locator("td").first).to_have_text(zorgschool.naam)
    resultaten.get_by_role("link", name=WIE, exact=True).click()
    expect(page).to_have_url(traject_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(WIE)
    expect(page.get_by_text("Je leest dit traject mee.")).to_be_visible()
    expect(page.get_by_role("navigation", name="Acties op dit traject")).to_have_count(0)
    afsluiting = page.get_by_role("region", name="Afsluitvragen aan de school")
    expect(afsluiting).to_contain_text(MEENEMEN)
    expect(afsluiting).to_contain_text(KANSEN)
    page.screenshot(path=schermafdrukken / "traject_zorg.png", full_page=True)
    page.context.close()

    # 11. The care staff of another school, and the CLB: the Dutch 404, nothing of the pupil.
    page = sessies.aanmelden(andere_zorg)
    page.goto(f"{live_server.url}/trajecten/?status=alle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leersteuntrajecten")
    expect(page.get_by_role("link", name=WIE, exact=True)).to_have_count(0)  # its own school's only
    expect(page.get_by_text(VOORNAAM)).to_have_count(0)
    niet_gevonden(sessies, page, traject_url)
    niet_gevonden(sessies, page, f"{traject_url}pdf/")
    page.context.close()

    page = sessies.aanmelden(demo.CLB)
    page.goto(f"{live_server.url}/trajecten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leersteuntrajecten")
    expect(page.get_by_text("Je rol geeft geen inzage in leersteuntrajecten.")).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    expect(page.get_by_text(VOORNAAM)).to_have_count(0)
    niet_gevonden(sessies, page, traject_url)
    niet_gevonden(sessies, page, f"{traject_url}pdf/")
    page.context.close()

    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
