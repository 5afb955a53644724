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


@checks.register(checks.Tags.security, deploy=True)
def controleer_mfa_sleutel(app_configs, **kwargs) -> list[checks.Warning]:
    """The MFA secrets' key apart from SECRET_KEY: rotating one must not lock everyone out of the other."""
    if settings.HONINGRAAT_MFA_SLEUTELS:
        return []
    return [
        checks.Warning(
            "MFA_SLEUTEL ontbreekt: de geheimen van de tweestapsverificatie zijn versleuteld met een sleutel "
            "afgeleid van SECRET_KEY. Zet een eigen Fernet-sleutel in MFA_SLEUTEL vóór je SECRET_KEY ooit "
            "vervangt (docs/DEPLOY.md).",
            id="honingraat.W002",
        )
    ]
