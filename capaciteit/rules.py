"""Who may plan the capacity of an LSC: its coordinators and directors, for their own LSC only."""

from netwerk.models import BELEIDSROLLEN


def mag_capaciteit_plannen(gebruiker) -> bool:
    return gebruiker.is_authenticated and gebruiker.rol in BELEIDSROLLEN and gebruiker.lsc_id is not None
