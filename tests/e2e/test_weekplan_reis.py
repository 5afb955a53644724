"""The issue's "done when" for the week plan on dates, as one journey in a browser:

1. At 1366 px the coordinator enters the anchor's absence (with a reason) on "Weekplan op datum", sees the
   visit that falls in it with the proposed colleagues, and accepts one.
2. On the next version's proposal the coordinator moves another visit to that colleague, and publishes:
   the replacement carries over to the new version.
3. At 375 px, without sideways scrolling: the colleague's Mijn week shows the two weeks on dates, the
   replacement, the moved visit and the Christmas holiday; their .ics feed has those dates and nothing in
   the holiday; the school's care staff see who comes on which date, the replacement included, and never the
   absence's reason.

"Today" is frozen on the Monday a week before the Christmas holiday, as the dated unit tests do. Screenshots
(kalender-*.png) land in var/schermafdrukken/.
"""

import datetime as dt
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from capaciteit.models import Planregel, Planwijziging, Weekplan
from capaciteit.services import weekplan as weekplannen
from netwerk.kalender import is_schooldag, waarom_geen_schooldag
from netwerk.models import Afwezigheid, Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 860}
TELEFOON = {"width": 375, "height": 812}


def _week_voor_kerst(jaar: int) -> dt.date:
    """The Monday of the last full school week before the Christmas holiday of school year `jaar`."""
    kerstmis = dt.date(jaar, 12, 25)
    maandag = kerstmis - dt.timedelta(days=kerstmis.weekday())
    while is_schooldag(maandag):
        maandag += dt.timedelta(days=7)
    maandag -= dt.timedelta(days=7)
    assert all(is_schooldag(maandag + dt.timedelta(days=d)) for d in range(5))
    assert "kerstvakantie" in waarom_geen_schooldag(maandag + dt.timedelta(days=7))
    return maandag


def _breedte(pagina) -> tuple[int, int]:
    return pagina.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def _dag(pagina, datum: dt.date):
    return pagina.locator(f'ol.weekplan-datums > li[data-datum="{datum:%Y-%m-%d}"]')


def _regels(plan, w, sara, tom, twee, drie) -> dict[str, Planregel]:
    """Tuesday: the anchor at School Eigen, Sara at School Twee; Thursday: Tom at School Drie."""
    return {
        "anker": Planregel.objects.create(
            weekplan=plan, ondersteuner=w.anker, school=w.eigen_school, dag=1, blokken=4
        ),
        "sara": Planregel.objects.create(weekplan=plan, ondersteuner=sara, school=twee, dag=1, blokken=4),
        "tom": Planregel.objects.create(weekplan=plan, ondersteuner=tom, school=drie, dag=3, blokken=4),
    }


def test_afwezigheid_vervanger_verplaatsen_publiceren_en_wat_ondersteuner_en_school_zien(
    live_server,
    transactional_db,
    wereld_met_trajecten,
    browser,
    browser_context_args,
    monkeypatch,
    schermafdrukken,
):
    w = wereld_met_trajecten
    jaar = huidig_schooljaar()
    maandag = _week_voor_kerst(jaar)
    dinsdag, donderdag = maandag + dt.timedelta(days=1), maandag + dt.timedelta(days=3)
    vakantie = [maandag + dt.timedelta(days=7 + d) for d in range(5)]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: maandag)

    w.anker.gebruiker.naam = "Anna Anker"
    w.anker.gebruiker.save()
    w.eigen_school.gemeente = "Dendermonde"
    w.eigen_school.save()
    twee = factories.SchoolFactory(naam="School Twee", gemeente="Lokeren")
    drie = factories.SchoolFactory(naam="School Drie", gemeente="Hamme")
    for school in (twee, drie):
        factories.BedieningFactory(lsc=w.lsc, school=school, regioteam=w.regioteam)
    sara = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.regioteam, woonplaats="Dendermonde", gebruiker__naam="Sara Collega"
    )
    tom = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.regioteam, woonplaats="Brugge", gebruiker__naam="Tom Collega"
    )
    coordinator = w.gebruikers[Rol.COORDINATOR]
    eerste = Weekplan.objects.create(
        lsc=w.lsc, schooljaar=jaar, status=Weekplan.Status.VOORSTEL, instellingen={**weekplannen.STANDAARD}
    )
    oud = _regels(eerste, w, sara, tom, twee, drie)
    weekplannen.weekplan_publiceren(door=coordinator, weekplan=eerste)
    # The solver's next proposal: the same visits (the coordinator will move Tom's).
    tweede = Weekplan.objects.create(
        lsc=w.lsc, schooljaar=jaar, status=Weekplan.Status.VOORSTEL, instellingen={**weekplannen.STANDAARD}
    )
    nieuw = _regels(tweede, w, sara, tom, twee, drie)

    laptop = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    pagina = laptop.aanmelden(coordinator.email, wachtwoord=factories.WACHTWOORD)
    berichten = pagina.get_by_role("status")

    # 1. The absence, on the plan by date: Monday and Tuesday, with a reason.
    pagina.goto(f"{live_server.url}{reverse('weekplan_kalender')}?week={maandag.isoformat()}")
    expect(pagina.get_by_role("heading", name="Weekplan op datum", level=1)).to_be_visible()
    expect(pagina.locator("ul.vervanging")).to_have_count(0)
    pagina.get_by_text("Afwezigheid invoeren", exact=True).click()
    pagina.get_by_label("Wie is afwezig").select_option(label="Anna Anker")
    pagina.locator("#id_van").fill(maandag.isoformat())
    pagina.locator("#id_tot").fill(dinsdag.isoformat())
    pagina.get_by_label("Reden (nooit zichtbaar voor de school)").select_option("ziekte")
    pagina.get_by_role("button", name="Afwezigheid bewaren").click()
    expect(berichten).to_contain_text("De afwezigheid van Anna Anker")
    expect(berichten).to_contain_text("1 bezoek valt erin.")
    expect(pagina.locator("ul.afwezigheden")).to_contain_text("Anna Anker")
    vervanging = pagina.locator(f'ul.vervanging li[data-datum="{dinsdag:%Y-%m-%d}"]')
    expect(vervanging).to_contain_text("School Eigen")
    expect(vervanging).to_contain_text("Anna Anker is afwezig")
    expect(vervanging.get_by_role("button", name="Sara Collega gaat in de plaats")).to_be_visible()
    pagina.screenshot(path=schermafdrukken / "kalender-coordinator-afwezigheid.png", full_page=True)
    vervanging.get_by_role("button", name="Sara Collega gaat in de plaats").click()
    expect(berichten).to_contain_text("De wijziging aan het bezoek aan School Eigen")
    expect(pagina.locator("ul.vervanging")).to_have_count(0)
    expect(_dag(pagina, dinsdag)).to_contain_text("Sara Collega gaat in de plaats")
    assert Afwezigheid.objects.filter(ondersteuner=w.anker, van=maandag, tot=dinsdag, soort="ziekte").exists()
    assert Planwijziging.objects.filter(planregel=oud["anker"], datum=dinsdag, ondersteuner=sara).exists()

    # 2. The next version: Tom's Thursday visit goes to Sara, then the version is published.
    pagina.goto(f"{live_server.url}{reverse('weekplan_regel', args=[nieuw['tom'].pk])}")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Bezoek aan School Drie")
    pagina.get_by_label("Naar dag").select_option(label="donderdag")
    pagina.get_by_label("Naar ondersteuner").select_option(value=str(sara.pk))
    pagina.get_by_role("button", name="Verplaatsen", exact=True).click()
    expect(berichten).to_contain_text("staat nu op donderdag bij Sara Collega")
    pagina.screenshot(path=schermafdrukken / "kalender-coordinator-verplaatst.png", full_page=True)
    pagina.goto(f"{live_server.url}{reverse('weekplan_detail', args=[tweede.pk])}")
    pagina.get_by_role("button", name="Publiceren als versie 2").click()
    expect(berichten).to_contain_text("Versie 2 van het weekplan is gepubliceerd")
    assert Planwijziging.objects.filter(planregel=nieuw["anker"], datum=dinsdag, ondersteuner=sara).exists()
    assert laptop.console.fouten == []

    # 3a. Sara's Mijn week at 375 px: the replacement, the moved visit, the holiday.
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    hare = telefoon.aanmelden(sara.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    hare.goto(f"{live_server.url}{reverse('mijn_week')}?week={maandag.isoformat()}")
    expect(_dag(hare, dinsdag).locator("strong")).to_have_text(["School Eigen", "School Twee"])
    expect(_dag(hare, dinsdag)).to_contain_text("vervangt Anna Anker")
    expect(_dag(hare, donderdag).locator("strong")).to_have_text(["School Drie"])
    for dag in vakantie:
        expect(_dag(hare, dag)).to_contain_text(f"vakantie: {waarom_geen_schooldag(dag)}")
        expect(_dag(hare, dag).locator("strong")).to_have_count(0)
    breedte, scherm = _breedte(hare)
    assert breedte <= scherm, (breedte, scherm)
    hare.screenshot(path=schermafdrukken / "kalender-mijn-week.png", full_page=True)

    # 3b. Her .ics feed: those dates, nothing in the holiday.
    abonnement = hare.get_by_role("region", name=".ics-abonnement")
    abonnement.get_by_role("button", name="Agendalink maken").click()
    expect(hare.get_by_role("status")).to_have_text("Je agendalink is gemaakt.")
    feed = hare.get_by_label("Link van je agenda").input_value()
    antwoord = browser.new_context(**browser_context_args).request.get(feed)
    assert antwoord.status == 200
    tekst = antwoord.text()
    datums = {
        dt.date.fromisoformat(f"{j}-{m}-{d}")
        for j, m, d in re.findall(r"DTSTART[^:]*:(\d{4})(\d{2})(\d{2})", tekst)
    }
    assert {dinsdag, donderdag} <= datums
    assert not datums & set(vakantie)
    assert "SUMMARY:Leersteun: School Eigen" in tekst.replace("\r\n ", "")

    # 3c. The school's care staff at 375 px: Sara comes on Tuesday instead of Anna, no reason shown.
    school = telefoon.aanmelden(w.gebruikers[Rol.ZORG].email, wachtwoord=factories.WACHTWOORD)
    school.goto(live_server.url + reverse("school_dossier", args=[w.eigen_school.pk]))
    bezoeken = school.locator("#dossier-bezoeken")
    expect(_dag(bezoeken, dinsdag)).to_contain_text("Sara Collega")
    expect(_dag(bezoeken, dinsdag)).to_contain_text("vervangt Anna Anker")
    expect(bezoeken).not_to_contain_text("iekte")
    expect(bezoeken).not_to_contain_text("afwezig")
    breedte, scherm = _breedte(school)
    assert breedte <= scherm, (breedte, scherm)
    school.screenshot(path=schermafdrukken / "kalender-school.png", full_page=True)
    assert telefoon.console.fouten == []
