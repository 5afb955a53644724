from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapaciteitConfig(AppConfig):
    name = "capaciteit"
    verbose_name = _("Capaciteit")

    def ready(self) -> None:
        # The day sheet of `trajecten` (a layer below) asks where a supporter is planned on a day.
        from capaciteit.queries import geplande_scholen_op
        from trajecten.planning import planning_registreren

        planning_registreren(geplande_scholen_op)
