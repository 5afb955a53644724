"""A supporter leaves: their anchor schools and running trajectories go to colleagues in one step.

Lives in trajecten, the lowest app that knows both the anchors (scholen) and the assignments. The page
(honingraat/team.py) proposes a successor for each; the service takes the choice as it was shown and
refuses the whole step, writing nothing, while any anchor school or open trajectory is left without one.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.audit import log_actie
from netwerk.models import Gebruiker, Ondersteuner
from netwerk.schooljaar import als_tekst, huidig_schooljaar
from netwerk.services import account_deactiveren_als_vertrokken
from scholen.models import Ankertoewijzing
from trajecten.models import Toewijzing
from trajecten.queries import lopende_toewijzingen


def ankers_van_vertrekker(ondersteuner: Ondersteuner) -> QuerySet[Ankertoewijzing]:
    """The anchor schools of this school year and later (a next year already prepared goes along)."""
    return (
        Ankertoewijzing.objects.filter(ondersteuner=ondersteuner, schooljaar__gte=huidig_schooljaar())
        .select_related("school")
        .order_by("schooljaar", "school__naam", "pk")
    )


def trajecten_van_vertrekker(ondersteuner: Ondersteuner) -> QuerySet[Toewijzing]:
    """The assignments on open trajectories: requested, being answered or running."""
    return (
        lopende_toewijzingen(ondersteuner=ondersteuner)
        .select_related("traject__school")
        .order_by("traject__school__naam", "traject_id")
    )


def opvolgers_mogelijk(ondersteuner: Ondersteuner, *, uit_dienst_op: dt.date) -> QuerySet[Ondersteuner]:
    """Colleagues of the same LSC still at work after the leaving date."""
    return (
        Ondersteuner.objects.filter(lsc=ondersteuner.lsc_id, gebruiker__is_active=True)
        .exclude(pk=ondersteuner.pk)
        .filter(Q(uit_dienst_op__isnull=True) | Q(uit_dienst_op__gt=uit_dienst_op))
        .select_related("gebruiker", "regioteam")
        .order_by("gebruiker__naam")
    )


def anker_sleutel(anker: Ankertoewijzing) -> str:
    return f"anker-{anker.pk}"


def traject_sleutel(toewijzing: Toewijzing) -> str:
    return f"traject-{toewijzing.pk}"


def anker_omschrijving(anker: Ankertoewijzing) -> str:
    return _("ankerschool %(school)s (%(jaar)s)") % {
        "school": anker.school.naam,
        "jaar": als_tekst(anker.schooljaar),
    }


def traject_omschrijving(toewijzing: Toewijzing) -> str:
    # A number and a school, never a pupil: the message may be read by anyone on the policy team.
    return _("traject %(nummer)s op %(school)s") % {
        "nummer": toewijzing.traject_id,
        "school": toewijzing.traject.school.naam,
    }


@dataclass(frozen=True)
class Vertrek:
    ankers: int  # anchor schools handed over
    trajecten: int  # assignments handed over
    datum_gezet: bool  # the leaving date was new
    gedeactiveerd: bool

    @property
    def iets_gedaan(self) -> bool:
        return bool(self.ankers or self.trajecten or self.datum_gezet or self.gedeactiveerd)


@transaction.atomic
def vertrek_verwerken(
    *, door: Gebruiker, ondersteuner: Ondersteuner, uit_dienst_op: dt.date, opvolgers: dict[str, int]
) -> Vertrek:
    """Record the leaving date and hand every anchor school and open trajectory to its chosen successor.

    `opvolgers` maps `anker_sleutel`/`traject_sleutel` to a colleague's pk. All or nothing: any item without a
    valid successor refuses the step with a message naming it. Items no longer the leaver's (a second run of
    the same form) are not there any more and so are not handed over twice.
    """
    ondersteuner = (
        Ondersteuner.objects.select_for_update().select_related("gebruiker").get(pk=ondersteuner.pk)
    )
    mogelijk = {o.pk: o for o in opvolgers_mogelijk(ondersteuner, uit_dienst_op=uit_dienst_op)}
    ankers = list(ankers_van_vertrekker(ondersteuner).select_for_update(of=("self",)))
    toewijzingen = list(trajecten_van_vertrekker(ondersteuner).select_for_update(of=("self",)))
    keuzes, open_gebleven = [], []
    for item, sleutel, omschrijving in [
        *((a, anker_sleutel(a), anker_omschrijving(a)) for a in ankers),
        *((t, traject_sleutel(t), traject_omschrijving(t)) for t in toewijzingen),
    ]:
        opvolger = mogelijk.get(_als_getal(opvolgers.get(sleutel)))
        if opvolger is None:
            open_gebleven.append(omschrijving)
        else:
            keuzes.append((item, opvolger))
    if open_gebleven:
        raise ValidationError(
            _("Er is niets overgedragen: kies eerst een collega voor %(wat)s.")
            % {"wat": ", ".join(open_gebleven)}
        )
    aantal_ankers = aantal_trajecten = 0
    for item, opvolger in keuzes:
        if isinstance(item, Ankertoewijzing):
            _anker_overdragen(door=door, anker=item, opvolger=opvolger)
            aantal_ankers += 1
        else:
            _toewijzing_overdragen(door=door, toewijzing=item, opvolger=opvolger)
            aantal_trajecten += 1
    datum_gezet = ondersteuner.uit_dienst_op != uit_dienst_op
    if datum_gezet:
        log_actie(
            door=door,
            actie="netwerk.ondersteuner.vertrek_vastgelegd",
            obj=ondersteuner,
            wijzigingen={
                "uit_dienst_op": [str(ondersteuner.uit_dienst_op or ""), str(uit_dienst_op)],
                "ankers": [None, aantal_ankers],
                "trajecten": [None, aantal_trajecten],
            },
        )
        ondersteuner.uit_dienst_op = uit_dienst_op
        ondersteuner.save(update_fields=["uit_dienst_op"])
    gedeactiveerd = account_deactiveren_als_vertrokken(ondersteuner, vandaag=timezone.localdate())
    return Vertrek(aantal_ankers, aantal_trajecten, datum_gezet, gedeactiveerd)


def _als_getal(waarde) -> int | None:
    try:
        return int(waarde)
    except (TypeError, ValueError):
        return None


def _anker_overdragen(*, door: Gebruiker, anker: Ankertoewijzing, opvolger: Ondersteuner) -> None:
    wijzigingen = {
        "ondersteuner": [str(anker.ondersteuner), str(opvolger)],
        "school": [None, anker.school.naam],
    }
    al_anker = Ankertoewijzing.objects.filter(
        school=anker.school_id, lsc=anker.lsc_id, schooljaar=anker.schooljaar, ondersteuner=opvolger
    ).exists()
    log_actie(door=door, actie="scholen.ankertoewijzing.overgedragen", obj=anker, wijzigingen=wijzigingen)
    if al_anker:  # the successor already anchors this school: the leaver's row goes, the school keeps one
        anker.delete()
    else:
        anker.ondersteuner = opvolger
        anker.save(update_fields=["ondersteuner"])


def _toewijzing_overdragen(*, door: Gebruiker, toewijzing: Toewijzing, opvolger: Ondersteuner) -> None:
    wijzigingen = {
        "ondersteuner": [str(toewijzing.ondersteuner), str(opvolger)],
        "rol": [None, toewijzing.rol],
    }
    log_actie(
        door=door,
        actie="trajecten.toewijzing.overgedragen",
        obj=toewijzing,
        traject_id=toewijzing.traject_id,
        wijzigingen=wijzigingen,
    )
    bestaand = Toewijzing.objects.filter(traject=toewijzing.traject_id, ondersteuner=opvolger).first()
    if bestaand is not None:  # already on the trajectory: keeps the leaver's anchor role if they had it
        if toewijzing.rol == Toewijzing.Rol.ANKER and bestaand.rol != Toewijzing.Rol.ANKER:
            bestaand.rol = Toewijzing.Rol.ANKER
            bestaand.save(update_fields=["rol"])
        toewijzing.delete()
    else:
        toewijzing.ondersteuner = opvolger
        toewijzing.save(update_fields=["ondersteuner"])
