"""The supporters' newer pages on a laptop screen (1366 px), on the demo network: nothing runs off the side,
and a screenshot of each lands in var/schermafdrukken/breed-*.png to look at. (Their 375 px checks are in
the journeys of each feature.)"""

import pytest
from django.core.cache import cache

from honingraat import demo
from tests.support.browser import Sessies

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 900}
PAGINAS = {
    demo.ANKER: [
        "/trajecten/dag/",
        "/trajecten/collegavragen/",
        "/trajecten/intervisie/",
        "/meldingen/",
        "/meldingen/voorkeuren/",
        "/capaciteit/jaarovergang/",
    ],
    demo.FOCUS: ["/trajecten/focusvragen/"],
    demo.COORDINATOR: ["/capaciteit/jaarovergang/"],
}


def test_de_nieuwere_paginas_passen_op_een_laptop(
    live_server, transactional_db, browser, browser_context_args, schermafdrukken
):
    cache.clear()
    assert demo.laad_demo(schrijf=lambda *_: None) is True
    sessies = Sessies(browser, {**browser_context_args, "viewport": LAPTOP}, live_server.url, schermafdrukken)
    for wie, paden in PAGINAS.items():
        pagina = sessies.aanmelden(wie)
        for pad in paden:
            antwoord = pagina.goto(live_server.url + pad)
            naam = wie.split("@")[0] + pad.rstrip("/").replace("/", "-")
            pagina.screenshot(path=schermafdrukken / f"breed-{naam}.png", full_page=True)
            if pad == "/capaciteit/jaarovergang/" and wie != demo.COORDINATOR:
                assert antwoord.status == 403
                continue
            assert antwoord.status == 200, pad
            assert pagina.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"], pad
