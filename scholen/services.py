"""Writes about schools: one function per change, keyword-only, validated before anything is saved."""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction

from netwerk.gelijktijdig import Verouderd, stand_van
from netwerk.models import Gebruiker, Leersteuncentrum, Ondersteuner
from scholen.models import Ankertoewijzing, Bediening, School, Verslagregister

logger = logging.getLogger(__name__)


@transaction.atomic
def anker_toewijzen(
    *, door: Gebruiker, school: School, lsc: Leersteuncentrum, ondersteuner: Ondersteuner, schooljaar: int
) -> Ankertoewijzing:
    if ondersteuner.lsc_id != lsc.pk:
        raise ValidationError("Deze ondersteuner werkt niet voor dit leersteuncentrum.")
    if not Bediening.objects.filter(school=school, lsc=lsc).exists():
        raise ValidationError("Dit leersteuncentrum bedient deze school niet.")
    anker, nieuw = Ankertoewijzing.objects.get_or_create(
        school=school, lsc=lsc, schooljaar=schooljaar, ondersteuner=ondersteuner
    )
    if nieuw:
        logger.info("anker %s toegewezen aan school %s door account %s", ondersteuner.pk, school.pk, door.pk)
    return anker


@transaction.atomic
def anker_verwijderen(*, door: Gebruiker, anker: Ankertoewijzing) -> None:
    logger.info(
        "anker %s van school %s verwijderd door account %s", anker.ondersteuner_id, anker.school_id, door.pk
    )
    anker.delete()


@transaction.atomic
def school_bijwerken(*, door: Gebruiker, school: School, gegevens: dict, stand: str | None = None) -> School:
    """`stand` is what the editor saw of these fields: over another's change in between it is refused."""
    huidig = School.objects.select_for_update().get(pk=school.pk)
    if stand and stand_van(huidig, gegevens) != stand:
        raise Verouderd(
            "Iemand anders heeft de gegevens van deze school intussen gewijzigd. "
            "Je wijzigingen zijn niet bewaard.",
            verborgen={"stand": stand_van(huidig, gegevens)},
            huidig=huidig,
        )
    for veld, waarde in gegevens.items():
        setattr(school, veld, waarde)
    school.full_clean()
    school.save(update_fields=list(gegevens))
    logger.info("school %s bijgewerkt door account %s: %s", school.pk, door.pk, ", ".join(gegevens))
    return school


def register_bijwerken(*, door: Gebruiker, school: School, soort: str, aantal: int, bewaarplaats: str):
    """Sets the count and place of one kind of report; a count of 0 with no place removes the line."""
    if aantal == 0 and not bewaarplaats:
        Verslagregister.objects.filter(school=school, soort=soort).delete()
        return None
    regel, _ = Verslagregister.objects.update_or_create(
        school=school,
        soort=soort,
        defaults={"aantal": aantal, "bewaarplaats": bewaarplaats, "bijgewerkt_door": door},
    )
    return regel
