"""Who may do what with a consultation they can already see (seeing is decided in queries.py).

The LSC prepares, holds and reports the consultation: its coordination, the school's anchor and its own
supporters who take part. The school's care staff and the CLB read the report once it is shared; the CLB
is not party to the agreements between school and LSC, so it never edits and never owns an agreement.
"""

from netwerk.models import BELEIDSROLLEN, LSC_ROLLEN, Rol
from overleg.models import Deelnemer, Documentsoort, Schoolbeeldoverleg, Status
from scholen.models import Ankertoewijzing, Bediening, School

# Roles that only read the shared report: they never see the LSC's working page.
LEZERS = {Rol.ZORG, Rol.CLB}


def is_lezer(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol in LEZERS


def is_anker(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    if hasattr(overleg, "ik_anker"):
        return overleg.ik_anker
    return Ankertoewijzing.objects.filter(
        school=overleg.school_id,
        lsc=overleg.lsc_id,
        schooljaar=overleg.schooljaar,
        ondersteuner__gebruiker=gebruiker,
    ).exists()


def is_deelnemer(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    if hasattr(overleg, "ik_deelnemer"):
        return overleg.ik_deelnemer
    return Deelnemer.objects.filter(overleg=overleg, gebruiker=gebruiker).exists()


def mag_overleg_bewerken(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    """Coordination of the LSC, the school's anchor, and the LSC's supporters who take part."""
    if not gebruiker.is_authenticated or gebruiker.lsc_id != overleg.lsc_id:
        return False
    if gebruiker.rol in BELEIDSROLLEN:
        return True
    if gebruiker.rol != Rol.ONDERSTEUNER:
        return False
    return is_anker(gebruiker, overleg) or is_deelnemer(gebruiker, overleg)


def mag_overleg_plannen(gebruiker, school: School, schooljaar: int) -> bool:
    """The first step: the LSC's coordination for a school it serves, or the school's anchor."""
    if not gebruiker.is_authenticated or gebruiker.lsc_id is None:
        return False
    if gebruiker.rol in BELEIDSROLLEN:
        return Bediening.objects.filter(school=school, lsc=gebruiker.lsc_id).exists()
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return Ankertoewijzing.objects.filter(
            school=school, lsc=gebruiker.lsc_id, schooljaar=schooljaar, ondersteuner__gebruiker=gebruiker
        ).exists()
    return False


def mag_overleg_annuleren(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    """Calling the meeting off is for who may plan it (`mag_overleg_plannen`): the LSC's coordination and
    the school's anchor, not every supporter who takes part."""
    return mag_overleg_bewerken(gebruiker, overleg) and (
        gebruiker.rol in BELEIDSROLLEN or is_anker(gebruiker, overleg)
    )


def mag_werkpagina_zien(gebruiker) -> bool:
    """The LSC's working page (preparation, draft texts, the trajectory overview) is for the LSC's staff."""
    return gebruiker.is_authenticated and gebruiker.rol in LSC_ROLLEN


def mag_inhoud_zien(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    """Readers see the report once it is shared; before that, care staff see when, where and who."""
    return mag_werkpagina_zien(gebruiker) or overleg.status == Status.GEDEELD


def mag_verslag_lezen(gebruiker, overleg: Schoolbeeldoverleg) -> bool:
    """The report page: the LSC's staff (a preview until shared), and readers once it is shared."""
    return mag_inhoud_zien(gebruiker, overleg)


def mag_document_downloaden(gebruiker, overleg: Schoolbeeldoverleg, soort: str) -> bool:
    """The LSC's staff all three documents; care staff and CLB only the report, and only once shared."""
    if soort not in Documentsoort.values:
        return False
    if mag_werkpagina_zien(gebruiker):
        return True
    return soort == Documentsoort.VERSLAG and overleg.status == Status.GEDEELD


def mag_tijdskader_zien(gebruiker) -> bool:
    """The CLB reads the report, not the school's time frame (as on the time frame page)."""
    return gebruiker.is_authenticated and gebruiker.rol != Rol.CLB


def kan_afspraak_dragen(rol: str) -> bool:
    """Who can own an agreement: every participant but the CLB, which is not party to them."""
    return rol != Deelnemer.Rol.CLB
