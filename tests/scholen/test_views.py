import re

import pytest
from django.urls import reverse

from netwerk.models import Rol
from tests import factories


@pytest.mark.django_db
def test_schoolpagina_toont_cijfers_en_een_geldige_grafiek(client, wereld):
    for jaar, leerlingen in [(2020, 210), (2021, 231), (2022, 248)]:
        factories.CijfersFactory(
            school=wereld.eigen_school, schooljaar=jaar, leerlingen=leerlingen, gc_verslagen=4
        )
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(reverse("school_detail", args=[wereld.eigen_school.pk])).content.decode()
    assert "2021-2022" in html and "231" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    coordinaten = re.findall(r'\b(?:x|y|width|height|cx|cy)="([^"]*)"', svg)
    assert len(coordinaten) >= 4 * 5
    for waarde in coordinaten:
        float(waarde)  # a decimal comma (nl-BE) would make the SVG unreadable


@pytest.mark.django_db
def test_zoeken_met_htmx_geeft_enkel_de_resultaten(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.get(reverse("school_lijst"), {"q": "Eigen"}, headers={"HX-Request": "true"})
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "School Eigen" in html and "<html" not in html


@pytest.mark.django_db
def test_zoeken_zonder_resultaat_zegt_dat(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    html = client.get(reverse("school_lijst"), {"q": "Vreemd"}).content.decode()
    assert "Geen school past bij deze filters." in html
    assert "School Vreemd" not in html


@pytest.mark.django_db
def test_schoolpagina_toont_de_ondersteuners_van_lopende_trajecten(client, wereld):
    focus = factories.OndersteunerFactory(lsc=wereld.lsc, gebruiker__naam="Fien Focus")
    lopend = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="lopend")
    factories.ToewijzingFactory(traject=lopend, ondersteuner=focus, rol="focus")
    gesloten = factories.TrajectFactory(lsc=wereld.lsc, school=wereld.eigen_school, status="afgerond")
    factories.ToewijzingFactory(traject=gesloten, ondersteuner__gebruiker__naam="Oud Ondersteuner")
    client.force_login(wereld.gebruikers[Rol.ZORG])
    html = client.get(reverse("school_detail", args=[wereld.eigen_school.pk])).content.decode()
    assert "Fien Focus" in html and "Oud Ondersteuner" not in html
