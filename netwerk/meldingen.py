"""Notifications: one row per person in the transaction of the change that causes it (`melden`).

Each person chooses per kind how it reaches them (Meldingvoorkeur): in the app only, in one mail a day,
or at once by mail. A mail carries the title and a link, never a pupil's name: the title is written so.
The mail leaves from the row itself, as the consultation's outbox does (a worker takes it under a row
lock and marks it in the same transaction), so a notification is mailed exactly once.

Two ways a mail leaves:
- at once (`Kanaal.MAIL`): the change nudges `netwerk.tasks.meldingen_mailen` after commit; the beat sweeps
  every minute and each worker sweeps when it starts, so a nudge lost with Redis only delays the mail;
- in the daily digest (`Kanaal.DIGEST`): every morning one mail per person lists all their rows waiting for
  it; the rows are locked (SKIP LOCKED) and marked sent in the transaction that sends, so two runs never
  mail the same row. A digest the mail server refused waits with a backoff and the minute sweep retries it.

As with the outbox, the one window left is SMTP's own: a worker killed after the server's "250 OK" and
before our COMMIT sends that mail again. The Message-ID is stable per row (or per digest's first row), so
a receiver can recognise the copy.
"""

import datetime as dt
import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from netwerk.models import Gebruiker, Kanaal, Melding, Meldingsoort, Meldingvoorkeur, Rol
from netwerk.wachtrij import na_commit

logger = logging.getLogger(__name__)

# The kinds a person of each role can receive, in the order of the preferences page. A supporter is called
# in as focus, asks and answers colleagues and works on trajectories and consultations; the coordination
# decides on erasure requests and hears of its consultations being moved; whoever can own an agreement
# of a consultation (overleg: `ROLLEN_MET_AFSPRAKEN`) hears that it is due. CLB staff and the
# administrator receive none.
SOORTEN_PER_ROL: dict[str, tuple[Meldingsoort, ...]] = {
    Rol.ONDERSTEUNER: (
        Meldingsoort.FOCUS_INGEROEPEN,
        Meldingsoort.VRAAG_GESTELD,
        Meldingsoort.VRAAG_BEANTWOORD,
        Meldingsoort.FOCUS_EINDE,
        Meldingsoort.AFSLUITVRAGEN,
        Meldingsoort.EVALUATIE_VERVALT,
        Meldingsoort.OVERLEG_VERPLAATST,
        Meldingsoort.AFSPRAAK_VERVALT,
        Meldingsoort.AFSTEMMING_GEVRAAGD,
        Meldingsoort.BEZORGDHEID,
        Meldingsoort.VORMING_GEWIJZIGD,
    ),
    Rol.COORDINATOR: (
        Meldingsoort.WISVERZOEK,
        Meldingsoort.OVERLEG_VERPLAATST,
        Meldingsoort.AFSPRAAK_VERVALT,
        Meldingsoort.AFSTEMMING_GEVRAAGD,
        Meldingsoort.BEZORGDHEID,
    ),
    Rol.DIRECTEUR: (Meldingsoort.WISVERZOEK, Meldingsoort.AFSPRAAK_VERVALT),
    Rol.TEAMCOACH: (Meldingsoort.AFSPRAAK_VERVALT, Meldingsoort.BEZORGDHEID),
    Rol.ZORG: (
        Meldingsoort.AFSPRAAK_VERVALT,
        Meldingsoort.AFSTEMMING_BIJGEWERKT,
        Meldingsoort.BEZORGDHEID_AFGEHANDELD,
    ),
}


def soorten_voor(gebruiker: Gebruiker) -> tuple[Meldingsoort, ...]:
    return SOORTEN_PER_ROL.get(gebruiker.rol, ())


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


def zichtbaar(gebruiker: Gebruiker):
    return Melding.objects.filter(ontvanger=gebruiker)


def melding_lezen(*, gebruiker: Gebruiker, melding: Melding) -> None:
    """Marks one of the person's own notifications read (the first time only)."""
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        Melding.objects.filter(pk=melding.pk, ontvanger=gebruiker, gelezen_op__isnull=True).update(
            gelezen_op=melding.gelezen_op
        )


def alles_gelezen(*, gebruiker: Gebruiker) -> int:
    """Marks all of the person's unread notifications read; returns how many."""
    return Melding.objects.filter(ontvanger=gebruiker, gelezen_op__isnull=True).update(
        gelezen_op=timezone.now()
    )


def voorkeuren(gebruiker: Gebruiker) -> dict[str, str]:
    """The person's channel per kind of their role (the app where they chose nothing)."""
    gekozen = dict(gebruiker.meldingvoorkeuren.values_list("soort", "kanaal"))
    return {soort.value: gekozen.get(soort.value, Kanaal.APP.value) for soort in soorten_voor(gebruiker)}


@transaction.atomic
def voorkeuren_bewaren(*, gebruiker: Gebruiker, keuzes: dict[str, str]) -> None:
    """Saves the person's channel per kind; only kinds of their role and known channels (else nothing)."""
    toegelaten = {soort.value for soort in soorten_voor(gebruiker)}
    for soort, kanaal in keuzes.items():
        if soort not in toegelaten or kanaal not in Kanaal.values:
            raise ValueError(f"Geen geldige keuze voor {soort}: {kanaal}")
    for soort, kanaal in keuzes.items():
        Meldingvoorkeur.objects.update_or_create(
            gebruiker=gebruiker, soort=soort, defaults={"kanaal": kanaal}
        )


# ---------------------------------------------------------------------------------------------- mailing

EERSTE_WACHTTIJD = dt.timedelta(seconds=30)
LANGSTE_WACHTTIJD = dt.timedelta(hours=1)
MAX_POGINGEN = 10


def _volledig(url: str) -> str:
    return url if url.startswith("http") else f"{settings.SITE_URL}{url}"


def maillink(melding: Melding) -> str:
    """A mail links to the notification itself: opening it marks it read and leads on to its page."""
    return _volledig(reverse("melding_openen", args=[melding.pk]))


def wachttijd(pogingen: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, … up to an hour between attempts."""
    return min(EERSTE_WACHTTIJD * 2 ** max(pogingen - 1, 0), LANGSTE_WACHTTIJD)


def _bericht(ontvanger: Gebruiker, meldingen: list[Melding], onderwerp: str) -> EmailMessage:
    """The mail: titles and links, nothing else (a title names no pupil)."""
    context = {
        "gebruiker": ontvanger,
        "meldingen": [{"titel": m.titel, "link": maillink(m)} for m in meldingen],
        "alle": _volledig(reverse("meldingen")),
    }
    return EmailMessage(
        subject=onderwerp,
        body=render_to_string("netwerk/mail/melding.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[ontvanger.email],
        headers={"Message-ID": f"<melding-{meldingen[0].pk}@honingraat>"},
    )


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
        if not melding.ontvanger.is_active:  # left since: no mail to an account that no longer works
            melding.mail = Melding.Mail.GEEN
            melding.save(update_fields=["mail"])
            return False
        try:
            _bericht(melding.ontvanger, [melding], f"[Honingraat] {melding.titel}").send()
        except (OSError, smtplib.SMTPException):
            melding.mail_pogingen += 1
            if melding.mail_pogingen >= MAX_POGINGEN:
                melding.mail = Melding.Mail.MISLUKT
            melding.mail_volgende_poging = nu + wachttijd(melding.mail_pogingen)
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


# ------------------------------------------------------------------------------------------ daily digest

DIGEST_ONDERWERP = "[Honingraat] Je meldingen van vandaag"


def _digest_van(ontvanger_id: int, *, nu: dt.datetime, alleen_herkansing: bool) -> bool | None:
    """One person's digest: their waiting rows locked, one mail, marked sent, in one transaction.
    None when no row was free (another run holds them, or none waits)."""
    with transaction.atomic():
        rijen = Melding.objects.select_for_update(skip_locked=True).filter(
            ontvanger_id=ontvanger_id, mail=Melding.Mail.DIGEST
        )
        if alleen_herkansing:
            rijen = rijen.filter(mail_volgende_poging__lte=nu)
        meldingen = list(rijen.order_by("aangemaakt_op", "pk"))
        if not meldingen:
            return None
        ontvanger = Gebruiker.objects.get(pk=ontvanger_id)
        ids = [m.pk for m in meldingen]
        if not ontvanger.is_active:  # left since: no mail to an account that no longer works
            Melding.objects.filter(pk__in=ids).update(mail=Melding.Mail.GEEN)
            return None
        try:
            _bericht(ontvanger, meldingen, DIGEST_ONDERWERP).send()
        except (OSError, smtplib.SMTPException):
            pogingen = max(m.mail_pogingen for m in meldingen) + 1
            Melding.objects.filter(pk__in=ids).update(
                mail=Melding.Mail.MISLUKT if pogingen >= MAX_POGINGEN else Melding.Mail.DIGEST,
                mail_pogingen=pogingen,
                mail_volgende_poging=nu + wachttijd(pogingen),
            )
            logger.warning(
                "Dagelijkse mail voor %s niet verstuurd; later opnieuw.", ontvanger_id, exc_info=True
            )
            return False
        Melding.objects.filter(pk__in=ids).update(mail=Melding.Mail.VERSTUURD, gemaild_op=nu)
        return True


def digest_versturen(*, alleen_herkansing: bool = False) -> int:
    """The daily mail: per person one mail with all their notifications waiting for it; returns how many
    mails left. `alleen_herkansing`: only the digests the mail server refused earlier and whose retry is due
    (the minute sweep), not today's new rows."""
    nu = timezone.now()
    wachtend = Melding.objects.filter(mail=Melding.Mail.DIGEST)
    if alleen_herkansing:
        wachtend = wachtend.filter(mail_volgende_poging__lte=nu)
    personen = wachtend.order_by("ontvanger_id").values_list("ontvanger_id", flat=True).distinct()
    return sum(
        1 for pk in list(personen) if _digest_van(pk, nu=nu, alleen_herkansing=alleen_herkansing) is True
    )
