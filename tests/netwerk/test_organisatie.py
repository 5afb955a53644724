"""Regio teams and supporters: the coordinator's edits and the three-teams rule for a team coach."""

import pytest
from django.urls import reverse

from netwerk.models import Ondersteuner, Regioteam, Rol
from tests import factories


@pytest.mark.django_db
def test_teamcoach_coacht_hoogstens_drie_regioteams(client, wereld):
    coach = wereld.gebruikers[Rol.TEAMCOACH]
    for naam in ("Twee", "Drie"):
        factories.RegioteamFactory(lsc=wereld.lsc, naam=naam, coach=coach)
    vierde = factories.RegioteamFactory(lsc=wereld.lsc, naam="Vier")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(reverse("regioteam_detail", args=[vierde.pk]), {"coach": coach.pk})
    assert "coacht al 3 regioteams; een teamcoach coacht er hoogstens 3." in antwoord.content.decode()
    assert Regioteam.objects.get(pk=vierde.pk).coach is None


@pytest.mark.django_db
def test_coordinator_kiest_een_teamcoach(client, wereld):
    nieuw = factories.RegioteamFactory(lsc=wereld.lsc, naam="Nieuw")
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("regioteam_detail", args=[nieuw.pk]),
        {"coach": wereld.gebruikers[Rol.TEAMCOACH].pk},
        follow=True,
    )
    assert "De teamcoach van Nieuw is bewaard." in antwoord.content.decode()
    assert Regioteam.objects.get(pk=nieuw.pk).coach == wereld.gebruikers[Rol.TEAMCOACH]


@pytest.mark.django_db
def test_teamcoach_mag_de_coach_niet_wijzigen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    assert (
        client.post(reverse("regioteam_detail", args=[wereld.regioteam.pk]), {"coach": ""}).status_code == 403
    )
    assert Regioteam.objects.get(pk=wereld.regioteam.pk).coach == wereld.gebruikers[Rol.TEAMCOACH]


@pytest.mark.django_db
def test_regioteampagina_toont_ondersteuners_en_scholen(client, wereld):
    client.force_login(wereld.gebruikers[Rol.TEAMCOACH])
    html = client.get(reverse("regioteam_detail", args=[wereld.regioteam.pk])).content.decode()
    assert wereld.anker.gebruiker.naam in html and "School Eigen" in html


@pytest.mark.django_db
def test_coordinator_werkt_ondersteuner_bij(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("ondersteuner_detail", args=[wereld.anker.pk])
    antwoord = client.post(
        url,
        {
            "regioteam": wereld.regioteam.pk,
            "opdracht_procent": "80",
            "focusteams": ["ass", "gedrag"],
            "woonplaats": "Temse",
        },
        follow=True,
    )
    assert "zijn bewaard" in antwoord.content.decode()
    ondersteuner = Ondersteuner.objects.get(pk=wereld.anker.pk)
    assert (ondersteuner.opdracht_procent, ondersteuner.focusteams) == (80, ["ass", "gedrag"])


@pytest.mark.django_db
def test_opdracht_boven_honderd_procent_wordt_geweigerd(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("ondersteuner_detail", args=[wereld.anker.pk])
    antwoord = client.post(
        url, {"regioteam": wereld.regioteam.pk, "opdracht_procent": "150", "woonplaats": ""}
    )
    assert "Zorg ervoor dat deze waarde hoogstens 100 is." in antwoord.content.decode()
    assert Ondersteuner.objects.get(pk=wereld.anker.pk).opdracht_procent == 100


@pytest.mark.django_db
def test_regioteam_van_ander_lsc_wordt_geweigerd(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    url = reverse("ondersteuner_detail", args=[wereld.anker.pk])
    client.post(url, {"regioteam": wereld.vreemd_regioteam.pk, "opdracht_procent": "100", "woonplaats": ""})
    assert Ondersteuner.objects.get(pk=wereld.anker.pk).regioteam == wereld.regioteam
