"""The trajectory's notifications (netwerk/meldingen.py): who hears of what. Titles and links carry the
trajectory's number, never a pupil's name or class.

- the school answered the closing questions: the trajectory's supporters (its Toewijzing rows);
- an evaluation is due within `VOORUITKIJKEN`: its supporters, once per trajectory and due date (found every
  morning by `evaluaties_melden`; a new date after an evaluation is notified again);
- an erasure request was made: whoever may decide on it (`rules.mag_wissing_beslissen`: a coordinator or
  director of the request's LSC, never the person who asked).
"""

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.meldingen import melden
from netwerk.models import BELEIDSROLLEN, Gebruiker, Meldingsoort
from trajecten.models import Afsluitvraag, Toewijzing, Traject, Wisverzoek
from trajecten.queries import VOORUITKIJKEN, evaluatie_verschuldigd


def _ondersteuners(traject_id: int) -> list[Gebruiker]:
    return [
        toewijzing.ondersteuner.gebruiker
        for toewijzing in Toewijzing.objects.filter(traject_id=traject_id).select_related(
            "ondersteuner__gebruiker"
        )
    ]


def afsluitvragen_melden(vraag: Afsluitvraag) -> None:
    """In the transaction of the school's answer."""
    melden(
        soort=Meldingsoort.AFSLUITVRAGEN,
        ontvangers=_ondersteuners(vraag.traject_id),
        titel=f"Traject {vraag.traject_id}: de school beantwoordde de afsluitvragen",
        url=reverse("traject_detail", kwargs={"pk": vraag.traject_id}),
        # Per answer: a trajectory reopened and closed again asks (and may hear) once more.
        sleutel=f"{vraag.pk}:{vraag.beantwoord_op.isoformat()}",
    )


def beslissers(verzoek: Wisverzoek):
    return Gebruiker.objects.filter(rol__in=BELEIDSROLLEN, lsc_id=verzoek.lsc_id, is_active=True).exclude(
        pk=verzoek.aangevraagd_door_id
    )


def wisverzoek_melden(verzoek: Wisverzoek) -> None:
    """In the transaction of the request."""
    melden(
        soort=Meldingsoort.WISVERZOEK,
        ontvangers=beslissers(verzoek),
        titel=f"Wisverzoek {verzoek.pk}: een verzoek om leerlinggegevens te wissen wacht op je beslissing",
        url=reverse("wisverzoek_beslissen", kwargs={"pk": verzoek.pk}),
        sleutel=str(verzoek.pk),
    )


def evaluaties_melden(*, vandaag: dt.date | None = None) -> int:
    """Every morning: each running trajectory whose evaluation falls within the look-ahead (or is overdue)
    notifies its supporters, once per due date. Returns how many notifications were made."""
    vandaag = vandaag or timezone.localdate()
    trajecten = (
        evaluatie_verschuldigd(Traject.objects.all(), tegen=vandaag + VOORUITKIJKEN)
        .only("pk", "volgende_evaluatie")
        .order_by("pk")
    )
    gemaakt = 0
    for traject in trajecten.iterator(chunk_size=500):
        datum = traject.volgende_evaluatie
        datum_tekst = date_format(datum, "j F Y")
        with transaction.atomic():
            gemaakt += len(
                melden(
                    soort=Meldingsoort.EVALUATIE_VERVALT,
                    ontvangers=_ondersteuners(traject.pk),
                    titel=f"Traject {traject.pk}: de evaluatie is aan de beurt ({datum_tekst})",
                    url=reverse("traject_detail", kwargs={"pk": traject.pk}),
                    sleutel=f"{traject.pk}:{datum.isoformat()}",
                )
            )
    return gemaakt
