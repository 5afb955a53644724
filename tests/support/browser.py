"""The browser journeys' helpers: a fresh context per role that logs in through the form, the console's
errors, the phone's viewport, and waiting for htmx."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect

from honingraat import demo
from netwerk.models import Gebruiker

LOGIN_PAD = re.compile(r"/account/login/(\?next=%2F|\?next=/)?$")
SMAL = {"width": 390, "height": 844}  # a phone
NIET_GEVONDEN_BERICHT = "Failed to load resource: the server responded with a status of 404"


@dataclass
class Console:
    """Collects what the browser reports as an error; a 404 we asked for on purpose is not one."""

    fouten: list[str] = field(default_factory=list)
    verwachte_404: set[str] = field(default_factory=set)

    def volg(self, page: Page) -> None:
        page.on("console", self.bericht)
        page.on("pageerror", lambda fout: self.fouten.append(f"pageerror op {page.url}: {fout}"))

    def bericht(self, bericht: ConsoleMessage) -> None:
        if bericht.type != "error":
            return
        url = bericht.location.get("url", "")
        if bericht.text.startswith(NIET_GEVONDEN_BERICHT) and url in self.verwachte_404:
            return
        self.fouten.append(f"console op {url}: {bericht.text}")


@dataclass
class Sessies:
    """Opens a fresh browser context per role, logs in through the form and keeps track of the console."""

    browser: Browser
    context_args: dict
    basis: str
    map_: Path
    console: Console = field(default_factory=Console)

    def nieuwe_pagina(self) -> Page:
        page = self.browser.new_context(**self.context_args).new_page()
        self.console.volg(page)
        return page

    def aanmelden(
        self, email: str, *, wachtwoord: str = demo.WACHTWOORD, schermafdruk: str | None = None
    ) -> Page:
        page = self.nieuwe_pagina()
        antwoord = page.goto(self.basis + "/")
        expect(page).to_have_url(LOGIN_PAD)
        assert antwoord is not None and "script-src 'self';" in antwoord.headers["content-security-policy"]
        expect(page).to_have_title(re.compile(r"^\s*Aanmelden · Honingraat$"))
        expect(page.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()
        expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
        expect(page.locator("a[href*='/account/signup/']")).to_have_count(0)  # nobody signs up
        if schermafdruk:
            page.screenshot(path=self.map_ / schermafdruk, full_page=True)
        page.get_by_label("E-mailadres").fill(email)
        wachtwoordveld = page.get_by_label("Wachtwoord")
        wachtwoordveld.fill(wachtwoord)
        wachtwoordveld.press("Enter")
        try:
            expect(page).to_have_url(self.basis + "/")
        except AssertionError as fout:
            if not Gebruiker.objects.filter(email=email).exists():
                raise AssertionError(
                    f"{email} bestaat niet meer: een andere pytest-run heeft dezelfde testdatabank geleegd"
                ) from fout
            raise
        return page


def documentverzoeken(page: Page) -> list[str]:
    """Every full page load from now on: an HTMX swap must add none."""
    documenten: list[str] = []
    page.on("request", lambda r: documenten.append(r.url) if r.resource_type == "document" else None)
    return documenten


def markeer(element: Locator) -> None:
    """A marker on an element outside the swapped part: only a full page load removes it."""
    element.evaluate("element => element.dataset.zelfdePagina = 'ja'")


def htmx_klaar(page: Page) -> None:
    """Waits until htmx has settled. It wires up swapped-in links and forms, and moves the focus to their
    `autofocus` field, some 20 ms after the swap: typing or clicking before that races with it."""
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-added, .htmx-settling")).to_have_count(0)


def ernstig_voor_axe(page: Page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 A/AA findings on the page as it is now (a state the sweep of
    tests/e2e/test_toegankelijkheid.py does not reach: a preview with a move and what it would lose)."""
    regels = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
    resultaat = Axe().run(page, options={"runOnly": {"type": "tag", "values": regels}})
    return [
        f"{o['id']} [{o['impact']}] {o['help']}"
        for o in resultaat.response["violations"]
        if o["impact"] in {"serious", "critical"}
    ]
