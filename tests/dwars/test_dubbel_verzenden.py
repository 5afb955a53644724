"""A form sent twice in a row (a double click, a resent request) takes effect once (netwerk/eenmalig.py).

The window is the production one here (the suite's default is 0: its tests resend forms on purpose). Two
identical POSTs create one trajectory, one logbook line, one agreement, also when two threads send them at
the same moment; the repeat answers with the first's redirect and says the form was already sent. A second
identical submission after the window, or the same form again after a different one, is done again.
"""

import datetime as dt
import threading

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from netwerk.models import Rol, Verzending
from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Afspraak, Schoolbeeldoverleg
from overleg.services import _deelnemers_vastleggen
from tests import factories
from tests.support.werelden import lopend_traject
from trajecten.models import Logboekregel, Traject

HTMX = {"HX-Request": "true"}
AL_VERSTUURD = "Dit formulier werd net al verstuurd: het is één keer verwerkt."


@pytest.fixture(autouse=True)
def venster(settings) -> float:
    settings.HONINGRAAT_EENMALIG_SECONDEN = 5.0
    return settings.HONINGRAAT_EENMALIG_SECONDEN


@pytest.fixture
def lopend(wereld) -> Traject:
    return lopend_traject(wereld)


def _als(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _aanmelding(wereld) -> dict:
    return {
        "school": wereld.eigen_school.pk,
        "gebondenheid": "leerling",
        "voornaam": "Mila",
        "initiaal": "V",
        "geboortejaar": 2016,
        "klas": "4B",
        "verslag": "gc",
        "type": "9",
        "fase": 2,
        "vraag_leerkracht": "Hoe geef ik rust bij overgangen?",
    }


def _tijd(**extra) -> dict:
    return {"datum": timezone.localdate().isoformat(), "snel": 60, "activiteit": "observatie", **extra}


def _later(venster: float) -> None:
    """Moves the recorded first submissions back past the window: as if the user waited that long."""
    for verzending in Verzending.objects.exclude(klaar_op=None):
        Verzending.objects.filter(pk=verzending.pk).update(
            ontvangen_op=verzending.ontvangen_op - dt.timedelta(seconds=venster + 1),
            klaar_op=verzending.klaar_op - dt.timedelta(seconds=venster + 1),
        )


# ---------------------------------------------------------------------------------- one after the other


@pytest.mark.django_db
def test_aanmelding_twee_keer_verstuurd_maakt_een_traject(wereld):
    client = _als(wereld.anker.gebruiker)
    eerste = client.post(reverse("traject_nieuw"), _aanmelding(wereld))
    tweede = client.post(reverse("traject_nieuw"), _aanmelding(wereld))

    traject = Traject.objects.get()
    assert eerste.status_code == tweede.status_code == 302
    assert tweede["Location"] == eerste["Location"] == reverse("traject_detail", args=[traject.pk])
    assert AL_VERSTUURD in client.get(tweede["Location"]).content.decode()


@pytest.mark.django_db
def test_logboekregel_twee_keer_verstuurd_met_htmx_maakt_een_regel(wereld, lopend):
    client = _als(wereld.anker.gebruiker)
    url = reverse("traject_tijd", args=[lopend.pk])
    eerste = client.post(url, _tijd(weergave="rij"), headers=HTMX)
    tweede = client.post(url, _tijd(weergave="rij"), headers=HTMX)

    assert Logboekregel.objects.filter(traject=lopend).count() == 1
    assert "1u gelogd." in eerste.content.decode()
    # What the first swapped into the row stays; the message goes where the page shows its messages.
    assert (tweede.status_code, tweede["HX-Retarget"], tweede["HX-Reswap"]) == (
        200,
        "#berichten",
        "innerHTML",
    )
    assert AL_VERSTUURD in tweede.content.decode()


@pytest.mark.django_db
def test_afspraak_van_het_overleg_twee_keer_verstuurd_maakt_een_afspraak(wereld):
    overleg = Schoolbeeldoverleg.objects.create(
        lsc=wereld.lsc, school=wereld.eigen_school, schooljaar=huidig_schooljaar()
    )
    _deelnemers_vastleggen(overleg)
    client = _als(wereld.gebruikers[Rol.COORDINATOR])
    data = {
        "omschrijving": "Leidraad aanvullen met de trajecten",
        "eigenaar": wereld.anker.gebruiker.pk,
        "tegen": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
    }
    url = reverse("overleg_afspraak_nieuw", args=[overleg.pk])
    assert "De afspraak is toegevoegd." in client.post(url, data, headers=HTMX).content.decode()
    assert AL_VERSTUURD in client.post(url, data, headers=HTMX).content.decode()
    assert Afspraak.objects.filter(overleg=overleg).count() == 1


@pytest.mark.django_db
def test_zonder_doorverwijzing_zegt_de_herhaling_dat_het_al_verstuurd_is(wereld):
    """A form refused for its content (no redirect): the repeat gets the message, with a way back."""
    client = _als(wereld.anker.gebruiker)
    onvolledig = {"school": wereld.eigen_school.pk, "gebondenheid": "leerling", "type": "9", "fase": 2}
    eerste = client.post(reverse("traject_nieuw"), onvolledig, headers={"Referer": "http://testserver/"})
    tweede = client.post(reverse("traject_nieuw"), onvolledig, headers={"Referer": "http://testserver/"})
    assert (
        eerste.status_code == 200
        and "Vul dit in voor een leerlinggebonden traject." in eerste.content.decode()
    )
    assert tweede.status_code == 409
    html = tweede.content.decode()
    assert AL_VERSTUURD in html and 'href="http://testserver/"' in html
    assert not Traject.objects.exists()


@pytest.mark.django_db
def test_na_het_venster_telt_dezelfde_inzending_opnieuw(wereld, lopend, venster):
    client = _als(wereld.anker.gebruiker)
    url = reverse("traject_tijd", args=[lopend.pk])
    client.post(url, _tijd(weergave="rij"), headers=HTMX)
    _later(venster)
    antwoord = client.post(url, _tijd(weergave="rij"), headers=HTMX)
    assert "1u gelogd." in antwoord.content.decode()
    assert Logboekregel.objects.filter(traject=lopend).count() == 2


@pytest.mark.django_db
def test_hetzelfde_formulier_na_een_ander_telt_opnieuw(wereld, lopend):
    """A, B, A: three things the user did, not a double (a pin set, removed and set again works too)."""
    client = _als(wereld.anker.gebruiker)
    url = reverse("traject_tijd", args=[lopend.pk])
    for minuten in (60, 90, 60):
        client.post(url, _tijd(weergave="rij", snel=minuten), headers=HTMX)
    assert sorted(Logboekregel.objects.values_list("minuten", flat=True)) == [60, 60, 90]


@pytest.mark.django_db
def test_dezelfde_inzending_van_een_collega_is_geen_herhaling(wereld, lopend):
    collega = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
    factories.ToewijzingFactory(traject=lopend, ondersteuner=collega, rol="focus")
    url = reverse("traject_tijd", args=[lopend.pk])
    for gebruiker in (wereld.anker.gebruiker, collega.gebruiker):
        _als(gebruiker).post(url, _tijd())
    assert Logboekregel.objects.filter(traject=lopend).count() == 2


@pytest.mark.django_db
def test_een_geweigerde_eerste_inzending_houdt_niets_vast(wereld, lopend):
    """A first request that failed saved nothing: sending it again is a retry, not a double."""
    client = _als(wereld.gebruikers[Rol.ZORG])
    url = reverse("traject_tijd", args=[lopend.pk])
    assert client.post(url, _tijd()).status_code == 403
    assert not Verzending.objects.exists()


@pytest.mark.django_db
def test_zoeken_met_post_mag_herhaald_worden(wereld, lopend):
    client = _als(wereld.anker.gebruiker)
    for _keer in range(2):
        html = client.post(reverse("traject_lijst"), {"q": "Mila"}, headers=HTMX).content.decode()
        assert "Mila" in html and AL_VERSTUURD not in html


@pytest.mark.django_db
def test_het_csrf_token_telt_niet_mee(wereld, lopend):
    """A resent form carries a fresh token in some browsers: the same form is still the same form."""
    client = _als(wereld.anker.gebruiker)
    url = reverse("traject_tijd", args=[lopend.pk])
    client.post(url, _tijd(weergave="rij", csrfmiddlewaretoken="a" * 64), headers=HTMX)
    client.post(url, _tijd(weergave="rij", csrfmiddlewaretoken="b" * 64), headers=HTMX)
    assert Logboekregel.objects.count() == 1


@pytest.mark.django_db
def test_oude_verzendingen_worden_opgeruimd_en_bewaren_geen_inhoud(wereld, lopend):
    oud = Verzending.objects.create(
        sleutel="x" * 64,
        vingerafdruk="y" * 64,
        token="z" * 32,
        ontvangen_op=timezone.now() - dt.timedelta(hours=2),
        klaar_op=timezone.now() - dt.timedelta(hours=2),
        status=302,
    )
    client = _als(wereld.anker.gebruiker)
    client.post(reverse("traject_tijd", args=[lopend.pk]), _tijd(notitie="Observatie bij Mila"))
    assert not Verzending.objects.filter(pk=oud.pk).exists()
    rij = Verzending.objects.get()
    opgeslagen = " ".join(str(w) for w in (rij.sleutel, rij.vingerafdruk, rij.koppen))
    assert "Mila" not in opgeslagen and str(wereld.anker.gebruiker.pk) not in rij.sleutel


# --------------------------------------------------------------------------------- at the same moment


def _tegelijk(aantal: int, verstuur) -> list:
    """`aantal` threads, each with a connection of its own, send at the same moment; their answers."""
    start = threading.Barrier(aantal)
    antwoorden: list = [None] * aantal

    def draai(i: int) -> None:
        try:
            start.wait(10)
            antwoorden[i] = verstuur()
        finally:
            connection.close()

    draden = [threading.Thread(target=draai, args=(i,)) for i in range(aantal)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(60)
    return antwoorden


def _in_dezelfde_sessie(gebruiker):
    """A client per thread in one browser session, as two clicks in one tab: a fresh Client each time."""
    sleutel = _als(gebruiker).cookies[django_settings.SESSION_COOKIE_NAME].value

    def client() -> Client:
        nieuw = Client()
        nieuw.cookies[django_settings.SESSION_COOKIE_NAME] = sleutel
        return nieuw

    return client


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_logboekregels_worden_er_een(wereld, lopend):
    client = _in_dezelfde_sessie(wereld.anker.gebruiker)
    url = reverse("traject_tijd", args=[lopend.pk])

    def verstuur():
        return client().post(url, _tijd(weergave="rij"), headers=HTMX)

    antwoorden = _tegelijk(4, verstuur)

    assert Logboekregel.objects.filter(traject=lopend).count() == 1
    assert sum("1u gelogd." in a.content.decode() for a in antwoorden) == 1
    assert sum(AL_VERSTUURD in a.content.decode() for a in antwoorden) == 3


@pytest.mark.django_db(transaction=True)
def test_twee_gelijktijdige_aanmeldingen_worden_een_traject(wereld):
    client = _in_dezelfde_sessie(wereld.anker.gebruiker)

    def verstuur():
        return client().post(reverse("traject_nieuw"), _aanmelding(wereld))

    antwoorden = _tegelijk(2, verstuur)

    traject = Traject.objects.get()
    assert [a["Location"] for a in antwoorden] == [reverse("traject_detail", args=[traject.pk])] * 2


# ------------------------------------------------------------------------------------------ the browser


@pytest.mark.e2e
def test_een_dubbele_klik_in_de_browser_verstuurt_een_htmx_formulier_een_keer(
    live_server, browser, browser_context_args, wereld, lopend
):
    """htmx queues a second submit of a form behind the first; the page's script (static/js/honingraat.js)
    keeps it from leaving at all, and frees the button once the answer is in."""
    sessie = _als(wereld.anker.gebruiker).cookies[django_settings.SESSION_COOKIE_NAME].value
    context = browser.new_context(**browser_context_args)
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": sessie, "url": live_server.url}]
    )
    page = context.new_page()
    fouten: list[str] = []
    page.on("console", lambda bericht: fouten.append(bericht.text) if bericht.type == "error" else None)
    lijst = reverse("traject_lijst")
    page.goto(live_server.url + lijst)
    verstuurd: list[str] = []
    page.on("request", lambda r: verstuurd.append(r.url) if r.method == "POST" else None)

    knop = page.get_by_role("button", name="Zoeken")
    knop.dblclick()
    page.wait_for_timeout(1000)  # room for a queued second request to leave, if anything let it

    assert [url.removeprefix(live_server.url) for url in verstuurd] == [lijst]
    expect(knop).to_be_enabled()
    expect(page.locator("#resultaten")).to_contain_text("Mila")
    assert not fouten
    context.close()
