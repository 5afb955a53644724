"""The network worked out by hand (test_verdeling.py) gives the same frames through the UI."""

import pytest
from django.urls import reverse

from capaciteit.models import Tijdskader
from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from tests import factories
from tests.support.capaciteit import NETWERK_PER_JAAR


@pytest.mark.django_db
def test_hetzelfde_netwerk_via_de_coordinator_geeft_dezelfde_tijdskaders(client, wereld):
    jaar = huidig_schooljaar()
    wereld.eigen_school.bedieningen.all().delete()  # only the five schools of the worked example
    scholen = {}
    for nummer, naam, leerlingen, per_jaar in NETWERK_PER_JAAR:
        school = factories.SchoolFactory(instellingsnummer=nummer, naam=f"School {naam}")
        factories.BedieningFactory(lsc=wereld.lsc, school=school)
        factories.CijfersFactory(school=school, schooljaar=jaar - 1, leerlingen=leerlingen, gc_verslagen=0)
        # The window's years as the example has them, newest last (the reference year holds the last one).
        for stap, verslagen in enumerate(reversed(per_jaar)):
            cijfers, _ = school.cijfers.get_or_create(
                schooljaar=jaar - 1 - stap, defaults={"leerlingen": leerlingen}
            )
            cijfers.gc_verslagen = verslagen
            cijfers.save()
        scholen[naam] = school
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    planning = reverse("capaciteit_planning") + f"?schooljaar={jaar}"
    antwoord = client.post(
        planning,
        {"uren": 104, "gewicht_leerlingen": 70, "venster_jaren": 6, "verslagsoorten": ["gc"], "eenheid": 1,
         "schoolweken": 36},
        follow=True,
    )  # fmt: skip
    assert antwoord.status_code == 200
    client.post(reverse("capaciteit_publiceren") + f"?schooljaar={jaar}")
    uren = {
        naam: Tijdskader.objects.get(school=school, verdeling__envelop__schooljaar=jaar).uren
        for naam, school in scholen.items()
    }
    assert uren == {"A": 31, "B": 21, "C": 11, "D": 10, "E": 31}
