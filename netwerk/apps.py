from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from netwerk import opstart  # noqa: F401 - registers the deploy check
