"""One way to record a change, as pretix's log_action: services call `log_actie`, nothing else."""

import datetime as dt
import json
from decimal import Decimal

from django.db import connection, models

from netwerk.models import Inzage, Wijziging

# The audit only grows (database triggers): rows written before the one dialect, <app>.<ding>.<handeling>,
# keep their old names. A reader finds them under the new name through these two functions.
OUDE_ACTIES = {
    "aangemeld": "trajecten.traject.aangemeld",
    "beantwoord": "trajecten.traject.beantwoord",
    "gestart": "trajecten.traject.gestart",
    "doel toegevoegd": "trajecten.doel.toegevoegd",
    "doel bijgewerkt": "trajecten.doel.bijgewerkt",
    "geëvalueerd": "trajecten.evaluatie.geregistreerd",
    "afgerond": "trajecten.traject.afgerond",
    "stopgezet": "trajecten.traject.stopgezet",
    "heropend": "trajecten.traject.heropend",
    "tijd gelogd": "trajecten.logboekregel.toegevoegd",
    "ondersteuner toegewezen": "trajecten.toewijzing.toegevoegd",
    "betrokkene toegevoegd": "trajecten.betrokkene.toegevoegd",
    "bijgewerkt": "trajecten.traject.bijgewerkt",
    "afsluitvragen beantwoord": "trajecten.afsluitvraag.beantwoord",
    "leerling.geanonimiseerd": "trajecten.leerling.geanonimiseerd",
    "wisverzoek.aangevraagd": "trajecten.wisverzoek.aangevraagd",
    "wisverzoek.geweigerd": "trajecten.wisverzoek.geweigerd",
    "leerling.gewist": "trajecten.leerling.gewist",
    "envelop aangemaakt": "capaciteit.envelop.aangemaakt",
    "envelop bijgewerkt": "capaciteit.envelop.bijgewerkt",
    "uren verschoven": "capaciteit.uren.verschoven",
    "weekplan.voorgesteld": "capaciteit.weekplan.voorgesteld",
    "weekplan.vastgezet": "capaciteit.weekplan.vastgezet",
    "weekplan.losgemaakt": "capaciteit.weekplan.losgemaakt",
    "weekplan.verplaatst": "capaciteit.weekplan.verplaatst",
    "weekplan.gepubliceerd": "capaciteit.weekplan.gepubliceerd",
    "weekplan.agendalink.gemaakt": "capaciteit.agendasleutel.gemaakt",
    "weekplan.agendalink.vernieuwd": "capaciteit.agendasleutel.vernieuwd",
}


def actie_van(actie: str) -> str:
    """An audit row's action in the one dialect, whichever name it was written with."""
    return OUDE_ACTIES.get(actie, actie)


def namen_van(actie: str) -> list[str]:
    """Every name an action has been written with: to filter audit rows on it (`actie__in`)."""
    return [actie, *(oud for oud, nieuw in OUDE_ACTIES.items() if nieuw == actie)]


def _waarde(waarde):
    if isinstance(waarde, models.Model):
        return str(waarde)
    if isinstance(waarde, dt.date | dt.time | Decimal):
        return str(waarde)
    if isinstance(waarde, list | tuple):
        return [_waarde(w) for w in waarde]
    return waarde


def verschil(voor: dict, na: dict) -> dict:
    """{field: [before, after]} for the fields that changed, as JSON-safe values."""
    return {
        veld: [_waarde(voor.get(veld)), _waarde(na.get(veld))]
        for veld in na
        if _waarde(voor.get(veld)) != _waarde(na.get(veld))
    }


def log_actie(
    *, door, actie: str, obj: models.Model, traject_id: int | None = None, wijzigingen=None
) -> Wijziging:
    return Wijziging.objects.create(
        door=door if door and door.is_authenticated else None,
        actie=actie,
        object_soort=obj._meta.label_lower,
        object_id=obj.pk,
        traject_id=traject_id,
        wijzigingen=wijzigingen or {},
    )


def log_inzage(*, door, soort: str, traject_id: int | None = None, omschrijving: str = "") -> None:
    Inzage.objects.create(door=door, soort=soort, traject_id=traject_id, omschrijving=omschrijving[:200])


def audit_anonimiseren(*, wijzigingen: dict[int, dict], inzage_ids: list[int], vervanging: str) -> int:
    """Replace a pupil's texts in the audit by `vervanging`, the only change the application may make there.

    Runs through the database function of migration trajecten 0003, with the rights of the tables' owner:
    it refuses any new value that is not the old one or the marker, so even the application's own role
    cannot rewrite history with it. Returns the number of changes rewritten.
    """
    if not wijzigingen and not inzage_ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT netwerk_audit_anonimiseren(%s::jsonb, %s::bigint[], %s)",
            [json.dumps({str(pk): w for pk, w in wijzigingen.items()}), list(inzage_ids), vervanging],
        )
        return cursor.fetchone()[0]


def log_inzages(*, door, soort: str, traject_ids, omschrijving: str = "") -> None:
    """One read of several trajectories at once (a pupil's file): one row each, in one query."""
    Inzage.objects.bulk_create(
        Inzage(door=door, soort=soort, traject_id=pk, omschrijving=omschrijving[:200]) for pk in traject_ids
    )
