"""A supporter on a 375 px phone logs a school day in one go, and poor school Wi-Fi loses nothing twice.

From the home page's main action to the day sheet, which opens on the school the published week plan puts
the supporter at today; three trajectories logged with one save. Then offline: the form that fails to send
keeps its input and says so, and is sent again when the connection is back: the lines are saved once. And
the retry whose original did arrive (the answer was lost on the way back) adds nothing. Screenshots land in
var/schermafdrukken/.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from tests import factories
from tests.support.browser import Sessies, htmx_klaar
from tests.support.weekplan import gepubliceerd_plan
from trajecten.models import Dagverzending, Logboekregel, Status

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
OFFLINE = (
    "Niet verstuurd: geen verbinding. Je invoer blijft staan; we proberen opnieuw zodra je weer online bent."
)


# What the browser reports about a request that could not go out: expected here, nothing else is.
VERWACHT_OFFLINE = re.compile(
    r"ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE|htmx-2(\.min)?\.js: htmx:(afterRequest|sendError),"
)


def _onverwacht(sessies: Sessies) -> list[str]:
    return [fout for fout in sessies.console.fouten if not VERWACHT_OFFLINE.search(fout)]


def _lopend(wereld, voornaam: str):
    vandaag = timezone.localdate()
    traject = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status=Status.LOPEND,
        start=vandaag - dt.timedelta(days=10),
        aangemeld_op=vandaag - dt.timedelta(days=20),
        leerling__voornaam=voornaam,
        leerling__klas="3B",
    )
    factories.ToewijzingFactory(traject=traject, ondersteuner=wereld.anker)
    return traject


@pytest.fixture
def dag(wereld):
    """Three running trajectories of the anchor at its school, another school of theirs that comes first by
    name, and a published week plan with a visit to the anchor's school today (on a weekday)."""
    trajecten = [_lopend(wereld, naam) for naam in ("Amir", "Bo", "Cas")]
    eerder = factories.SchoolFactory(naam="Aaa Basisschool")
    factories.BedieningFactory(lsc=wereld.lsc, school=eerder)
    andere = factories.TrajectFactory(lsc=wereld.lsc, school=eerder, status=Status.LOPEND)
    factories.ToewijzingFactory(traject=andere, ondersteuner=wereld.anker)
    vandaag = timezone.localdate()
    if vandaag.weekday() < 5:
        gepubliceerd_plan(wereld.lsc, (wereld.anker, wereld.eigen_school, vandaag.weekday(), 6))
    return trajecten


def _telefoon(live_server, browser, browser_context_args, schermafdrukken, wereld) -> tuple[Sessies, Page]:
    sessies = Sessies(
        browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, schermafdrukken
    )
    page = sessies.aanmelden(wereld.anker.gebruiker.email, wachtwoord=factories.WACHTWOORD)
    return sessies, page


def _naar_dagblad(page: Page, wereld) -> None:
    page.get_by_role("link", name="Mijn dag loggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn dag loggen")
    if timezone.localdate().weekday() < 5:
        expect(page.locator("#dagblad-titel")).to_contain_text(wereld.eigen_school.naam)
        expect(page.locator("#dagblad-titel")).to_contain_text("gepland in je week")
    else:
        page.get_by_role("link", name=wereld.eigen_school.naam).click()
        expect(page.locator("#dagblad-titel")).to_contain_text(wereld.eigen_school.naam)


def _rij(page: Page, traject):
    return page.locator(f"#dagregel-{traject.pk}")


def test_een_dag_met_drie_trajecten_op_een_telefoon(
    live_server, browser, browser_context_args, schermafdrukken, wereld, dag
):
    amir, bo, cas = dag
    sessies, page = _telefoon(live_server, browser, browser_context_args, schermafdrukken, wereld)
    _naar_dagblad(page, wereld)
    expect(page.locator(".dagregel")).to_have_count(3)
    expect(_rij(page, amir).locator(":scope > legend")).to_contain_text("Amir V.")

    _rij(page, amir).get_by_text("1u", exact=True).click()
    _rij(page, amir).get_by_label("Activiteit").select_option(label="Begeleiding leerling")
    _rij(page, bo).get_by_label("Of een andere duur").fill("45 min")
    _rij(page, bo).get_by_label("Activiteit").select_option(label="Overleg")
    _rij(page, cas).get_by_text("30 min", exact=True).click()
    _rij(page, cas).get_by_label("Korte notitie").fill("Observatie in de klas")
    expect(_rij(page, amir).get_by_role("radio", name="1u", exact=True)).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    page.screenshot(path=schermafdrukken / "dagblad_375.png", full_page=True)

    # A typo in one row: that row says what is wrong, every input stays, nothing is saved.
    _rij(page, bo).get_by_label("Of een andere duur").fill("45 uur")
    page.get_by_role("button", name="Dag bewaren").click()
    expect(_rij(page, bo).locator(".fout")).to_have_text("‘45 uur’ is te lang: hoogstens 10u.")
    expect(page.get_by_role("alert").filter(has_text="Niets bewaard")).to_be_visible()
    expect(_rij(page, amir).get_by_role("radio", name="1u", exact=True)).to_be_checked()
    expect(_rij(page, cas).get_by_label("Korte notitie")).to_have_value("Observatie in de klas")
    page.screenshot(path=schermafdrukken / "dagblad_fout_375.png", full_page=True)
    assert Logboekregel.objects.count() == 0
    htmx_klaar(page)
    _rij(page, bo).get_by_label("Of een andere duur").fill("45 min")

    page.get_by_role("button", name="Dag bewaren").click()
    expect(page).to_have_url(re.compile(r"/trajecten/dag/bewaard/[\w-]+/$"))
    expect(page.locator("#bewaarde-regels")).to_have_text("3 regels bewaard, in totaal 2u15.")
    regels = page.locator(".dagblad-regels li")
    expect(regels).to_have_count(3)
    expect(regels.nth(0)).to_contain_text("Amir V.")
    expect(regels.nth(0)).to_contain_text("1u · Begeleiding leerling")
    expect(regels.nth(2)).to_contain_text("Observatie in de klas")
    assert page.evaluate("document.documentElement.scrollWidth") <= TELEFOON["width"]
    page.screenshot(path=schermafdrukken / "dagblad_bewaard_375.png", full_page=True)
    assert sorted(Logboekregel.objects.values_list("traject_id", "minuten")) == [
        (amir.pk, 60),
        (bo.pk, 45),
        (cas.pk, 30),
    ]

    # The next sheet starts from what was just logged: the activity, and the duration as a quick choice.
    page.get_by_role("link", name="Nog een dag loggen").click()
    expect(_rij(page, bo).get_by_label("Activiteit")).to_have_value("overleg")
    expect(_rij(page, bo).get_by_role("radio", name="45 min", exact=True)).not_to_be_checked()
    expect(_rij(page, bo)).to_contain_text("Vorige keer: 45 min")
    assert not sessies.console.fouten, sessies.console.fouten


def test_offline_blijft_de_invoer_staan_en_wordt_eenmaal_bewaard(
    live_server, browser, browser_context_args, schermafdrukken, wereld, dag
):
    amir, bo, _cas = dag
    sessies, page = _telefoon(live_server, browser, browser_context_args, schermafdrukken, wereld)
    _naar_dagblad(page, wereld)
    _rij(page, amir).get_by_text("2u", exact=True).click()
    _rij(page, bo).get_by_label("Of een andere duur").fill("1u15")
    _rij(page, bo).get_by_label("Korte notitie").fill("Met de zorgcoördinator")

    page.context.set_offline(True)
    page.get_by_role("button", name="Dag bewaren").click()
    melding = page.get_by_role("alert").filter(has_text="Niet verstuurd")
    expect(melding).to_contain_text(OFFLINE)
    expect(_rij(page, amir).get_by_role("radio", name="2u", exact=True)).to_be_checked()
    expect(_rij(page, bo).get_by_label("Of een andere duur")).to_have_value("1u15")
    expect(_rij(page, bo).get_by_label("Korte notitie")).to_have_value("Met de zorgcoördinator")
    expect(page.get_by_role("button", name="Dag bewaren")).to_be_enabled()
    page.screenshot(path=schermafdrukken / "dagblad_offline_375.png", full_page=True)
    assert Logboekregel.objects.count() == 0

    page.context.set_offline(False)  # the browser says `online`: the form goes again by itself
    expect(page).to_have_url(re.compile(r"/trajecten/dag/bewaard/[\w-]+/$"))
    expect(page.locator("#bewaarde-regels")).to_have_text("2 regels bewaard, in totaal 3u15.")
    page.screenshot(path=schermafdrukken / "dagblad_weer_online_375.png", full_page=True)
    assert sorted(Logboekregel.objects.values_list("traject_id", "minuten")) == [(amir.pk, 120), (bo.pk, 75)]

    # A wrong day taken back at once: exactly these lines leave the logbook, back to an empty sheet.
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.locator("#berichten")).to_contain_text(
        "Ongedaan gemaakt: 2 regels (3u15) zijn uit het logboek verwijderd."
    )
    expect(page.locator(".dagregel")).to_have_count(3)
    assert Logboekregel.objects.count() == 0
    assert not _onverwacht(sessies), sessies.console.fouten


def test_een_poging_die_aankwam_maar_geen_antwoord_kreeg_wordt_niet_dubbel_bewaard(
    live_server, browser, browser_context_args, schermafdrukken, wereld, dag
):
    """The original reaches the server and saves; its answer is lost (the Wi-Fi drops on the way back). The
    page offers to try again; the retry arrives too, and finds the day already saved."""
    amir, bo, _cas = dag
    sessies, page = _telefoon(live_server, browser, browser_context_args, schermafdrukken, wereld)
    _naar_dagblad(page, wereld)
    verloren = []

    def antwoord_kwijt(route: Route) -> None:
        if route.request.method == "POST" and not verloren:
            verloren.append(route.fetch().status)  # the server saved the lines…
            route.abort("internetdisconnected")  # …but the page never hears of it
        else:
            route.continue_()

    page.route(re.compile(r"/trajecten/dag/\d+/$"), antwoord_kwijt)
    _rij(page, amir).get_by_text("1u", exact=True).click()
    _rij(page, bo).get_by_text("30 min", exact=True).click()
    page.get_by_role("button", name="Dag bewaren").click()
    melding = page.get_by_role("alert").filter(has_text="Niet verstuurd")
    expect(melding).to_be_visible()
    assert verloren and Logboekregel.objects.count() == 2
    htmx_klaar(page)

    melding.get_by_role("button", name="Opnieuw proberen").click()
    expect(page).to_have_url(re.compile(r"/trajecten/dag/bewaard/[\w-]+/$"))
    expect(page.locator("#berichten")).to_contain_text(
        "Dit dagblad was al bewaard: er is niets dubbel gelogd."
    )
    expect(page.locator("#bewaarde-regels")).to_contain_text("2 regels bewaard")
    page.screenshot(path=schermafdrukken / "dagblad_al_bewaard_375.png", full_page=True)
    assert Logboekregel.objects.count() == 2 and Dagverzending.objects.count() == 1
    assert not _onverwacht(sessies), sessies.console.fouten


def test_niet_verstuurde_invoer_overleeft_het_herladen_van_de_pagina(
    live_server, browser, browser_context_args, schermafdrukken, wereld, dag
):
    """The server stays out of reach (the phone thinks it is online) and the supporter reloads the page:
    the input comes back, with the form's first key, and is saved once when the server answers again."""
    amir, bo, _cas = dag
    sessies, page = _telefoon(live_server, browser, browser_context_args, schermafdrukken, wereld)
    _naar_dagblad(page, wereld)
    sleutel = page.locator("input[name=sleutel]").input_value()
    onbereikbaar = re.compile(r"/trajecten/dag/\d+/$")
    page.route(
        onbereikbaar,
        lambda route: (
            route.abort("addressunreachable") if route.request.method == "POST" else route.continue_()
        ),
    )
    _rij(page, amir).get_by_text("1u30", exact=True).click()
    _rij(page, bo).get_by_label("Korte notitie").fill("Gesprek met de leerkracht")
    _rij(page, bo).get_by_label("Of een andere duur").fill("20 min")
    page.get_by_role("button", name="Dag bewaren").click()
    expect(page.get_by_role("alert").filter(has_text="Niet verstuurd")).to_be_visible()

    page.reload()
    expect(page.get_by_role("alert").filter(has_text="staat terug")).to_be_visible()
    expect(_rij(page, amir).get_by_role("radio", name="1u30", exact=True)).to_be_checked()
    expect(_rij(page, bo).get_by_label("Korte notitie")).to_have_value("Gesprek met de leerkracht")
    expect(page.locator("input[name=sleutel]")).to_have_value(sleutel)
    page.screenshot(path=schermafdrukken / "dagblad_teruggezet_375.png", full_page=True)
    assert Logboekregel.objects.count() == 0

    page.unroute(onbereikbaar)
    page.get_by_role("button", name="Dag bewaren").click()
    expect(page.locator("#bewaarde-regels")).to_have_text("2 regels bewaard, in totaal 1u50.")
    assert sorted(Logboekregel.objects.values_list("traject_id", "minuten")) == [(amir.pk, 90), (bo.pk, 20)]
    # Saved: a later visit to the sheet starts empty, with a key of its own.
    page.get_by_role("link", name="Nog een dag loggen").click()
    expect(page.get_by_role("alert").filter(has_text="staat terug")).to_have_count(0)
    expect(page.locator("input[name=sleutel]")).not_to_have_value(sleutel)
    assert not _onverwacht(sessies), sessies.console.fouten
