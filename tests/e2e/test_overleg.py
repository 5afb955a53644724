"""The acceptance journey of the school consultation (schoolbeeldoverleg), on the demo network.

1. The coordinator opens Schoolbeeldoverleg, ticks three schools that are ready and sends the invitations
   as one batch. A real Celery worker mails them to a real SMTP server (aiosmtpd); the batch page's
   progress bar is watched while the server holds one mail halfway, then until it is full. Every expected
   recipient of every school gets exactly one invitation with the two PDFs and the .ics.
2. The anchor works on their invited school (the demo's second anchor school, whose meeting the test moves
   to this morning): fetches the trajectory overview (no pupil's first name in it), fills the parts of the
   meeting, adds an agreement with an owner and a date, marks the meeting held, plans the second moment,
   writes the report and shares it (the care staff and the CLB get a mail with a link, once each); then
   adds a line to the shared report.
3. The CLB of that school reads the report without any edit control, downloads its PDF through the page
   that waits for the worker (the stored PDF no longer matches the report), and finds the school, the
   agreement and the added line in it. Every edit URL of the consultation is not found for the CLB.
4. The care staff of another school get the Dutch 404 on the report and its PDF.

Console errors, CSP violations among them, fail the test. Screenshots (overleg-*.png) land in
var/schermafdrukken/.
"""

import datetime as dt
import io
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from honingraat import demo
from honingraat.celery import app as celery_app
from netwerk.kalender import is_schooldag
from netwerk.models import Gebruiker, Leersteuncentrum, Rol
from netwerk.schooljaar import huidig_schooljaar
from overleg import services
from overleg.models import Afspraak, Document, Mailstatus, Schoolbeeldoverleg, Status, Uitgaandemail
from scholen.models import Ankertoewijzing, School
from tests.support.browser import Sessies, htmx_klaar
from tests.support.omgeving import wacht_tot
from tests.support.pdf import pdf_tekst
from tests.support.post import Postbus
from tests.support.werker import start_celery_worker, stop_celery_worker
from trajecten.models import OPEN_STATUSSEN, Leerling, Toewijzing, Traject

pytestmark = pytest.mark.e2e

UITNODIGING = "[Honingraat] Uitnodiging schoolbeeldoverleg "
VERSLAGMAIL = "[Honingraat] Verslag van het schoolbeeldoverleg "
PRIORITEITEN = "- Begrijpend lezen in de tweede graad\n- Rust en structuur bij overgangen"
VERWACHTING_SCHOOL = "Een vast aanspreekpunt dat de leerkrachten in de klas versterkt."
VERWACHTING_LSC = "Duidelijke vragen vooraf en een leerkracht die mee aan tafel zit."
VERWACHTING_CLB = "Het CLB denkt mee bij de overgang naar het secundair."
WERKWIJZE = "We werken in blokken van zes weken en evalueren telkens met de zorgcoördinator."
AFSPRAAK = "Vorming over prikkelarme klashoeken op de personeelsvergadering van maart"
SPREIDING = "gemiddeld een halve dag om de twee weken"
TUSSENTIJDS_PLAATS = "Vergaderzaal van de school"
TUSSENTIJDS = "We bekijken of de klashoeken werken en stellen de afspraken bij."
VERSLAG = "# Samenvatting\n\nWe overliepen de prioriteiten van de school.\n\n- Start met de klashoeken"
AANVULLING = "Aanvulling: de directie sluit aan op het tweede moment."


# ------------------------------------------------------------------------------------------- fixtures


@pytest.fixture
def werker(live_server, transactional_db, settings, monkeypatch, tmp_path, request) -> Iterator[Postbus]:
    """A real Celery worker, mailing to the aiosmtpd `postbus`, on a queue of this test database only.

    As `mailmap` in test_trajecten: the queue follows HONINGRAAT_TEST_DB_SUFFIX (other runs share Redis),
    links point at the live server. The worker keeps its PDFs under tmp_path/media: the live server reads
    them from there too."""
    postbus_ = request.getfixturevalue("postbus")
    wachtrij = f"honingraat-test-{os.environ.get('HONINGRAAT_TEST_DB_SUFFIX', 'e2e')}"
    conf = celery_app.conf
    voor = conf.task_default_queue  # read first: that finalizes the app's configuration
    conf.task_default_queue = wachtrij
    settings.CELERY_TASK_DEFAULT_QUEUE = wachtrij
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("CELERY_QUEUE", wachtrij)
    monkeypatch.setenv("SITE_URL", live_server.url)
    proces = start_celery_worker(tmp_path, EMAIL_URL=postbus_.url)
    try:
        yield postbus_
    finally:
        stop_celery_worker(proces)
        conf.task_default_queue = voor


# -------------------------------------------------------------------------------------------- helpers


def verwachte_ontvangers(overleg: Schoolbeeldoverleg) -> set[str]:
    """Who must get the invitation, read from the network itself (not from the service that sends it): the
    school's care staff, its CLB's staff, the LSC's supporters on an open trajectory there (the anchor
    excepted: the LSC sends it) and the supporters of a specific LSC at the school."""
    school = overleg.school
    actief = Gebruiker.objects.filter(is_active=True)
    zorg = set(actief.filter(zorgscholen=school).values_list("email", flat=True))
    clb = set(actief.filter(rol=Rol.CLB, clb=school.clb_id).values_list("email", flat=True))
    open_hier = Toewijzing.objects.filter(
        traject__school=school, traject__status__in=OPEN_STATUSSEN, ondersteuner__gebruiker__is_active=True
    )
    eigen = set(
        open_hier.filter(traject__lsc=overleg.lsc).values_list("ondersteuner__gebruiker__email", flat=True)
    )
    ankers = set(
        Ankertoewijzing.objects.filter(
            school=school, lsc=overleg.lsc, schooljaar=overleg.schooljaar
        ).values_list("ondersteuner__gebruiker__email", flat=True)
    )
    specifiek = set(
        open_hier.filter(traject__lsc__soort=Leersteuncentrum.Soort.SPECIFIEK)
        .exclude(traject__lsc=overleg.lsc)
        .values_list("ondersteuner__gebruiker__email", flat=True)
    ) | set(
        Ankertoewijzing.objects.filter(
            school=school, lsc__soort=Leersteuncentrum.Soort.SPECIFIEK, schooljaar=overleg.schooljaar
        ).values_list("ondersteuner__gebruiker__email", flat=True)
    )
    return zorg | clb | (eigen - ankers) | specifiek


def drie_klare_overleggen(lsc, anker_school: School) -> list[Schoolbeeldoverleg]:
    """Three consultations ready to invite: the demo anchor's own one first, then one where a supporter of
    the LSC works (a third kind of recipient) and one of another CLB. Should the demo hold fewer than three
    ready ones, consultations in preparation get a date ahead and a place first."""
    jaar = huidig_schooljaar()
    in_voorbereiding = Schoolbeeldoverleg.objects.filter(
        lsc=lsc, schooljaar=jaar, status=Status.VOORBEREIDING
    ).select_related("school", "lsc")

    def klaar() -> list[Schoolbeeldoverleg]:
        rij = [o for o in in_voorbereiding.all() if services.klaar_voor_uitnodiging(o) is None]
        return sorted(rij, key=lambda o: (o.school != anker_school, o.school.naam))

    if len(klaar()) < 3:
        over = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=21)
        for overleg in in_voorbereiding.order_by("school__naam")[:3]:
            overleg.datum, overleg.plaats = overleg.datum or over, overleg.plaats or "Leraarskamer"
            overleg.save(update_fields=["datum", "plaats"])
    kandidaten = klaar()
    gekozen = [kandidaten[0]]
    assert gekozen[0].school == anker_school, (
        "de derde ankerschool van de demo is niet klaar om uit te nodigen"
    )

    def met_ondersteuner(o: Schoolbeeldoverleg) -> bool:
        school_en_clb = Gebruiker.objects.filter(
            Q(zorgscholen=o.school) | Q(rol=Rol.CLB, clb=o.school.clb_id)
        )
        return bool(verwachte_ontvangers(o) - set(school_en_clb.values_list("email", flat=True)))

    for wens in (met_ondersteuner, lambda o: o.school.clb_id not in {g.school.clb_id for g in gekozen}):
        if keuze := next((o for o in kandidaten if o not in gekozen and wens(o)), None):
            gekozen.append(keuze)
    gekozen += [o for o in kandidaten if o not in gekozen][: 3 - len(gekozen)]
    return gekozen


def bijlagen(bericht) -> dict[str, tuple[str, bytes]]:
    return {
        deel.get_filename(): (deel.get_content_type(), deel.get_payload(decode=True))
        for deel in bericht.iter_attachments()
    }


def pdf_van(inhoud: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(inhoud)).pages)


def niet_gevonden(sessies: Sessies, page: Page, url: str, *, geheim: str) -> None:
    sessies.console.verwachte_404.add(url)
    antwoord = page.goto(url)
    assert antwoord is not None and antwoord.status == 404, f"{url} gaf {antwoord and antwoord.status}"
    expect(page).to_have_title(re.compile(r"^\s*Niet gevonden · Honingraat$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_text("Deze pagina bestaat niet, of je hebt er geen toegang toe.")).to_be_visible()
    expect(page.get_by_text(geheim)).to_have_count(0)


def post_is_niet_gevonden(page: Page, url: str, data: dict) -> None:
    """A POST with a valid CSRF token (the one htmx sends): the view itself must answer 404."""
    hx_headers = page.locator("body").get_attribute("hx-headers")
    token = re.search(r'"X-CSRFToken": "([^"]+)"', hx_headers)[1]
    antwoord = page.request.post(url, form=data, headers={"X-CSRFToken": token}, max_redirects=0)
    assert antwoord.status == 404, f"POST {url} gaf {antwoord.status}"


def schermafdruk(page: Page, map_: Path, naam: str) -> None:
    """A full-page screenshot that leaves the page as it was. Playwright hides the caret by default with an
    inline style on every form field, left behind as `style=""`; htmx then copies that attribute onto the
    swapped-in field of the same id, which the CSP (style-src 'self') refuses as an inline style."""
    page.screenshot(path=map_ / f"{naam}.png", full_page=True, caret="initial")


def _schooldag_vanaf(dag: dt.date) -> dt.date:
    """The first school day from `dag` on: a day without school would be asked about first."""
    while not is_schooldag(dag):
        dag += dt.timedelta(days=1)
    return dag


def onderdeel_bewerken(page: Page, naam: str, velden: dict[str, str], melding: str):
    """Opens a part of the working page in place, fills it and saves it; the part swaps back in place."""
    sectie = page.locator(f"#onderdeel-{naam}")
    htmx_klaar(page)
    sectie.get_by_role("link", name="Bewerken", exact=True).click()
    expect(sectie.get_by_role("button", name="Bewaren")).to_be_visible()
    htmx_klaar(page)
    for label, waarde in velden.items():
        sectie.get_by_label(label, exact=True).fill(waarde)
    sectie.get_by_role("button", name="Bewaren").click()
    expect(sectie.get_by_role("status")).to_have_text(melding)
    expect(sectie.get_by_role("button", name="Bewaren")).to_have_count(0)
    return sectie


# ---------------------------------------------------------------------------------------------- the test


def test_schoolbeeldoverleg_van_uitnodiging_tot_gedeeld_verslag(
    live_server, werker, browser, browser_context_args, schermafdrukken
):
    postbus_ = werker
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    jaar = huidig_schooljaar()
    coordinator = Gebruiker.objects.get(email=demo.COORDINATOR)
    ankerscholen = [
        a.school
        for a in Ankertoewijzing.objects.filter(ondersteuner__gebruiker__email=demo.ANKER, schooljaar=jaar)
        .select_related("school")
        .order_by("school__naam")
    ]
    overleg_van = {
        o.school_id: o
        for o in Schoolbeeldoverleg.objects.filter(
            lsc=coordinator.lsc, schooljaar=jaar, school__in=ankerscholen
        )
    }
    # The demo's anchor schools: one shared, one invited, one in preparation (see honingraat/demo/overleg.py).
    per_status = {overleg_van[s.pk].status: s for s in ankerscholen}
    assert set(per_status) == {Status.GEDEELD, Status.UITGENODIGD, Status.VOORBEREIDING}, per_status
    gekozen = drie_klare_overleggen(coordinator.lsc, per_status[Status.VOORBEREIDING])
    verwacht = Counter((o.pk, adres) for o in gekozen for adres in verwachte_ontvangers(o))
    assert len(verwacht) >= 6, verwacht
    namen = {o.pk: o.school.naam for o in gekozen}

    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    bericht = lambda page: page.locator("ul.berichten")  # noqa: E731 (a message after a redirect)

    # 1. The coordinator invites three schools as one batch and watches it leave.
    page = sessies.aanmelden(demo.COORDINATOR)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Schoolbeeldoverleg").click()
    expect(page).to_have_url(f"{live_server.url}/overleg/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Schoolbeeldoverleg {gekozen[0].schooljaar_tekst}"
    )
    page.get_by_role("navigation", name="Welke scholen").get_by_role(
        "link", name=re.compile(r"^Nog uit te nodigen")
    ).click()
    expect(page).to_have_url(f"{live_server.url}/overleg/?filter=uitnodigen")
    rijen = page.locator("#overzicht-rijen tbody tr")
    for overleg in gekozen:
        rij = rijen.filter(has=page.get_by_role("link", name=overleg.school.naam, exact=True))
        expect(rij.locator("td").nth(5)).to_have_text("klaar om te versturen")
        rij.get_by_role("checkbox", name=f"{overleg.school.naam} uitnodigen", exact=True).check()
    expect(page.locator("#overzicht-rijen input[type=checkbox]:checked")).to_have_count(3)
    schermafdruk(page, schermafdrukken, "overleg-overzicht")

    # The server holds one mail halfway: the page must show the batch half done, then see it finish.
    totaal = sum(verwacht.values())
    halverwege = totaal // 2 + 1
    postbus_.pauzeer_bij = halverwege
    page.get_by_role("button", name="Uitnodiging versturen naar de gekozen scholen").click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/overleg/batches/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitnodigingen voor 3 scholen")
    balk = page.locator("progress#batch-balk")
    expect(balk).to_have_attribute("max", str(totaal))
    # Every value the bar takes from now on, recorded in the page at each swap of the polled section.
    page.evaluate(
        """() => {
            window.balkwaarden = [];
            const noteer = () => {
                const balk = document.getElementById("batch-balk");
                if (balk) window.balkwaarden.push(Number(balk.getAttribute("value")));
            };
            noteer();
            document.body.addEventListener("htmx:afterSettle", noteer);
        }"""
    )
    voortgang = page.locator("#voortgang")
    assert postbus_.gepauzeerd.wait(timeout=120), "de werker stuurde de helft van de mails niet"
    expect(balk).to_have_attribute("value", str(halverwege - 1))
    procent = round(100 * (halverwege - 1) / totaal)
    expect(page.locator("#batch-stand")).to_contain_text(
        f"{halverwege - 1} van {totaal} mails afgehandeld ({procent} %)."
    )
    expect(voortgang.get_by_role("heading", level=2)).to_have_text("Bezig met versturen")
    schermafdruk(page, schermafdrukken, "overleg-batch-bezig")
    postbus_.doorgaan.set()

    expect(balk).to_have_attribute("value", str(totaal), timeout=90_000)
    expect(voortgang.get_by_role("heading", level=2)).to_have_text("Klaar")
    expect(voortgang.get_by_text("Alle mails zijn vertrokken.")).to_be_visible()
    expect(page.locator("#batch-stand")).to_contain_text(f"{totaal} van {totaal} mails afgehandeld (100 %).")
    expect(voortgang.locator(".batch-verstuurd")).to_have_text(str(totaal))
    expect(voortgang.locator(".batch-mislukt")).to_have_text("0")
    expect(voortgang).not_to_have_attribute("hx-trigger", re.compile("."))  # it stopped asking
    expect(voortgang.get_by_role("listitem").get_by_role("link")).to_have_text(sorted(namen.values()))
    schermafdruk(page, schermafdrukken, "overleg-batch-klaar")
    waarden = page.evaluate("window.balkwaarden")
    assert waarden == sorted(waarden), f"de balk ging terug: {waarden}"
    assert waarden[0] <= halverwege - 1 < totaal == waarden[-1], (
        f"de balk steeg niet tot het einde: {waarden}"
    )
    assert halverwege - 1 in waarden, waarden
    page.context.close()

    # Every expected recipient of every school got exactly one invitation, with the PDFs and the .ics.
    ontvangen = Counter(
        (int(o.bericht["Message-ID"].split("-")[1]), adres)
        for o in postbus_.ontvangen
        for adres in o.ontvangers
    )
    assert ontvangen == verwacht, f"verwacht {sorted(verwacht)}, ontvangen {sorted(ontvangen)}"
    assert not Uitgaandemail.objects.filter(batch__door=coordinator).exclude(status=Mailstatus.VERSTUURD)
    for o in postbus_.ontvangen:
        mail, pk = o.bericht, int(o.bericht["Message-ID"].split("-")[1])
        overleg = next(x for x in gekozen if x.pk == pk)
        assert str(mail["Subject"]) == UITNODIGING + overleg.school.naam
        tekst = mail.get_body(("plain",)).get_content()
        assert f"{live_server.url}/overleg/school/{overleg.school_id}/" in tekst, tekst
        stukken = bijlagen(mail)
        nummer = f"{overleg.school.instellingsnummer}-{overleg.schooljaar_tekst}"
        assert set(stukken) == {f"leidraad-{nummer}.pdf", f"afspraken-{nummer}.pdf", "uitnodiging.ics"}, (
            stukken
        )
        assert (
            stukken[f"leidraad-{nummer}.pdf"][0] == stukken[f"afspraken-{nummer}.pdf"][0] == "application/pdf"
        )
        assert overleg.school.naam in pdf_van(stukken[f"leidraad-{nummer}.pdf"][1])
        assert "Samenwerkingsafspraken" in pdf_van(stukken[f"afspraken-{nummer}.pdf"][1])
        soort, ics = stukken["uitnodiging.ics"]
        assert soort == "text/calendar"
        (gebeurtenis,) = Calendar.from_ical(ics).walk("VEVENT")
        assert str(gebeurtenis["SUMMARY"]) == f"Schoolbeeldoverleg {overleg.school.naam}"
        assert gebeurtenis.decoded("DTSTART") == overleg.datum
        assert str(gebeurtenis["ATTENDEE"]) == f"mailto:{o.ontvangers[0]}"
    assert Schoolbeeldoverleg.objects.filter(pk__in=namen, status=Status.UITGENODIGD).count() == 3
    postbus_.ontvangen.clear()

    # 2. The anchor's invited school. Its meeting took place this morning (the test moves the hour, rather
    # than wait for it): it can be marked held once it has begun.
    school = per_status[Status.UITGENODIGD]
    overleg = overleg_van[school.pk]
    begin = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=3)
    Schoolbeeldoverleg.objects.filter(pk=overleg.pk).update(datum=begin)
    zorg = Gebruiker.objects.get(zorgscholen=school)
    voornamen = set(Leerling.objects.filter(school=school).values_list("voornaam", flat=True))
    open_trajecten = Traject.objects.filter(school=school, lsc=overleg.lsc, status__in=OPEN_STATUSSEN).count()
    assert voornamen and open_trajecten, (
        "de uitgenodigde ankerschool heeft geen open trajecten met leerlingen"
    )
    detail_url = f"{live_server.url}/overleg/{overleg.pk}/"

    page = sessies.aanmelden(demo.ANKER)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Schoolbeeldoverleg").click()
    expect(page).to_have_url(f"{live_server.url}/overleg/")
    page.get_by_role("link", name=school.naam, exact=True).click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Schoolbeeldoverleg {overleg.schooljaar_tekst}"
    )
    stappen = page.get_by_role("list", name="Verloop van het overleg")
    expect(stappen.locator("[aria-current=step]")).to_have_text("Uitgenodigd")

    # The leidraad's overview, fetched from the trajectories: kinds, classes, supporters, never a pupil.
    overzicht = page.locator("#onderdeel-overzicht")
    htmx_klaar(page)
    overzicht.get_by_role("link", name="Overzicht ophalen").click()
    expect(overzicht.get_by_role("status")).to_contain_text(
        "Het overzicht is opgehaald uit de geregistreerde"
    )
    veld = overzicht.get_by_label("Overzicht van de aangemelde trajecten")
    expect(veld).to_have_value(re.compile(rf"Aangemelde leersteuntrajecten van .+: {open_trajecten}\."))
    opgehaald = veld.input_value()
    assert len(re.findall(r"^- ", opgehaald, re.MULTILINE)) == open_trajecten, opgehaald
    for voornaam in voornamen:
        assert not re.search(rf"\b{re.escape(voornaam)}\b", opgehaald), f"‘{voornaam}’ staat in het overzicht"
    schermafdruk(page, schermafdrukken, "overleg-overzicht-opgehaald")
    htmx_klaar(page)
    overzicht.get_by_role("button", name="Bewaren").click()
    expect(overzicht.get_by_role("status")).to_have_text("Overzicht van de aangemelde trajecten: bewaard.")
    expect(overzicht.locator(".opmaak")).to_contain_text("Aangemelde leersteuntrajecten van")

    # The meeting: the school's priorities, everyone's expectations, how we work.
    prioriteiten = onderdeel_bewerken(
        page,
        "prioriteiten",
        {"Prioriteiten van de school voor dit schooljaar": PRIORITEITEN},
        "Prioriteiten van de school: bewaard.",
    )
    expect(prioriteiten.locator(".opmaak li")).to_have_text(
        ["Begrijpend lezen in de tweede graad", "Rust en structuur bij overgangen"]
    )
    verwachtingen = onderdeel_bewerken(
        page,
        "verwachtingen",
        {
            "Verwachtingen van de school": VERWACHTING_SCHOOL,
            "Verwachtingen van het leersteuncentrum": VERWACHTING_LSC,
            "Verwachtingen van het CLB": VERWACHTING_CLB,
        },
        "Verwachtingen van de partners: bewaard.",
    )
    expect(verwachtingen).to_contain_text(VERWACHTING_SCHOOL)
    expect(verwachtingen).to_contain_text(VERWACHTING_CLB)
    expect(verwachtingen.locator(".leeg")).to_have_text(["Nog niet ingevuld."])  # the specific LSC's
    werkwijze = onderdeel_bewerken(
        page, "werkwijze", {"Waaraan en hoe we werken": WERKWIJZE}, "Waaraan en hoe we werken: bewaard."
    )
    expect(werkwijze).to_contain_text(WERKWIJZE)

    # An agreement: what, who (the school's care coordinator), by when. It lands on their home page.
    tegen = _schooldag_vanaf(timezone.localdate() + dt.timedelta(days=30))
    afspraken = page.locator("#afspraken")
    htmx_klaar(page)
    nieuw = afspraken.locator("form.afspraak-nieuw")
    nieuw.get_by_label("Afspraak").fill(AFSPRAAK)
    eigenaars = nieuw.get_by_label("Wie")
    expect(eigenaars.locator("option")).not_to_contain_text([re.compile("CLB", re.IGNORECASE)])
    eigenaars.select_option(label=f"{zorg.naam} (zorgteam school)")
    nieuw.get_by_label("Tegen").fill(tegen.isoformat())
    nieuw.get_by_role("button", name="Toevoegen").click()
    expect(afspraken.get_by_role("status")).to_have_text("De afspraak is toegevoegd.")
    rij = afspraken.locator("table.afspraken tbody tr").filter(has_text=AFSPRAAK)
    expect(rij.locator("td").nth(1)).to_have_text(zorg.naam)
    afspraak = Afspraak.objects.get(overleg=overleg, omschrijving=AFSPRAAK)
    assert (afspraak.eigenaar, afspraak.tegen) == (zorg, tegen)
    schermafdruk(page, schermafdrukken, "overleg-werkpagina-vergadering")

    # Held: a button that reloads the page with the new status.
    htmx_klaar(page)
    page.locator("#overlegacties").get_by_role("button", name="Overleg gehouden").click()
    expect(bericht(page)).to_have_text("Het overleg is gehouden. Vul nu het verslag aan en deel het.")
    expect(stappen.locator("[aria-current=step]")).to_have_text("Gehouden")
    expect(page.locator("#onderdeel-planning").get_by_role("link", name="Bewerken")).to_have_count(0)

    # The second moment, the time frame's spread and the report.
    tweede = _schooldag_vanaf(timezone.localdate(begin) + dt.timedelta(days=60))
    tussentijds = onderdeel_bewerken(
        page,
        "tussentijds",
        {
            "Tussentijds overleg op": tweede.isoformat(),
            "Uur tussentijds overleg": "14:00",
            "Plaats tussentijds overleg": TUSSENTIJDS_PLAATS,
            "Tussentijdse effecten en bijsturing": TUSSENTIJDS,
        },
        "Tweede moment: bewaard.",
    )
    expect(tussentijds).to_contain_text(TUSSENTIJDS_PLAATS)
    expect(tussentijds).to_contain_text("14:00")
    onderdeel_bewerken(
        page,
        "spreiding",
        {"Spreiding van het tijdskader": SPREIDING},
        "Spreiding van het tijdskader: bewaard.",
    )
    verslag = onderdeel_bewerken(page, "verslag", {"Verslag": VERSLAG}, "Verslag: bewaard.")
    expect(verslag.get_by_role("heading", level=3)).to_have_text("Samenvatting")

    # Shared: the care staff and the CLB get a link by mail, once each.
    htmx_klaar(page)
    page.locator("#overlegacties").get_by_role("button", name="Verslag delen").click()
    lezers = {
        zorg.email,
        *Gebruiker.objects.filter(rol=Rol.CLB, clb=school.clb_id).values_list("email", flat=True),
    }
    expect(bericht(page)).to_have_text(
        f"Het verslag is gedeeld met het zorgteam van de school en het CLB ({len(lezers)} mails)."
    )
    expect(stappen.locator("[aria-current=step]")).to_have_text("Verslag gedeeld")
    expect(page.locator("#overlegacties").get_by_role("button", name="Verslag opnieuw delen")).to_be_visible()
    schermafdruk(page, schermafdrukken, "overleg-werkpagina-gedeeld")
    wacht_tot(
        lambda: not Uitgaandemail.objects.filter(overleg=overleg).exclude(status=Mailstatus.VERSTUURD),
        timeout=60,
    )
    verslagmails = Counter(adres for o in postbus_.ontvangen for adres in o.ontvangers)
    assert verslagmails == Counter(lezers), verslagmails
    for o in postbus_.ontvangen:
        assert str(o.bericht["Subject"]) == VERSLAGMAIL + school.naam
        tekst = o.bericht.get_body(("plain",)).get_content()
        assert f"{live_server.url}/overleg/{overleg.pk}/verslag/" in tekst, tekst
        assert AFSPRAAK not in tekst and "Samenvatting" not in tekst  # a link, not the content
        assert not list(o.bericht.iter_attachments())

    # The worker rendered the report's PDF when it was shared; a line added afterwards makes it stale.
    wacht_tot(lambda: Document.objects.filter(overleg=overleg, soort="verslag").exists(), timeout=60)
    onderdeel_bewerken(page, "verslag", {"Verslag": f"{VERSLAG}\n\n{AANVULLING}"}, "Verslag: bewaard.")
    page.context.close()

    # 3. The CLB of the school reads the shared report, and nothing else.
    clb = Gebruiker.objects.filter(rol=Rol.CLB, clb=school.clb_id).order_by("email").first()
    if clb is None:  # the demo gives every CLB an account; should it not, the school's CLB gets one
        clb = Gebruiker.objects.create_user(
            email="clb.overleg@example.org",
            password=demo.WACHTWOORD,
            naam="Clb Overleg",
            rol=Rol.CLB,
            clb=school.clb,
        )
    page = sessies.aanmelden(clb.email)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Schoolbeeldoverleg").click()
    expect(page).to_have_url(f"{live_server.url}/overleg/")
    page.get_by_role("link", name=school.naam, exact=True).click()
    verslag_url = f"{live_server.url}/overleg/{overleg.pk}/verslag/"
    expect(page).to_have_url(verslag_url)
    inhoud = page.locator("main")
    expect(inhoud.locator("p.onder").first).to_contain_text(school.naam)
    expect(inhoud.get_by_text(re.compile(r"^Gedeeld op \d{1,2} \w+ \d{4} · "))).to_be_visible()
    expect(page.get_by_role("region", name="Prioriteiten van de school")).to_contain_text("Begrijpend lezen")
    expect(page.get_by_role("region", name="Verslag", exact=True)).to_contain_text(AANVULLING)
    verslag_afspraken = page.get_by_role("region", name="Afspraken")
    expect(verslag_afspraken.locator("tbody tr")).to_have_count(1)
    expect(verslag_afspraken.locator("tbody tr td")).to_have_text(
        [AFSPRAAK, zorg.naam, re.compile(rf"^{tegen.day} \w+\.? {tegen.year}$")]
    )
    expect(page.get_by_role("region", name="Wanneer en waar")).to_contain_text(TUSSENTIJDS_PLAATS)
    expect(page.get_by_role("region", name="Tijdskader en spreiding")).to_contain_text(SPREIDING)
    expect(inhoud).not_to_contain_text("Maximum tijdskader")  # the CLB does not read the school's frame
    expect(inhoud).not_to_contain_text("Aangemelde leersteuntrajecten")  # nor the trajectory overview
    expect(inhoud.get_by_role("button")).to_have_count(0)
    expect(inhoud.locator("form, textarea, input, select")).to_have_count(0)
    expect(inhoud.get_by_role("link", name="Bewerken")).to_have_count(0)
    expect(inhoud.get_by_role("link", name="Terug naar het overleg")).to_have_count(0)
    schermafdruk(page, schermafdrukken, "overleg-verslag-clb")

    # The PDF: the stored one is stale, so the page waits for the worker and then offers the download.
    page.get_by_role("link", name="PDF downloaden").click()
    expect(page).to_have_url(f"{live_server.url}/overleg/{overleg.pk}/document/verslag/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Verslag")
    wacht = page.locator("#document-wacht")
    expect(wacht).to_contain_text("Het document wordt gemaakt.")
    schermafdruk(page, schermafdrukken, "overleg-document-wacht")
    expect(wacht).to_contain_text("Het document is klaar.", timeout=60_000)
    schermafdruk(page, schermafdrukken, "overleg-document-klaar")
    with page.expect_download() as download:
        wacht.get_by_role("link", name="PDF downloaden").click()
    assert (
        download.value.suggested_filename
        == f"verslag-{school.instellingsnummer}-{overleg.schooljaar_tekst}.pdf"
    )
    pdf = pdf_tekst(Path(download.value.path()))
    for verwacht_in_pdf in (school.naam, AFSPRAAK, AANVULLING, zorg.naam):
        assert verwacht_in_pdf in pdf, f"‘{verwacht_in_pdf}’ ontbreekt in de PDF"
    assert "Aangemelde leersteuntrajecten" not in pdf

    # The working page sends the CLB to the report; every way to change the consultation is not found.
    page.goto(detail_url)
    expect(page).to_have_url(verslag_url)
    for pad in (
        f"/overleg/{overleg.pk}/onderdeel/verslag/",
        f"/overleg/{overleg.pk}/onderdeel/overzicht/?ophalen=1",
        f"/overleg/{overleg.pk}/onderdeel/prioriteiten/?annuleren=1",
        f"/overleg/afspraak/{afspraak.pk}/bewerken/",
        f"/overleg/{overleg.pk}/document/leidraad/",
    ):
        niet_gevonden(sessies, page, live_server.url + pad, geheim=AFSPRAAK)
    schermafdruk(page, schermafdrukken, "overleg-niet-gevonden-clb")
    for pad, data in (
        (f"/overleg/{overleg.pk}/onderdeel/verslag/", {"versie": "1", "stand": "", "verslag": "Gewijzigd"}),
        (f"/overleg/{overleg.pk}/delen/", {"versie": str(overleg.versie)}),
        (f"/overleg/{overleg.pk}/gehouden/", {"versie": str(overleg.versie)}),
        (
            f"/overleg/{overleg.pk}/afspraak/",
            {"omschrijving": "Van het CLB", "eigenaar": clb.pk, "tegen": tegen.isoformat()},
        ),
        (f"/overleg/afspraak/{afspraak.pk}/verwijderen/", {"stand": ""}),
    ):
        post_is_niet_gevonden(page, live_server.url + pad, data)
    overleg.refresh_from_db()
    assert AANVULLING in overleg.verslag and "Gewijzigd" not in overleg.verslag
    assert list(overleg.afspraken.values_list("omschrijving", flat=True)) == [AFSPRAAK]
    page.context.close()

    # 4. The care staff of another school: the Dutch 404 on the report and its PDF.
    andere_school = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    assert andere_school != school
    page = sessies.aanmelden(demo.ZORG)
    niet_gevonden(sessies, page, verslag_url, geheim=school.naam)
    schermafdruk(page, schermafdrukken, "overleg-niet-gevonden-zorg")
    niet_gevonden(
        sessies, page, f"{live_server.url}/overleg/{overleg.pk}/document/verslag/", geheim=school.naam
    )
    niet_gevonden(sessies, page, detail_url, geheim=school.naam)
    page.context.close()

    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
