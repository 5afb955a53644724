from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from django.core.exceptions import ValidationError

from netwerk import inlogrem


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
