"""The administrator is no longer the weakest link: the second factor's secrets are stored encrypted and
never shown, an administrator never chooses someone's password, and a reset of someone's access or address
is logged, told to the owner by mail and signs them out."""

import importlib
import re
from email import message_from_bytes, policy
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from netwerk.adapters import ontsleutel
from netwerk.models import Gebruiker, Rol, Wijziging
from tests.support.omgeving import wacht_tot


def _met_totp(gebruiker) -> str:
    geheim = generate_totp_secret()
    TOTP.activate(gebruiker, geheim)
    RecoveryCodes.activate(gebruiker)
    return geheim


@pytest.fixture
def beheerder(client, wereld):
    client.force_login(wereld.gebruikers[Rol.ADMIN])
    return client


@pytest.mark.django_db
def test_totp_geheim_staat_versleuteld_en_nergens_in_de_admin(beheerder, wereld):
    gebruiker = wereld.gebruikers[Rol.ONDERSTEUNER]
    geheim = _met_totp(gebruiker)
    totp = Authenticator.objects.get(user=gebruiker, type=Authenticator.Type.TOTP)
    assert totp.data["secret"].startswith("fernet:") and geheim not in str(totp.data)
    assert ontsleutel(totp.data["secret"]) == geheim
    zaad = Authenticator.objects.get(user=gebruiker, type=Authenticator.Type.RECOVERY_CODES).data["seed"]
    assert zaad.startswith("fernet:")

    lijst = beheerder.get("/beheer/mfa/authenticator/").content.decode()
    detail = beheerder.get(f"/beheer/mfa/authenticator/{totp.pk}/change/")
    assert detail.status_code == 200 and gebruiker.naam in lijst
    for pagina in (lijst, detail.content.decode()):
        assert geheim not in pagina and "fernet:" not in pagina and "secret" not in pagina
    # Not removable behind the owner's back: only through the account's action (logged, mailed).
    assert beheerder.post(f"/beheer/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Authenticator.objects.filter(pk=totp.pk).exists()


@pytest.mark.django_db
def test_beheerder_kiest_geen_wachtwoord_voor_een_ander(beheerder, wereld):
    gebruiker = wereld.gebruikers[Rol.COORDINATOR]
    hash_voor = gebruiker.password
    url = f"/beheer/netwerk/gebruiker/{gebruiker.pk}/password/"
    assert beheerder.get(url).status_code == 403
    antwoord = beheerder.post(
        url, {"password1": "overgenomen-wachtwoord-1", "password2": "overgenomen-wachtwoord-1"}
    )
    assert antwoord.status_code == 403
    gebruiker.refresh_from_db()
    assert gebruiker.password == hash_voor
    formulier = beheerder.get(f"/beheer/netwerk/gebruiker/{gebruiker.pk}/change/").content.decode()
    assert 'name="password"' not in formulier and "/password/" not in formulier
    # A new account is an invitation: its owner chooses the password.
    assert beheerder.get("/beheer/netwerk/gebruiker/add/")["Location"] == reverse("gebruiker_uitnodigen")


def _mails(maildir, aantal: int) -> list:
    bestanden = wacht_tot(lambda: (b := sorted(maildir.glob("*.eml"))) and len(b) >= aantal and b)
    return [message_from_bytes(b.read_bytes(), policy=policy.default) for b in bestanden]


@pytest.mark.worker
def test_herstel_door_de_beheerder_wordt_gelogd_gemaild_en_dwingt_nieuwe_mfa(
    client, wereld, celery_worker_proces
):

    maildir = celery_worker_proces
    eigenaar = wereld.gebruikers[Rol.COORDINATOR]
    _met_totp(eigenaar)
    eigen_sessie = Client()
    eigen_sessie.force_login(eigenaar)
    assert eigen_sessie.get(reverse("home")).status_code == 200

    client.force_login(wereld.gebruikers[Rol.ADMIN])
    antwoord = client.post(
        "/beheer/netwerk/gebruiker/",
        {"action": "wachtwoord_en_mfa_opnieuw", "_selected_action": [eigenaar.pk]},
        follow=True,
    )
    assert "de eigenaar kreeg een mail" in antwoord.content.decode()
    eigenaar.refresh_from_db()
    assert not eigenaar.has_usable_password()
    assert not Authenticator.objects.filter(user=eigenaar).exists()
    assert eigen_sessie.get(reverse("home")).status_code == 302  # signed out everywhere
    log = Wijziging.objects.get(actie="netwerk.gebruiker.toegang_hersteld", object_id=eigenaar.pk)
    assert log.door_id == wereld.gebruikers[Rol.ADMIN].pk and "wachtwoord" in log.wijzigingen

    (mail,) = _mails(maildir, 1)
    assert mail["To"] == eigenaar.email
    tekst = mail.get_body(("plain",)).get_content()
    assert "je wachtwoord en je tweestapsverificatie opnieuw ingesteld" in tekst
    link = re.search(r"https?://[^/\s]+(/account/password/reset/key/\S+)", tekst)[1]

    # The owner, and only the owner's mailbox, chooses the new password; then MFA must be set up anew.
    eigen_sessie = Client()
    formulier = eigen_sessie.get(link, follow=True)
    eigen_sessie.post(
        formulier.redirect_chain[-1][0],
        {"password1": "een-nieuw-lang-wachtwoord", "password2": "een-nieuw-lang-wachtwoord"},
    )
    assert eigen_sessie.login(username=eigenaar.email, password="een-nieuw-lang-wachtwoord")

    with override_settings(HONINGRAAT_MFA_VERPLICHT=True):
        assert eigen_sessie.get(reverse("home"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.worker
def test_een_gewijzigd_adres_wordt_gemeld_aan_het_oude_adres(client, wereld, celery_worker_proces):
    maildir = celery_worker_proces
    gebruiker = wereld.gebruikers[Rol.ONDERSTEUNER]
    oud = gebruiker.email
    client.force_login(wereld.gebruikers[Rol.ADMIN])
    formulier = client.get(f"/beheer/netwerk/gebruiker/{gebruiker.pk}/change/").context["adminform"].form
    gegevens = {
        k: v for k, v in formulier.initial.items() if v is not None and k not in {"last_login", "date_joined"}
    }
    gegevens.update(email="ergens-anders@proef.example", lsc=gebruiker.lsc_id)
    antwoord = client.post(f"/beheer/netwerk/gebruiker/{gebruiker.pk}/change/", gegevens)
    assert antwoord.status_code == 302, antwoord.content.decode()[:3000]
    log = Wijziging.objects.get(actie="netwerk.gebruiker.beheerd", object_id=gebruiker.pk)
    assert log.wijzigingen["email"] == [oud, "ergens-anders@proef.example"]
    (mail,) = _mails(maildir, 1)
    assert mail["To"] == oud
    assert "ergens-anders@proef.example" in mail.get_body(("plain",)).get_content()


@pytest.mark.django_db
def test_migratie_versleutelt_bestaande_geheimen(wereld):
    gebruiker = wereld.gebruikers[Rol.ZORG]
    rij = Authenticator.objects.create(
        user=gebruiker, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    migratie = importlib.import_module("netwerk.migrations.0011_mfa_versleuteld_en_sessiesleutel")
    migratie.versleutelen(apps, None)
    rij.refresh_from_db()
    assert rij.data["secret"].startswith("fernet:")
    assert ontsleutel(rij.data["secret"]) == "JBSWY3DPEHPK3PXP"


@pytest.mark.django_db
def test_een_nieuwe_sleutel_vervangt_de_oude_zonder_iemand_buiten_te_sluiten(wereld, settings):
    gebruiker = wereld.gebruikers[Rol.ZORG]
    oud, nieuw = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.HONINGRAAT_MFA_SLEUTELS = [oud]
    geheim = _met_totp(gebruiker)
    settings.HONINGRAAT_MFA_SLEUTELS = [nieuw, oud]
    call_command("mfa_herversleutelen", stdout=StringIO())
    settings.HONINGRAAT_MFA_SLEUTELS = [nieuw]
    totp = Authenticator.objects.get(user=gebruiker, type=Authenticator.Type.TOTP)
    assert ontsleutel(totp.data["secret"]) == geheim
    assert Gebruiker.objects.filter(pk=gebruiker.pk).exists()
