"""A coordinator invites an account; a real Celery worker sends the mail; its link sets a password."""

import re
from email import message_from_bytes, policy

import pytest
from django.urls import reverse

from netwerk.models import Gebruiker, Ondersteuner, Rol
from tests.factories import LscFactory
from tests.support.omgeving import wacht_tot


@pytest.mark.worker
def test_uitnodiging_via_echte_worker_en_wachtwoord_kiezen(client, wereld, celery_worker_proces):
    maildir = celery_worker_proces
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("gebruiker_uitnodigen"),
        {
            "naam": "Lotte Nieuw",
            "email": "Lotte.Nieuw@Proef.example",
            "rol": Rol.ONDERSTEUNER,
            "regioteam": wereld.regioteam.pk,
        },
        follow=True,
    )
    assert "Lotte Nieuw is uitgenodigd" in antwoord.content.decode()
    nieuw = Gebruiker.objects.get(email="lotte.nieuw@proef.example")
    assert nieuw.lsc == wereld.lsc and not nieuw.has_usable_password()
    assert Ondersteuner.objects.get(gebruiker=nieuw).regioteam == wereld.regioteam

    bestanden = wacht_tot(lambda: list(maildir.glob("*.eml")))
    mail = message_from_bytes(bestanden[0].read_bytes(), policy=policy.default)
    assert mail["To"] == "lotte.nieuw@proef.example"
    tekst = mail.get_body(("plain",)).get_content()
    assert "Leerondersteuner" in tekst
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", tekst)[1]

    client.logout()
    formulier = client.get(link, follow=True)
    assert formulier.status_code == 200
    resultaat = client.post(
        formulier.redirect_chain[-1][0] if formulier.redirect_chain else link,
        {"password1": "een-lang-nieuw-wachtwoord", "password2": "een-lang-nieuw-wachtwoord"},
    )
    assert resultaat.status_code == 302
    assert client.login(username="lotte.nieuw@proef.example", password="een-lang-nieuw-wachtwoord")


@pytest.mark.django_db
def test_uitnodiging_weigert_bestaand_adres_en_bewaart_niets(client, wereld):
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    voor = Gebruiker.objects.count()
    antwoord = client.post(
        reverse("gebruiker_uitnodigen"),
        {"naam": "Dubbel", "email": "ZORG@proef.example", "rol": Rol.ZORG, "school": wereld.eigen_school.pk},
    )
    assert "Er bestaat al een account met dit e-mailadres." in antwoord.content.decode()
    assert Gebruiker.objects.count() == voor


@pytest.mark.django_db
def test_zorgmedewerker_kan_enkel_voor_zichtbare_school(client, wereld):
    """A coordinator cannot attach care staff to a school of another LSC, even by posting its id."""
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    antwoord = client.post(
        reverse("gebruiker_uitnodigen"),
        {
            "naam": "Elders",
            "email": "elders@proef.example",
            "rol": Rol.ZORG,
            "school": wereld.vreemde_school.pk,
        },
    )
    assert antwoord.status_code == 200
    assert not Gebruiker.objects.filter(email="elders@proef.example").exists()


@pytest.mark.django_db
def test_coordinator_nodigt_enkel_uit_in_eigen_lsc(client, wereld):
    """An `lsc` field smuggled into the POST is ignored: the account lands in the coordinator's LSC."""

    ander = LscFactory()
    client.force_login(wereld.gebruikers[Rol.COORDINATOR])
    client.post(
        reverse("gebruiker_uitnodigen"),
        {"naam": "Smokkel", "email": "smokkel@proef.example", "rol": Rol.COORDINATOR, "lsc": ander.pk},
    )
    assert Gebruiker.objects.get(email="smokkel@proef.example").lsc == wereld.lsc


@pytest.mark.django_db
def test_geen_open_inschrijving(client):
    antwoord = client.post(
        reverse("account_signup"),
        {
            "email": "zomaar@proef.example",
            "password1": "een-lang-wachtwoord",
            "password2": "een-lang-wachtwoord",
        },
    )
    assert not Gebruiker.objects.filter(email="zomaar@proef.example").exists()
    assert antwoord.status_code == 200
