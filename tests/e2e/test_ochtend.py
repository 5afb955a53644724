"""Issue 20: the morning of the director, the coordinator and a team coach on the demo network. Each opens
the home page, clicks two counts of "Wat op je wacht" and lands on a filtered list with that many rows. The
screenshots at 1366 px land in var/schermafdrukken/ochtend_*.png for a person to look at."""

import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import Page, expect

from capaciteit.models import Planregel, Weekplan
from capaciteit.services.weekplan import STANDAARD
from honingraat import demo
from netwerk.models import Gebruiker, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Bediening
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

PER_PAGINA = 25  # rows per page of the trajectory list
BREED = {"width": 1366, "height": 900}

# Where the rows of each linked list are, by the key of the count.
RIJEN = {
    "achterstallig": "table.trajecten tbody tr",
    "verschuldigd": "table.trajecten tbody tr",
    "uitnodigen": "table.overleg-overzicht tbody tr",
    "verslag": "table.overleg-overzicht tbody tr",
    "afstemming": "table.afstemming-lijst tbody tr",
    "zorgen": "table.bezorgdheid-lijst tbody tr",
    "wisverzoeken": "section[aria-labelledby='open-titel'] tbody tr",
    "mails": "table.mislukte-mails tbody tr",
    "gemarkeerd": "tr[data-school]",
    "te_veel": "tr[data-ondersteuner]",
}


@pytest.fixture(autouse=True)
def geen_oude_aanmeldlimieten(transactional_db):
    cache.clear()


def _weekplan_publiceren() -> int:
    """A published week plan with a visit at every school of the LSC; returns the coach's teams' visits."""
    coach = Gebruiker.objects.get(email=demo.TEAMCOACH)
    plan = Weekplan.objects.create(
        lsc_id=coach.lsc_id,
        schooljaar=huidig_schooljaar(),
        status=Weekplan.Status.GEPUBLICEERD,
        instellingen=STANDAARD,
        gepubliceerd_op=timezone.now(),
        versie=1,
    )
    ondersteuner = Ondersteuner.objects.filter(lsc_id=coach.lsc_id).first()
    bedieningen = list(Bediening.objects.filter(lsc_id=coach.lsc_id).select_related("regioteam"))
    Planregel.objects.bulk_create(
        Planregel(weekplan=plan, ondersteuner=ondersteuner, school_id=b.school_id, dag=i % 5, blokken=2)
        for i, b in enumerate(bedieningen)
    )
    return sum(1 for b in bedieningen if b.regioteam and b.regioteam.coach_id == coach.pk)


def _twee_tellingen_volgen(page: Page, basis: str, rol: str, map_) -> list[str]:
    wacht = page.get_by_role("region", name="Wat op je wacht")
    expect(wacht.get_by_role("heading", level=2)).to_have_text("Wat op je wacht")
    page.screenshot(path=map_ / f"ochtend_{rol}.png", full_page=True)
    items = wacht.locator("li[data-wachtend]")
    sleutels = [items.nth(i).get_attribute("data-wachtend") for i in range(items.count())]
    gevolgd = []
    for sleutel in sleutels[:2]:
        item = wacht.locator(f"li[data-wachtend='{sleutel}']")
        aantal = int(item.locator(".getal").inner_text())
        item.get_by_role("link").click()
        if sleutel in {"achterstallig", "verschuldigd"}:
            # The trajectory list pages by 25 and names the whole list's size in its caption.
            expect(page.locator("table.trajecten caption")).to_contain_text(
                re.compile(rf"^{aantal} trajecten?\b")
            )
            expect(page.locator(RIJEN[sleutel])).to_have_count(min(aantal, PER_PAGINA))
        else:
            expect(page.locator(RIJEN[sleutel])).to_have_count(aantal)
        page.screenshot(path=map_ / f"ochtend_{rol}_{sleutel}.png", full_page=True)
        gevolgd.append(sleutel)
        page.goto(basis + "/")
    return gevolgd


def test_de_ochtend_van_directeur_coordinator_en_teamcoach(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    bezoeken = _weekplan_publiceren()
    sessies = Sessies(browser, {**browser_context_args, "viewport": BREED}, live_server.url, schermafdrukken)
    gevolgd = {}
    for rol, email in (
        ("directeur", demo.DIRECTEUR),
        ("coordinator", demo.COORDINATOR),
        ("teamcoach", demo.TEAMCOACH),
    ):
        page = sessies.aanmelden(email)
        if rol == "directeur":
            expect(page.get_by_role("heading", name="Trajecten deze maand")).to_be_visible()
        gevolgd[rol] = _twee_tellingen_volgen(page, live_server.url, rol, schermafdrukken)
        if rol == "teamcoach":
            page.get_by_role("link", name="Weekplan van jouw regioteams lezen").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Weekplan van mijn regioteams")
            expect(page.locator("main form")).to_have_count(0)  # read only: no action
            expect(page.locator("tr[data-bezoek]")).to_have_count(bezoeken)
            page.screenshot(path=schermafdrukken / "ochtend_teamcoach_weekplan.png", full_page=True)
        page.context.close()
    assert all(len(sleutels) == 2 for sleutels in gevolgd.values()), gevolgd
    assert not sessies.console.fouten, "fouten in de browserconsole:\n" + "\n".join(sessies.console.fouten)
