"""axe-core in real Chromium on every page each role may open: no serious or critical WCAG 2.1 A/AA finding.

The pages come from the role table (tests/support/rollen.py): every GET row that answers a role with 200 is
opened in that role's own browser context (one login per role). On each page every HTMX link (`hx-get`) is
followed too, so the fragments it loads (an action form, an edit form, a row form) are checked in place;
forms are sent empty to check them with their validation errors; and the pages without login are checked
(login, password reset, the second factor, the school's closing questions) beside the error pages.
axe-core comes with axe-playwright-python and runs in the page as it is, under the app's own strict CSP.
axe's best-practice rules run too (headings, landmarks): the assertion holds for serious and critical
violations of any rule; what else axe finds is counted in the report.

The counts go to var/test/axe.json (docs/SECURITY.md quotes them) and a table is printed (run with -s).
"""

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import TOTP
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from netwerk.models import Rol
from tests import factories
from tests.support.browser import Sessies
from tests.support.omgeving import ROOT
from tests.support.rollen import EIGEN_ACCOUNT, ROLTABEL, url_kwargs
from tests.support.werelden import rijk_traject
from trajecten.models import Afsluitvraag, Status

pytestmark = pytest.mark.e2e

REGELS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
ERNSTIG = {"serious", "critical"}
VERSLAG = ROOT / "var" / "test" / "axe.json"
AXE = Axe()
FOUTMELDING = ".fout, .errorlist, .melding-fout, [role=alert]"
AFSLUITSLEUTEL = "toegankelijk-afsluiten-0123456789"


@dataclass
class Controle:
    rol: str
    pagina: str
    url: str
    overtredingen: list[dict]


@dataclass
class Verslag:
    controles: list[Controle] = field(default_factory=list)
    bestanden: set[str] = field(default_factory=set)  # downloads (PDF, CSV, XLSX): no page to check
    fragmenten: set[str] = field(default_factory=set)  # HTMX links followed so far

    def controleer(self, page: Page, rol: str, pagina: str) -> None:
        resultaat = AXE.run(
            page, options={"runOnly": {"type": "tag", "values": REGELS}, "resultTypes": ["violations"]}
        )
        self.controles.append(Controle(rol, pagina, page.url, resultaat.response["violations"]))

    def ernstig(self) -> list[str]:
        return [
            f"{c.rol} · {c.pagina} ({c.url}): {o['id']} [{o['impact']}] {o['help']} · "
            + " | ".join(" ".join(knoop["target"]) for knoop in o["nodes"][:5])
            for c in self.controles
            for o in c.overtredingen
            if o["impact"] in ERNSTIG
        ]

    def per_regel(self) -> dict[str, dict]:
        regels: dict[str, dict] = {}
        for c in self.controles:
            for o in c.overtredingen:
                regel = regels.setdefault(
                    o["id"], {"impact": o["impact"], "paginas": 0, "elementen": 0, "voorbeelden": []}
                )
                regel["paginas"] += 1
                regel["elementen"] += len(o["nodes"])
                if len(regel["voorbeelden"]) < 3:
                    regel["voorbeelden"].append(f"{c.rol} · {c.pagina}: {' '.join(o['nodes'][0]['target'])}")
        return regels

    def tabel(self) -> str:
        per_rol = Counter(c.rol for c in self.controles)
        regels = [
            f"axe-core {axe_versie()} ({', '.join(REGELS)}): {len(self.controles)} controles op "
            f"{len({c.pagina for c in self.controles})} pagina's en toestanden",
            f"  {'rol':<14} {'controles':>9} {'overtredingen':>14}",
        ]
        for rol, aantal in sorted(per_rol.items()):
            gevonden = sum(len(c.overtredingen) for c in self.controles if c.rol == rol)
            regels.append(f"  {rol:<14} {aantal:>9} {gevonden:>14}")
        regels.append(f"  {'regel':<32} {'impact':<9} {'pagina':>6} {'elementen':>9}")
        for regel, cijfers in sorted(self.per_regel().items()):
            regels.append(
                f"  {regel:<32} {cijfers['impact']:<9} {cijfers['paginas']:>6} {cijfers['elementen']:>9}"
            )
        if not self.per_regel():
            regels.append("  (geen enkele overtreding)")
        return "\n".join(regels)

    def bewaar(self) -> None:
        per_rol: dict[str, list[str]] = {}
        for c in self.controles:
            per_rol.setdefault(c.rol, []).append(c.pagina)
        VERSLAG.parent.mkdir(parents=True, exist_ok=True)
        inhoud = {
            "axe_core": axe_versie(),
            "regels": REGELS,
            "controles": len(self.controles),
            "paginas_en_toestanden": len({c.pagina for c in self.controles}),
            "rollen": sorted(per_rol),
            "controles_per_rol": {rol: len(p) for rol, p in sorted(per_rol.items())},
            "ernstig_of_kritiek": len(self.ernstig()),
            "overtredingen_per_regel": self.per_regel(),
            "bestanden_niet_gecontroleerd": sorted(self.bestanden),
            "gecontroleerd": {rol: sorted(set(p)) for rol, p in sorted(per_rol.items())},
        }
        VERSLAG.write_text(json.dumps(inhoud, indent=2, ensure_ascii=False) + "\n")


def axe_versie() -> str:
    return re.search(r"axe v(\d+\.\d+\.\d+)", AXE.axe_script).group(1)


def wacht_op_htmx(page: Page, actie: Callable[[], None], pad: str) -> None:
    """Runs `actie`, waits for the HTMX answer from `pad` (not a poll elsewhere on the page) and its swap."""
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true" and pad in r.url):
        actie()
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)


def verstuur_leeg(page: Page, formulier: str) -> None:
    """Empties the form's text fields and sends it (HTMX or a full post): its errors must then show."""
    form = page.locator(formulier).first
    for veld in form.locator(
        "input[type=text], input[type=email], input[type=number], input[type=date], input[type=password],"
        " input[type=url], textarea"
    ).all():
        if veld.is_visible():
            veld.fill("")
    with page.expect_response(lambda r: r.request.method == "POST"):
        form.locator("button[type=submit], button:not([type])").first.click()
    page.wait_for_load_state()
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    expect(page.locator(FOUTMELDING).first).to_be_visible()


def htmx_links(page: Page) -> list[str]:
    return page.locator("a[hx-get]:visible").evaluate_all("links => links.map(a => a.getAttribute('hx-get'))")


def controleer_pagina(verslag: Verslag, page: Page, rol: str, naam: str, url: str) -> None:
    """The page, then each fragment its HTMX links load (the page opened afresh for each).

    A fragment is the same for every role that may load it: each is checked once, for the first such role.
    """
    antwoord = page.goto(url)
    assert antwoord is not None and antwoord.status == 200, (rol, url, antwoord and antwoord.status)
    verslag.controleer(page, rol, naam)
    nieuw = [doel for doel in htmx_links(page) if doel not in verslag.fragmenten]
    for i, doel in enumerate(nieuw):
        verslag.fragmenten.add(doel)
        if i:
            page.goto(url)
        link = page.locator(f"a[hx-get='{doel}']").first
        tekst = " ".join(link.inner_text().split())
        wacht_op_htmx(page, link.click, doel.split("?")[0])
        verslag.controleer(page, rol, f"{naam} · {tekst} (HTMX)")


def is_html(page: Page, url: str) -> bool:
    """A download (PDF, CSV, XLSX) is no page: asked with the context's cookies, not navigated to."""
    antwoord = page.context.request.get(url, max_redirects=0)
    assert antwoord.status == 200, (url, antwoord.status)
    return antwoord.headers.get("content-type", "").startswith("text/html")


def rolpaginas(rol: Rol, wereld) -> list[tuple[str, str]]:
    """(name, path) of every GET page of the role table that answers this role with 200."""
    paginas: dict[str, str] = {}
    for naam, rij in ROLTABEL.items():
        if rij.get("methode", "get") != "get":
            continue
        for variant in ("eigen", "vreemd"):
            if variant in rij and rij[variant][rol] == 200:
                pad = reverse(naam, kwargs=url_kwargs(naam, variant, wereld))
                paginas.setdefault(pad, naam if variant == "eigen" else f"{naam} (ander LSC)")
    if ROLTABEL["traject_detail"]["eigen"][rol] == 200:
        paginas[reverse("traject_detail", args=[wereld.lopend_traject.pk])] = "traject_detail (lopend)"
        paginas[reverse("traject_detail", args=[wereld.afgerond_traject.pk])] = "traject_detail (afgerond)"
    return [(naam, pad) for pad, naam in paginas.items()]


# Forms sent empty (or emptied), per role: (page, form). The errors must show, and pass axe.
FOUTFORMULIEREN = {
    Rol.COORDINATOR: [
        ("gebruiker_uitnodigen", "main form[novalidate]"),
        ("import_start", "main form[enctype]"),
        ("lsc_logo", "main form[enctype]"),
        ("capaciteit_planning", "form.capaciteit-sleutel"),
        ("capaciteit_herverdelen", "#herverdelen form"),
        ("sjabloon_bewerken", "main form[novalidate]"),
        ("weekplan_overzicht", "form.weekplan-instellingen"),
        ("traject_logboek_verwijderen", "form.tijdformulier"),  # a correction asks a reason
    ],
    Rol.ONDERSTEUNER: [
        ("traject_nieuw", "form.aanmelding"),
        ("traject_logboek_wijzigen", "form.tijdformulier"),
    ],
}


def rijke_trajecten(wereld) -> None:
    """A running trajectory with goals, a logbook, an evaluation and its network (`rijk_traject`); a closed
    one with its link.

    Built without the services that mail, so nothing is queued for a worker.
    """
    anker, vandaag = wereld.anker, timezone.localdate()
    lopend = rijk_traject(wereld)

    afgerond = factories.TrajectFactory(
        lsc=wereld.lsc,
        school=wereld.eigen_school,
        status=Status.AFGEROND,
        start=vandaag,
        afgesloten_op=vandaag,
    )
    factories.ToewijzingFactory(traject=afgerond, ondersteuner=anker)
    Afsluitvraag.objects.create(
        traject=afgerond,
        sleutel_hash=hashlib.sha256(AFSLUITSLEUTEL.encode()).hexdigest(),
        verloopt_op=timezone.now() + dt.timedelta(days=14),
    )
    wereld.lopend_traject, wereld.afgerond_traject = lopend, afgerond


def controleer_rol(verslag: Verslag, sessies: Sessies, rol: Rol, wereld) -> None:
    basis = sessies.basis
    page = sessies.aanmelden(wereld.gebruikers[rol].email, wachtwoord=factories.WACHTWOORD)
    page.locator("details.accountmenu summary").click()
    verslag.controleer(page, rol.value, "home · accountmenu open")

    for naam, pad in rolpaginas(rol, wereld):
        if is_html(page, basis + pad):
            controleer_pagina(verslag, page, rol.value, naam, basis + pad)
        else:
            verslag.bestanden.add(naam)

    for naam in sorted(EIGEN_ACCOUNT):
        url = basis + reverse(naam)
        sessies.console.verwachte_404.add(url)  # nothing of theirs to act on yet (no TOTP to deactivate)
        antwoord = page.goto(url)
        if antwoord is not None and antwoord.status == 200 and "/account/" in page.url:
            verslag.controleer(page, rol.value, f"{naam} ({page.url.removeprefix(basis)})")

    for naam, formulier in FOUTFORMULIEREN.get(rol, []):
        page.goto(basis + reverse(naam, kwargs=url_kwargs(naam, "eigen", wereld)))
        verstuur_leeg(page, formulier)
        verslag.controleer(page, rol.value, f"{naam} · met foutmeldingen")

    if rol == Rol.ONDERSTEUNER:
        # Each action form sent empty inside the trajectory page, and the row form to log time.
        for traject in (wereld.eigen_traject, wereld.lopend_traject):
            url = basis + reverse("traject_detail", args=[traject.pk])
            page.goto(url)
            for i, doel in enumerate(htmx_links(page.locator("nav.trajectacties"))):
                if i:
                    page.goto(url)
                wacht_op_htmx(page, page.locator(f"a[hx-get='{doel}']").click, doel)
                if page.locator("#actiepaneel form [required]").count() == 0:
                    continue  # nothing to leave empty: sending it would simply act
                verstuur_leeg(page, "#actiepaneel form")
                verslag.controleer(
                    page, rol.value, f"traject_detail · {doel.rsplit('/', 2)[-2]} met foutmeldingen"
                )
        page.goto(basis + reverse("mijn_trajecten"))
        link = page.get_by_role("link", name=re.compile("^Tijd loggen"))
        wacht_op_htmx(page, link.first.click, "/tijd/")
        verstuur_leeg(page, "form.tijdformulier")
        verslag.controleer(page, rol.value, "mijn_trajecten · tijd loggen met foutmeldingen")

    if rol == Rol.COORDINATOR:
        page.goto(basis + reverse("school_detail", args=[wereld.eigen_school.pk]))
        wacht_op_htmx(page, page.get_by_role("link", name="Bewerken").click, "/bewerken/")
        verstuur_leeg(page, "#gegevens form")
        verslag.controleer(page, rol.value, "school_detail · gegevens met foutmeldingen (HTMX)")
        zoek = page.goto(basis + reverse("school_lijst") + "?q=geen-enkele-school-heet-zo")
        assert zoek is not None and zoek.status == 200
        expect(page.locator(".leeg").first).to_be_visible()
        verslag.controleer(page, rol.value, "school_lijst · geen resultaten")
        page.goto(basis + reverse("traject_lijst") + "?status=stopgezet")
        expect(page.locator(".leeg").first).to_be_visible()
        verslag.controleer(page, rol.value, "traject_lijst · geen resultaten")

    # The error pages, as this role sees them.
    sessies.console.verwachte_404.add(basis + "/scholen/999999/")
    assert page.goto(basis + "/scholen/999999/").status == 404
    verslag.controleer(page, rol.value, "404 niet gevonden")
    if ROLTABEL["capaciteit_planning"]["eigen"][rol] == 403:
        assert page.goto(basis + reverse("capaciteit_planning")).status == 403
        verslag.controleer(page, rol.value, "403 geen toegang")
    if rol == Rol.ADMIN:
        sessies.console.verwachte_404.add(basis + "/favicon.ico")  # Django's admin names no icon
        page.goto(basis + reverse("admin:index"))
        verslag.controleer(page, rol.value, "beheer (Django admin)")
    page.context.close()


def controleer_zonder_aanmelden(verslag: Verslag, sessies: Sessies, wereld) -> None:
    basis = sessies.basis
    page = sessies.nieuwe_pagina()
    for naam in ("account_login", "account_reset_password", "account_reset_password_done", "account_logout"):
        page.goto(basis + reverse(naam))
        verslag.controleer(page, "anoniem", naam)

    page.goto(basis + reverse("account_login"))
    page.get_by_label("E-mailadres").fill(wereld.gebruikers[Rol.ZORG].email)
    page.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(FOUTMELDING).first).to_be_visible()
    verslag.controleer(page, "anoniem", "account_login · met foutmelding")

    page.goto(basis + reverse("account_reset_password"))
    # The browser would stop this address itself: the server's own message is what is checked here.
    page.locator("main form").evaluate("form => form.noValidate = true")
    page.get_by_label("E-mailadres").fill("geen-adres")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(FOUTMELDING).first).to_be_visible()
    verslag.controleer(page, "anoniem", "account_reset_password · met foutmelding")

    gebruiker = wereld.gebruikers[Rol.ZORG]
    sleutel = default_token_generator.make_token(gebruiker)
    pad = reverse(
        "account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(gebruiker), "key": sleutel}
    )
    page.goto(basis + pad)
    verslag.controleer(page, "anoniem", "account_reset_password_from_key")
    page.goto(basis + pad.replace(sleutel, "ongeldig-123"))
    verslag.controleer(page, "anoniem", "account_reset_password_from_key · ongeldige link")

    afsluiting = basis + reverse("afsluitvragen", args=[AFSLUITSLEUTEL])
    page.goto(afsluiting)
    verslag.controleer(page, "anoniem", "afsluitvragen")
    verstuur_leeg(page, "main form")
    verslag.controleer(page, "anoniem", "afsluitvragen · met foutmelding")
    page.get_by_label("Wat neem je als school mee?").fill("Een vaste start na de speeltijd.")
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Bedankt")
    verslag.controleer(page, "anoniem", "afsluitvragen · beantwoord")

    # The second factor: a user with TOTP is asked for a code after the password, and told when it is wrong.
    met_totp = factories.GebruikerFactory(email="totp@proef.example", rol=Rol.ZORG, lsc=None)
    TOTP.activate(met_totp, "JBSWY3DPEHPK3PXP")  # stored encrypted, as allauth stores it
    page.goto(basis + reverse("account_login"))
    page.get_by_label("E-mailadres").fill(met_totp.email)
    page.get_by_label("Wachtwoord").fill(factories.WACHTWOORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(re.compile(reverse("mfa_authenticate")))
    verslag.controleer(page, "anoniem", "mfa_authenticate")
    page.locator("input[name=code]").fill("000000")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.locator(FOUTMELDING).first).to_be_visible()
    verslag.controleer(page, "anoniem", "mfa_authenticate · met foutmelding")
    page.context.close()


def test_geen_ernstige_overtredingen_voor_elke_rol(
    live_server,
    wereld_met_overleg,
    browser,
    browser_context_args,
    schermafdrukken,
):
    wereld = wereld_met_overleg
    rijke_trajecten(wereld)
    sessies = Sessies(browser, browser_context_args, live_server.url, schermafdrukken)
    verslag = Verslag()

    controleer_zonder_aanmelden(verslag, sessies, wereld)
    for rol in sorted(Rol):
        controleer_rol(verslag, sessies, rol, wereld)

    print("\n" + verslag.tabel())
    verslag.bewaar()
    assert not verslag.ernstig(), "ernstige toegankelijkheidsfouten:\n" + "\n".join(verslag.ernstig())
    fouten = [f for f in sessies.console.fouten if "status of 403" not in f]
    assert not fouten, "fouten in de browserconsole:\n" + "\n".join(fouten)
