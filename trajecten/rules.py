"""Who may act on a trajectory they can already see (seeing is decided in queries.py).

Care staff and team coaches read along; CLB and admins do not see trajectories at all.
"""

import datetime as dt

from django.conf import settings

from netwerk.models import BELEIDSROLLEN, Rol
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin, schooljaar_van
from scholen.models import Ankertoewijzing
from trajecten.models import Logboekregel, Toewijzing, Traject

# A user's right on a logbook line: their own, as they like; or the coordination's correction, with a reason.
EIGEN, CORRECTIE = "eigen", "correctie"


def is_toegewezen(gebruiker, traject: Traject) -> bool:
    if getattr(traject, "rechten_voor", None) == gebruiker.pk:  # read with the trajectory: no query
        return traject.toegewezen
    return traject.toewijzingen.filter(ondersteuner__gebruiker=gebruiker).exists()


def is_anker_van(gebruiker, traject: Traject) -> bool:
    """The school's anchor of this school year keeps the overview of all its trajectories."""
    if getattr(traject, "rechten_voor", None) == gebruiker.pk:  # read with the trajectory: no query
        return traject.via_anker
    return Ankertoewijzing.objects.filter(
        school=traject.school_id,
        lsc=traject.lsc_id,
        ondersteuner__gebruiker=gebruiker,
        schooljaar=huidig_schooljaar(),
    ).exists()


def mag_traject_bewerken(gebruiker, traject: Traject) -> bool:
    if not gebruiker.is_authenticated:
        return False
    if gebruiker.rol in BELEIDSROLLEN:
        return gebruiker.lsc_id == traject.lsc_id
    if gebruiker.rol != Rol.ONDERSTEUNER:
        return False
    if getattr(traject, "rechten_voor", None) == gebruiker.pk:  # read along (mijn_rijen): no more queries
        return traject.toegewezen or traject.via_anker
    return is_toegewezen(gebruiker, traject) or is_anker_van(gebruiker, traject)


def mag_traject_aanmaken(gebruiker) -> bool:
    """Supporters (usually the anchor) and the coordination register requests for their LSC."""
    return (
        gebruiker.is_authenticated
        and gebruiker.lsc_id is not None
        and (gebruiker.rol in BELEIDSROLLEN or gebruiker.rol == Rol.ONDERSTEUNER)
    )


def mag_trajecten_exporteren(gebruiker) -> bool:
    return gebruiker.is_authenticated and (gebruiker.rol in BELEIDSROLLEN or gebruiker.rol == Rol.TEAMCOACH)


def heeft_mijn_trajecten(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol == Rol.ONDERSTEUNER


def mag_leerlingdossier_downloaden(gebruiker) -> bool:
    """Everything held about one pupil goes to the coordination and direction of the LSC only."""
    return gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN


def mag_wissing_aanvragen(gebruiker, trajecten) -> bool:
    """Whoever may change one of the pupil's trajectories (beyond a focus part) may ask to erase the pupil."""
    return any(mag_traject_actie(gebruiker, traject, "leerling_wissen") for traject in trajecten)


def mag_wissing_beslissen(gebruiker, verzoek) -> bool:
    """A coordinator or director of the request's LSC who did not ask for it (four eyes)."""
    return (
        gebruiker.is_authenticated
        and gebruiker.rol in BELEIDSROLLEN
        and gebruiker.lsc_id == verzoek.lsc_id
        and gebruiker.pk != verzoek.aangevraagd_door_id
    )


def logboek_bewerkbaar_vanaf(vandaag: dt.date) -> dt.date:
    """The first date of a line that a supporter may still add, edit or delete themselves
    (LOGBOEK_BEWERKEN_TOT: the running school year, or a number of days back)."""
    if settings.LOGBOEK_BEWERKEN_TOT == "schooljaar":
        return schooljaar_begin(schooljaar_van(vandaag))
    return vandaag - dt.timedelta(days=int(settings.LOGBOEK_BEWERKEN_TOT))


def is_eigen_regel(gebruiker, regel: Logboekregel) -> bool:
    """No query: the session's user comes with their supporter record (netwerk/aanmelding.py)."""
    ondersteuner = getattr(gebruiker, "ondersteuner", None) if gebruiker.is_authenticated else None
    return ondersteuner is not None and regel.ondersteuner_id == ondersteuner.pk


def recht_op_logboekregel(
    gebruiker, regel: Logboekregel, traject: Traject, *, vandaag: dt.date
) -> str | None:
    """EIGEN: the supporter's own line, dated within the period. CORRECTIE: a coordinator or director of the
    trajectory's LSC, on any of its lines, with a reason. None: neither (a colleague's line, an own line
    from before the period)."""
    if is_eigen_regel(gebruiker, regel) and regel.datum >= logboek_bewerkbaar_vanaf(vandaag):
        return EIGEN
    if gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN and gebruiker.lsc_id == traject.lsc_id:
        return CORRECTIE
    return None


# A focus supporter on someone else's trajectory: their part only. They log time (and its notes), add goals
# and ask colleagues; closing, stopping, reopening, evaluating, changing the agreements or the people stays
# with the anchor and the coordination. Their own logbook lines follow `recht_op_logboekregel`.
FOCUSACTIES = frozenset({"traject_tijd", "traject_doel", "traject_collegavraag"})


def is_enkel_focus(gebruiker, traject: Traject) -> bool:
    """On this trajectory only through a focus team: no anchor assignment, not the school's anchor."""
    if not gebruiker.is_authenticated or gebruiker.rol != Rol.ONDERSTEUNER:
        return False
    if "toewijzingen" in getattr(traject, "_prefetched_objects_cache", {}):  # the trajectory page: no query
        rollen = {t.rol for t in traject.toewijzingen.all() if t.ondersteuner.gebruiker_id == gebruiker.pk}
    else:
        eigen = Toewijzing.objects.filter(traject=traject, ondersteuner__gebruiker=gebruiker)
        rollen = set(eigen.values_list("rol", flat=True))
    return rollen == {Toewijzing.Rol.FOCUS} and not is_anker_van(gebruiker, traject)


def mag_traject_actie(gebruiker, traject: Traject, actie: str) -> bool:
    """`mag_traject_bewerken`, narrowed to FOCUSACTIES for whoever is on the trajectory from a focus team."""
    if not mag_traject_bewerken(gebruiker, traject):
        return False
    return actie in FOCUSACTIES or not is_enkel_focus(gebruiker, traject)
