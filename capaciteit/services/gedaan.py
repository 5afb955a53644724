"""Planned versus done: a supporter marks a visit of the published plan on a date as done, or undoes it.

Only the supporter themself, only for a visit the dated plan gives them at that school on that date
(`queries.geplande_scholen_op`: holidays, absences and one-off changes applied), and only today or an
earlier day of this school year. Refused with a Dutch reason (ValidationError), nothing saved.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from capaciteit import queries
from capaciteit.models import Bezoekgedaan
from netwerk.audit import log_actie
from netwerk.models import Ondersteuner
from netwerk.schooljaar import schooljaar_van
from scholen.models import School


def _controle(ondersteuner: Ondersteuner, school: School, datum: dt.date) -> None:
    vandaag = timezone.localdate()
    if datum > vandaag:
        raise ValidationError("Een bezoek kan pas als gedaan aangeduid worden op de dag zelf of erna.")
    if schooljaar_van(datum) != schooljaar_van(vandaag):
        raise ValidationError("Enkel bezoeken van dit schooljaar kunnen als gedaan aangeduid worden.")
    if school.pk not in queries.geplande_scholen_op(ondersteuner, datum):
        raise ValidationError(
            f"Je had op {datum:%d/%m/%Y} geen bezoek aan {school.naam} in het gepubliceerde weekplan."
        )


@transaction.atomic
def bezoek_gedaan(*, door, ondersteuner: Ondersteuner, school: School, datum: dt.date) -> Bezoekgedaan:
    """Marks the visit done; marking it again changes nothing."""
    if getattr(door, "ondersteuner", None) is None or door.ondersteuner.pk != ondersteuner.pk:
        raise ValidationError("Enkel de ondersteuner zelf duidt een bezoek als gedaan aan.")
    _controle(ondersteuner, school, datum)
    bestaand = Bezoekgedaan.objects.filter(ondersteuner=ondersteuner, school=school, datum=datum).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            gedaan = Bezoekgedaan.objects.create(
                ondersteuner=ondersteuner, school=school, datum=datum, door=door
            )
    except IntegrityError:  # the same tap twice at once: the other one saved it
        return Bezoekgedaan.objects.get(ondersteuner=ondersteuner, school=school, datum=datum)
    log_actie(
        door=door,
        actie="capaciteit.bezoek.gedaan",
        obj=gedaan,
        wijzigingen={"school": school.pk, "datum": datum.isoformat()},
    )
    return gedaan


@transaction.atomic
def bezoek_niet_gedaan(*, door, ondersteuner: Ondersteuner, school: School, datum: dt.date) -> None:
    """Undoes the mark."""
    if getattr(door, "ondersteuner", None) is None or door.ondersteuner.pk != ondersteuner.pk:
        raise ValidationError("Enkel de ondersteuner zelf maakt een gedaan bezoek ongedaan.")
    gedaan = Bezoekgedaan.objects.filter(ondersteuner=ondersteuner, school=school, datum=datum).first()
    if gedaan is None:
        raise ValidationError("Dat bezoek was niet als gedaan aangeduid.")
    log_actie(
        door=door,
        actie="capaciteit.bezoek.niet_gedaan",
        obj=gedaan,
        wijzigingen={"school": school.pk, "datum": datum.isoformat()},
    )
    gedaan.delete()
