"""Planned versus done in a browser (issue 21, part 1), at 375 px without sideways scrolling:

1. The anchor opens "Mijn dag loggen" on the last school day, taps "Bezoek gedaan" at the planned school,
   sees it marked and undoes it with "Toch niet gedaan", then marks it again.
2. The coordinator's follow-up shows the school's planned, done and logged hours.

Screenshots (bezoek-gedaan-*.png) land in var/schermafdrukken/.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from capaciteit.models import Bezoekgedaan, Planregel, Weekplan
from capaciteit.services import weekplan as weekplannen
from netwerk.kalender import is_schooldag
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}


def _breedte(pagina) -> tuple[int, int]:
    return pagina.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_een_bezoek_als_gedaan_aanduiden_en_terugzien_in_de_opvolging(
    live_server, transactional_db, wereld_met_trajecten, browser, browser_context_args, schermafdrukken
):
    w = wereld_met_trajecten
    dag = timezone.localdate()
    while not is_schooldag(dag):
        dag -= dt.timedelta(days=1)
    plan = Weekplan.objects.create(
        lsc=w.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=weekplannen.STANDAARD,
    )
    Planregel.objects.create(
        weekplan=plan, ondersteuner=w.anker, school=w.eigen_school, dag=dag.weekday(), blokken=4
    )
    weekplannen.weekplan_publiceren(door=w.gebruikers[Rol.COORDINATOR], weekplan=plan)

    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    pagina = telefoon.aanmelden(w.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    pagina.goto(
        f"{live_server.url}{reverse('dagblad_school', args=[w.eigen_school.pk])}?datum={dag:%Y-%m-%d}"
    )
    pagina.get_by_role("button", name="Bezoek gedaan").click()
    expect(pagina.get_by_text("staat als gedaan")).to_be_visible()
    expect(pagina.locator("#bezoek-gedaan .label")).to_have_text("bezoek gedaan")
    assert Bezoekgedaan.objects.filter(ondersteuner=w.anker, school=w.eigen_school, datum=dag).exists()
    breedte, scherm = _breedte(pagina)
    assert breedte <= scherm, (breedte, scherm)
    pagina.screenshot(path=schermafdrukken / "bezoek-gedaan-dagblad.png", full_page=True)

    pagina.get_by_role("button", name="Toch niet gedaan").click()
    expect(pagina.get_by_text("staat niet meer als gedaan")).to_be_visible()
    assert not Bezoekgedaan.objects.exists()
    pagina.get_by_role("button", name="Bezoek gedaan").click()
    expect(pagina.locator("#bezoek-gedaan .label")).to_be_visible()

    coordinator = telefoon.aanmelden(w.gebruikers[Rol.COORDINATOR].email, wachtwoord=factories.WACHTWOORD)
    coordinator.goto(live_server.url + reverse("capaciteit_opvolging") + "#gedaan")
    rij = coordinator.locator(f'table.opvolging-gedaan-scholen tr[data-school="{w.eigen_school.pk}"]')
    expect(rij.locator('[data-cijfer="datum_gedaan"]')).to_have_text("2u")
    breedte, scherm = _breedte(coordinator)
    assert breedte <= scherm, (breedte, scherm)
    # The tables themselves fit their card (a card that clips would hide a sideways scroll).
    assert coordinator.evaluate(
        "[...document.querySelectorAll('table.opvolging-gedaan')]"
        ".every(t => t.scrollWidth <= t.parentElement.clientWidth)"
    )
    coordinator.locator("#gedaan").screenshot(path=schermafdrukken / "bezoek-gedaan-opvolging.png")
    assert telefoon.console.fouten == []


def test_mijn_kilometers_op_een_telefoon(
    live_server, transactional_db, wereld_met_trajecten, browser, browser_context_args, schermafdrukken
):
    """From Mijn week to Mijn kilometers at 375 px: the month's days and total without sideways scrolling."""
    w = wereld_met_trajecten
    w.anker.woonplaats = "Hamme"
    w.anker.save()
    w.eigen_school.gemeente = "Dendermonde"
    w.eigen_school.save()
    twee = factories.SchoolFactory(naam="Basisschool De Regenboog met een lange naam", gemeente="Lokeren")
    factories.BedieningFactory(lsc=w.lsc, school=twee)
    plan = Weekplan.objects.create(
        lsc=w.lsc,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.VOORSTEL,
        instellingen=weekplannen.STANDAARD,
    )
    for dag in range(5):
        Planregel.objects.create(
            weekplan=plan, ondersteuner=w.anker, school=w.eigen_school, dag=dag, blokken=4
        )
        if dag % 2 == 0:
            Planregel.objects.create(weekplan=plan, ondersteuner=w.anker, school=twee, dag=dag, blokken=4)
    weekplannen.weekplan_publiceren(door=w.gebruikers[Rol.COORDINATOR], weekplan=plan)
    eerste = timezone.localdate().replace(day=1)
    if not any(is_schooldag(eerste + dt.timedelta(days=i)) for i in range(timezone.localdate().day)):
        eerste = (eerste - dt.timedelta(days=1)).replace(day=1)

    telefoon = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    pagina = telefoon.aanmelden(w.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    pagina.goto(live_server.url + reverse("mijn_week"))
    pagina.get_by_role("link", name="Mijn kilometers").click()
    pagina.locator("#id_maand").fill(f"{eerste:%Y-%m}")
    pagina.get_by_role("button", name="Tonen").click()
    expect(pagina.locator('[data-cijfer="totaal"]')).to_be_visible()
    assert pagina.locator("table.kilometers tbody tr").count() > 0
    expect(pagina.get_by_text("niet gekend")).to_have_count(0)
    breedte, scherm = _breedte(pagina)
    assert breedte <= scherm, (breedte, scherm)
    assert pagina.evaluate(
        "(() => { const t = document.querySelector('table.kilometers');"
        " return t.scrollWidth <= t.parentElement.clientWidth; })()"
    )
    pagina.screenshot(path=schermafdrukken / "bezoek-gedaan-kilometers.png", full_page=True)
    assert telefoon.console.fouten == []
