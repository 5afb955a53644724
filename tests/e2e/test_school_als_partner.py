"""The school as a partner, from its request to its closing answers, in two browsers on the demo network.

The care staff member, on a phone, goes through "Mijn school" to the school's dossier, starts a request
there with the report it rests on and the parents' agreement, and sees it on the dossier. The anchor, on a
laptop, answers and starts it. The school follows it on its dossier (running, in its own words on its
request list). The anchor closes it; the mail to the school carries the closing link, and the school answers
the closing questions on the phone. Mails run in the test's process (the real worker and SMTP are proven in
tests/e2e/test_trajecten.py and the outbox tests). Nothing scrolls sideways at 375 px; screenshots land
in var/schermafdrukken/partner-*.png.
"""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from honingraat import demo
from honingraat.celery import app as celery_app
from scholen.models import School
from tests.support.browser import Sessies, htmx_klaar
from trajecten.models import Afsluitvraag, Schoolaanvraag, Status, Traject

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
VRAAG = "Hoe help ik Lotte om na de speeltijd rustig aan haar taak te beginnen?"
ANTWOORD = "We komen observeren in de klas en plannen daarna een overleg met de leerkracht."
DOEL = "Lotte begint zelfstandig aan haar taak"
MEENEMEN = "Een vaste start na de speeltijd helpt de hele klas."
KANSEN = "De aanpak delen met het vierde leerjaar."
AFSLUITLINK = re.compile(r"https?://\S+/trajecten/afsluiting/[\w-]+/")


@pytest.fixture
def mails_meteen(settings, live_server):
    vorige = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    settings.SITE_URL = live_server.url
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = vorige


def _past(page: Page) -> None:
    breedte = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert breedte[0] <= breedte[1], f"{page.url} scrolt zijwaarts: {breedte}"


def _actie(page: Page, knop: str) -> Locator:
    htmx_klaar(page)
    page.get_by_role("navigation", name="Acties op dit traject").get_by_role(
        "link", name=knop, exact=True
    ).click()
    paneel = page.locator("#actiepaneel")
    expect(paneel.get_by_role("heading", level=2)).to_have_text(knop)
    htmx_klaar(page)
    return paneel


def test_de_school_dient_in_volgt_op_en_beantwoordt_de_afsluitvragen(
    live_server,
    transactional_db,
    browser,
    browser_context_args,
    schermafdrukken,
    settings,
    tmp_path,
    mails_meteen,
):
    cache.clear()
    settings.HONINGRAAT_BIJLAGEN_ROOT = tmp_path / "bijlagen"
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    school = School.objects.get(zorgmedewerkers__email=demo.ZORG)
    vandaag = timezone.localdate()

    # 1. Care staff on a phone: "Mijn school" is the dossier; the request starts there.
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    zorg = telefoon.aanmelden(demo.ZORG)
    zorg.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mijn school").click()
    expect(zorg).to_have_url(f"{live_server.url}/scholen/{school.pk}/dossier/")
    expect(zorg.get_by_role("heading", name="Tijdskader", exact=False).first).to_be_visible()
    _past(zorg)
    zorg.screenshot(path=schermafdrukken / "partner-1-dossier.png", full_page=True)
    zorg.locator("#dossier-aanvragen").get_by_role("link", name="Nieuwe aanvraag").click()
    expect(zorg.get_by_role("heading", name="Nieuwe aanvraag voor leersteun", level=1)).to_be_visible()
    zorg.get_by_label("Leerlinggebonden").check()
    zorg.get_by_label("Voornaam").fill("Lotte")
    zorg.get_by_label("Initiaal van de familienaam").fill("V")
    zorg.get_by_label("Geboortejaar").fill("2017")
    zorg.get_by_label("Klas", exact=True).fill("3B")
    zorg.locator("select[name=verslag]").select_option("gc")
    zorg.get_by_label("Datum van het verslag").fill((vandaag - dt.timedelta(days=60)).isoformat())
    zorg.get_by_label("Waar bewaart de school het verslag?").fill("zorgdossier, secretariaat")
    zorg.get_by_label("De ouders zijn geïnformeerd en gaan akkoord met deze aanvraag").check()
    zorg.get_by_label("Wie gaf het akkoord?").fill("mama")
    zorg.get_by_label("Wanneer?").fill((vandaag - dt.timedelta(days=3)).isoformat())
    zorg.get_by_label("Hoe?").select_option("gesprek")
    zorg.locator("select[name=type]").select_option("9")
    zorg.get_by_label("Fase 2: uitbreiding van zorg").check()
    zorg.get_by_label("Ondersteuningsvraag van de leerkracht(en)").fill(VRAAG)
    zorg.get_by_label("Vraag van de leerling of de ouders").fill("Meer rust in de klas.")
    zorg.get_by_label("Ik bevestig dat de vraag van de leerkracht(en) komt").check()
    _past(zorg)
    zorg.get_by_role("button", name="Aanvraag indienen").click()
    expect(zorg.get_by_text("Je aanvraag is ingediend bij")).to_be_visible()
    traject = Traject.objects.get(vraag_leerkracht=VRAAG)
    aanvraag = Schoolaanvraag.objects.get(traject=traject)
    assert (aanvraag.verslag_bewaarplaats, aanvraag.ouders_wie) == ("zorgdossier, secretariaat", "mama")
    assert traject.school == school and traject.status == Status.AANGEMELD
    expect(zorg.locator(f"#aanvraag-{traject.pk}")).to_contain_text("Ontvangen")
    zorg.get_by_role("link", name=school.naam).first.click()  # back to the dossier
    expect(zorg.locator("#dossier-aanvragen")).to_contain_text("Lotte V.")

    # 2. The anchor, on a laptop, answers and starts it.
    laptop = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    anker = laptop.aanmelden(demo.ANKER)
    anker.goto(f"{live_server.url}/trajecten/{traject.pk}/")
    expect(anker.get_by_role("region", name="De vraag")).to_contain_text(VRAAG)
    paneel = _actie(anker, "Antwoord geven")
    paneel.get_by_label("Antwoord van het leersteuncentrum").fill(ANTWOORD)
    paneel.get_by_role("button", name="Antwoord bewaren").click()
    expect(anker.locator("#traject h1 .status, #traject .status").first).to_have_text("In behandeling")
    paneel = _actie(anker, "Traject starten")
    paneel.get_by_label("Intensiteit", exact=True).fill("1u")
    paneel.get_by_label("Frequentie").select_option(label="per week")
    paneel.get_by_label("Volgende evaluatie").fill((vandaag + dt.timedelta(days=14)).isoformat())
    paneel.get_by_label("Doel 1", exact=True).fill(DOEL)
    paneel.get_by_role("button", name="Traject starten").click()
    expect(anker.get_by_text("Het traject is gestart.")).to_be_visible()

    # 3. The school follows it: running on the dossier, "Gestart" with the answer on its request list.
    zorg.reload()
    rij = zorg.locator("#dossier-trajecten").get_by_role("row").filter(has_text="Lotte V.")
    expect(rij).to_contain_text("Lopend")
    expect(zorg.locator("#dossier-aanvragen")).not_to_contain_text("Lotte V.")  # no longer open
    zorg.screenshot(path=schermafdrukken / "partner-2-dossier-lopend.png", full_page=True)
    zorg.goto(f"{live_server.url}/trajecten/school/{school.pk}/aanvragen/")
    kaart = zorg.locator(f"#aanvraag-{traject.pk}")
    expect(kaart).to_contain_text("Gestart")
    expect(kaart).to_contain_text(ANTWOORD)
    _past(zorg)

    # 4. The anchor closes it; the school's mail holds the closing link, no pupil.
    mail.outbox.clear()
    paneel = _actie(anker, "Evaluatie")
    paneel.get_by_role("radio", name="Afronden").check()
    paneel.get_by_label("Samenvatting").fill("Het doel is gehaald.")
    paneel.get_by_role("group", name=DOEL, exact=True).get_by_label("Status").select_option(label="Bereikt")
    paneel.get_by_role("button", name="Evaluatie bewaren").click()
    expect(anker.get_by_text("het traject is afgerond")).to_be_visible()
    afsluitmail = next(m for m in mail.outbox if m.to == [demo.ZORG] and AFSLUITLINK.search(m.body))
    assert "Lotte" not in afsluitmail.subject + afsluitmail.body and "3B" not in afsluitmail.body
    link = AFSLUITLINK.search(afsluitmail.body)[0]

    # 5. The school answers the closing questions on the phone.
    zorg.goto(link)
    zorg.get_by_label("Wat neem je als school mee?").fill(MEENEMEN)
    zorg.get_by_label("Waar liggen nog kansen?").fill(KANSEN)
    _past(zorg)
    zorg.screenshot(path=schermafdrukken / "partner-3-afsluitvragen.png", full_page=True)
    zorg.get_by_role("button", name="Antwoorden versturen").click()
    expect(zorg.get_by_role("status")).to_have_text("Bedankt, je antwoorden zijn bewaard.")
    vraag = Afsluitvraag.objects.get(traject=traject)
    assert (vraag.wat_neem_je_mee, vraag.waar_liggen_kansen) == (MEENEMEN, KANSEN)

    # 6. On the dossier the trajectory is among the recent ones, closed.
    zorg.goto(f"{live_server.url}/scholen/{school.pk}/dossier/")
    expect(zorg.locator("#dossier-trajecten").get_by_role("row").filter(has_text="Lotte V.")).to_contain_text(
        "Afgerond"
    )
    _past(zorg)
    zorg.screenshot(path=schermafdrukken / "partner-4-dossier-afgerond.png", full_page=True)
    assert telefoon.console.fouten == [] and laptop.console.fouten == []
