"""What every trajectory view needs: the trajectory if it is yours to see, and service errors on a form."""

import datetime as dt

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from netwerk.models import Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from trajecten import rules
from trajecten.models import Logboekregel, Traject
from trajecten.queries import trajecten_zichtbaar_voor


def traject_of_404(request: HttpRequest, pk: int, trajecten: QuerySet[Traject] | None = None) -> Traject:
    """What is not yours to see is not found: a 404, never a 403 that would confirm it exists."""
    if trajecten is None:
        trajecten = trajecten_zichtbaar_voor(request.user).select_related("school", "leerling", "lsc")
    return get_object_or_404(trajecten, pk=pk)


def traject_voor_actie(request: HttpRequest, pk: int) -> Traject:
    traject = traject_of_404(request, pk)
    if not rules.mag_traject_bewerken(request.user, traject):
        raise PermissionDenied
    return traject


def ondersteuner_van(gebruiker) -> Ondersteuner | None:
    return Ondersteuner.objects.filter(gebruiker=gebruiker).first() if gebruiker.is_authenticated else None


def minuten_som(*, vanaf: dt.date | None = None) -> Coalesce:
    """Minutes in a trajectory's logbook as a scalar subquery: no join that multiplies the rows."""
    regels = Logboekregel.objects.filter(traject=OuterRef("pk"))
    if vanaf is not None:
        regels = regels.filter(datum__gte=vanaf)
    som = regels.order_by().values("traject").annotate(som=Sum("minuten")).values("som")
    return Coalesce(Subquery(som, output_field=IntegerField()), 0)


def minuten_dit_schooljaar() -> Coalesce:
    return minuten_som(vanaf=dt.date(huidig_schooljaar(), 9, 1))


def fouten_op_formulier(formulier: forms.Form, fout: ValidationError) -> None:
    """A service's error goes on the field it names, or above the form when the form has no such field."""
    if not hasattr(fout, "error_dict"):
        formulier.add_error(None, fout.messages)
        return
    for veld, meldingen in fout.message_dict.items():
        formulier.add_error(veld if veld in formulier.fields else None, meldingen)
