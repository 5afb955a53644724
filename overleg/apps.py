from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverlegConfig(AppConfig):
    name = "overleg"
    verbose_name = _("Schoolbeeldoverleg")

    def ready(self) -> None:
        # The school's closing form (trajecten, a layer below) asks our extra question; its answers are
        # anonymised with the pupil's.
        from overleg.afsluiting import SUGGESTIES, suggesties_bewaren, suggesties_lezen, suggestieveld
        from overleg.models import Afsluitsuggestie
        from trajecten import afsluitextra, privacy

        afsluitextra.registreren(
            afsluitextra.Extravraag(SUGGESTIES, suggestieveld, suggesties_bewaren, suggesties_lezen)
        )
        privacy.vrije_tekst_registreren(Afsluitsuggestie, ("tekst",))
