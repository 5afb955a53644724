"""Who may change what about a school they can already see (seeing is decided in queries.py)."""

from netwerk.models import BELEIDSROLLEN, Rol
from netwerk.rules import is_beheerder
from scholen.models import Bediening, Schoolvoorstel


def mag_school_bewerken(gebruiker) -> bool:
    return is_beheerder(gebruiker) or gebruiker.rol in BELEIDSROLLEN


def mag_anker_toewijzen(gebruiker) -> bool:
    """Coordinators for their LSC, team coaches for the schools of their regio teams."""
    return gebruiker.rol in BELEIDSROLLEN or gebruiker.rol == Rol.TEAMCOACH


def mag_register_bijwerken(gebruiker) -> bool:
    """The school keeps its reports; its care staff, its anchor and the LSC keep the register current."""
    return is_beheerder(gebruiker) or gebruiker.rol in {
        *BELEIDSROLLEN,
        Rol.TEAMCOACH,
        Rol.ONDERSTEUNER,
        Rol.ZORG,
    }


def mag_exporteren(gebruiker) -> bool:
    return is_beheerder(gebruiker) or gebruiker.rol in {*BELEIDSROLLEN, Rol.TEAMCOACH}


def mag_voorstel_beslissen(gebruiker, voorstel: Schoolvoorstel) -> bool:
    """An administrator, or the coordinator or director of another LSC that serves the school and has not
    agreed yet."""
    if voorstel.status != Schoolvoorstel.Status.OPEN:
        return False
    if is_beheerder(gebruiker):
        return True
    return (
        gebruiker.rol in BELEIDSROLLEN
        and gebruiker.lsc_id != voorstel.lsc_id
        and gebruiker.lsc_id not in voorstel.akkoord
        and Bediening.objects.filter(lsc=gebruiker.lsc_id, school=voorstel.school_id).exists()
    )


def mag_clbs_beheren(gebruiker) -> bool:
    return is_beheerder(gebruiker) or gebruiker.rol in BELEIDSROLLEN


def mag_clb_wijzigen(gebruiker, *clbs) -> bool:
    """A CLB is reference data every LSC sees: a coordinator renames or merges only CLBs whose schools
    their LSC alone serves; any other goes through an administrator."""
    if is_beheerder(gebruiker):
        return True
    if gebruiker.rol not in BELEIDSROLLEN:
        return False
    return not Bediening.objects.filter(school__clb__in=clbs).exclude(lsc=gebruiker.lsc_id).exists()
