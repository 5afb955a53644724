"""Accounts and hardening of the foundation: compulsory MFA, production settings, headers, health."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from cryptography.fernet import Fernet
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from netwerk import inlogrem
from netwerk.middleware import InactiviteitMiddleware
from netwerk.middleware import InactiviteitMiddleware as M
from netwerk.models import Rol
from netwerk.tasks import hartslag
from tests.support.omgeving import wacht_tot

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_mfa_verplicht_stuurt_naar_totp_instellen(client, wereld, settings):
    settings.HONINGRAAT_MFA_VERPLICHT = True
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    antwoord = client.get(reverse("home"))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_mfa_verplicht_laat_door_met_totp(client, wereld, settings):
    settings.HONINGRAAT_MFA_VERPLICHT = True
    gebruiker = wereld.gebruikers[Rol.ZORG]
    Authenticator.objects.create(user=gebruiker, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(gebruiker)
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(Rol))
def test_mfa_verplicht_voor_elke_rol_ook_clb_en_beheerder(client, wereld, settings, rol):
    """The CLB reads reports about pupils' schools, the administrator keeps every account: no role is let
    in on a password alone, the admin site included."""
    settings.HONINGRAAT_MFA_VERPLICHT = True
    client.force_login(wereld.gebruikers[rol])
    for url in (reverse("home"), "/beheer/"):
        antwoord = client.get(url)
        assert (antwoord.status_code, antwoord["Location"]) == (302, reverse("mfa_activate_totp")), url


@pytest.mark.django_db
def test_mfa_uit_laat_iedereen_door(client, wereld, settings):
    settings.HONINGRAAT_MFA_VERPLICHT = False
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_strikte_headers_op_elke_pagina(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("home"))
    csp = antwoord["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert antwoord["Cache-Control"] == "no-store"
    assert antwoord["X-Frame-Options"] == "DENY"


def _productie(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "MFA_SLEUTEL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def _zonder_geheim(*commando: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "MFA_SLEUTEL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(list(commando), cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("module", ["honingraat.wsgi", "honingraat.asgi"])
def test_productie_weigert_te_starten_zonder_secret_key(module):
    resultaat = _zonder_geheim(sys.executable, "-c", f"import {module}")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stderr


def test_worker_weigert_te_starten_zonder_secret_key():
    resultaat = _zonder_geheim(sys.executable, "-m", "celery", "-A", "honingraat", "worker", "--pool", "solo")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stdout + resultaat.stderr


def test_check_deploy_faalt_zonder_secret_key():
    resultaat = _productie("check", "--deploy", ALLOWED_HOSTS="honingraat.example")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stdout + resultaat.stderr


def test_beheerscommandos_zonder_geheim_werken_nog():
    """makemigrations and friends need no secret: they run, and find no missing migration."""
    resultaat = _productie("makemigrations", "--check", "--dry-run")
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_check_deploy_is_schoon_met_productie_instellingen():
    resultaat = _productie(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="een-lange-willekeurige-geheime-sleutel-voor-deze-test-0123456789-abcdefghij",
        MFA_SLEUTEL=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="honingraat.example",
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr


def test_check_deploy_waarschuwt_zonder_eigen_mfa_sleutel():
    resultaat = _productie(
        "check",
        "--deploy",
        SECRET_KEY="een-lange-willekeurige-geheime-sleutel-voor-deze-test-0123456789-abcdefghij",
        ALLOWED_HOSTS="honingraat.example",
    )
    assert "honingraat.W002" in resultaat.stdout + resultaat.stderr


GEZONDHEID_TOKEN = "monitoring-token-van-de-proef-0123456789"


def _met_token(client):
    return client.get(reverse("gezondheid"), HTTP_AUTHORIZATION=f"Bearer {GEZONDHEID_TOKEN}")


@pytest.mark.django_db
def test_gezondheid_zegt_anoniem_enkel_op_of_neer(client, settings):
    settings.GEZONDHEID_TOKEN = GEZONDHEID_TOKEN
    antwoord = client.get(reverse("gezondheid"))
    assert antwoord.status_code == 200
    assert antwoord.json() == {"ok": True}
    # A wrong or half token is an anonymous caller: nothing about the parts.
    fout = (f"Bearer {GEZONDHEID_TOKEN}x", f"Bearer {GEZONDHEID_TOKEN[:-1]}", GEZONDHEID_TOKEN, "Bearer ")
    for kop in fout:
        assert client.get(reverse("gezondheid"), HTTP_AUTHORIZATION=kop).json() == {"ok": True}, kop


@pytest.mark.django_db
def test_zonder_ingesteld_token_opent_geen_enkel_token_de_details(client, settings):
    settings.GEZONDHEID_TOKEN = ""
    assert client.get(reverse("gezondheid"), HTTP_AUTHORIZATION="Bearer ").json() == {"ok": True}


@pytest.mark.django_db
def test_gezondheid_met_token_geeft_de_onderdelen(client, settings):
    settings.GEZONDHEID_TOKEN = GEZONDHEID_TOKEN
    antwoord = _met_token(client)
    assert antwoord.status_code == 200
    gegevens = antwoord.json()
    assert gegevens["ok"] is True and gegevens["database"] == "ok" and gegevens["broker"] == "ok"
    assert gegevens["worker"] in {"ok", "geen hartslag", "te oud"}


@pytest.mark.django_db
@pytest.mark.parametrize(("rol", "details"), [(Rol.ADMIN, True), (Rol.COORDINATOR, False)])
def test_gezondheid_geeft_de_onderdelen_enkel_aan_staff(client, wereld, rol, details):
    client.force_login(wereld.gebruikers[rol])
    gegevens = client.get(reverse("gezondheid")).json()
    assert ("database" in gegevens) is details and gegevens["ok"] is True


@pytest.mark.worker
def test_hartslag_van_echte_worker_verschijnt_in_gezondheid(client, celery_worker_proces, settings):

    settings.GEZONDHEID_TOKEN = GEZONDHEID_TOKEN
    hartslag.delay()
    wacht_tot(lambda: _met_token(client).json().get("worker") == "ok")


def _totp_code(geheim: str) -> str:

    return format_hotp_value(hotp_value(geheim, next(yield_hotp_counters_from_time())))


@pytest.mark.django_db
def test_totp_instellen_en_daarna_aanmelden_met_code(client, wereld, settings):
    """The whole second factor: set up TOTP under compulsory MFA, then sign in with password and code."""

    settings.HONINGRAAT_MFA_VERPLICHT = True
    settings.MFA_TOTP_TOLERANCE = 1  # a code computed at the edge of a 30 s window stays valid
    gebruiker = wereld.gebruikers[Rol.ONDERSTEUNER]
    client.post(reverse("account_login"), {"login": gebruiker.email, "password": "wachtwoord-test"})
    assert client.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")
    # Setting up a second factor asks for the password once more (allauth's reauthentication).
    assert "/account/reauthenticate/" in client.get(reverse("mfa_activate_totp"))["Location"]
    client.post(reverse("account_reauthenticate"), {"password": "wachtwoord-test"})
    client.get(reverse("mfa_activate_totp"))
    geheim = client.session[SECRET_SESSION_KEY]
    antwoord = client.post(reverse("mfa_activate_totp"), {"code": _totp_code(geheim)})
    assert antwoord.status_code == 302
    assert Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.RECOVERY_CODES).exists()

    client.logout()
    antwoord = client.post(
        reverse("account_login"), {"login": gebruiker.email, "password": "wachtwoord-test"}
    )
    assert antwoord["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("home")).status_code == 302  # not signed in until the code is given
    antwoord = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "home" not in antwoord.get("Location", "")
    antwoord = client.post(reverse("mfa_authenticate"), {"code": _totp_code(geheim)})
    assert antwoord.status_code == 302
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.django_db
def test_wachtwoord_vergeten_stuurt_een_link_die_werkt(client, wereld, settings):

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    gebruiker = wereld.gebruikers[Rol.ZORG]
    client.post(reverse("account_reset_password"), {"email": gebruiker.email})
    assert [m.to for m in mail.outbox] == [[gebruiker.email]]
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", mail.outbox[0].body)[1]
    formulier = client.get(link, follow=True)
    client.post(
        formulier.redirect_chain[-1][0],
        {"password1": "een-nieuw-lang-wachtwoord", "password2": "een-nieuw-lang-wachtwoord"},
    )
    assert client.login(username=gebruiker.email, password="een-nieuw-lang-wachtwoord")


@pytest.mark.django_db
def test_wachtwoord_vergeten_verraadt_niet_of_een_adres_bestaat(client, wereld):
    """Known or unknown address, the visitor sees the same next page."""
    bekend = client.post(reverse("account_reset_password"), {"email": wereld.gebruikers[Rol.ZORG].email})
    onbekend = client.post(reverse("account_reset_password"), {"email": "niemand@proef.example"})
    assert bekend.status_code == onbekend.status_code == 302
    assert bekend["Location"] == onbekend["Location"] == reverse("account_reset_password_done")


def _tijden(settings, grens: str, over: int) -> dict:
    """Session times `over` seconds past the limit (negative: still within it). Idle: last active that
    long ago. Maximum: busy all day (active a minute ago) but logged in longer ago than the maximum."""

    nu = int(time.time())
    if grens == "stil":
        return {M.SLEUTEL: nu - settings.SESSION_IDLE_SECONDEN - over}
    return {M.AANGEMELD: nu - settings.SESSION_COOKIE_AGE - over, M.SLEUTEL: nu - 60}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("grens", "melding"),
    [
        ("stil", "Je was een tijd niet actief en bent afgemeld."),
        ("maximum", "Je was langer dan 8 uur aangemeld en bent afgemeld."),
    ],
)
def test_een_sessie_wordt_afgemeld_als_ze_te_lang_stil_ligt_of_te_lang_duurt(
    client, wereld, settings, grens, melding
):

    settings.HONINGRAAT_MFA_VERPLICHT = False
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert client.get("/").status_code == 200
    sessie = client.session
    assert abs(sessie[InactiviteitMiddleware.SLEUTEL] - time.time()) < 5
    assert abs(sessie[InactiviteitMiddleware.AANGEMELD] - time.time()) < 5
    sessie.update(_tijden(settings, grens, over=-30))
    sessie.save()
    assert client.get("/").status_code == 200  # still within the limit
    sessie = client.session
    sessie.update(_tijden(settings, grens, over=1))
    sessie.save()
    antwoord = client.get("/", follow=True)
    assert antwoord.redirect_chain[-1][0].startswith("/account/login/")
    assert melding in antwoord.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize("ingang", ["account_login", "beheer"])
def test_aanmelden_wordt_na_vijf_mislukte_pogingen_even_geremd(client, wereld, ingang, monkeypatch):
    """Five wrong passwords for one account from one address, then that address waits a minute, also with
    the right password; once the minute is over the right password works. The admin has no door of its
    own (it sends everyone to the same login). Other addresses: tests/netwerk/test_inlogrem.py."""

    cache.clear()  # counts an earlier run left in the cache table, which Django's flush does not empty
    if ingang == "beheer":
        antwoord = client.get("/beheer/login/?next=/beheer/")
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("account_login"))
        url = antwoord["Location"]
    else:
        url = reverse("account_login")
    admin = wereld.gebruikers[Rol.ADMIN]
    for _poging in range(5):
        antwoord = client.post(url, {"login": admin.email, "password": "fout-wachtwoord"})
        assert "e-mailadres en/of wachtwoord is niet correct" in antwoord.content.decode()
    admin.set_password("het-juiste-wachtwoord-123")
    admin.save()
    antwoord = client.post(url, {"login": admin.email, "password": "het-juiste-wachtwoord-123"})
    assert "Te veel mislukte pogingen om aan te melden. Probeer het opnieuw over 1 minuut." in (
        antwoord.content.decode()
    )
    assert "_auth_user_id" not in client.session
    monkeypatch.setattr(inlogrem, "klok", lambda: time.time() + 61)
    antwoord = client.post(url, {"login": admin.email, "password": "het-juiste-wachtwoord-123"})
    assert antwoord.status_code == 302 and client.session["_auth_user_id"] == str(admin.pk)


def test_productie_stuurt_hsts_en_beveiligde_cookies():
    # The production settings drive Django's own SecurityMiddleware (the same one the site runs).
    code = (
        "from django.conf import settings; from django.http import HttpResponse;"
        "from django.middleware.security import SecurityMiddleware; from django.test import RequestFactory;"
        "m = SecurityMiddleware(lambda r: HttpResponse('ok')); f = RequestFactory();"
        "r = m(f.get('/', HTTP_X_FORWARDED_PROTO='https')); h = m(f.get('/'));"
        "print(r.headers.get('Strict-Transport-Security'));"
        "print(h.status_code, h.headers.get('Location'));"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY)"
    )
    resultaat = _productie(
        "shell",
        "-c",
        code,
        SECRET_KEY="een-lange-willekeurige-geheime-sleutel-voor-deze-test-0123456789-abcdefghij",
        ALLOWED_HOSTS="testserver",
    )
    assert resultaat.returncode == 0, resultaat.stderr
    hsts, omleiding, koekjes = resultaat.stdout.strip().splitlines()[-3:]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert omleiding == "301 https://testserver/"
    assert koekjes == "True True True"


@pytest.mark.django_db
def test_oude_accounts_adressen_leiden_naar_account(client):
    """allauth's own prefix, in its documentation and old bookmarks, leads to the same page here."""
    antwoord = client.get("/accounts/login/?next=/scholen/")
    assert (antwoord.status_code, antwoord["Location"]) == (301, "/account/login/?next=/scholen/")
    assert client.get(antwoord["Location"]).status_code == 200
    assert client.get("/accounts/password/reset/")["Location"] == "/account/password/reset/"


@pytest.mark.django_db
def test_de_accountpaginas_spreken_de_gebruiker_aan_met_je(client, wereld):
    """Django's own Dutch password rules say "uw"; Honingraat says "je" everywhere (locale/nl)."""
    client.force_login(wereld.gebruikers[Rol.ONDERSTEUNER])
    antwoord = client.post(
        reverse("account_change_password"),
        {"oldpassword": "fout-wachtwoord", "password1": "123", "password2": "123"},
    )
    tekst = antwoord.content.decode()
    assert "Je wachtwoord moet minstens 12 tekens lang zijn." in tekst
    assert "Uw " not in tekst and " uw " not in tekst
