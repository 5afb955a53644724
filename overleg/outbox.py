"""The outbox: the consultation's mails leave from rows in PostgreSQL, never straight from a view.

A service writes one `Uitgaandemail` row per recipient in the transaction of the change itself, and
after commit asks Celery to send (`aanporren`). A worker then takes one row at a time under a row lock
(`SELECT … FOR UPDATE SKIP LOCKED`), hands the mail to the SMTP server and marks it sent in that same
transaction. So:

- a worker that dies before the server accepted the mail leaves the row unsent and unlocked (PostgreSQL
  rolls the transaction back when the connection drops): the next worker sends it, once;
- a row that was marked sent is never taken again, so a restarted batch resends nothing;
- two workers never take the same row (SKIP LOCKED), so they can share a batch;
- Redis being down only delays the nudge: the rows wait in PostgreSQL, the beat sweeps every minute and
  each worker sweeps when it starts.

The one window left is the one SMTP itself has (RFC 1047): a worker killed after the server's "250 OK"
and before our COMMIT arrives sends that one mail twice. Each mail carries a Message-ID that is stable
per row, so a receiver can recognise the copy.
"""

import datetime as dt
import logging
import smtplib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from icalendar import Calendar, Event, vCalAddress, vText

from netwerk.audit import log_actie
from netwerk.wachtrij import na_commit
from overleg import documenten as docs
from overleg.models import (
    AGENDAMAILS,
    Afstemmingsgesprek,
    Documentsoort,
    Mailbatch,
    Mailsoort,
    Mailstatus,
    Schoolbeeldoverleg,
    Uitgaandemail,
)
from scholen.models import Ankertoewijzing

logger = logging.getLogger(__name__)

MAX_POGINGEN = 10  # 30 s doubling to an hour: a mail server may be away for about three hours
EERSTE_WACHTTIJD = dt.timedelta(seconds=30)
LANGSTE_WACHTTIJD = dt.timedelta(hours=1)
BIJLAGEN = (Documentsoort.LEIDRAAD, Documentsoort.AFSPRAKEN)
IN_DE_AGENDA = (Mailsoort.UITNODIGING, Mailsoort.WIJZIGING)
ONDERWERPEN = {
    Mailsoort.UITNODIGING: "[Honingraat] Uitnodiging schoolbeeldoverleg {school}",
    Mailsoort.WIJZIGING: "[Honingraat] Gewijzigd: schoolbeeldoverleg {school}",
    Mailsoort.ANNULERING: "[Honingraat] Geannuleerd: schoolbeeldoverleg {school}",
    Mailsoort.VERSLAG: "[Honingraat] Verslag van het schoolbeeldoverleg {school}",
}


def aanporren(*, batch_id: int | None = None) -> None:
    """After commit: ask a worker to send what waits (the beat sweeps anyway, should Redis be down)."""
    na_commit("overleg.tasks.verstuur_wachtende", batch_id)


def document_laten_maken(*, overleg_id: int, soort: str) -> None:
    """After commit: ask a worker to render the document (the download page waits for it and asks again)."""
    na_commit("overleg.tasks.maak_document", overleg_id, soort)


def agendakenmerk(overleg: Schoolbeeldoverleg) -> str:
    """What a calendar mail announces: start, duration and place (kept on the row, read back for a
    cancellation, which names the meeting as it was announced). In UTC, as read from the database: the
    same moment gives the same text, whether it came from a form (Brussels time) or from a row."""
    begin = overleg.datum.astimezone(dt.UTC).isoformat() if overleg.datum else ""
    return f"{begin}|{overleg.duur_minuten}|{overleg.plaats}"


def uit_agendakenmerk(kenmerk: str) -> tuple[dt.datetime | None, int, str]:
    begin, duur, plaats = [*kenmerk.split("|", 2), "", "", ""][:3]
    return (
        dt.datetime.fromisoformat(begin) if begin else None,
        int(duur) if duur.isdigit() else 90,
        plaats,
    )


class OnvolledigeUitnodiging(Exception):
    """The consultation lost what its invitation announces (its date): not sent, reported to the sender."""


def wachttijd(pogingen: int) -> dt.timedelta:
    """30 s, 1 min, 2 min, … up to an hour between attempts."""
    return min(EERSTE_WACHTTIJD * 2 ** max(pogingen - 1, 0), LANGSTE_WACHTTIJD)


# ---------------------------------------------------------------------------------------------- sending


def verstuur_wachtende(*, batch_id: int | None = None, limiet: int | None = None) -> int:
    """Sends waiting mails until none is due (or `limiet` were handled); returns how many were handled."""
    verbinding = get_connection()
    try:
        verbinding.open()
    except (OSError, smtplib.SMTPException):
        logger.warning("Mailserver niet bereikbaar; elke mail probeert het zelf opnieuw.", exc_info=True)
    documenten: dict[int, dict[str, bytes]] = {}
    behandeld = 0
    try:
        while limiet is None or behandeld < limiet:
            if verstuur_een(batch_id=batch_id, verbinding=verbinding, documenten=documenten) is None:
                break
            behandeld += 1
    finally:
        verbinding.close()
    return behandeld


def verstuur_een(*, batch_id: int | None = None, verbinding=None, documenten=None) -> Uitgaandemail | None:
    """Takes one due row under a lock, sends it and records the outcome, all in one transaction."""
    documenten = {} if documenten is None else documenten
    with transaction.atomic():
        wachtend = Uitgaandemail.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            status=Mailstatus.WACHTEND, volgende_poging__lte=timezone.now()
        )
        if batch_id is not None:
            wachtend = wachtend.filter(batch_id=batch_id)
        mail = (
            wachtend.select_related(
                "overleg__school",
                "overleg__lsc",
                "afstemming__school",
                "afstemming__lsc",
                "afstemming__gepland_door",
                "ontvanger",
                "batch__door",
            )
            .order_by("volgende_poging", "id")
            .first()
        )
        if mail is None:
            return None
        if mail.soort in AGENDAMAILS and mail.volgnummer < mail.onderwerp.agenda_volgnummer:
            # A newer change or a cancellation of the same meeting was queued since: this one says less.
            mail.status = Mailstatus.VERVALLEN
            mail.save(update_fields=["status"])
            return mail
        try:
            if mail.soort in IN_DE_AGENDA and mail.onderwerp.datum is None:
                raise OnvolledigeUitnodiging(
                    "Het overleg heeft geen datum meer: vul ze in en verstuur opnieuw."
                )
            if verbinding is not None and getattr(verbinding, "connection", True) is None:
                verbinding.open()  # after an error: one connection for the rest of the batch again
            bericht = bericht_voor(mail, documenten=documenten, verbinding=verbinding)
            bericht.send()
        except OnvolledigeUitnodiging as fout:
            _mislukt(mail, str(fout), definitief=True)
        except smtplib.SMTPRecipientsRefused as fout:
            codes = [code for code, _ in fout.recipients.values()]
            definitief = bool(codes) and all(code >= 500 for code in codes)
            _mislukt(mail, f"Adres geweigerd door de mailserver: {_kort(fout)}", definitief=definitief)
        except (OSError, smtplib.SMTPException) as fout:
            _mislukt(mail, _kort(fout), definitief=_is_definitief(fout))
            if verbinding is not None:
                verbinding.close()
        except Exception as fout:  # a document that will not render: retried, then reported
            logger.exception("Mail %s kon niet opgemaakt worden", mail.pk)
            _mislukt(mail, f"De mail kon niet opgemaakt worden: {_kort(fout)}", definitief=False)
        else:
            mail.status = Mailstatus.VERSTUURD
            mail.verstuurd_op = timezone.now()
            mail.pogingen += 1
            mail.laatste_fout = ""
        mail.save(update_fields=["status", "verstuurd_op", "pogingen", "volgende_poging", "laatste_fout"])
    return mail


def _kort(fout: Exception) -> str:
    return (str(fout) or fout.__class__.__name__)[:480]


def _is_definitief(fout: Exception) -> bool:
    """5xx answers are final (the server will not change its mind), 4xx and broken connections are not."""
    code = getattr(fout, "smtp_code", None)
    return isinstance(code, int) and 500 <= code < 600


def _mislukt(mail: Uitgaandemail, fout: str, *, definitief: bool) -> None:
    mail.pogingen += 1
    mail.laatste_fout = fout
    if definitief or mail.pogingen >= MAX_POGINGEN:
        mail.status = Mailstatus.MISLUKT
    else:
        mail.volgende_poging = timezone.now() + wachttijd(mail.pogingen)


# ------------------------------------------------------------------------------------------- the message


def _link(naam: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(naam, args=args)}"


def _bijlagen(overleg: Schoolbeeldoverleg, documenten: dict[int, dict[str, bytes]]) -> dict[str, bytes]:
    """The school's leidraad and agreements as PDF, rendered first if their content changed.

    The consultation's row is locked while rendering, so two workers never render the same document.
    """
    if overleg.pk not in documenten:
        with transaction.atomic():
            Schoolbeeldoverleg.objects.select_for_update().filter(pk=overleg.pk).first()
            gevonden = {}
            for soort in BIJLAGEN:
                document = docs.actueel_document(overleg, soort)
                with document.bestand.open("rb") as bestand:
                    gevonden[docs.bestandsnaam(overleg, soort)] = bestand.read()
        documenten.clear()  # keep one school's PDFs in memory, not a batch's
        documenten[overleg.pk] = gevonden
    return documenten[overleg.pk]


def tweede_moment_tekst(overleg: Schoolbeeldoverleg) -> str:
    """The second moment in words: its day, with its hour only when that is known (never '00:00')."""
    if not overleg.tussentijds_op:
        return ""
    with translation.override("nl-be"):
        tekst = date_format(overleg.tussentijds_op, "l j F Y")
        if overleg.tussentijds_uur is not None:
            return f"{tekst}, {time_format(overleg.tussentijds_uur, 'H:i')}"
        return f"{tekst} (uur nog te bepalen)"


def kalenderbericht(
    *,
    uid: str,
    volgnummer: int,
    annuleren: bool,
    begin,
    duur: int,
    plaats: str,
    titel: str,
    beschrijving: str,
    organisator: tuple[str, str],
    deelnemer: tuple[str, str],
    prodid: str,
) -> bytes:
    """An RFC 5546 message for a calendar: REQUEST (an invitation or a change) or CANCEL, one UID per
    meeting and the row's sequence, so a calendar replaces or removes what it holds. `organisator` and
    `deelnemer` are (name, address); the ORGANIZER is a person, so a calendar's answer reaches one."""
    kalender = Calendar()
    kalender.add("prodid", prodid)
    kalender.add("version", "2.0")
    kalender.add("method", "CANCEL" if annuleren else "REQUEST")
    gebeurtenis = Event()
    gebeurtenis.add("uid", uid)
    gebeurtenis.add("sequence", volgnummer)
    gebeurtenis.add("dtstamp", timezone.now())
    if begin is not None:
        gebeurtenis.add("dtstart", timezone.localtime(begin))
        gebeurtenis.add("dtend", timezone.localtime(begin + dt.timedelta(minutes=duur)))
    gebeurtenis.add("summary", titel)
    gebeurtenis.add("location", plaats)
    if annuleren:
        gebeurtenis.add("status", "CANCELLED")
        beschrijving = f"Geannuleerd. {beschrijving}"
    gebeurtenis.add("description", beschrijving)
    naam, adres = organisator
    anker = vCalAddress(f"mailto:{adres}")
    anker.params["cn"] = vText(naam)
    gebeurtenis["organizer"] = anker
    naam, adres = deelnemer
    persoon = vCalAddress(f"mailto:{adres}")
    persoon.params["cn"] = vText(naam or adres)
    persoon.params["role"] = vText("REQ-PARTICIPANT")
    if not annuleren:
        persoon.params["rsvp"] = vText("TRUE")
    gebeurtenis.add("attendee", persoon, encode=0)
    kalender.add_component(gebeurtenis)
    kalender.add_missing_timezones()  # a VTIMEZONE for Europe/Brussels: calendars show the local hour
    return kalender.to_ical()


def _aangekondigd(mail: Uitgaandemail) -> tuple:
    """Begin, duration and place the mail announces: for a cancellation, what the row kept."""
    onderwerp = mail.onderwerp
    if mail.soort == Mailsoort.ANNULERING:
        begin, duur, plaats = uit_agendakenmerk(mail.kenmerk)
        return begin or onderwerp.datum, duur, plaats
    return onderwerp.datum, onderwerp.duur_minuten, onderwerp.plaats


def agenda_bericht(mail: Uitgaandemail, organisator: tuple[str, str]) -> bytes:
    """The consultation in the recipient's calendar (`kalenderbericht`): the school, the time, the place
    and a link, nothing about pupils. The ORGANIZER is the anchor (`organisator`: name and address)."""
    overleg = mail.overleg
    annuleren = mail.soort == Mailsoort.ANNULERING
    begin, duur, plaats = _aangekondigd(mail)
    beschrijving = (
        f"Schoolbeeldoverleg {overleg.schooljaar_tekst} met {overleg.lsc.naam}. "
        f"Leidraad en samenwerkingsafspraken: {_link('overleg_school', overleg.school_id)}"
    )
    if not annuleren and (tweede := tweede_moment_tekst(overleg)):
        beschrijving += f"\nTweede moment: {tweede}."
    return kalenderbericht(
        uid=f"schoolbeeldoverleg-{overleg.pk}@honingraat",
        volgnummer=mail.volgnummer,
        annuleren=annuleren,
        begin=begin,
        duur=duur,
        plaats=plaats,
        titel=f"Schoolbeeldoverleg {overleg.school.naam}",
        beschrijving=beschrijving,
        organisator=organisator,
        deelnemer=(mail.ontvanger.naam, mail.adres),
        prodid="-//Honingraat//Schoolbeeldoverleg//NL",
    )


def _afzender_adres() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _ankers(overleg: Schoolbeeldoverleg) -> list[tuple[str, str]]:
    """The school's anchors of this LSC and year: name and address, by name."""
    return list(
        Ankertoewijzing.objects.filter(
            school_id=overleg.school_id, lsc_id=overleg.lsc_id, schooljaar=overleg.schooljaar
        )
        .exclude(ondersteuner__gebruiker__email="")
        .order_by("ondersteuner__gebruiker__naam", "pk")
        .values_list("ondersteuner__gebruiker__naam", "ondersteuner__gebruiker__email")
    )


def _antwoord_aan(mail: Uitgaandemail, ankers: list[tuple[str, str]]) -> list[str]:
    """Replies go to the anchor (or whoever sent the batch), not to the no-reply address."""
    if ankers:
        return [adres for _naam, adres in ankers]
    return [mail.batch.door.email] if mail.batch_id and mail.batch.door_id else []


def _organisator(mail: Uitgaandemail, ankers: list[tuple[str, str]]) -> tuple[str, str]:
    """Who answers for the meeting in a calendar: the first anchor; without one, whoever sent the mails;
    only when neither is known, the LSC under the sending address."""
    if ankers:
        naam, adres = ankers[0]
        return naam or adres, adres
    if mail.batch_id and mail.batch.door_id and mail.batch.door.email:
        return mail.batch.door.naam or mail.batch.door.email, mail.batch.door.email
    return mail.overleg.lsc.naam, _afzender_adres()


def bericht_voor(mail: Uitgaandemail, *, documenten=None, verbinding=None) -> EmailMessage:
    if mail.afstemming_id:
        return afstemming_bericht(mail, verbinding=verbinding)
    overleg = mail.overleg
    ankers = _ankers(overleg)
    context = {
        "mail": mail,
        "overleg": overleg,
        "school": overleg.school,
        "lsc": overleg.lsc,
        "tweede_moment": tweede_moment_tekst(overleg),
        "anker": ankers[0][0] if ankers else "",
    }
    with translation.override("nl-be"):
        if mail.soort == Mailsoort.VERSLAG:
            context["link"] = _link("overleg_verslag", overleg.pk)
        else:
            # The school's consultation page: the LSC's staff land on the working page, the school and the
            # CLB on what they may see before the report is shared.
            context["link"] = _link("overleg_school", overleg.school_id)
        if mail.soort == Mailsoort.ANNULERING:
            begin, _duur, plaats = uit_agendakenmerk(mail.kenmerk)
            context["geannuleerd"] = {"begin": begin or overleg.datum, "plaats": plaats or overleg.plaats}
        tekst = render_to_string(f"overleg/mail/{mail.soort}.txt", context)
    bericht = EmailMessage(
        subject=ONDERWERPEN[mail.soort].format(school=overleg.school.naam),
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.adres],
        reply_to=_antwoord_aan(mail, ankers),
        headers={"Message-ID": mail.message_id},
        connection=verbinding,
    )
    if mail.soort == Mailsoort.UITNODIGING:
        for naam, inhoud in _bijlagen(overleg, {} if documenten is None else documenten).items():
            bericht.attach(naam, inhoud, "application/pdf")
    if mail.soort in AGENDAMAILS:
        methode = "CANCEL" if mail.soort == Mailsoort.ANNULERING else "REQUEST"
        bericht.attach(
            "annulering.ics" if methode == "CANCEL" else "uitnodiging.ics",
            agenda_bericht(mail, _organisator(mail, ankers)),
            f"text/calendar; method={methode}",
        )
    return bericht


# ------------------------------------------------------------------------------------------ following up


def voortgang(batch: Mailbatch) -> dict:
    """How far a batch is: counts per status, and whether it is done. A mail overtaken by a newer one
    before it left (a later change, a cancellation) will never leave: it is not counted."""
    tellingen = dict(batch.mails.values_list("status").annotate(n=Count("id")).order_by())
    tellingen.pop(Mailstatus.VERVALLEN, None)
    totaal = sum(tellingen.values())
    verstuurd = tellingen.get(Mailstatus.VERSTUURD, 0)
    mislukt = tellingen.get(Mailstatus.MISLUKT, 0)
    wachtend = tellingen.get(Mailstatus.WACHTEND, 0)
    return {
        "totaal": totaal,
        "verstuurd": verstuurd,
        "mislukt": mislukt,
        "wachtend": wachtend,
        "klaar": wachtend == 0,
        "procent": round(100 * (verstuurd + mislukt) / totaal) if totaal else 100,
    }


@transaction.atomic
def opnieuw_proberen(*, batch: Mailbatch, door) -> int:
    """Puts the batch's failed mails back in the outbox; returns how many."""
    aantal = batch.mails.filter(status=Mailstatus.MISLUKT).update(
        status=Mailstatus.WACHTEND, pogingen=0, volgende_poging=timezone.now(), laatste_fout=""
    )
    if aantal:
        log_actie(
            door=door, actie="overleg.mailbatch.opnieuw_verstuurd", obj=batch, wijzigingen={"mails": aantal}
        )
        aanporren(batch_id=batch.pk)
    return aantal


# ------------------------------------------------------------------------- the afstemmingsgesprek's mails

AFSTEMMING_ONDERWERPEN = {
    Mailsoort.UITNODIGING: "[Honingraat] Uitnodiging afstemmingsgesprek {school}",
    Mailsoort.WIJZIGING: "[Honingraat] Gewijzigd: afstemmingsgesprek {school}",
    Mailsoort.ANNULERING: "[Honingraat] Geannuleerd: afstemmingsgesprek {school}",
}


def _afstemming_organisator(gesprek: Afstemmingsgesprek) -> tuple[str, str]:
    """Who planned the meeting answers for it in a calendar; else the LSC under the sending address."""
    if gesprek.gepland_door_id and gesprek.gepland_door.email:
        return gesprek.gepland_door.naam or gesprek.gepland_door.email, gesprek.gepland_door.email
    return gesprek.lsc.naam, _afzender_adres()


def afstemming_agenda(mail: Uitgaandemail) -> bytes:
    gesprek = mail.afstemming
    begin, duur, plaats = _aangekondigd(mail)
    return kalenderbericht(
        uid=f"afstemmingsgesprek-{gesprek.pk}@honingraat",
        volgnummer=mail.volgnummer,
        annuleren=mail.soort == Mailsoort.ANNULERING,
        begin=begin,
        duur=duur,
        plaats=plaats,
        titel=f"Afstemmingsgesprek {gesprek.school.naam}",
        beschrijving=(
            f"Afstemmingsgesprek met {gesprek.lsc.naam} en de partners. "
            f"In Honingraat: {_link('afstemming_detail', gesprek.pk)}"
        ),
        organisator=_afstemming_organisator(gesprek),
        deelnemer=(mail.ontvanger.naam, mail.adres),
        prodid="-//Honingraat//Afstemmingsgesprek//NL",
    )


def afstemming_bericht(mail: Uitgaandemail, *, verbinding=None) -> EmailMessage:
    """The invitation, change or cancellation of an afstemmingsgesprek: the school, the time, the place and
    a link, never its subject (the school's own words may name a pupil), with the calendar file."""
    gesprek = mail.afstemming
    begin, duur, plaats = _aangekondigd(mail)
    context = {
        "mail": mail,
        "gesprek": gesprek,
        "school": gesprek.school,
        "lsc": gesprek.lsc,
        "begin": begin,
        "einde": begin + dt.timedelta(minutes=duur) if begin else None,
        "plaats": plaats,
        "link": _link("afstemming_detail", gesprek.pk),
    }
    with translation.override("nl-be"):
        tekst = render_to_string(f"overleg/mail/afstemming_{mail.soort}.txt", context)
    organisator = _afstemming_organisator(gesprek)
    bericht = EmailMessage(
        subject=AFSTEMMING_ONDERWERPEN[mail.soort].format(school=gesprek.school.naam),
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.adres],
        reply_to=[organisator[1]] if organisator[1] != _afzender_adres() else [],
        headers={"Message-ID": mail.message_id},
        connection=verbinding,
    )
    methode = "CANCEL" if mail.soort == Mailsoort.ANNULERING else "REQUEST"
    bericht.attach(
        "annulering.ics" if methode == "CANCEL" else "uitnodiging.ics",
        afstemming_agenda(mail),
        f"text/calendar; method={methode}",
    )
    return bericht
