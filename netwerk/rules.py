"""Permission predicates: small, named, and used by views and templates alike."""

from netwerk.models import BELEIDSROLLEN, Rol


def is_beheerder(gebruiker) -> bool:
    return gebruiker.is_authenticated and (gebruiker.is_superuser or gebruiker.rol == Rol.ADMIN)


def is_beleid(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN


def mag_uitnodigen(gebruiker) -> bool:
    """Coordinators, directors and admins create the accounts: there is no open sign-up."""
    return is_beheerder(gebruiker) or is_beleid(gebruiker)
