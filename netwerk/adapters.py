"""allauth's hooks: nobody signs up, password guesses are braked (netwerk/inlogrem.py), and the second
factor's secrets are stored encrypted."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError

from netwerk import inlogrem

VOORVOEGSEL = "fernet:"


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: a coordinator or an admin creates or invites every account.

    Every password check (the login form, the admin's door that leads to it, reauthentication) passes the
    brake on guessing of netwerk/inlogrem.py instead of allauth's `login_failed` limit, which let a stranger
    lock an account's owner out (settings.ACCOUNT_RATE_LIMITS).
    """

    def is_open_for_signup(self, request) -> bool:
        return False

    def pre_authenticate(self, request, **credentials) -> None:
        login = _login_van(credentials)
        try:
            self._inlogpoging = inlogrem.poging_beginnen(
                login=login,
                adres=self.get_client_ip(request),
                toestel=inlogrem.toestel_voor(request, login=login),
            )
        except inlogrem.Geremd as geremd:
            raise ValidationError(geremd.melding, code="too_many_login_attempts") from None

    def authenticate(self, request, **credentials):
        gebruiker = super().authenticate(request, **credentials)
        if gebruiker is not None:
            inlogrem.poging_gelukt(self._inlogpoging)
        return gebruiker

    def authentication_failed(self, request, **credentials) -> None:
        inlogrem.poging_mislukt(self._inlogpoging)

    def post_login(self, request, user, **kwargs):
        """The login is complete (second factor included): from now on this browser is a known one."""
        response = super().post_login(request, user, **kwargs)
        inlogrem.toestel_onthouden(request, response, login=user.email)
        return response


def _login_van(credentials: dict) -> str:
    return credentials.get("email") or credentials.get("username") or ""


def na_wachtwoordherstel(sender, request, user, **_kwargs) -> None:
    """allauth's `password_reset` signal: the one who chose the new password may use it right away."""
    inlogrem.account_vrijgeven(
        login=user.email,
        adres=get_adapter(request).get_client_ip(request),
        toestel=inlogrem.toestel_voor(request, login=user.email),
    )


def sleutelbos() -> MultiFernet:
    """The keys of MFA_SLEUTEL (comma-separated Fernet keys; the first encrypts, all decrypt, so a new key
    goes first and the old one stays until `manage.py mfa_herversleutelen` ran), then a key derived from
    SECRET_KEY: it encrypts where MFA_SLEUTEL is not set (`check --deploy` warns, since rotating SECRET_KEY
    would then lock everyone out) and still decrypts what it encrypted once MFA_SLEUTEL is set."""
    sleutels = [*settings.HONINGRAAT_MFA_SLEUTELS, afgeleide_sleutel(settings.SECRET_KEY)]
    try:
        return MultiFernet([Fernet(sleutel) for sleutel in sleutels])
    except ValueError as fout:
        raise ImproperlyConfigured(
            "MFA_SLEUTEL is geen geldige Fernet-sleutel: maak er een met "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        ) from fout


def afgeleide_sleutel(geheim: str) -> bytes:
    return base64.urlsafe_b64encode(hashlib.sha256(b"honingraat-mfa\x00" + geheim.encode()).digest())


def versleutel(tekst: str) -> str:
    return VOORVOEGSEL + sleutelbos().encrypt(tekst.encode()).decode()


def ontsleutel(tekst: str) -> str:
    if not tekst.startswith(VOORVOEGSEL):
        raise ImproperlyConfigured("Een MFA-geheim staat onversleuteld in de databank.")
    try:
        return sleutelbos().decrypt(tekst.removeprefix(VOORVOEGSEL).encode()).decode()
    except InvalidToken as fout:
        raise ImproperlyConfigured(
            "Een MFA-geheim kan met MFA_SLEUTEL niet ontsleuteld worden: staat de oude sleutel nog in "
            "de lijst?"
        ) from fout


def herversleuteld(data: dict) -> dict:
    """An authenticator's data with every secret in it encrypted with the first key (a plain one too: the
    migration that first encrypts them uses this)."""

    def opnieuw(tekst: str) -> str:
        return versleutel(ontsleutel(tekst) if tekst.startswith(VOORVOEGSEL) else tekst)

    nieuw = dict(data)
    for sleutel in ("secret", "seed"):
        if isinstance(nieuw.get(sleutel), str):
            nieuw[sleutel] = opnieuw(nieuw[sleutel])
    if isinstance(nieuw.get("migrated_codes"), list):
        nieuw["migrated_codes"] = [opnieuw(code) for code in nieuw["migrated_codes"]]
    return nieuw


class MfaAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds never stand in the database in plain text: a copy of the
    database (a backup, a read-only leak) does not give anyone's second factor."""

    def encrypt(self, text: str) -> str:
        return versleutel(text)

    def decrypt(self, encrypted_text: str) -> str:
        return ontsleutel(encrypted_text)
