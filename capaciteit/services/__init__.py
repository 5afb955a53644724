"""Writes and state changes for capacity, one function per transition: validated, saved, audited in the one
dialect (`capaciteit.<ding>.<handeling>`), tasks queued after the commit.

- `verdeling`: the envelope and its key, publishing a version, moving hours between schools;
- `publicatie`: what publishing now would do, as the preview, the publication page and the publication
  itself compute it from the same rows;
- `weekplan`: the week plan's proposals (a Celery job runs the solver), pins, moves, publication, and a
  supporter's calendar link.
"""

from capaciteit.services.publicatie import (
    Publicatie,
    kader_velden,
    publicatie,
    publicatie_nu,
    scholen_die_veranderen,
    sleutel_van,
    sleutel_van_publicatie,
    verdeling_berekenen,
    voorbeeld,
)
from capaciteit.services.verdeling import (
    ENVELOP_VELDEN,
    envelop_bewaren,
    envelop_en_versies,
    envelop_of_nieuw,
    envelop_stand,
    herverdeling_stand,
    laatste_herverdeling,
    nieuwe_envelop,
    publicatiestand,
    uren_verschuiven,
    verdeling_publiceren,
)
from capaciteit.services.weekplan import (
    STANDAARD,
    WeekplanFout,
    agendasleutel_maken,
    onderbroken_hervatten,
    regel_vastzetten,
    regel_verplaatsen,
    regels_ruilen,
    week_vastzetten,
    weekplan_oplossen,
    weekplan_publiceren,
    weekplan_voorstellen,
)

__all__ = [
    "ENVELOP_VELDEN",
    "STANDAARD",
    "Publicatie",
    "WeekplanFout",
    "agendasleutel_maken",
    "envelop_bewaren",
    "envelop_en_versies",
    "envelop_of_nieuw",
    "envelop_stand",
    "herverdeling_stand",
    "kader_velden",
    "laatste_herverdeling",
    "nieuwe_envelop",
    "onderbroken_hervatten",
    "publicatie",
    "publicatie_nu",
    "publicatiestand",
    "regel_vastzetten",
    "regel_verplaatsen",
    "regels_ruilen",
    "scholen_die_veranderen",
    "sleutel_van",
    "sleutel_van_publicatie",
    "uren_verschuiven",
    "verdeling_berekenen",
    "verdeling_publiceren",
    "voorbeeld",
    "week_vastzetten",
    "weekplan_oplossen",
    "weekplan_publiceren",
    "weekplan_voorstellen",
]
