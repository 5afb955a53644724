"""What every trajectory view needs: the trajectory if it is yours to see, and service errors on a form."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from netwerk.models import Ondersteuner
from trajecten import rules
from trajecten.models import Traject
from trajecten.queries import trajecten_zichtbaar_voor


def traject_of_404(request: HttpRequest, pk: int, trajecten: QuerySet[Traject] | None = None) -> Traject:
    """What is not yours to see is not found: a 404, never a 403 that would confirm it exists."""
    if trajecten is None:
        trajecten = trajecten_zichtbaar_voor(request.user).select_related("school", "leerling", "lsc")
    return get_object_or_404(trajecten, pk=pk)


def traject_voor_actie(
    request: HttpRequest, pk: int, trajecten: QuerySet[Traject] | None = None, *, actie: str | None = None
) -> Traject:
    """The trajectory if the user may change it (404 / 403); with `actie` (a URL name), may take that action:
    a focus supporter only the actions of their part (rules.FOCUSACTIES)."""
    traject = traject_of_404(request, pk, trajecten)
    if not rules.mag_traject_bewerken(request.user, traject):
        raise PermissionDenied
    if actie is not None and not rules.mag_traject_actie(request.user, traject, actie):
        raise PermissionDenied
    return traject


def ondersteuner_van(gebruiker) -> Ondersteuner | None:
    """The user's supporter record; no query when the session's user came with it (netwerk/aanmelding.py)."""
    if not gebruiker.is_authenticated:
        return None
    try:
        return gebruiker.ondersteuner
    except Ondersteuner.DoesNotExist:
        return None
