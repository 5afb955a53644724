"""A new user's first day, with compulsory MFA: from the invitation mail (a real Celery worker, a real SMTP
server) to a password, a second factor set up in the browser, and a later login with password and code.

Before, the invitation left the address unverified, allauth refused to activate TOTP and every page sent
the new user back to the set-up page in a loop.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.cache import cache
from playwright.sync_api import Page, expect

from netwerk.models import Rol
from scholen.services import account_uitnodigen
from tests.support.omgeving import wacht_tot
from tests.support.werker import start_celery_worker, stop_celery_worker

pytestmark = pytest.mark.e2e
WACHTWOORD = "een-eigen-lang-wachtwoord"


def _code(geheim: str) -> str:
    return format_hotp_value(hotp_value(geheim, next(yield_hotp_counters_from_time())))


def _aanmelden(page: Page, basis: str, email: str) -> None:
    page.goto(basis + "/account/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(WACHTWOORD)
    page.locator("input[name=password]").press("Enter")


def test_van_uitnodigingsmail_tot_aanmelden_met_totp(
    live_server,
    transactional_db,
    wereld,
    settings,
    postbus,
    browser,
    browser_context_args,
    schermafdrukken,
    tmp_path,
):
    cache.clear()
    settings.HONINGRAAT_MFA_VERPLICHT = True
    settings.MFA_TOTP_TOLERANCE = 1  # a code read at the edge of a 30 s window stays valid
    settings.SITE_URL = live_server.url
    worker = start_celery_worker(tmp_path, EMAIL_URL=postbus.url, SITE_URL=live_server.url)
    try:
        account_uitnodigen(
            uitnodiger=wereld.gebruikers[Rol.COORDINATOR],
            naam="Nora Nieuw",
            email="nora.nieuw@proef.example",
            rol=Rol.ZORG,
            school=wereld.eigen_school,
        )
        (mail,) = wacht_tot(lambda: postbus.aan("nora.nieuw@proef.example"))
    finally:
        stop_celery_worker(worker)
    tekst = mail.get_body(("plain",)).get_content()
    link = re.search(rf"{re.escape(live_server.url)}/account/password/reset/key/\S+", tekst)[0]

    fouten: list[str] = []
    page = browser.new_context(
        **{**browser_context_args, "viewport": {"width": 375, "height": 812}}
    ).new_page()
    page.on("console", lambda m: fouten.append(m.text) if m.type == "error" else None)
    page.goto(link)
    page.locator("input[name=password1]").fill(WACHTWOORD)
    page.locator("input[name=password2]").fill(WACHTWOORD)
    page.screenshot(path=schermafdrukken / "uitnodiging-1-wachtwoord.png", full_page=True)
    page.locator("input[name=password2]").press("Enter")
    expect(page.locator("input[name=password1]")).to_have_count(0)
    assert EmailAddress.objects.filter(email="nora.nieuw@proef.example", verified=True).exists()

    # First login: straight to setting up the second factor, which now works (allauth asks for the
    # password once more before a new authenticator).
    _aanmelden(page, live_server.url, "nora.nieuw@proef.example")
    expect(page).to_have_url(re.compile(r"/account/reauthenticate/"))
    page.locator("input[name=password]").fill(WACHTWOORD)
    page.locator("input[name=password]").press("Enter")
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/"))
    geheim = page.locator("#authenticator_secret").input_value()
    page.screenshot(path=schermafdrukken / "uitnodiging-2-totp-instellen.png", full_page=True)
    page.locator("input[name=code]").fill(_code(geheim))
    page.locator("input[name=code]").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/account/2fa/totp/activate/"))
    assert Authenticator.objects.filter(user__email="nora.nieuw@proef.example", type="totp").exists()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dag Nora")
    page.screenshot(path=schermafdrukken / "uitnodiging-3-start.png", full_page=True)

    # A later day: password, then the code from the app.
    page.context.clear_cookies()
    _aanmelden(page, live_server.url, "nora.nieuw@proef.example")
    expect(page).to_have_url(re.compile(r"/account/2fa/authenticate/"))
    page.locator("input[name=code]").fill(_code(geheim))
    page.locator("input[name=code]").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dag Nora")
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 375, breedte
    assert fouten == []
