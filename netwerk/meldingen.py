"""Notifications: one row per person in the transaction of the change that causes it (`melden`).

Each person chooses per kind how it reaches them (Meldingvoorkeur): in the app only, in one mail a day,
or at once by mail. A mail carries the title and a link, never a pupil's name: the title is written so.
The mail leaves from the row itself, as the consultation's outbox does (a worker takes it under a row
lock and marks it in the same transaction), so a notification is mailed exactly once.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from netwerk.models import Gebruiker, Kanaal, Melding, Meldingsoort, Meldingvoorkeur
from netwerk.wachtrij import na_commit

logger = logging.getLogger(__name__)

MAILSTATUS = {
    Kanaal.APP: Melding.Mail.GEEN,
    Kanaal.DIGEST: Melding.Mail.DIGEST,
    Kanaal.MAIL: Melding.Mail.WACHTEND,
}


def kanalen(gebruiker_ids: Iterable[int], soort: str) -> dict[int, str]:
    """Each person's channel for `soort`: their choice, or the app alone."""
    gekozen = dict(
        Meldingvoorkeur.objects.filter(gebruiker_id__in=gebruiker_ids, soort=soort).values_list(
            "gebruiker_id", "kanaal"
        )
    )
    return {pk: gekozen.get(pk, Kanaal.APP) for pk in gebruiker_ids}


def melden(
    *, soort: Meldingsoort | str, ontvangers: Iterable[Gebruiker], titel: str, url: str, sleutel: str = ""
) -> list[Melding]:
    """Notifies each active recipient once (per `sleutel`, when given); returns the new rows.

    `titel` and `url` must name no pupil: a mail carries them as they are. Call it inside the transaction
    of the change: the notification exists exactly when the change does.
    """
    soort = Meldingsoort(soort)
    personen = {g.pk: g for g in ontvangers if g is not None and g.is_active}
    if not personen:
        return []
    if sleutel:
        al = set(
            Melding.objects.filter(ontvanger_id__in=personen, soort=soort, sleutel=sleutel).values_list(
                "ontvanger_id", flat=True
            )
        )
        personen = {pk: g for pk, g in personen.items() if pk not in al}
    per_persoon = kanalen(list(personen), soort)
    nieuw = Melding.objects.bulk_create(
        [
            Melding(
                ontvanger_id=pk,
                soort=soort,
                titel=titel[:200],
                url=url,
                sleutel=sleutel,
                mail=MAILSTATUS[Kanaal(per_persoon[pk])],
            )
            for pk in personen
        ],
        ignore_conflicts=bool(sleutel),  # a concurrent request notified the same person first
    )
    if any(m.mail == Melding.Mail.WACHTEND for m in nieuw):
        na_commit("netwerk.tasks.meldingen_mailen")
    return nieuw


def ongelezen(gebruiker: Gebruiker) -> int:
    return Melding.objects.filter(ontvanger=gebruiker, gelezen_op__isnull=True).count()


def zichtbaar(gebruiker: Gebruiker, *, alleen_ongelezen: bool = False):
    rijen = Melding.objects.filter(ontvanger=gebruiker)
    return rijen.filter(Q(gelezen_op__isnull=True)) if alleen_ongelezen else rijen


# ---------------------------------------------------------------------------------------------- mailing

EERSTE_WACHTTIJD = dt.timedelta(seconds=30)
LANGSTE_WACHTTIJD = dt.timedelta(hours=1)
MAX_POGINGEN = 10


def _volledig(url: str) -> str:
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def mail_een() -> bool | None:
    """Mails one waiting notification under a row lock; None when none is due."""
    nu = timezone.now()
    with transaction.atomic():
        melding = (
            Melding.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("ontvanger")
            .filter(mail=Melding.Mail.WACHTEND)
            .filter(Q(mail_volgende_poging__isnull=True) | Q(mail_volgende_poging__lte=nu))
            .order_by("aangemaakt_op", "pk")
            .first()
        )
        if melding is None:
            return None
        context = {
            "gebruiker": melding.ontvanger,
            "meldingen": [{"titel": melding.titel, "link": _volledig(melding.url)}],
            "alle": _volledig("/meldingen/"),
        }
        try:
            send_mail(
                subject=f"[Honingraat] {melding.titel}",
                message=render_to_string("netwerk/mail/melding.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[melding.ontvanger.email],
            )
        except (OSError, smtplib.SMTPException):
            melding.mail_pogingen += 1
            if melding.mail_pogingen >= MAX_POGINGEN:
                melding.mail = Melding.Mail.MISLUKT
            wacht = min(EERSTE_WACHTTIJD * 2 ** (melding.mail_pogingen - 1), LANGSTE_WACHTTIJD)
            melding.mail_volgende_poging = nu + wacht
            melding.save(update_fields=["mail", "mail_pogingen", "mail_volgende_poging"])
            logger.warning("Melding %s niet gemaild; later opnieuw.", melding.pk, exc_info=True)
            return False
        melding.mail = Melding.Mail.VERSTUURD
        melding.gemaild_op = nu
        melding.save(update_fields=["mail", "gemaild_op"])
        return True


def mailen(*, limiet: int | None = None) -> int:
    """Mails waiting notifications until none is due; returns how many were handled."""
    behandeld = 0
    while limiet is None or behandeld < limiet:
        if mail_een() is None:
            break
        behandeld += 1
    return behandeld
