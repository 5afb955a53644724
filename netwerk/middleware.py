"""Rules that hold for every request: a second factor where it is compulsory, strict headers, and no
session that stays open while nobody uses it."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.translation import gettext as _

MFA_SESSIESLEUTEL = "honingraat_mfa_ok"
VRIJE_PADEN = ("/account/", "/static/", "/gezondheid/")


class MfaVerplichtMiddleware:
    """Where MFA is compulsory, every account (netwerk.models.ROLLEN_MET_MFA) first sets up TOTP, then goes
    on: the administrator and the CLB too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._moet_mfa_instellen(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _moet_mfa_instellen(self, request) -> bool:
        gebruiker = request.user
        if not (settings.HONINGRAAT_MFA_VERPLICHT and gebruiker.is_authenticated):
            return False
        if request.path.startswith(VRIJE_PADEN) or not gebruiker.moet_mfa_gebruiken:
            return False
        if request.session.get(MFA_SESSIESLEUTEL):
            return False
        if Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP).exists():
            request.session[MFA_SESSIESLEUTEL] = True
            return False
        return True


class BeveiligingsHeadersMiddleware:
    """A strict Content-Security-Policy everywhere, and no caching of any page behind the login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.HONINGRAAT_CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        return response


def actief_sinds_aanmelden(sender, request, user, **_kwargs) -> None:
    """The idle clock and the session's lifetime start at login (in the same session write as the login)."""
    if request is not None and hasattr(request, "session"):
        nu = int(time.time())
        request.session[InactiviteitMiddleware.SLEUTEL] = nu
        request.session[InactiviteitMiddleware.AANGEMELD] = nu


class InactiviteitMiddleware:
    """Signs out a session that has been idle longer than SESSION_IDLE_SECONDEN (a laptop left open in a
    staff room), and any session older than SESSION_COOKIE_AGE counted from the login itself: activity
    keeps a session alive only within that maximum.

    The last activity is written at most once a minute, so a busy user does not cost a write per request.
    """

    SLEUTEL = "laatst_actief"
    AANGEMELD = "aangemeld_om"
    SCHRIJF_NA = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gebruiker = getattr(request, "user", None)
        if gebruiker is not None and gebruiker.is_authenticated:
            nu = int(time.time())
            laatst = request.session.get(self.SLEUTEL)
            aangemeld = request.session.setdefault(self.AANGEMELD, nu)
            if nu - aangemeld > settings.SESSION_COOKIE_AGE:
                logout(request)
                uren = settings.SESSION_COOKIE_AGE // 3600
                melding = _("Je was langer dan %(uren)s uur aangemeld en bent afgemeld. Meld je opnieuw aan.")
                messages.info(request, melding % {"uren": uren})
            elif laatst is not None and nu - laatst > settings.SESSION_IDLE_SECONDEN:
                logout(request)
                melding = _("Je was een tijd niet actief en bent afgemeld. Meld je opnieuw aan.")
                messages.info(request, melding)
            elif laatst is None or nu - laatst >= self.SCHRIJF_NA:
                request.session[self.SLEUTEL] = nu
        return self.get_response(request)
