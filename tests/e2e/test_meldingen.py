"""A supporter's notifications on a phone (375 px): the bell says how many are unread, the list tells unread
from read, opening one lands on its trajectory and the bell counts one less, all read empties the count, and
the preferences are chosen with a finger. Screenshots land in var/schermafdrukken/ to be looked at."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from netwerk import meldingen
from netwerk.models import Meldingsoort, Meldingvoorkeur, Rol
from tests import factories
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
DUIM = 44
TE_BREED = "() => document.documentElement.scrollWidth - window.innerWidth"
TE_KLEIN = """(elementen, duim) => elementen
    .map(e => [e.getBoundingClientRect().height, (e.innerText || e.getAttribute('aria-label') || '').trim()])
    .filter(([hoogte]) => hoogte < duim - 0.5)"""


def test_meldingen_op_een_telefoon(
    live_server, wereld_met_trajecten, browser, browser_context_args, schermafdrukken
):
    wereld = wereld_met_trajecten
    anker = wereld.gebruikers[Rol.ONDERSTEUNER]
    traject = wereld.eigen_traject
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    datum = timezone.localdate() + dt.timedelta(days=3)
    meldingen.melden(
        soort=Meldingsoort.EVALUATIE_VERVALT,
        ontvangers=[anker],
        titel=f"Traject {traject.pk}: de evaluatie is aan de beurt ({datum:%d/%m/%Y})",
        url=reverse("traject_detail", args=[traject.pk]),
    )
    meldingen.melden(
        soort=Meldingsoort.AFSLUITVRAGEN,
        ontvangers=[anker],
        titel=f"Traject {traject.pk}: de school beantwoordde de afsluitvragen",
        url=reverse("traject_detail", args=[traject.pk]),
    )
    meldingen.melden(
        soort=Meldingsoort.OVERLEG_VERPLAATST,
        ontvangers=[anker],
        titel="Schoolbeeldoverleg School Eigen: nieuwe datum, uur of plaats",
        url=reverse("overleg_school", args=[wereld.eigen_school.pk]),
    )
    sessies = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    page = sessies.aanmelden(anker.email, wachtwoord=factories.WACHTWOORD)

    def past(waar: str) -> None:
        assert page.evaluate(TE_BREED) <= 0, f"{waar}: scrollt opzij"
        klein = page.locator(
            ".bel, ul.meldingen a, fieldset.voorkeur label, main button, main .knop"
        ).evaluate_all(TE_KLEIN, DUIM)
        assert klein == [], f"{waar}: te klein voor een vinger: {klein}"

    page.goto(live_server.url + reverse("home"))
    bel = page.get_by_role("link", name="Meldingen, 3 ongelezen")
    expect(bel).to_be_visible()
    past("start")
    page.screenshot(path=schermafdrukken / "meldingen-1-bel.png")

    bel.click()
    expect(page.get_by_role("heading", name="Meldingen")).to_be_visible()
    expect(page.locator("li.meldingrij.ongelezen")).to_have_count(3)
    past("lijst")
    page.screenshot(path=schermafdrukken / "meldingen-2-lijst.png", full_page=True)

    page.get_by_role("link", name="de school beantwoordde de afsluitvragen").click()
    expect(page).to_have_url(live_server.url + reverse("traject_detail", args=[traject.pk]))
    expect(page.get_by_role("link", name="Meldingen, 2 ongelezen")).to_be_visible()
    page.get_by_role("link", name="Meldingen, 2 ongelezen").click()
    expect(page.locator("li.meldingrij.ongelezen")).to_have_count(2)
    expect(page.locator("li.meldingrij:not(.ongelezen)")).to_have_count(1)
    page.screenshot(path=schermafdrukken / "meldingen-3-een-gelezen.png", full_page=True)

    page.get_by_role("button", name="Alles als gelezen markeren").click()
    expect(page.get_by_role("link", name="Meldingen, geen ongelezen")).to_be_visible()
    expect(page.locator("li.meldingrij.ongelezen")).to_have_count(0)

    page.get_by_role("link", name="Hoe meldingen je bereiken").first.click()
    expect(page.get_by_role("heading", name="Hoe meldingen je bereiken")).to_be_visible()
    past("voorkeuren")
    page.screenshot(path=schermafdrukken / "meldingen-4-voorkeuren.png", full_page=True)
    groep = page.get_by_role("group", name=str(Meldingsoort.EVALUATIE_VERVALT.label))
    groep.get_by_label("Eén mail per dag").check()
    page.get_by_role("group", name=str(Meldingsoort.AFSLUITVRAGEN.label)).get_by_label(
        "Meteen een mail"
    ).check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text("Je keuzes zijn bewaard.")).to_be_visible()
    page.screenshot(path=schermafdrukken / "meldingen-5-bewaard.png", full_page=True)
    assert dict(
        Meldingvoorkeur.objects.filter(gebruiker=anker).exclude(kanaal="app").values_list("soort", "kanaal")
    ) == {
        "evaluatie_vervalt": "digest",
        "afsluitvragen": "mail",
    }
    page.context.close()
    assert not sessies.console.fouten, sessies.console.fouten
