"""Two rules that hold for every response: a second factor where it is compulsory, and strict headers."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect

MFA_SESSIESLEUTEL = "honingraat_mfa_ok"
VRIJE_PADEN = ("/account/", "/static/", "/gezondheid/")


class MfaVerplichtMiddleware:
    """Where MFA is compulsory, a user who can see pupil data first sets up TOTP, then goes on."""

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
        if request.path.startswith(VRIJE_PADEN) or not gebruiker.ziet_leerlinggegevens:
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
