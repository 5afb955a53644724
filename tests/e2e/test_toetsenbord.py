"""The main journeys with the keyboard alone: Tab, Shift+Tab, Enter, Space, Escape and the arrow keys.

No mouse and no `fill` or `click`: after the first address every step is a key press, as for someone who
cannot use a mouse. At every Tab the focused element must show its focus (an outline that is not `none`).
The skip link is the first stop on every page and takes the keyboard into the main content. The action
panel of a trajectory behaves as a dialog: it opens with its first field focused, and Escape or Annuleren
closes it and gives focus back to the button that opened it. Screenshots land in var/schermafdrukken/.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from netwerk.models import Rol
from tests import factories
from tests.support.browser import Console
from tests.support.omgeving import wacht_tot
from trajecten.models import Logboekregel, Traject

pytestmark = pytest.mark.e2e

# What the keyboard is on: its name as a screen reader would roughly say it, and how its focus shows.
FOCUS = """() => {
  const e = document.activeElement;
  const stijl = getComputedStyle(e);
  const label = e.labels && e.labels.length ? e.labels[0].innerText : "";
  return {
    tag: e.tagName.toLowerCase(),
    id: e.id,
    naam: (e.getAttribute("aria-label") || label || e.innerText || e.value || "")
      .replace(/\\s+/g, " ").trim(),
    omlijning: stijl.outlineStyle,
    dikte: parseFloat(stijl.outlineWidth) || 0,
    inMain: !!e.closest("main"),
    inPaneel: !!e.closest("#actiepaneel"),
    waarde: e.value === undefined ? null : e.value,
    aangevinkt: !!e.checked,
  };
}"""
MAX_STAPPEN = 80


def focus(page: Page) -> dict:
    return page.evaluate(FOCUS)


def toets(page: Page, toets_: str) -> dict:
    """Presses a key and returns the focused element; a focus moved by Tab must be visible.

    Enter and Escape may load another page: what has the focus then is read by the caller, when it is there.
    """
    page.keyboard.press(toets_)
    if toets_ in {"Enter", "Escape"}:
        return {}
    nu = focus(page)
    if toets_ in {"Tab", "Shift+Tab"}:
        assert nu["tag"] != "body", "de focus viel van de pagina"
        assert nu["omlijning"] != "none" and nu["dikte"] >= 2, f"focus niet zichtbaar op {nu}"
    return nu


def tab_tot(page: Page, patroon: str, *, terug: bool = False) -> dict:
    """Tabs (forward, or back with Shift+Tab) until the focused element's name matches `patroon`."""
    weg = []
    for _ in range(MAX_STAPPEN):
        nu = toets(page, "Shift+Tab" if terug else "Tab")
        if re.search(patroon, nu["naam"]):
            return nu
        weg.append(nu["naam"][:40])
    pytest.fail(f"{patroon!r} niet bereikt met Tab; de focus ging langs {weg}")


def overslaan_naar_inhoud(page: Page) -> dict:
    """The first Tab on a freshly loaded page lands on the skip link, visible; Enter puts the keyboard in
    <main>, and the next Tab on the first stop of the content, which is returned."""
    eerste = toets(page, "Tab")
    assert eerste["naam"] == "Naar de inhoud", eerste
    vak = page.locator("a.skip").bounding_box()
    assert vak and vak["x"] >= 0 and vak["y"] >= 0 and vak["width"] > 0, (
        f"de overslaanlink is niet te zien: {vak}"
    )
    toets(page, "Enter")
    assert focus(page)["id"] == "inhoud"
    volgende = toets(page, "Tab")
    assert volgende["inMain"], "na de overslaanlink is de volgende stop niet in de inhoud"
    return volgende


def aanmelden(page: Page, basis: str, email: str) -> None:
    page.goto(basis + "/")
    expect(page.get_by_role("heading", name="Aanmelden", level=1)).to_be_visible()
    assert overslaan_naar_inhoud(page)["naam"].startswith("E-mailadres")
    page.keyboard.type(email)
    assert toets(page, "Tab")["naam"].startswith("Wachtwoord")
    page.keyboard.type(factories.WACHTWOORD)
    toets(page, "Enter")
    expect(page).to_have_url(basis + "/")


@pytest.fixture
def sessie(live_server, browser, browser_context_args):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    console = Console()
    console.volg(page)
    yield page
    context.close()
    assert not console.fouten, "fouten in de browserconsole:\n" + "\n".join(console.fouten)


def test_ondersteuner_meldt_aan_en_logt_tijd_met_het_toetsenbord(
    live_server, wereld, sessie, schermafdrukken
):
    page, basis, school = sessie, live_server.url, wereld.eigen_school
    page.goto(basis + "/")
    toets(page, "Tab")
    page.screenshot(path=schermafdrukken / "toetsenbord_overslaanlink.png")
    aanmelden(page, basis, wereld.anker.gebruiker.email)
    overslaan_naar_inhoud(page)

    # A new request for the anchor's school, field by field.
    tab_tot(page, "^aanmelding registreren$")
    toets(page, "Enter")
    expect(page.get_by_role("heading", name="Nieuwe aanmelding", level=1)).to_be_visible()
    assert tab_tot(page, r"^School( \*)?$")["waarde"] == str(school.pk)  # the link chose the school
    gebondenheid = toets(page, "Tab")
    assert gebondenheid["naam"] == "Leerlinggebonden" and gebondenheid["aangevinkt"], gebondenheid
    for label, tekst in (
        ("^Voornaam", "Noor"),
        ("^Initiaal", "V"),
        ("^Geboortejaar", "2016"),
        ("^Klas", "3B"),
    ):
        assert toets(page, "Tab")["naam"].startswith(label[1:]), label
        page.keyboard.type(tekst)
    tab_tot(page, "^Verslag")
    assert toets(page, "ArrowDown")["waarde"] == "gc"
    tab_tot(page, "^Type")
    assert toets(page, "ArrowDown")["waarde"] == "basisaanbod"
    fase = tab_tot(page, "^Fase 2")
    assert not fase["aangevinkt"]
    assert toets(page, "Space")["aangevinkt"]
    assert toets(page, "ArrowDown")["naam"].startswith("Fase 3")  # arrows move within the group
    assert toets(page, "ArrowUp")["aangevinkt"]
    tab_tot(page, "^Ondersteuningsvraag")
    page.keyboard.type("Hoe help ik Noor om rustig te starten?")
    # One step back and forth: Shift+Tab returns to the previous stop.
    terug = toets(page, "Shift+Tab")
    assert not terug["naam"].startswith("Ondersteuningsvraag")
    tab_tot(page, "^Ondersteuningsvraag")
    tab_tot(page, "^Aanmelding registreren$")
    toets(page, "Enter")
    expect(page).to_have_url(re.compile(r"/trajecten/\d+/$"))
    traject = Traject.objects.get(school=school, leerling__voornaam="Noor")
    expect(page).to_have_url(f"{basis}/trajecten/{traject.pk}/")
    expect(page.locator(".trajectkop .status")).to_have_text("Aangemeld")

    # The answer, in the action panel: it opens with its field focused.
    tab_tot(page, "^Antwoord geven$")
    toets(page, "Enter")
    expect(page.locator("#actiepaneel textarea")).to_be_focused()
    page.keyboard.type("We starten met een observatie in de klas.")
    tab_tot(page, "^Antwoord bewaren$")
    toets(page, "Enter")
    expect(page.locator(".trajectkop .status")).to_have_text("In behandeling")
    wacht_tot(lambda: focus(page)["inMain"], timeout=5)  # not back at the top of the page

    # The panel as a dialog: Escape closes it and the focus is back on the button that opened it.
    tab_tot(page, "^Tijd loggen$")
    toets(page, "Enter")
    expect(page.locator("#actiepaneel input[name=datum]")).to_be_focused()
    page.screenshot(path=schermafdrukken / "toetsenbord_actiepaneel.png")
    toets(page, "Escape")
    expect(page.locator("#actiepaneel")).to_be_empty()
    assert focus(page)["naam"] == "Tijd loggen"
    # Annuleren does the same.
    toets(page, "Enter")
    expect(page.locator("#actiepaneel input[name=datum]")).to_be_focused()
    tab_tot(page, "^Annuleren$")
    toets(page, "Enter")
    expect(page.locator("#actiepaneel")).to_be_empty()
    assert focus(page)["naam"] == "Tijd loggen"
    expect(page).to_have_url(f"{basis}/trajecten/{traject.pk}/")

    # And now the time is logged: 30 minutes, an observation, a note.
    toets(page, "Enter")
    expect(page.locator("#actiepaneel input[name=datum]")).to_be_focused()
    minuten = tab_tot(page, "^30 min")
    if not minuten["aangevinkt"]:
        toets(page, "Space")
    tab_tot(page, "^Activiteit")
    assert toets(page, "ArrowDown")["waarde"]
    tab_tot(page, "^Korte notitie")
    page.keyboard.type("Observatie na de speeltijd")
    tab_tot(page, "^Tijd loggen$")
    toets(page, "Enter")
    logboek = page.get_by_role("region", name="Logboek")
    expect(logboek.locator("tbody tr")).to_have_count(1)
    expect(logboek).to_contain_text("Observatie na de speeltijd")
    regel = Logboekregel.objects.get(traject=traject)
    assert (regel.minuten, regel.notitie) == (30, "Observatie na de speeltijd")
    wacht_tot(lambda: focus(page)["inMain"], timeout=5)
    page.screenshot(path=schermafdrukken / "toetsenbord_logboek.png", full_page=True)


def test_coordinator_publiceert_en_opent_een_tijdskader_met_het_toetsenbord(
    live_server, wereld_met_trajecten, sessie, schermafdrukken
):
    wereld = wereld_met_trajecten
    page, basis = sessie, live_server.url
    aanmelden(page, basis, wereld.gebruikers[Rol.COORDINATOR].email)

    # The account menu is a disclosure: Enter opens it, its links follow, Shift+Tab and Enter close it.
    menu = tab_tot(page, re.escape(wereld.gebruikers[Rol.COORDINATOR].naam))
    assert menu["tag"] == "summary"
    toets(page, "Enter")
    expect(page.locator("details.accountmenu")).to_have_attribute("open", "")
    assert toets(page, "Tab")["naam"] == "Tweestapsverificatie"
    assert toets(page, "Shift+Tab")["tag"] == "summary"
    toets(page, "Enter")
    expect(page.locator("details.accountmenu")).not_to_have_attribute("open", "")

    tab_tot(page, "^Capaciteit$", terug=True)  # the menu comes before the account menu
    toets(page, "Enter")
    expect(page).to_have_url(basis + "/capaciteit/")
    # Nothing changed since version 1, so there is nothing to publish yet: the envelope grows first.
    expect(page.locator(".capaciteit-ongewijzigd")).to_be_visible()
    veld = tab_tot(page, r"^Envelop \(uren ondersteuning")
    toets(page, "Control+a")
    page.keyboard.type(str(int(veld["waarde"]) + 40))
    tab_tot(page, "^Bewaren en verdeling tonen$")
    toets(page, "Enter")
    expect(page.locator(".capaciteit-ongewijzigd")).to_have_count(0)
    # The swap replaced the form; the keyboard stays on the button that was pressed, in the same task as
    # the swap, so the next key press already continues from there.
    assert focus(page)["naam"] == "Bewaren en verdeling tonen"
    # Publishing shows first what the new version changes; the button that publishes is on that page.
    tab_tot(page, "^Publiceren als versie 2…$", terug=True)  # beside the summary, at the top (issue 20.3)
    toets(page, "Enter")
    expect(page.get_by_role("heading", name="Bevestigen")).to_be_visible()
    tab_tot(page, "^Publiceren als versie 2$")
    page.screenshot(path=schermafdrukken / "toetsenbord_publiceren.png")
    toets(page, "Enter")
    expect(page.get_by_role("status")).to_have_text("Versie 2 gepubliceerd.")
    verdelingen = type(wereld.eigen_verdeling).objects.filter(envelop=wereld.eigen_verdeling.envelop)
    assert verdelingen.count() == 2

    # A school's time frame: through the school list and the school's page.
    overslaan_naar_inhoud(page)
    tab_tot(page, "^Scholen$", terug=True)
    toets(page, "Enter")
    expect(page).to_have_url(basis + "/scholen/")
    tab_tot(page, f"^{re.escape(wereld.eigen_school.naam)}$")
    toets(page, "Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(wereld.eigen_school.naam)
    tab_tot(page, "^Tijdskader$")
    toets(page, "Enter")
    expect(page).to_have_url(f"{basis}/tijdskader/scholen/{wereld.eigen_school.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tijdskader")
    page.screenshot(path=schermafdrukken / "toetsenbord_tijdskader.png", full_page=True)
