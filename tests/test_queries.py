"""Query counts of the list pages and home pages: fixed numbers that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netwerk.models import Rol
from tests import factories


def _aantal_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vastgelegd)


def _meer_scholen(wereld, aantal: int) -> None:
    for nummer in range(aantal):
        school = factories.SchoolFactory(clb=wereld.clb)
        factories.BedieningFactory(lsc=wereld.lsc, school=school, regioteam=wereld.regioteam)
        factories.CijfersFactory(school=school)
        if nummer % 3:
            anker = factories.OndersteunerFactory(lsc=wereld.lsc, regioteam=wereld.regioteam)
            factories.AnkerFactory(school=school, ondersteuner=anker)
        school.zorgmedewerkers.add(wereld.gebruikers[Rol.ZORG])


# Session and user (2) + the page's own queries.
VERWACHT = {
    ("school_lijst", Rol.COORDINATOR): 5,
    ("home", Rol.COORDINATOR): 5,
    ("home", Rol.TEAMCOACH): 3,
    ("home", Rol.ONDERSTEUNER): 4,
    ("home", Rol.ZORG): 5,
    ("home", Rol.CLB): 4,
    ("home", Rol.ADMIN): 3,
}


@pytest.mark.django_db
@pytest.mark.parametrize(("pagina", "rol"), list(VERWACHT))
def test_queries_groeien_niet_met_het_aantal_scholen(client, wereld, pagina, rol):
    client.force_login(wereld.gebruikers[rol])
    bij_een = _aantal_queries(client, reverse(pagina))
    _meer_scholen(wereld, 29)
    bij_dertig = _aantal_queries(client, reverse(pagina))
    assert bij_een == bij_dertig == VERWACHT[(pagina, rol)]


@pytest.mark.django_db
def test_schoolpagina_queries(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    assert _aantal_queries(client, reverse("school_detail", args=[wereld.eigen_school.pk])) == 6
