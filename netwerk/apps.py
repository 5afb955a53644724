from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from allauth.account.signals import password_reset
        from django.contrib.auth.signals import user_logged_in

        from netwerk import opstart  # noqa: F401 - registers the deploy check
        from netwerk.adapters import na_wachtwoordherstel
        from netwerk.middleware import actief_sinds_aanmelden
        from netwerk.services import adres_bewezen

        user_logged_in.connect(actief_sinds_aanmelden, dispatch_uid="honingraat-actief")
        password_reset.connect(adres_bewezen, dispatch_uid="honingraat-adres-bewezen")
        password_reset.connect(na_wachtwoordherstel, dispatch_uid="honingraat-inlogrem")
