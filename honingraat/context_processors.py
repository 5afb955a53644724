"""The navigation of each role: what a user sees in the menu is what they may open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from netwerk import meldingen as netwerk_meldingen
from netwerk import rules
from netwerk.models import Rol

_SCHOLEN_LABEL = {
    Rol.ZORG: _("Mijn school"),
    Rol.ONDERSTEUNER: _("Mijn scholen"),
    Rol.CLB: _("Scholen van mijn CLB"),
    Rol.TEAMCOACH: _("Scholen van mijn regioteams"),
}


# CLB and admins see no trajectories: pupil data is for those working on the case and the school's care.
_TRAJECTEN_ROLLEN = {Rol.COORDINATOR, Rol.DIRECTEUR, Rol.TEAMCOACH, Rol.ZORG}


def navigatie(request) -> dict:
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not gebruiker.is_authenticated:
        return {}
    items = [("home", _("Start"))]
    # Care staff's "Mijn school" is their school's dossier (or, with several schools, the list of them).
    scholen = "school_mijn" if gebruiker.rol == Rol.ZORG else "school_lijst"
    items.append((scholen, _SCHOLEN_LABEL.get(gebruiker.rol, _("Scholen"))))
    if gebruiker.rol == Rol.ONDERSTEUNER:
        items.append(("mijn_trajecten", _("Mijn trajecten")))
        items.append(("mijn_week", _("Mijn week")))
    elif gebruiker.rol in _TRAJECTEN_ROLLEN:
        items.append(("traject_lijst", _("Trajecten")))
    if gebruiker.rol in {Rol.COORDINATOR, Rol.DIRECTEUR} and gebruiker.lsc_id is not None:
        items.append(("capaciteit_planning", _("Capaciteit")))
        items.append(("capaciteit_opvolging", _("Opvolging")))
    if gebruiker.rol != Rol.ADMIN:
        items.append(("overleg_overzicht", _("Schoolbeeldoverleg")))
    if rules.mag_uitnodigen(gebruiker):
        items.append(("gebruiker_uitnodigen", _("Account uitnodigen")))
        items.append(("aanvragen", _("Aanvragen")))
    if rules.is_beheerder(gebruiker) and gebruiker.is_staff:
        items.append(("admin:index", _("Beheer")))
    huidig = request.resolver_match.view_name if request.resolver_match else ""
    actief = _actief(huidig, [naam for naam, _label in items])
    return {
        "navigatie": [
            {"url": reverse(naam), "label": label, "actief": naam == actief} for naam, label in items
        ]
    }


def _actief(huidig: str, namen: list[str]) -> str | None:
    """The item a page belongs to: its own, else the first of its section. A section's pages share its
    prefix ("capaciteit_" for the planning, its moves and exports); "mijn_" pages are each their own."""
    if huidig in namen:
        return huidig
    sectie = huidig.split("_")[0] + "_"
    return next((n for n in namen if not n.startswith("mijn_") and n.startswith(sectie)), None)


def meldingen(request) -> dict:
    """The bell's count: read with the session's user (netwerk/aanmelding.py), so no query of its own; a
    user loaded another way is counted here."""
    gebruiker = getattr(request, "user", None)
    if gebruiker is None or not gebruiker.is_authenticated:
        return {}
    aantal = getattr(gebruiker, "meldingen_ongelezen", None)
    if aantal is None:
        aantal = netwerk_meldingen.ongelezen(gebruiker)
    return {"meldingen_ongelezen": aantal}
