"""The published week plan on real dates, in a browser (issue 21):

1. The coordinator registers a leave for the anchor on the team page (the second Monday of two weeks).
2. On "Weekplan op datum" the coordinator cancels the anchor's first Monday at their school (with a
   reason), and in "Bezoeken in een afwezigheid" confirms the proposed colleague for the second Monday.
3. At 375 px, without sideways scrolling: the colleague's Mijn week shows the visit on that date as a
   replacement; the anchor's shows the cancelled visit and the absence; the school's dossier names the
   colleague on that date.

Screenshots (weekplan-datums-*.png) land in var/schermafdrukken/.
"""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from capaciteit.models import Planregel, Planwijziging, Weekplan
from capaciteit.services import weekplan as weekplannen
from netwerk.kalender import is_schooldag
from netwerk.models import Afwezigheid, Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 860}
TELEFOON = {"width": 375, "height": 812}


def _twee_schoolmaandagen() -> tuple[dt.date, dt.date]:
    """From this week on, the first Monday that is a school day and whose next Monday is one too."""
    vandaag = dt.date.today()
    maandag = vandaag - dt.timedelta(days=vandaag.weekday())
    while not (is_schooldag(maandag) and is_schooldag(maandag + dt.timedelta(days=7))):
        maandag += dt.timedelta(days=7)
    return maandag, maandag + dt.timedelta(days=7)


def _breedte(pagina) -> tuple[int, int]:
    return pagina.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def _dag(pagina, datum: dt.date):
    return pagina.locator(f'ol.weekplan-datums > li[data-datum="{datum:%Y-%m-%d}"]')


def test_coordinator_schrapt_en_vervangt_en_de_ondersteuner_ziet_het_op_datum(
    live_server, transactional_db, wereld_met_trajecten, browser, browser_context_args, schermafdrukken
):
    w = wereld_met_trajecten
    eerste, tweede = _twee_schoolmaandagen()
    if eerste.year > huidig_schooljaar() + 1 or eerste > dt.date(huidig_schooljaar() + 1, 6, 30):
        pytest.skip("geen twee schoolmaandagen meer in dit schooljaar")
    w.anker.gebruiker.naam = "Anna Anker"
    w.anker.gebruiker.save()
    twee = factories.SchoolFactory(naam="School Twee", gemeente="Lokeren")
    factories.BedieningFactory(lsc=w.lsc, school=twee, regioteam=w.regioteam)
    sara = factories.OndersteunerFactory(
        lsc=w.lsc, regioteam=w.regioteam, woonplaats="Dendermonde", gebruiker__naam="Sara Collega"
    )
    plan = Weekplan.objects.create(
        lsc=w.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=weekplannen.STANDAARD,
    )
    maandag = Planregel.objects.create(
        weekplan=plan, ondersteuner=w.anker, school=w.eigen_school, dag=0, blokken=4
    )
    Planregel.objects.create(weekplan=plan, ondersteuner=sara, school=twee, dag=0, blokken=4)
    weekplannen.weekplan_publiceren(door=w.gebruikers[Rol.COORDINATOR], weekplan=plan)

    laptop = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    pagina = laptop.aanmelden(w.gebruikers[Rol.COORDINATOR].email, wachtwoord=factories.WACHTWOORD)

    # 1. The anchor's leave, on the team page.
    pagina.goto(live_server.url + reverse("team_ondersteuner", args=[w.anker.pk]))
    pagina.get_by_label("Soort").select_option("verlof")
    pagina.locator("#id_van").fill(tweede.isoformat())
    pagina.locator("#id_tot").fill(tweede.isoformat())
    pagina.get_by_role("button", name="Afwezigheid registreren").click()
    expect(pagina.get_by_text("De afwezigheid is bewaard.")).to_be_visible()
    assert Afwezigheid.objects.filter(ondersteuner=w.anker, van=tweede).exists()

    # 2a. The first Monday cancelled, on the plan by date.
    pagina.goto(f"{live_server.url}{reverse('weekplan_kalender')}?week={eerste.isoformat()}")
    expect(pagina.get_by_role("heading", name="Weekplan op datum", level=1)).to_be_visible()
    pagina.get_by_label("Ondersteuner", exact=True).select_option(label="Anna Anker")
    pagina.get_by_role("button", name="Tonen").click()
    dag = _dag(pagina, eerste)
    expect(dag.locator("strong")).to_have_text(["School Eigen"])
    expect(_dag(pagina, tweede)).to_contain_text("afwezig")
    dag.get_by_role("link", name="Wijzigen").click()
    expect(pagina.get_by_role("heading", name="Bezoek op een datum wijzigen", level=1)).to_be_visible()
    expect(pagina.get_by_label("Datum van het bezoek")).to_have_value(eerste.isoformat())
    pagina.get_by_label("Geschrapt", exact=True).check()
    pagina.get_by_label("Reden (voor de ondersteuner)").fill("Studiedag op school")
    pagina.screenshot(path=schermafdrukken / "weekplan-datums-wijzigen.png", full_page=True)
    pagina.get_by_role("button", name="Bewaren").click()
    expect(pagina.get_by_role("status")).to_contain_text("De wijziging aan het bezoek aan School Eigen")
    expect(_dag(pagina, eerste)).to_contain_text("School Eigen geschrapt: Studiedag op school")

    # 2b. The second Monday: the anchor is away; Sara, at School Twee that day already, is proposed.
    vervanging = pagina.locator(f'ul.vervanging li[data-datum="{tweede:%Y-%m-%d}"]')
    expect(vervanging).to_contain_text("School Eigen")
    expect(vervanging).to_contain_text("Anna Anker is afwezig")
    pagina.screenshot(path=schermafdrukken / "weekplan-datums-coordinator.png", full_page=True)
    vervanging.get_by_role("button", name="Sara Collega gaat in de plaats").click()
    expect(pagina.get_by_role("status")).to_contain_text("is bewaard")
    expect(pagina.locator("ul.vervanging")).to_have_count(0)
    wijzigingen = {
        (p.datum, p.soort, p.ondersteuner_id) for p in Planwijziging.objects.filter(planregel=maandag)
    }
    assert wijzigingen == {(eerste, "geschrapt", None), (tweede, "andere_ondersteuner", sara.pk)}
    assert laptop.console.fouten == []

    # 3. At 375 px: Sara's week, the anchor's week, the school's dossier.
    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    hare = telefoon.aanmelden(sara.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    hare.goto(f"{live_server.url}{reverse('mijn_week')}?week={eerste.isoformat()}")
    expect(_dag(hare, tweede).locator("strong")).to_have_text(["School Eigen", "School Twee"])
    expect(_dag(hare, tweede)).to_contain_text("vervangt Anna Anker")
    expect(_dag(hare, eerste).locator("strong")).to_have_text(["School Twee"])
    breedte, scherm = _breedte(hare)
    assert breedte <= scherm, (breedte, scherm)
    hare.screenshot(path=schermafdrukken / "weekplan-datums-mijn-week-vervanger.png", full_page=True)

    zijne = telefoon.aanmelden(w.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    zijne.goto(f"{live_server.url}{reverse('mijn_week')}?week={eerste.isoformat()}")
    expect(_dag(zijne, eerste)).to_contain_text("School Eigen geschrapt: Studiedag op school")
    expect(_dag(zijne, eerste).locator("strong")).to_have_count(0)
    expect(_dag(zijne, tweede)).to_contain_text("afwezig")
    expect(_dag(zijne, tweede)).to_contain_text("Sara Collega gaat in de plaats")
    breedte, scherm = _breedte(zijne)
    assert breedte <= scherm, (breedte, scherm)
    zijne.screenshot(path=schermafdrukken / "weekplan-datums-mijn-week-afwezig.png", full_page=True)

    # The school's "wie komt wanneer" on dates covers this week and next.
    school = telefoon.aanmelden(w.gebruikers[Rol.ZORG].email, wachtwoord=factories.WACHTWOORD)
    school.goto(live_server.url + reverse("school_dossier", args=[w.eigen_school.pk]))
    bezoeken = school.locator("#dossier-bezoeken")
    deze_maandag = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    if tweede <= deze_maandag + dt.timedelta(days=11):
        expect(_dag(bezoeken, tweede)).to_contain_text("Sara Collega")
        expect(_dag(bezoeken, tweede)).to_contain_text("vervangt Anna Anker")
        expect(_dag(bezoeken, tweede)).not_to_contain_text("verlof")
    if eerste >= deze_maandag:
        expect(_dag(bezoeken, eerste).locator("strong")).to_have_count(0)
        expect(_dag(bezoeken, eerste)).to_contain_text("Anna Anker: School Eigen geschrapt")
        expect(_dag(bezoeken, eerste)).not_to_contain_text("Studiedag")
    breedte, scherm = _breedte(school)
    assert breedte <= scherm, (breedte, scherm)
    bezoeken.screenshot(path=schermafdrukken / "weekplan-datums-school.png")
    assert telefoon.console.fouten == []
