from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapaciteitConfig(AppConfig):
    name = "capaciteit"
    verbose_name = _("Capaciteit")
