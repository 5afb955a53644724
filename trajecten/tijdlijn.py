"""A trajectory's change history in readable Dutch: who did what when, and what changed from what to what.

Pure: it takes the change rows (`Wijziging`) and returns what the page shows, so it is tested without pages.
"""

import datetime as dt
import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerk.audit import actie_van
from netwerk.duur import als_uren
from trajecten.models import Activiteit, Doel, Evaluatie, Status, Toewijzing, Traject

ACTIES = {
    "trajecten.traject.aangemeld": gettext_lazy("Aanmelding geregistreerd"),
    "trajecten.traject.beantwoord": gettext_lazy("Antwoord gegeven"),
    "trajecten.traject.gestart": gettext_lazy("Traject gestart"),
    "trajecten.doel.toegevoegd": gettext_lazy("Doel toegevoegd"),
    "trajecten.doel.bijgewerkt": gettext_lazy("Doel bijgewerkt"),
    "trajecten.evaluatie.geregistreerd": gettext_lazy("Evaluatie geregistreerd"),
    "trajecten.traject.afgerond": gettext_lazy("Traject afgerond"),
    "trajecten.traject.stopgezet": gettext_lazy("Traject stopgezet"),
    "trajecten.traject.heropend": gettext_lazy("Traject heropend"),
    "trajecten.logboekregel.toegevoegd": gettext_lazy("Tijd gelogd"),
    "trajecten.logboekregel.gewijzigd": gettext_lazy("Logboekregel gewijzigd"),
    "trajecten.logboekregel.verwijderd": gettext_lazy("Logboekregel verwijderd"),
    "trajecten.logboekregel.hersteld": gettext_lazy("Verwijderde logboekregel teruggezet"),
    "trajecten.toewijzing.toegevoegd": gettext_lazy("Ondersteuner toegewezen"),
    "trajecten.betrokkene.toegevoegd": gettext_lazy("Betrokkene toegevoegd"),
    "trajecten.traject.bijgewerkt": gettext_lazy("Afspraken bijgewerkt"),
    "trajecten.afsluitvraag.beantwoord": gettext_lazy("Afsluitvragen beantwoord"),
    "trajecten.leerling.geanonimiseerd": gettext_lazy(
        "Leerlinggegevens geanonimiseerd: de bewaartermijn is voorbij"
    ),
    "trajecten.wisverzoek.aangevraagd": gettext_lazy("Wissen van de leerlinggegevens aangevraagd"),
    "trajecten.wisverzoek.geweigerd": gettext_lazy("Verzoek tot wissen geweigerd"),
    "trajecten.leerling.gewist": gettext_lazy("Leerlinggegevens gewist na goedkeuring"),
    "trajecten.focusvraag.gesteld": gettext_lazy("Focusteam ingeroepen"),
    "trajecten.focusvraag.genomen": gettext_lazy("Focusondersteuner aangesloten"),
    "trajecten.focusvraag.toegewezen": gettext_lazy("Focusondersteuner toegewezen door de coach"),
    "trajecten.focusvraag.beeindigd": gettext_lazy("Focustraject beëindigd, met overdracht"),
    "trajecten.collegavraag.gesteld": gettext_lazy("Vraag aan een collega gesteld"),
    "trajecten.collegavraag.beantwoord": gettext_lazy("Vraag van een collega beantwoord"),
}
VELDEN = {
    "doelen": gettext_lazy("doelen"),
    "reden": gettext_lazy("reden"),
    "omschrijving": gettext_lazy("doel"),
    "minuten": gettext_lazy("duur"),
    "intensiteit_minuten": gettext_lazy("intensiteit"),
    "datum": gettext_lazy("datum"),
    "notitie": gettext_lazy("notitie"),
    "activiteit": gettext_lazy("activiteit"),
    "beslissing": gettext_lazy("beslissing"),
    "ondersteuner": gettext_lazy("ondersteuner"),
    "rol": gettext_lazy("rol"),
    "trajecten": gettext_lazy("trajecten"),
    "gestopt": gettext_lazy("stopgezet"),
    "bewaard_tot": gettext_lazy("bewaard tot"),
    "wisverzoek": gettext_lazy("verzoek"),
}

# Stored in minutes, shown in hours as everywhere else.
DUREN = {"minuten", "intensiteit_minuten"}

KEUZES = {
    "activiteit": dict(Activiteit.choices),
    "beslissing": dict(Evaluatie.Beslissing.choices),
    "rol": dict(Toewijzing.Rol.choices),
}


@dataclass(frozen=True)
class Gebeurtenis:
    wanneer: datetime
    wie: str
    wat: str
    details: list[str]


def tijdlijn(wijzigingen: Iterable) -> list[Gebeurtenis]:
    return [
        Gebeurtenis(
            wanneer=w.wanneer,
            wie=_wie(w),
            wat=str(ACTIES.get(actie_van(w.actie), w.actie.capitalize())),
            details=[
                _detail(w.object_soort, veld, waarden) for veld, waarden in (w.wijzigingen or {}).items()
            ],
        )
        for w in wijzigingen
    ]


def _wie(wijziging) -> str:
    if wijziging.door is not None:
        return wijziging.door.naam or wijziging.door.email
    if actie_van(wijziging.actie) == "trajecten.afsluitvraag.beantwoord":
        return _("de school, via de afsluitlink")
    return _("Honingraat")


def _detail(object_soort: str, veld: str, waarden) -> str:
    label = _veldlabel(veld)
    voor, na = waarden if isinstance(waarden, list | tuple) and len(waarden) == 2 else (None, waarden)
    if voor in (None, "", []):
        return f"{label}: {_waarde(object_soort, veld, na)}"
    return f"{label}: {_waarde(object_soort, veld, voor)} → {_waarde(object_soort, veld, na)}"


def _veldlabel(veld: str) -> str:
    if veld in VELDEN:
        return str(VELDEN[veld])
    try:
        return str(Traject._meta.get_field(veld).verbose_name)
    except FieldDoesNotExist:
        return veld


def _keuzes(object_soort: str, veld: str) -> dict:
    if veld == "status":
        return dict(Doel.Status.choices if object_soort == "trajecten.doel" else Status.choices)
    if veld in KEUZES:
        return KEUZES[veld]
    try:
        veldtype = Traject._meta.get_field(veld)
    except FieldDoesNotExist:
        return {}
    # A list field (vormen, inhoud, focussen) keeps its choices on the field of its elements.
    return dict(getattr(getattr(veldtype, "base_field", veldtype), "choices", None) or [])


ISO_DATUM = re.compile(r"\d{4}-\d{2}-\d{2}")


def _waarde(object_soort: str, veld: str, waarde) -> str:
    if waarde in (None, "", []):
        return "—"
    if veld in DUREN and isinstance(waarde, int):
        return als_uren(waarde)
    if isinstance(waarde, str) and ISO_DATUM.fullmatch(waarde):  # a date field (datum, start, einde, …)
        with suppress(ValueError):
            return date_format(dt.date.fromisoformat(waarde), "j F Y")
    if isinstance(waarde, list | tuple):
        return "; ".join(_waarde(object_soort, veld, w) for w in waarde)
    keuzes = _keuzes(object_soort, veld)
    return str(keuzes[waarde]).lower() if waarde in keuzes else str(waarde)
