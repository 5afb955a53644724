"""The brake on password guessing (netwerk/inlogrem.py): a stranger's address waits, the owner does not."""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from honingraat.celery import app
from netwerk import inlogrem
from netwerk.inlogrem import PER_ACCOUNT_EN_ADRES, Regel
from netwerk.models import Rol
from tests.factories import WACHTWOORD
from tests.support.omgeving import wacht_tot
from tests.support.werker import start_celery_worker, stop_celery_worker

VREEMD, EIGEN, ANDER = "203.0.113.66", "198.51.100.7", "192.0.2.20"
GEREMD = "Te veel mislukte pogingen om aan te melden."


@pytest.fixture(autouse=True)
def _geen_oude_tellers(request):
    """Counts from an earlier run that stopped halfway (the cache is a table outside Django's flush)."""
    if "db" in request.fixturenames:
        request.getfixturevalue("db")
        cache.clear()


def _aanmelden(client: Client, email: str, wachtwoord: str, adres: str, **koppen):
    return client.post(
        reverse("account_login"), {"login": email, "password": wachtwoord}, REMOTE_ADDR=adres, **koppen
    )


def _aangemeld(client: Client, gebruiker) -> bool:
    return client.session.get("_auth_user_id") == str(gebruiker.pk)


def _later(monkeypatch, seconden: float) -> None:
    """The brake's clock `seconden` ahead: what a wait of minutes looks like without waiting."""
    monkeypatch.setattr(inlogrem, "klok", lambda: time.time() + seconden)


def test_wachttijd_groeit_na_de_vijfde_fout_en_vergeet_na_een_dag():
    regel = PER_ACCOUNT_EN_ADRES
    assert regel.wachttijd([100.0] * 4, nu=100.0) == 0
    assert regel.wachttijd([100.0] * 5, nu=100.0) == 60
    assert regel.wachttijd([100.0] * 6, nu=130.0) == 300 - 30
    assert regel.wachttijd([100.0] * 7, nu=100.0) == 15 * 60
    assert regel.wachttijd([100.0] * 8, nu=100.0) == regel.wachttijd([100.0] * 20, nu=100.0) == 3600
    assert regel.wachttijd([100.0] * 20, nu=100.0 + 24 * 3600) == 0
    assert Regel(vrij=2, wachten=(10,), geheugen=50).wachttijd([0.0, 40.0, 45.0], nu=50.0) == 5


@pytest.mark.django_db
def test_vreemd_adres_wacht_terwijl_de_eigenaar_elders_aanmeldt(wereld):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    vreemde, eigenaar = Client(), Client()
    for _poging in range(5):
        _aanmelden(vreemde, coordinator.email, "geraden-wachtwoord", VREEMD)
    antwoord = _aanmelden(vreemde, coordinator.email, "nog-een-gok", VREEMD)
    assert f"{GEREMD} Probeer het opnieuw over 1 minuut." in antwoord.content.decode()

    _aanmelden(eigenaar, coordinator.email, WACHTWOORD, EIGEN)
    assert _aangemeld(eigenaar, coordinator)
    # The stranger's address stays braked for this account, even with the right password...
    antwoord = _aanmelden(vreemde, coordinator.email, WACHTWOORD, VREEMD)
    assert GEREMD in antwoord.content.decode() and not _aangemeld(vreemde, coordinator)
    # ...but not for another one, and an unknown address gets the same answer (nothing to enumerate).
    _aanmelden(vreemde, wereld.gebruikers[Rol.ZORG].email, WACHTWOORD, VREEMD)
    assert _aangemeld(vreemde, wereld.gebruikers[Rol.ZORG])
    onbekend = Client()
    for _poging in range(5):
        _aanmelden(onbekend, "niemand@proef.example", "gok", VREEMD)
    assert GEREMD in _aanmelden(onbekend, "niemand@proef.example", "gok", VREEMD).content.decode()


@pytest.mark.django_db
def test_elke_volgende_fout_van_hetzelfde_adres_wacht_langer(wereld, monkeypatch):
    zorg = wereld.gebruikers[Rol.ZORG]
    client = Client()
    for _poging in range(5):
        _aanmelden(client, zorg.email, "fout", VREEMD)
    for na, wacht in [(61, "5 minuten"), (61 + 301, "15 minuten"), (61 + 301 + 901, "60 minuten")]:
        _later(monkeypatch, na)
        assert GEREMD not in _aanmelden(client, zorg.email, "fout", VREEMD).content.decode()
        assert (
            f"Probeer het opnieuw over {wacht}."
            in _aanmelden(client, zorg.email, "fout", VREEMD).content.decode()
        )
    _later(monkeypatch, 61 + 301 + 901 + 3601)
    _aanmelden(client, zorg.email, WACHTWOORD, VREEMD)
    assert _aangemeld(client, zorg)


@pytest.mark.django_db
def test_een_adres_dat_veel_accounts_probeert_wacht_voor_elk_nieuw_account(wereld):
    """Password spraying: 30 failures over many accounts from one address, then that address waits for
    every account it was not yet known in; other addresses and the owner's own browser do not, also while
    the sprayer goes on posting (more than allauth's former 30 posts a minute per address)."""
    zorg = wereld.gebruikers[Rol.ZORG]
    eigen_browser = Client()
    _aanmelden(eigen_browser, zorg.email, WACHTWOORD, VREEMD)
    eigen_browser.post(reverse("account_logout"))
    sproeier = Client()
    for nummer in range(30):
        antwoord = _aanmelden(sproeier, f"gok{nummer}@proef.example", "Welkom2024!", VREEMD)
        assert GEREMD not in antwoord.content.decode()
    antwoord = _aanmelden(sproeier, "nog-een@proef.example", "Welkom2024!", VREEMD)
    assert f"{GEREMD} Probeer het opnieuw over 15 minuten." in antwoord.content.decode()
    nieuwe_browser = Client()
    assert GEREMD in _aanmelden(nieuwe_browser, zorg.email, WACHTWOORD, VREEMD).content.decode()
    for nummer in range(10):
        _aanmelden(sproeier, f"meer{nummer}@proef.example", "Welkom2024!", VREEMD)

    _aanmelden(eigen_browser, zorg.email, WACHTWOORD, VREEMD)  # the same school network, a known browser
    assert _aangemeld(eigen_browser, zorg)
    _aanmelden(nieuwe_browser, zorg.email, WACHTWOORD, ANDER)
    assert _aangemeld(nieuwe_browser, zorg)


@pytest.mark.django_db
def test_een_verspreide_aanval_remt_nieuwe_browsers_maar_niet_die_van_de_eigenaar(wereld, settings):
    """50 failures for one account from 50 addresses: a new browser waits, even from a fresh address and
    with the right password; the browser the owner logged in with before does not; a reset frees it."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    directeur = wereld.gebruikers[Rol.DIRECTEUR]
    eigen_browser = Client()
    _aanmelden(eigen_browser, directeur.email, WACHTWOORD, EIGEN)
    eigen_browser.post(reverse("account_logout"))
    for nummer in range(50):
        _aanmelden(Client(), directeur.email, f"gok-{nummer}", f"10.{nummer}.0.1")
    nieuwe_browser = Client()
    antwoord = _aanmelden(nieuwe_browser, directeur.email, WACHTWOORD, ANDER)
    assert f"{GEREMD} Probeer het opnieuw over 15 minuten." in antwoord.content.decode()

    _aanmelden(eigen_browser, directeur.email, WACHTWOORD, ANDER)  # on the road, the same laptop
    assert _aangemeld(eigen_browser, directeur)
    # A cookie that was tampered with makes no browser known.
    vervalst = Client()
    vervalst.cookies[inlogrem.TOESTEL_COOKIE] = eigen_browser.cookies[inlogrem.TOESTEL_COOKIE].value + "x"
    assert GEREMD in _aanmelden(vervalst, directeur.email, WACHTWOORD, ANDER).content.decode()

    nieuwe_browser.post(reverse("account_reset_password"), {"email": directeur.email}, REMOTE_ADDR=ANDER)
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", mail.outbox[-1].body)[1]
    formulier = nieuwe_browser.get(link, follow=True, REMOTE_ADDR=ANDER)
    nieuwe_browser.post(
        formulier.redirect_chain[-1][0],
        {"password1": "een-nieuw-lang-wachtwoord", "password2": "een-nieuw-lang-wachtwoord"},
        REMOTE_ADDR=ANDER,
    )
    _aanmelden(nieuwe_browser, directeur.email, "een-nieuw-lang-wachtwoord", ANDER)
    assert _aangemeld(nieuwe_browser, directeur)


@pytest.mark.django_db
def test_een_ipv6_adres_telt_als_zijn_64_netwerk(wereld):
    """One home or phone gets a whole /64: a fresh address for every guess would start a fresh count."""
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    for nummer in range(5):
        _aanmelden(Client(), coordinator.email, "gok", f"2001:db8:1:2::{nummer + 1}")
    assert GEREMD in _aanmelden(Client(), coordinator.email, "gok", "2001:db8:1:2:ffff::99").content.decode()
    buren = Client()
    _aanmelden(buren, coordinator.email, WACHTWOORD, "2001:db8:1:3::1")
    assert _aangemeld(buren, coordinator)


@pytest.mark.django_db
def test_een_x_forwarded_for_van_de_client_kiest_zijn_adres_niet(wereld, settings):
    """Behind one proxy (TRUSTED_PROXY_COUNT=1) only the address the proxy added, the last one, counts:
    whatever the client wrote before it, its failures land on the same count."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    vreemde = Client()
    for nummer in range(6):
        antwoord = _aanmelden(
            vreemde, coordinator.email, "gok", "10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.18.0.{nummer}, {VREEMD}"
        )
    assert GEREMD in antwoord.content.decode()
    antwoord = _aanmelden(
        vreemde, coordinator.email, WACHTWOORD, "10.0.0.2", HTTP_X_FORWARDED_FOR=EIGEN + ", " + VREEMD
    )
    assert GEREMD in antwoord.content.decode()
    eigenaar = Client()
    _aanmelden(eigenaar, coordinator.email, WACHTWOORD, "10.0.0.2", HTTP_X_FORWARDED_FOR=EIGEN)
    assert _aangemeld(eigenaar, coordinator)


@pytest.mark.django_db
def test_de_eigenaar_krijgt_een_mail_per_episode(
    wereld, settings, django_capture_on_commit_callbacks, monkeypatch
):
    """Blocked from two addresses and more failures after the wait: one mail, in Dutch, that says how often
    and from where, and holds no password and no link with a key."""

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    vorige, app.conf.task_always_eager = app.conf.task_always_eager, True  # the count is under test here
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for adres in (VREEMD, ANDER):
                for _poging in range(7):
                    _aanmelden(Client(), coordinator.email, "Welkom2024!", adres)
            _later(monkeypatch, 3600)
            for _poging in range(3):
                _aanmelden(Client(), coordinator.email, "Welkom2024!", VREEMD)
    finally:
        app.conf.task_always_eager = vorige
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    bericht = mail.outbox[0]
    assert bericht.subject == "[Honingraat] Mislukte pogingen om aan te melden op je account"
    assert (
        f"Er werd 5 keer een fout wachtwoord geprobeerd voor je account {coordinator.email}" in bericht.body
    )
    assert f"vanaf het internetadres {VREEMD}" in bericht.body
    assert "Was jij dat niet? Wijzig dan je wachtwoord" in bericht.body
    assert "Welkom2024!" not in bericht.body and "/key/" not in bericht.body
    assert "/account/password/change/" in bericht.body


@pytest.mark.worker
def test_de_waarschuwing_gaat_via_een_echte_worker_naar_een_echte_smtp_server(
    wereld,
    transactional_db,
    tmp_path,
    postbus,
):
    coordinator = wereld.gebruikers[Rol.COORDINATOR]
    worker = start_celery_worker(tmp_path, EMAIL_URL=postbus.url)
    try:
        for _poging in range(6):
            _aanmelden(Client(), coordinator.email, "Welkom2024!", VREEMD)
        wacht_tot(lambda: postbus.aan(coordinator.email), timeout=60)
    finally:
        stop_celery_worker(worker)
    [bericht] = postbus.aan(coordinator.email)
    tekst = bericht.get_body(("plain",)).get_content()
    assert "Er werd 5 keer een fout wachtwoord geprobeerd" in tekst and VREEMD in tekst
