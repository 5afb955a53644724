"""The trajectory's mails. They carry links only: no pupil name, class or detail ever goes into a mail."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from netwerk.linksleutels import linksleutel_hash
from netwerk.models import Gebruiker, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing
from scholen.queries import zorgteam_bevestigd
from trajecten.models import Afsluitvraag, Status, Toewijzing, Traject
from trajecten.queries import VOORUITKIJKEN, achterstallig, evaluatie_verschuldigd
from trajecten.services import AFSLUITVRAAG_GELDIG, afsluitsleutel

logger = logging.getLogger(__name__)


ONDERWERPEN = {
    "aangemeld": "[Honingraat] Nieuwe aanmelding voor {school}",
    "beantwoord": "[Honingraat] Antwoord op een aanmelding van {school}",
    # To the school: its request changed status (the closure mails the closing questions instead).
    "gestart": "[Honingraat] Een aanvraag van {school} is gestart",
    "stopgezet": "[Honingraat] Een aanvraag van {school} is stopgezet",
}


def _link(naam: str, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(naam, kwargs=kwargs)}"


def _ankers_van(traject: Traject) -> list[str]:
    return list(
        Ankertoewijzing.objects.filter(
            school=traject.school_id, lsc=traject.lsc_id, schooljaar=huidig_schooljaar()
        ).values_list("ondersteuner__gebruiker__email", flat=True)
    )


def _zorgteam_van(traject: Traject) -> list[str]:
    zorgteam = zorgteam_bevestigd(school_id=traject.school_id, lsc_id=traject.lsc_id)
    return list(zorgteam.values_list("email", flat=True))


def trajectmail_versturen(*, traject_id: int, soort: str, door_id: int | None = None) -> None:
    traject = Traject.objects.select_related("school").get(pk=traject_id)
    ontvangers = _ankers_van(traject) if soort == "aangemeld" else _zorgteam_van(traject)
    if door_id is not None:
        eigen = Gebruiker.objects.filter(pk=door_id).values_list("email", flat=True).first()
        ontvangers = [adres for adres in ontvangers if adres != eigen]
    if not ontvangers:
        return
    # The school reads its requests, in its own words, on its request list; the anchor on the trajectory.
    link = (
        _link("traject_detail", pk=traject.pk)
        if soort == "aangemeld"
        else _link("school_aanvragen", school_pk=traject.school_id) + f"#aanvraag-{traject.pk}"
    )
    context = {"traject": traject, "link": link, "soort": soort}
    send_mail(
        subject=ONDERWERPEN[soort].format(school=traject.school.naam),
        message=render_to_string("trajecten/mail/traject.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=ontvangers,
    )


def _geldige_afsluitsleutel(vraag: Afsluitvraag, sleutel: str | None) -> str | None:
    """The key of the link as it stands: derived again (with an older SECRET_KEY too, while it is rotated
    out), or the one a task queued by the previous release still carries. None when the link was replaced,
    answered or expired since: then no mail, for a dead link helps no school."""
    if vraag.beantwoord_op is not None or vraag.verloopt_op < timezone.now():
        return None
    kandidaten = [sleutel] if sleutel else []
    for geheim in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        kandidaten.append(
            afsluitsleutel(traject_id=vraag.traject_id, verloopt_op=vraag.verloopt_op, geheim=geheim)
        )
    return next((k for k in kandidaten if linksleutel_hash(k) == vraag.sleutel_hash), None)


def afsluitvraag_versturen(*, traject_id: int, sleutel: str | None = None) -> None:
    vraag = Afsluitvraag.objects.select_related("traject__school").get(traject_id=traject_id)
    traject = vraag.traject
    sleutel = _geldige_afsluitsleutel(vraag, sleutel)
    if sleutel is None:
        logger.info(
            "Geen afsluitvragen voor traject %s: de link is intussen vervangen of verlopen.", traject_id
        )
        return
    ontvangers = _zorgteam_van(traject)
    if not ontvangers:
        return
    context = {
        "traject": traject,
        "link": _link("afsluitvragen", sleutel=sleutel),
        "dagen": AFSLUITVRAAG_GELDIG.days,
    }
    send_mail(
        subject=f"[Honingraat] Twee vragen bij de afronding van een traject in {traject.school.naam}",
        message=render_to_string("trajecten/mail/afsluitvraag.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=ontvangers,
    )


def herinneringen_versturen(*, vandaag: dt.date | None = None) -> int:
    """The daily digest per supporter: how many evaluations are due and requests wait for an answer."""
    vandaag = vandaag or timezone.localdate()
    verstuurd = 0
    ondersteuners = (
        Ondersteuner.objects.filter(
            gebruiker__is_active=True,
            trajecten__status__in=[Status.AANGEMELD, Status.LOPEND],
        )
        .select_related("gebruiker")
        .distinct()
    )
    for ondersteuner in ondersteuners:
        eigen = Traject.objects.filter(
            Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner=ondersteuner))
        )
        te_evalueren = evaluatie_verschuldigd(eigen, tegen=vandaag + VOORUITKIJKEN).count()
        zonder_antwoord = achterstallig(eigen, vandaag=vandaag).count()
        if not (te_evalueren or zonder_antwoord):
            continue
        context = {
            "ondersteuner": ondersteuner,
            "te_evalueren": te_evalueren,
            "zonder_antwoord": zonder_antwoord,
            "link": _link("mijn_trajecten"),
        }
        send_mail(
            subject="[Honingraat] Je trajecten vandaag",
            message=render_to_string("trajecten/mail/herinnering.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[ondersteuner.gebruiker.email],
        )
        verstuurd += 1
    return verstuurd
