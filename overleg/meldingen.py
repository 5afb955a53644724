"""The consultation's notifications (netwerk/meldingen.py). Titles name the school, never a pupil, and never
an agreement's own text (it may).

- the invited meeting moved (date, hour, duration or place): the LSC's people who run it, who must know
  before the school asks them: the school's anchors of that LSC and year (they plan and lead it) and the
  LSC's coordinators (they oversee every consultation). Never the person who moved it. The school's care
  staff, the CLB and the other supporters invited already receive the calendar change by mail (WIJZIGING);
- an agreement is due within `AFSPRAAK_VOORUITKIJKEN` and not done: its owner, once per agreement and due
  date (found every morning by `afspraken_melden`; a new date is notified again).
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.meldingen import melden
from netwerk.models import Gebruiker, Meldingsoort, Rol
from overleg.models import Afspraak, Schoolbeeldoverleg
from scholen.models import Ankertoewijzing

AFSPRAAK_VOORUITKIJKEN = dt.timedelta(days=3)


def wie_hoort_van_verplaatsing(overleg: Schoolbeeldoverleg, *, door: Gebruiker):
    ankers = Ankertoewijzing.objects.filter(
        school_id=overleg.school_id, lsc_id=overleg.lsc_id, schooljaar=overleg.schooljaar
    ).values("ondersteuner__gebruiker_id")
    return (
        Gebruiker.objects.filter(is_active=True)
        .filter(Q(pk__in=ankers) | Q(rol=Rol.COORDINATOR, lsc_id=overleg.lsc_id))
        .exclude(pk=door.pk)
    )


def verplaatsing_melden(*, overleg: Schoolbeeldoverleg, door: Gebruiker) -> None:
    """In the transaction that moved the meeting."""
    melden(
        soort=Meldingsoort.OVERLEG_VERPLAATST,
        ontvangers=wie_hoort_van_verplaatsing(overleg, door=door),
        titel=f"Schoolbeeldoverleg {overleg.school.naam}: nieuwe datum, uur of plaats",
        url=reverse("overleg_detail", kwargs={"pk": overleg.pk}),
    )


def afspraken_melden(*, vandaag: dt.date | None = None) -> int:
    """Every morning: each open agreement due within the look-ahead (or overdue) notifies its owner, once
    per due date. Returns how many notifications were made."""
    vandaag = vandaag or timezone.localdate()
    afspraken = (
        Afspraak.objects.filter(afgerond_op__isnull=True, tegen__lte=vandaag + AFSPRAAK_VOORUITKIJKEN)
        .select_related("eigenaar", "overleg__school")
        .order_by("pk")
    )
    gemaakt = 0
    for afspraak in afspraken.iterator(chunk_size=500):
        with transaction.atomic():
            gemaakt += len(
                melden(
                    soort=Meldingsoort.AFSPRAAK_VERVALT,
                    ontvangers=[afspraak.eigenaar],
                    titel=(
                        f"Schoolbeeldoverleg {afspraak.overleg.school.naam}: een afspraak vervalt op "
                        f"{date_format(afspraak.tegen, 'j F Y')}"
                    ),
                    url=reverse("overleg_school", kwargs={"school_pk": afspraak.overleg.school_id}),
                    sleutel=f"{afspraak.pk}:{afspraak.tegen.isoformat()}",
                )
            )
    return gemaakt
