"""One tap on the day sheet ("Mijn dag loggen"): a planned visit marked done, or the mark undone.

The school is in the path, the date in the posted `datum` (today when absent), as the day sheet has them;
back to that day sheet with what happened, or with the Dutch reason it was refused.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from capaciteit.services import gedaan
from capaciteit.views.mijn_week import _eigen_ondersteuner as _ondersteuner
from netwerk.models import Ondersteuner
from scholen.models import Bediening, School


def _school(ondersteuner: Ondersteuner, school_pk: int) -> School:
    """A school the supporter's LSC serves; another LSC's school is not found (404)."""
    bediend = Bediening.objects.filter(school=OuterRef("pk"), lsc=ondersteuner.lsc_id)
    return get_object_or_404(School.objects.filter(Exists(bediend)), pk=school_pk)


def _datum(request: HttpRequest) -> dt.date | None:
    tekst = request.POST.get("datum")
    if not tekst:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        return None


def _terug(school: School, datum: dt.date) -> HttpResponse:
    return redirect(f"{reverse('dagblad_school', args=[school.pk])}?datum={datum.isoformat()}")


def _uitvoeren(request: HttpRequest, school_pk: int, *, markeren: bool) -> HttpResponse:
    ondersteuner = _ondersteuner(request)
    school = _school(ondersteuner, school_pk)
    datum = _datum(request)
    if datum is None:
        messages.error(request, "Die datum kennen we niet: kies een dag in de vorm jjjj-mm-dd.")
        return _terug(school, timezone.localdate())
    try:
        if markeren:
            gedaan.bezoek_gedaan(door=request.user, ondersteuner=ondersteuner, school=school, datum=datum)
        else:
            gedaan.bezoek_niet_gedaan(
                door=request.user, ondersteuner=ondersteuner, school=school, datum=datum
            )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return _terug(school, min(datum, timezone.localdate()))
    if markeren:
        messages.success(request, f"Je bezoek aan {school.naam} op {datum:%d/%m/%Y} staat als gedaan.")
    else:
        messages.info(request, f"Je bezoek aan {school.naam} op {datum:%d/%m/%Y} staat niet meer als gedaan.")
    return _terug(school, datum)


@require_POST
def bezoek_gedaan(request: HttpRequest, school_pk: int) -> HttpResponse:
    return _uitvoeren(request, school_pk, markeren=True)


@require_POST
def bezoek_niet_gedaan(request: HttpRequest, school_pk: int) -> HttpResponse:
    return _uitvoeren(request, school_pk, markeren=False)
