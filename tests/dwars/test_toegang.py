"""Every URL is behind the login unless it is listed as public, and every URL has an expectation per role.

A new URL without a line in the tables of tests/support/rollen.py fails the suite: whoever adds a page
decides who may open it.
"""

import re

import pytest
from django.urls import reverse

from netwerk.models import Rol
from tests.support.rollen import (
    ALLE,
    ALLE_PATRONEN,
    BEHEER_PREFIX,
    EIGEN_ACCOUNT,
    PUBLIEK,
    ROLTABEL,
    url_kwargs,
)


def test_elke_url_heeft_een_verwachting():
    bekend = PUBLIEK | EIGEN_ACCOUNT | set(ROLTABEL)
    zonder = [
        (route, naam)
        for route, naam in ALLE_PATRONEN
        if not route.startswith(BEHEER_PREFIX) and naam not in bekend
    ]
    assert zonder == [], f"URL's zonder verwachting in de roltabel: {zonder}"


def _voorbeeld_url(route: str, naam: str | None, wereld) -> str:
    """A concrete URL for a pattern: the world's own school for <pk>, dummies for the rest."""
    if naam in ROLTABEL:
        return reverse(naam, kwargs=url_kwargs(naam, "eigen", wereld))
    pad = re.sub(r"<int:\w+>", "1", route)
    pad = re.sub(r"<(?:path:)?\w+>", "1", pad)
    pad = re.sub(r"\(\?P<uidb36>[^)]*\)", "1", pad)
    pad = re.sub(r"\(\?P<\w+>[^)]*\)", "x", pad)
    return "/" + pad.replace("^", "").replace("$", "").replace("\\", "")


@pytest.mark.django_db
def test_niets_bereikbaar_zonder_aanmelden(client, wereld_met_overleg):
    wereld = wereld_met_overleg
    """Everything outside PUBLIEK sends an anonymous visitor to the login page, whatever the method."""
    for route, naam in ALLE_PATRONEN:
        if naam in PUBLIEK:
            continue
        url = _voorbeeld_url(route, naam, wereld)
        for methode in (client.get, client.post):
            antwoord = methode(url)
            assert antwoord.status_code == 302, f"{url} gaf {antwoord.status_code} zonder aanmelden"
            assert "/account/login/" in antwoord["Location"] or "/beheer/login/" in antwoord["Location"], url


@pytest.mark.django_db
@pytest.mark.parametrize("rol", sorted(ALLE))
def test_roltabel(client, wereld_met_overleg, rol):
    wereld = wereld_met_overleg
    client.force_login(wereld.gebruikers[rol])
    for naam, rij in ROLTABEL.items():
        for methode in rij.get("methoden", [rij.get("methode", "get")]):
            for variant in ("eigen", "vreemd"):
                if variant not in rij:
                    continue
                url = reverse(naam, kwargs=url_kwargs(naam, variant, wereld, rol=rol))
                antwoord = getattr(client, methode)(url)
                assert antwoord.status_code == rij[variant][rol], f"{rol} {methode} op {url} ({variant})"
                if antwoord.status_code == 200 and antwoord["Content-Type"].startswith("text/html"):
                    _titel_is_tekst(antwoord.content.decode(), url)


def _titel_is_tekst(html: str, url: str) -> None:
    """A page's <title> is one line of text that ends in the app's name: no markup slipped into the block."""
    if "<title>" not in html:  # an HTMX fragment
        return
    titel = re.search(r"<title>(.*?)</title>", html, re.S)[1].strip()
    assert "<" not in titel and "\n" not in titel and titel.endswith("Honingraat"), f"{url}: titel {titel!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("rol", sorted(ALLE))
def test_beheer_enkel_voor_beheerders(client, wereld, rol):
    client.force_login(wereld.gebruikers[rol])
    antwoord = client.get(reverse("admin:index"))
    if rol == Rol.ADMIN:
        assert antwoord.status_code == 200
    else:
        assert antwoord.status_code == 302
        assert client.get(antwoord["Location"]).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("naam", sorted(EIGEN_ACCOUNT))
def test_eigen_accountpaginas_voor_aangemelde_gebruikers(client, wereld, naam):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    antwoord = client.get(reverse(naam))
    # 404 where there is nothing of theirs to act on yet (no TOTP to deactivate).
    assert antwoord.status_code in {200, 302, 404}
    if antwoord.status_code == 302:
        assert "/account/login/" not in antwoord["Location"]
