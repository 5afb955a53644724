"""Edits in place on the school page: anchor, register, school data; each refused where it should be."""

import pytest
from django.urls import reverse

from netwerk.models import Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, School, Verslagregister
from tests import factories

HTMX = {"HX-Request": "true"}


@pytest.mark.django_db
def test_coordinator_wijst_anker_toe_met_htmx(client, wereld):
    nieuw = factories.OndersteunerFactory(
        lsc=wereld.lsc, regioteam=wereld.regioteam, gebruiker__naam="Nele Nieuw"
    )
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("anker_toewijzen", args=[wereld.eigen_school.pk]), {"ondersteuner": nieuw.pk}, headers=HTMX
    )
    html = antwoord.content.decode()
    assert html.lstrip().startswith('<section class="kaart" id="ankers"') and "Nele Nieuw" in html
    assert Ankertoewijzing.objects.filter(
        school=wereld.eigen_school, ondersteuner=nieuw, schooljaar=huidig_schooljaar()
    ).exists()


@pytest.mark.django_db
def test_anker_van_een_ander_lsc_wordt_geweigerd(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("anker_toewijzen", args=[wereld.eigen_school.pk]),
        {"ondersteuner": wereld.vreemde_ondersteuner.pk},
        headers=HTMX,
    )
    assert "Kies een ondersteuner uit de lijst." in antwoord.content.decode()
    assert not Ankertoewijzing.objects.filter(
        ondersteuner=wereld.vreemde_ondersteuner, school=wereld.eigen_school
    )


@pytest.mark.django_db
def test_anker_verwijderen_laat_school_zonder_anker_zien(client, wereld):
    anker = wereld.eigen_school.ankers.get()
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    antwoord = client.post(
        reverse("anker_verwijderen", args=[wereld.eigen_school.pk, anker.pk]), headers=HTMX
    )
    assert "nog geen ankerondersteuner" in antwoord.content.decode()
    assert not wereld.eigen_school.ankers.exists()


@pytest.mark.django_db
def test_zorgteam_houdt_het_verslagregister_bij(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    url = reverse("register_bijwerken", args=[wereld.eigen_school.pk])
    antwoord = client.post(
        url, {"soort": "gc", "aantal": "7", "bewaarplaats": "Zorgkast secretariaat"}, headers=HTMX
    )
    assert "Zorgkast secretariaat" in antwoord.content.decode()
    regel = Verslagregister.objects.get(school=wereld.eigen_school, soort="gc")
    assert (regel.aantal, regel.bijgewerkt_door) == (7, wereld.gebruikers[Rol.ZORG])


@pytest.mark.django_db
def test_verslagregister_zonder_bewaarplaats_zegt_waarom(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ZORG])
    url = reverse("register_bijwerken", args=[wereld.eigen_school.pk])
    antwoord = client.post(url, {"soort": "gc", "aantal": "3", "bewaarplaats": ""}, headers=HTMX)
    assert "Zeg waar de school deze verslagen bewaart." in antwoord.content.decode()
    assert not Verslagregister.objects.exists()


@pytest.mark.django_db
def test_coordinator_bewerkt_schoolgegevens_in_place(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("school_bewerken", args=[wereld.eigen_school.pk])
    formulier = client.get(url, headers=HTMX).content.decode()
    assert 'name="naam"' in formulier and "<html" not in formulier
    gegevens = {
        "naam": "School Eigen Hernoemd",
        "straat": "Kerkstraat 1",
        "postcode": "9000",
        "gemeente": "Gent",
        "niveau": "lager",
        "net": "go",
        "scholengemeenschap": "",
        "clb": "",
        "telefoon": "09 123 45 67",
        "email": "info@eigen.example",
        "instellingsnummer": "999999",
    }
    antwoord = client.post(url, gegevens, headers=HTMX)
    html = antwoord.content.decode()
    assert (
        "09 123 45 67" in html and '<h1 id="schoolnaam" hx-swap-oob="true">School Eigen Hernoemd</h1>' in html
    )
    school = School.objects.get(pk=wereld.eigen_school.pk)
    assert school.naam == "School Eigen Hernoemd" and school.telefoon == "09 123 45 67"
    assert school.instellingsnummer != "999999"  # not an editable field: ignored


@pytest.mark.django_db
def test_foute_schoolgegevens_bewaren_niets(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("school_bewerken", args=[wereld.eigen_school.pk])
    antwoord = client.post(
        url, {"naam": "", "gemeente": "Gent", "niveau": "nonsens", "net": "go"}, headers=HTMX
    )
    html = antwoord.content.decode()
    assert "Dit veld is verplicht." in html
    assert School.objects.get(pk=wereld.eigen_school.pk).naam == "School Eigen"


@pytest.mark.django_db
def test_filters_van_de_schoolijst(client, wereld):
    zonder = factories.SchoolFactory(naam="School Zonder Anker", gemeente="Lokeren", net="go")
    factories.BedieningFactory(lsc=wereld.lsc, school=zonder, regioteam=wereld.regioteam)
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    lijst = reverse("school_lijst")
    html = client.get(lijst, {"zonder_anker": "on"}).content.decode()
    assert "School Zonder Anker" in html and "School Eigen" not in html
    html = client.get(lijst, {"gemeente": "Gent"}).content.decode()
    assert "School Eigen" in html and "School Zonder Anker" not in html
    html = client.get(lijst, {"net": "go", "regioteam": str(wereld.regioteam.pk)}).content.decode()
    assert "School Zonder Anker" in html and "School Eigen" not in html
    # A tampered filter value is ignored, not an error.
    assert client.get(lijst, {"regioteam": "abc", "net": "<script>"}).status_code == 200
