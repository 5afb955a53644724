"""What every serving process checks before it starts: web (wsgi/asgi) and Celery worker and beat."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MELDING = "SECRET_KEY ontbreekt: zet een lange, geheime waarde in de omgeving."


def geheim_ontbreekt() -> bool:
    return settings.GEHEIM_ONTBREEKT and not (settings.DEBUG or settings.TESTING)


def weiger_zonder_geheim() -> None:
    """Production refuses to start with the development key: sessions and reset links would be forgeable."""
    if geheim_ontbreekt():
        raise ImproperlyConfigured(MELDING)


@checks.register(checks.Tags.security, deploy=True)
def controleer_geheim(app_configs, **kwargs) -> list[checks.Error]:
    return [checks.Error(MELDING, id="honingraat.E001")] if geheim_ontbreekt() else []
