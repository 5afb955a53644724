from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapaciteitConfig(AppConfig):
    name = "capaciteit"
    verbose_name = _("Capaciteit")

    def ready(self) -> None:
        # The day sheet of `trajecten` (a layer below) asks where a supporter is planned on a day.
        from capaciteit.queries import gedane_scholen_op, geplande_scholen_op
        from trajecten.planning import gedaan_registreren, planning_registreren

        planning_registreren(geplande_scholen_op)
        gedaan_registreren(gedane_scholen_op)
