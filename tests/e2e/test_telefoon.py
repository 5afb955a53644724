"""Every page a supporter or a school's care staff opens fits a phone (375 × 812), without sideways scrolling.

Supporters log time between two school visits and care staff read along at school: both on a phone. The
pages come from the role table (tests/test_toegang.py): every GET row that answers the role with 200, the
trajectory page of a running trajectory with its logbook, goals and evaluation besides, and each HTMX form
a page loads (an action, a logbook line, the time row of Mijn trajecten) opened in place. On each page and
in each loaded state:

- nothing scrolls sideways: neither the page (`scrollWidth <= innerWidth`) nor a box inside it (a table in a
  card that would scroll on its own hides its last columns just the same), nor does anything stick out over
  the page's margin; at 360 and 414 px (the narrow and the wide phone) as well;
- every control (button, button-styled link, menu link, field) is at least 44 px high: a finger's target;
- the page's main action (`data-hoofdactie` in the template), where it has one, is on screen once scrolled
  to, 44 px high, and the element under its centre is that action (nothing covers it);
- axe-core finds no serious or critical violation at that width (WCAG 2.1 A/AA and best practice).

A full-page screenshot of each lands in pytest's temporary directory (the path is printed: run with -s), to
be looked at: an assertion proves the width, not that a page reads well.
"""

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from capaciteit.models import Weekplan
from netwerk.models import Rol
from tests import factories
from tests.support.browser import Sessies
from tests.support.rollen import ROLTABEL, url_kwargs
from tests.support.werelden import rijk_traject

pytestmark = pytest.mark.e2e

TELEFOON = {"width": 375, "height": 812}
ANDERE_BREEDTES = (360, 414)
DUIM = 44  # px: the smallest touch target (WCAG 2.5.5, Apple's and Google's guidelines)
ROLLEN = (Rol.ONDERSTEUNER, Rol.ZORG)
AXE = Axe()
AXE_REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# The pages whose main action must be marked (`data-hoofdactie`): what the role comes to that page to do.
# The care staff's pages are read along (their one action, vouching for a colleague, waits on few homes).
HOOFDACTIE = {
    Rol.ONDERSTEUNER: {
        "home",
        "mijn_trajecten",
        "traject_detail",
        "traject_detail (lopend)",
        "traject_nieuw",
        "overleg_detail",
        "traject_logboek_wijzigen",
        "traject_logboek_verwijderen",
    },
}

# What a finger taps: links styled as buttons, menu links, the account menu, form controls (a choice by its
# label), the links of a table row's actions. Links in running text are exempt (WCAG 2.5.5 "inline").
BEDIENING = (
    "button, .knop, [role=button], summary, .hoofdnavigatie a, .trajectacties a, .accountmenu a,"
    " table.stapel td:not([data-kop]) a, select, textarea, input:not([type=hidden]):not([type=file])"
)

TE_BREED = """() => {
    const breedte = window.innerWidth;
    const fouten = [];
    const main = document.querySelector("main");
    const kantlijn = main.getBoundingClientRect().right - parseFloat(getComputedStyle(main).paddingRight);
    // Inside a box that clips or scrolls, what sticks out is that box's matter (checked as a box itself).
    const binnenEenDoos = el => {
        for (let ouder = el.parentElement; ouder; ouder = ouder.parentElement) {
            if (getComputedStyle(ouder).overflowX !== "visible") return true;
        }
        return false;
    };
    if (document.documentElement.scrollWidth > breedte) {
        fouten.push(`pagina ${document.documentElement.scrollWidth} px breed`);
    }
    for (const el of document.querySelectorAll("body *")) {
        const stijl = getComputedStyle(el);
        if (stijl.display === "none" || stijl.visibility === "hidden") continue;
        if (el.closest(".visueel-verborgen, .skip")) continue;
        const naam = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
            + (el.classList.length ? "." + [...el.classList].join(".") : "");
        if (["auto", "scroll"].includes(stijl.overflowX) && el.scrollWidth > el.clientWidth + 1) {
            fouten.push(`${naam} schuift zijwaarts (${el.scrollWidth} > ${el.clientWidth} px)`);
        }
        // A box that hides what does not fit (a visually hidden label of 1 px aside) cuts off its end.
        const knipt = ["hidden", "clip"].includes(stijl.overflowX) && el.clientWidth > 1;
        if (knipt && el.scrollWidth > el.clientWidth + 1 && !["SELECT", "INPUT"].includes(el.tagName)) {
            fouten.push(`${naam} knipt af (${el.scrollWidth} > ${el.clientWidth} px)`);
        }
        const vak = el.getBoundingClientRect();
        if (vak.width && vak.right > breedte + 1 && !binnenEenDoos(el)) {
            fouten.push(`${naam} steekt uit tot ${Math.round(vak.right)} px`);
        } else if (vak.width && el !== main && main.contains(el) && vak.right > kantlijn + 1
                   && !binnenEenDoos(el)) {
            fouten.push(`${naam} steekt over de kantlijn tot ${Math.round(vak.right)} px`);
        }
    }
    return fouten.slice(0, 8);
}"""

TE_KLEIN = """(elementen, duim) => elementen
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== "hidden")
    .filter(el => !el.closest(".visueel-verborgen, .skip, details:not([open]) > ul"))
    .map(el => ["checkbox", "radio"].includes(el.type) ? (el.labels[0] || el) : el)
    .filter(el => !el.classList.contains("visueel-verborgen"))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, vak]) => vak.height < duim - 0.5)
    .map(([el, vak]) => `${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.name || "").trim()
        .slice(0, 30)}" ${Math.round(vak.height)} px hoog`)"""

BEREIKBAAR = """el => {
    const vak = el.getBoundingClientRect();
    const midden = document.elementFromPoint(vak.left + vak.width / 2, vak.top + vak.height / 2);
    return {
        links: vak.left, rechts: vak.right, boven: vak.top, onder: vak.bottom, hoogte: vak.height,
        breedte: window.innerWidth, hoogteScherm: window.innerHeight,
        raak: midden !== null && (midden === el || el.contains(midden)),
    };
}"""


def weekplan_publiceren(wereld) -> None:
    """The world's week plan proposal, published: Mijn week shows the anchor's school visits."""
    plan = wereld.eigen_weekplan
    plan.status, plan.versie, plan.gepubliceerd_op = Weekplan.Status.GEPUBLICEERD, 1, timezone.now()
    plan.save()


def paginas(rol: Rol, wereld) -> list[tuple[str, str]]:
    """(name, path) of every GET page of the role table that answers this role with 200."""
    gevonden: dict[str, str] = {}
    for naam, rij in ROLTABEL.items():
        if rij.get("methode", "get") != "get" and "get" not in rij.get("methoden", []):
            continue
        for variant in ("eigen", "vreemd"):
            if variant in rij and rij[variant][rol] == 200:
                pad = reverse(naam, kwargs=url_kwargs(naam, variant, wereld))
                gevonden.setdefault(pad, naam if variant == "eigen" else f"{naam} (ander LSC)")
    if ROLTABEL["traject_detail"]["eigen"][rol] == 200:
        gevonden[reverse("traject_detail", args=[wereld.lopend_traject.pk])] = "traject_detail (lopend)"
    return [(naam, pad) for pad, naam in gevonden.items()]


class Telefoon:
    """One role's browser at phone size: checks each page and state, keeps what it found."""

    def __init__(self, page: Page, rol: Rol, map_: Path):
        self.page, self.rol, self.map_ = page, rol, map_
        self.fouten: list[str] = []
        self.bekeken: list[str] = []
        self.gevolgd: set[str] = set()

    def fout(self, waar: str, wat: str) -> None:
        self.fouten.append(f"{self.rol.value} · {waar}: {wat}")

    def controleer(self, waar: str, *, hoofdactie: bool = False) -> None:
        page = self.page
        for breedte in ANDERE_BREEDTES:
            page.set_viewport_size({**TELEFOON, "width": breedte})
            for wat in page.evaluate(TE_BREED):
                self.fout(f"{waar} op {breedte} px", wat)
        page.set_viewport_size(TELEFOON)
        page.evaluate("window.scrollTo(0, 0)")
        for wat in page.evaluate(TE_BREED):
            self.fout(waar, wat)
        for wat in page.locator(BEDIENING).evaluate_all(TE_KLEIN, DUIM):
            self.fout(waar, wat)
        self.hoofdactie(waar, verplicht=hoofdactie)
        resultaat = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_REGELS}})
        for o in resultaat.response["violations"]:
            if o["impact"] in {"serious", "critical"}:
                doelen = " | ".join(" ".join(k["target"]) for k in o["nodes"][:3])
                self.fout(waar, f"axe {o['id']} [{o['impact']}] {doelen}")
        kort = re.sub(r"\W+", "_", waar)[:60]
        bestand = self.map_ / f"{self.rol.value}-{len(self.bekeken):02d}-{kort}.png"
        page.screenshot(path=bestand, full_page=True)
        self.bekeken.append(f"{waar} → {bestand.name}")

    def hoofdactie(self, waar: str, *, verplicht: bool) -> None:
        """Each visible main action (one per row of a list), scrolled to: on screen, 44 px, not covered."""
        acties = self.page.locator("[data-hoofdactie]:visible").all()
        if not acties and verplicht:
            self.fout(waar, "geen hoofdactie (data-hoofdactie) op deze pagina")
        for actie in acties:
            self.bereikbaar(waar, actie)

    def bereikbaar(self, waar: str, actie) -> None:
        actie.scroll_into_view_if_needed()
        maat = actie.evaluate(BEREIKBAAR)
        tekst = " ".join(actie.inner_text().split())[:40]
        if maat["links"] < 0 or maat["rechts"] > maat["breedte"] + 1 or maat["boven"] < -1:
            self.fout(waar, f"hoofdactie '{tekst}' niet in beeld: {maat}")
        elif maat["onder"] > maat["hoogteScherm"] + 1:
            self.fout(waar, f"hoofdactie '{tekst}' onder de rand van het scherm: {maat}")
        if maat["hoogte"] < DUIM - 0.5:
            self.fout(waar, f"hoofdactie '{tekst}' maar {maat['hoogte']:.0f} px hoog")
        if not maat["raak"]:
            self.fout(waar, f"hoofdactie '{tekst}' is bedekt: een tik in het midden raakt iets anders")

    def pagina(self, naam: str, url: str) -> None:
        antwoord = self.page.goto(url)
        assert antwoord is not None and antwoord.status == 200, (self.rol, url, antwoord and antwoord.status)
        self.controleer(naam, hoofdactie=naam in HOOFDACTIE.get(self.rol, set()))
        for doel in self.htmx_links():
            self.gevolgd.add(doel)
            self.page.goto(url)
            link = self.page.locator(f"a[hx-get='{doel}']").first
            tekst = " ".join(link.inner_text().split())
            link.scroll_into_view_if_needed()
            pad = doel.split("?")[0]
            with self.page.expect_response(lambda r, pad=pad: pad in r.url):
                link.click()
            expect(self.page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
            self.controleer(f"{naam} · {tekst}")

    def htmx_links(self) -> list[str]:
        """The HTMX links that load a form or a panel in place, each followed once per role; of links that
        say the same (Bewerken on each part of a consultation) only the first."""
        links = self.page.locator("main a[hx-get]:visible").evaluate_all(
            "links => links.filter(a => !a.closest('.paginering, form'))"
            ".map(a => [a.innerText.trim(), a.getAttribute('hx-get')])"
        )
        per_tekst: dict[str, str] = {}
        for tekst, doel in links:
            per_tekst.setdefault(tekst, doel)
        return [d for d in dict.fromkeys(per_tekst.values()) if d not in self.gevolgd]


def test_elke_pagina_van_ondersteuner_en_zorg_past_op_een_telefoon(
    live_server,
    wereld_met_overleg,
    browser,
    browser_context_args,
    tmp_path_factory,
):
    wereld = wereld_met_overleg
    wereld.lopend_traject = rijk_traject(wereld)
    weekplan_publiceren(wereld)
    map_ = tmp_path_factory.mktemp("telefoon")
    sessies = Sessies(browser, {**browser_context_args, "viewport": TELEFOON}, live_server.url, map_)

    fouten, aantallen = [], {}
    for rol in ROLLEN:
        page = sessies.aanmelden(wereld.gebruikers[rol].email, wachtwoord=factories.WACHTWOORD)
        telefoon = Telefoon(page, rol, map_)
        for naam, pad in paginas(rol, wereld):
            url = live_server.url + pad
            if not page.context.request.get(url).headers.get("content-type", "").startswith("text/html"):
                continue  # a download (PDF, CSV): no page to fit
            telefoon.pagina(naam, url)
        if rol == Rol.ONDERSTEUNER:
            # The calendar link, shown once after it is made: a long URL in a field.
            page.goto(live_server.url + reverse("mijn_week"))
            page.get_by_role("button", name="Agendalink maken").click()
            expect(page.get_by_label("Link van je agenda")).to_be_visible()
            telefoon.controleer("mijn_week · nieuwe agendalink")
        page.context.close()
        fouten += telefoon.fouten
        aantallen[rol.value] = len(telefoon.bekeken)
        print(f"\n{rol.value}: {len(telefoon.bekeken)} pagina's en toestanden", *telefoon.bekeken, sep="\n  ")

    print(f"\nschermafdrukken: {map_}")
    assert all(aantallen.values()), aantallen
    assert not fouten, f"{len(fouten)} problemen op {TELEFOON['width']} px:\n" + "\n".join(fouten)
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
