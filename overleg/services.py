"""What happens to a school consultation: who takes part, inviting, holding it, sharing the report.

Every change goes through here and is logged with `log_actie`. Mails never leave from a view: a service
writes rows in the outbox (`Uitgaandemail`) in the same transaction as the change, and asks Celery to
send them once the transaction is committed (`outbox.aanporren`).

Why one module of this length: the consultation's steps (prepare, invite, hold, share) and its
agreements change one row under one lock and one version, and read best as one sequence.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy

from netwerk.audit import log_actie, verschil
from netwerk.gelijktijdig import stand_van
from netwerk.models import Gebruiker, Leersteuncentrum, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from overleg import meldingen, outbox, queries
from overleg.models import (
    AGENDAMAILS,
    Afspraak,
    Deelnemer,
    Documentsoort,
    Mailbatch,
    Mailsoort,
    Mailstatus,
    Schoolbeeldoverleg,
    Status,
    Uitgaandemail,
)
from scholen.models import Ankertoewijzing, School
from scholen.queries import clb_bevestigd, zorgteam_bevestigd
from trajecten.queries import lopende_toewijzingen


def afspraak_stand(afspraak: Afspraak) -> str:
    """What the editor of an agreement saw: a change by someone else since then is a conflict."""
    return stand_van(afspraak, ("omschrijving", "eigenaar", "tegen", "afgerond_op"))


def onderdeel_stand(overleg: Schoolbeeldoverleg, velden: tuple[str, ...]) -> str:
    """What the editor of one part of the consultation saw."""
    return stand_van(overleg, velden)


class OverlegFout(Exception):
    """A request the consultation cannot honour; the message is Dutch and meant for the user."""


def overleg_voor(*, lsc: Leersteuncentrum, school: School, schooljaar: int | None = None):
    """This year's consultation of the school with the LSC, made on first use."""
    overleg, _ = Schoolbeeldoverleg.objects.get_or_create(
        lsc=lsc, school=school, schooljaar=schooljaar or huidig_schooljaar()
    )
    return overleg


@transaction.atomic
def overleg_plannen(*, door: Gebruiker, school: School, schooljaar: int) -> tuple[Schoolbeeldoverleg, bool]:
    """The consultation of the school with the planner's LSC for the year, and whether it is new (then
    logged). get_or_create: two presses at the same moment still make one consultation."""
    overleg, nieuw = Schoolbeeldoverleg.objects.get_or_create(
        lsc=door.lsc, school=school, schooljaar=schooljaar
    )
    if nieuw:
        log_actie(door=door, actie="overleg.overleg.gepland", obj=overleg)
    return overleg, nieuw


def _ondersteuners_op_school(*, lsc_id: int, school_id: int, schooljaar: int):
    """The LSC's supporters at the school: its anchors of the year and whoever works on an open trajectory."""
    werkt_er = lopende_toewijzingen(
        ondersteuner=OuterRef("pk"), traject__school_id=school_id, traject__lsc_id=lsc_id
    )
    is_anker = Ankertoewijzing.objects.filter(
        ondersteuner=OuterRef("pk"), school_id=school_id, lsc_id=lsc_id, schooljaar=schooljaar
    )
    return (
        Ondersteuner.objects.filter(lsc_id=lsc_id, gebruiker__is_active=True)
        .filter(Exists(werkt_er) | Exists(is_anker))
        .annotate(anker=Exists(is_anker))
        .select_related("gebruiker")
    )


@dataclass(frozen=True)
class Kandidaat:
    gebruiker: Gebruiker
    rol: str


def deelnemers_voor(overleg: Schoolbeeldoverleg) -> list[Kandidaat]:
    """Who is asked: the school's care staff, the LSC's anchor and supporters there, the supporters of a
    specific LSC that serves the school too, and the CLB staff of the school's CLB (care and CLB staff
    as far as the LSC vouched for them). One row per person."""
    school = overleg.school
    gezien: dict[int, Kandidaat] = {}

    def voeg_toe(gebruiker, rol):
        if gebruiker.is_active and gebruiker.pk not in gezien:
            gezien[gebruiker.pk] = Kandidaat(gebruiker, rol)

    # Of the school's care team and its CLB, only those this LSC vouched for hear of its work.
    for gebruiker in zorgteam_bevestigd(school_id=school.pk, lsc_id=overleg.lsc_id).order_by("naam"):
        voeg_toe(gebruiker, Deelnemer.Rol.ZORG)
    eigen = sorted(
        _ondersteuners_op_school(lsc_id=overleg.lsc_id, school_id=school.pk, schooljaar=overleg.schooljaar),
        key=lambda o: (not o.anker, o.gebruiker.naam),
    )
    for ondersteuner in eigen:
        voeg_toe(
            ondersteuner.gebruiker, Deelnemer.Rol.ANKER if ondersteuner.anker else Deelnemer.Rol.ONDERSTEUNER
        )
    specifieke = school.lscs.filter(soort=Leersteuncentrum.Soort.SPECIFIEK).exclude(pk=overleg.lsc_id)
    for lsc in specifieke:
        for ondersteuner in sorted(
            _ondersteuners_op_school(lsc_id=lsc.pk, school_id=school.pk, schooljaar=overleg.schooljaar),
            key=lambda o: o.gebruiker.naam,
        ):
            voeg_toe(ondersteuner.gebruiker, Deelnemer.Rol.SPECIFIEK)
    if school.clb_id:
        for gebruiker in clb_bevestigd(clb_id=school.clb_id, lsc_id=overleg.lsc_id).order_by("naam"):
            voeg_toe(gebruiker, Deelnemer.Rol.CLB)
    return list(gezien.values())


def _deelnemers_vastleggen(overleg: Schoolbeeldoverleg) -> list[Deelnemer]:
    bestaande = {d.gebruiker_id: d for d in overleg.deelnemers.all()}
    for kandidaat in deelnemers_voor(overleg):
        if kandidaat.gebruiker.pk not in bestaande:
            bestaande[kandidaat.gebruiker.pk] = Deelnemer.objects.create(
                overleg=overleg, gebruiker=kandidaat.gebruiker, rol=kandidaat.rol
            )
    return list(bestaande.values())


# Who receives the invitation: everyone asked, except the LSC's own staff who send it.
ONTVANGERS_UITNODIGING = {
    Deelnemer.Rol.ZORG,
    Deelnemer.Rol.SPECIFIEK,
    Deelnemer.Rol.CLB,
    Deelnemer.Rol.ONDERSTEUNER,
}
# Who is told the report is shared: the school's care staff and the CLB.
ONTVANGERS_VERSLAG = {Deelnemer.Rol.ZORG, Deelnemer.Rol.CLB}


def klaar_voor_uitnodiging(overleg: Schoolbeeldoverleg) -> str | None:
    """None when the invitation can leave, else the reason in Dutch."""
    if not overleg.datum:
        return "Er is nog geen datum en uur voor het overleg."
    if not overleg.plaats:
        return "Er is nog geen plaats voor het overleg."
    if overleg.datum < timezone.now():
        return "De datum van het overleg ligt in het verleden."
    return None


uitnodigingskenmerk = outbox.agendakenmerk

# The calendar mails that put the meeting in someone's calendar (REQUEST), as opposed to taking it out.
IN_DE_AGENDA = (Mailsoort.UITNODIGING, Mailsoort.WIJZIGING)


def _agendarijen(overleg: Schoolbeeldoverleg):
    return Uitgaandemail.objects.filter(overleg=overleg, soort__in=AGENDAMAILS).exclude(
        status=Mailstatus.VERVALLEN
    )


@transaction.atomic
def uitnodigingen_versturen(*, door: Gebruiker, overleggen: list[Schoolbeeldoverleg]) -> Mailbatch:
    """Invitations for one or many schools as one batch: participants fixed, one outbox row per recipient.

    All or nothing: a school that is not ready stops the whole batch with its reason, nothing is queued.
    The PDFs are rendered by the worker before the first mail of a school leaves.
    """
    if not overleggen:
        raise OverlegFout("Kies minstens één school.")
    fouten = [f"{o.school.naam}: {reden}" for o in overleggen if (reden := klaar_voor_uitnodiging(o))]
    if fouten:
        raise OverlegFout("Niet verstuurd. " + " ".join(fouten))
    batch = Mailbatch.objects.create(lsc_id=overleggen[0].lsc_id, door=door, scholen=len(overleggen))
    rijen = []
    for overleg in Schoolbeeldoverleg.objects.select_for_update().filter(pk__in=[o.pk for o in overleggen]):
        deelnemers = _deelnemers_vastleggen(overleg)
        kenmerk = uitnodigingskenmerk(overleg)
        huidige = _agendarijen(overleg).filter(volgnummer=overleg.agenda_volgnummer)
        # After a cancellation, or a date or place changed without an announcement (in the admin), the
        # calendars hold something else under this sequence: a higher one replaces it for everyone.
        if overleg.geannuleerd_op or huidige.exclude(kenmerk=kenmerk).exists():
            overleg.agenda_volgnummer += 1
            overleg.geannuleerd_op = None
            overleg.save(update_fields=["agenda_volgnummer", "geannuleerd_op", "bijgewerkt_op"])
        al_uitgenodigd = set(
            _agendarijen(overleg)
            .filter(
                soort__in=IN_DE_AGENDA,
                kenmerk=kenmerk,
                volgnummer=overleg.agenda_volgnummer,
            )
            .exclude(status=Mailstatus.MISLUKT)
            .values_list("ontvanger_id", flat=True)
        )
        for deelnemer in deelnemers:
            if (
                deelnemer.rol in ONTVANGERS_UITNODIGING
                and deelnemer.gebruiker_id != door.pk
                and deelnemer.gebruiker_id not in al_uitgenodigd
            ):
                rijen.append(
                    Uitgaandemail(
                        batch=batch,
                        overleg=overleg,
                        soort=Mailsoort.UITNODIGING,
                        ontvanger=deelnemer.gebruiker,
                        adres=deelnemer.gebruiker.email,
                        kenmerk=kenmerk,
                        volgnummer=overleg.agenda_volgnummer,
                    )
                )
        if overleg.status == Status.VOORBEREIDING:
            overleg.status = Status.UITGENODIGD
            overleg.versie += 1
            overleg.save(update_fields=["status", "versie", "bijgewerkt_op"])
        log_actie(
            door=door, actie="overleg.overleg.uitgenodigd", obj=overleg, wijzigingen={"batch": batch.pk}
        )
    Uitgaandemail.objects.bulk_create(rijen)
    outbox.aanporren(batch_id=batch.pk)
    return batch


def _agenda_bijwerken(*, door: Gebruiker, overleg: Schoolbeeldoverleg, soort: str) -> int:
    """Tells everyone invited that the meeting changed (soort WIJZIGING) or is cancelled (ANNULERING):
    one outbox row each, under the next calendar sequence, in one batch. The caller holds the consultation's
    lock and saves it.

    Who was invited: whoever has an invitation or change for this meeting. Someone whose invitation has
    not left yet gets a fresh invitation instead of a change (the older row is then behind the sequence and
    is not sent, `outbox.verstuur_een`); a cancellation goes only to those a calendar mail reached."""
    rijen = list(_agendarijen(overleg).filter(soort__in=IN_DE_AGENDA).values_list("ontvanger_id", "status"))
    bereikt = {ontvanger for ontvanger, status in rijen if status == Mailstatus.VERSTUURD}
    uitgenodigd = bereikt if soort == Mailsoort.ANNULERING else {ontvanger for ontvanger, _ in rijen}
    overleg.agenda_volgnummer += 1
    if not uitgenodigd:
        return 0
    batch = Mailbatch.objects.create(lsc_id=overleg.lsc_id, door=door, scholen=1)
    kenmerk = uitnodigingskenmerk(overleg)

    def soort_voor(gebruiker) -> str:
        return soort if soort == Mailsoort.ANNULERING or gebruiker.pk in bereikt else Mailsoort.UITNODIGING

    nieuw = [
        Uitgaandemail(
            batch=batch,
            overleg=overleg,
            soort=soort_voor(gebruiker),
            ontvanger=gebruiker,
            adres=gebruiker.email,
            kenmerk=kenmerk,
            volgnummer=overleg.agenda_volgnummer,
        )
        for gebruiker in Gebruiker.objects.filter(pk__in=uitgenodigd, is_active=True).order_by("pk")
    ]
    Uitgaandemail.objects.bulk_create(nieuw)
    outbox.aanporren(batch_id=batch.pk)
    return len(nieuw)


def ontvangers_annulering(overleg: Schoolbeeldoverleg) -> list[str]:
    """The names a cancellation would reach now (for the question before it)."""
    bereikt = _agendarijen(overleg).filter(soort__in=IN_DE_AGENDA, status=Mailstatus.VERSTUURD)
    return list(
        Gebruiker.objects.filter(pk__in=bereikt.values("ontvanger_id"), is_active=True)
        .order_by("naam")
        .values_list("naam", flat=True)
    )


@transaction.atomic
def overleg_annuleren(*, door: Gebruiker, overleg: Schoolbeeldoverleg, versie: int) -> int:
    """Calls the invited meeting off: everyone it reached gets a cancellation for their calendar (METHOD:
    CANCEL, the same UID, the next sequence). The consultation itself stays, back in preparation with its
    texts, to be planned and invited again. Returns the number of mails queued."""
    overleg = _vergrendeld(overleg, versie)
    if overleg.status != Status.UITGENODIGD:
        raise OverlegFout(
            "Enkel een overleg waarvoor de uitnodiging vertrokken is en dat nog niet gehouden is, "
            "annuleer je."
        )
    aantal = _agenda_bijwerken(door=door, overleg=overleg, soort=Mailsoort.ANNULERING)
    overleg.status = Status.VOORBEREIDING
    overleg.geannuleerd_op = timezone.now()
    overleg.versie += 1
    overleg.save(update_fields=["status", "geannuleerd_op", "agenda_volgnummer", "versie", "bijgewerkt_op"])
    log_actie(
        door=door,
        actie="overleg.overleg.geannuleerd",
        obj=overleg,
        wijzigingen={"datum": overleg.datum.isoformat() if overleg.datum else None, "mails": aantal},
    )
    return aantal


@transaction.atomic
def verslag_delen(*, door: Gebruiker, overleg: Schoolbeeldoverleg) -> int:
    """Shares the report: status 'gedeeld', the PDF rendered by the worker, and a mail with a link only to
    the school's care staff and the CLB staff. Returns the number of mails queued."""
    overleg = Schoolbeeldoverleg.objects.select_for_update().get(pk=overleg.pk)
    if overleg.status not in {Status.GEHOUDEN, Status.GEDEELD}:
        raise OverlegFout("Een verslag deel je nadat het overleg gehouden is.")
    if not overleg.verslag.strip():
        raise OverlegFout("Het verslag is nog leeg.")
    deelnemers = _deelnemers_vastleggen(overleg)
    al_verwittigd = set(
        Uitgaandemail.objects.filter(overleg=overleg, soort=Mailsoort.VERSLAG).values_list(
            "ontvanger_id", flat=True
        )
    )
    rijen = [
        Uitgaandemail(
            overleg=overleg,
            soort=Mailsoort.VERSLAG,
            ontvanger=d.gebruiker,
            adres=d.gebruiker.email,
        )
        for d in deelnemers
        if d.rol in ONTVANGERS_VERSLAG and d.gebruiker_id not in al_verwittigd
    ]
    Uitgaandemail.objects.bulk_create(rijen)
    overleg.status = Status.GEDEELD
    overleg.gedeeld_op = overleg.gedeeld_op or timezone.now()
    overleg.gedeeld_door = overleg.gedeeld_door or door
    overleg.versie += 1
    overleg.save(update_fields=["status", "gedeeld_op", "gedeeld_door", "versie", "bijgewerkt_op"])
    log_actie(door=door, actie="overleg.verslag.gedeeld", obj=overleg, wijzigingen={"mails": len(rijen)})
    outbox.document_laten_maken(overleg_id=overleg.pk, soort=Documentsoort.VERSLAG)
    outbox.aanporren()
    return len(rijen)


# -------------------------------------------------------------------------------- the meeting and report

ALLE_STATUSSEN = frozenset(Status)
STAPPEN = [Status.VOORBEREIDING, Status.UITGENODIGD, Status.GEHOUDEN, Status.GEDEELD]
DUUR_MINIMUM, DUUR_MAXIMUM = 15, 480


@dataclass(frozen=True)
class Onderdeel:
    """A part of the consultation that is edited on its own: its fields and when it may change."""

    naam: str
    titel: str
    velden: tuple[str, ...]
    statussen: frozenset = ALLE_STATUSSEN
    gesloten: str = ""
    uitleg: str = ""
    ophalen: bool = False


ONDERDELEN = {
    onderdeel.naam: onderdeel
    for onderdeel in [
        Onderdeel(
            "planning",
            gettext_lazy("Datum en plaats"),
            ("datum", "duur_minuten", "plaats"),
            frozenset({Status.VOORBEREIDING, Status.UITGENODIGD}),
            gesloten=gettext_lazy("Datum en plaats liggen vast zodra het overleg gehouden is."),
        ),
        Onderdeel(
            "overzicht",
            gettext_lazy("Overzicht van de aangemelde trajecten"),
            ("overzicht_trajecten",),
            uitleg=gettext_lazy(
                "Voor de leidraad: de trajecten van de school zonder namen van leerlingen en zonder "
                "casusinformatie. Het overleg bespreekt geen aparte leerlingen."
            ),
            ophalen=True,
        ),
        Onderdeel("prioriteiten", gettext_lazy("Prioriteiten van de school"), ("prioriteiten",)),
        Onderdeel(
            "verwachtingen",
            gettext_lazy("Verwachtingen van de partners"),
            ("verwachtingen_school", "verwachtingen_lsc", "verwachtingen_specifiek", "verwachtingen_clb"),
        ),
        Onderdeel("werkwijze", gettext_lazy("Waaraan en hoe we werken"), ("werkwijze",)),
        Onderdeel(
            "spreiding",
            gettext_lazy("Spreiding van het tijdskader"),
            ("spreiding_uit_kader", "spreiding"),
            uitleg=gettext_lazy(
                "Het maximum tijdskader kan wekelijks ingezet worden of als gemiddelde over verschillende "
                "weken gespreid worden. Enkel de brede types vallen binnen het tijdskader."
            ),
        ),
        Onderdeel("verslag", gettext_lazy("Verslag"), ("verslag",)),
        Onderdeel(
            "tussentijds",
            gettext_lazy("Tweede moment"),
            ("tussentijds_op", "tussentijds_uur", "tussentijds_plaats", "tussentijdse_effecten"),
            uitleg=gettext_lazy(
                "Later in het schooljaar: de tussentijdse effecten, en afspraken bijstellen."
            ),
        ),
    ]
}
VOORBEREIDING = ["overzicht"]
VERGADERING = ["prioriteiten", "verwachtingen", "werkwijze"]
VERSLAG = ["spreiding", "verslag", "tussentijds"]

CONFLICT_ONDERDEEL = (
    "Iemand anders heeft dit onderdeel intussen gewijzigd. Je tekst is niet bewaard: kopieer hem, "
    "herlaad de pagina en vul opnieuw aan."
)
CONFLICT_OVERLEG = "Het overleg is intussen gewijzigd. Herlaad de pagina en bekijk het opnieuw."
CONFLICT_AFSPRAAK = (
    "Iemand anders heeft deze afspraak intussen gewijzigd. Herlaad de pagina: er is niets bewaard."
)


# ---------------------------------------------------------------------------- the parts of the meeting


PLANNING = ("datum", "duur_minuten", "plaats")


def _controleer(overleg: Schoolbeeldoverleg, onderdeel: Onderdeel, voor: dict) -> None:
    if onderdeel.naam == "planning":
        if not DUUR_MINIMUM <= overleg.duur_minuten <= DUUR_MAXIMUM:
            raise OverlegFout(f"De duur ligt tussen {DUUR_MINIMUM} en {DUUR_MAXIMUM} minuten.")
        if overleg.status == Status.UITGENODIGD and not (overleg.datum and overleg.plaats):
            raise OverlegFout(
                "De uitnodiging is vertrokken: het overleg houdt een datum en een plaats. Gaat het niet "
                "door, annuleer het dan."
            )
        if overleg.datum != voor.get("datum") and overleg.datum and overleg.datum < timezone.now():
            raise OverlegFout("De nieuwe datum van het overleg ligt in het verleden.")
    if (
        onderdeel.naam == "spreiding"
        and overleg.spreiding_uit_kader
        and queries.tijdskader_van(overleg) is None
    ):
        raise OverlegFout(
            "Het leersteuncentrum heeft voor deze school nog geen tijdskader gepubliceerd: beschrijf de "
            "spreiding zelf, of neem ze over zodra het tijdskader gepubliceerd is."
        )
    if onderdeel.naam == "tussentijds" and overleg.tussentijds_op and overleg.datum:
        moment = overleg.tussentijds_moment
        dag_van_overleg = timezone.localdate(overleg.datum)
        if overleg.tussentijds_op < dag_van_overleg or (
            overleg.tussentijds_op == dag_van_overleg
            and (overleg.tussentijds_uur is None or moment <= overleg.datum)
        ):
            raise OverlegFout("Het tweede moment ligt later in het schooljaar dan het overleg zelf.")


@transaction.atomic
def onderdeel_bewaren(
    *, door, overleg: Schoolbeeldoverleg, onderdeel: Onderdeel, versie: int, stand: str, gegevens: dict
) -> Schoolbeeldoverleg:
    """Saves one part. Refused when its own values changed since the form was opened (`stand`); a change
    to another part in the meantime (only `versie` differs) does not block it."""
    overleg = Schoolbeeldoverleg.objects.select_for_update().get(pk=overleg.pk)
    if overleg.status not in onderdeel.statussen:
        raise OverlegFout(str(onderdeel.gesloten))
    if overleg.versie != versie and onderdeel_stand(overleg, onderdeel.velden) != stand:
        raise OverlegFout(CONFLICT_ONDERDEEL)
    voor = {veld: getattr(overleg, veld) for veld in gegevens}
    for veld, waarde in gegevens.items():
        setattr(overleg, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    _controleer(overleg, onderdeel, voor)
    try:
        overleg.full_clean()
    except ValidationError as fout:
        raise OverlegFout(" ".join(fout.messages)) from fout
    wijzigingen = verschil(voor, {veld: getattr(overleg, veld) for veld in gegevens})
    if wijzigingen:
        overleg.versie += 1
        if overleg.status == Status.UITGENODIGD and set(wijzigingen) & set(PLANNING):
            # The invited meeting moved: the calendars of those invited follow (same UID, next sequence).
            wijzigingen["agendamails"] = _agenda_bijwerken(
                door=door, overleg=overleg, soort=Mailsoort.WIJZIGING
            )
            meldingen.verplaatsing_melden(overleg=overleg, door=door)
        overleg.save()
        log_actie(
            door=door, actie=f"overleg.{onderdeel.naam}.bijgewerkt", obj=overleg, wijzigingen=wijzigingen
        )
    return overleg


def _vergrendeld(overleg: Schoolbeeldoverleg, versie: int) -> Schoolbeeldoverleg:
    overleg = Schoolbeeldoverleg.objects.select_for_update().get(pk=overleg.pk)
    if overleg.versie != versie:
        raise OverlegFout(CONFLICT_OVERLEG)
    return overleg


@transaction.atomic
def overleg_gehouden(*, door, overleg: Schoolbeeldoverleg, versie: int) -> Schoolbeeldoverleg:
    """The meeting took place: after the invitation, not before its hour. Held on its planned date."""
    overleg = _vergrendeld(overleg, versie)
    if overleg.status != Status.UITGENODIGD:
        if overleg.status in {Status.GEHOUDEN, Status.GEDEELD}:
            raise OverlegFout("Dit overleg is al gehouden.")
        raise OverlegFout("Een overleg wordt gehouden nadat de uitnodiging vertrokken is.")
    nu = timezone.now()
    if overleg.datum and overleg.datum > nu:
        raise OverlegFout("Het overleg is nog niet begonnen: markeer het als gehouden na afloop.")
    overleg.status = Status.GEHOUDEN
    overleg.gehouden_op = overleg.datum or nu
    overleg.versie += 1
    overleg.save(update_fields=["status", "gehouden_op", "versie", "bijgewerkt_op"])
    log_actie(door=door, actie="overleg.overleg.gehouden", obj=overleg)
    return overleg


@transaction.atomic
def verslag_delen_zoals_gezien(*, door, overleg: Schoolbeeldoverleg, versie: int) -> int:
    """Shares the report the user saw: if it changed since, they read it again first."""
    _vergrendeld(overleg, versie)
    return verslag_delen(door=door, overleg=overleg)


@transaction.atomic
def aanwezigheid_bewaren(*, door, overleg: Schoolbeeldoverleg, aanwezig: set[int]) -> None:
    """Who was there, marked during the meeting: every participant present or not."""
    overleg = Schoolbeeldoverleg.objects.select_for_update().get(pk=overleg.pk)
    if overleg.status == Status.VOORBEREIDING:
        raise OverlegFout("Aanwezigheden noteer je nadat de uitnodiging vertrokken is.")
    gewijzigd = []
    for deelnemer in overleg.deelnemers.select_related("gebruiker"):
        nieuw = deelnemer.pk in aanwezig
        if deelnemer.aanwezig != nieuw:
            deelnemer.aanwezig = nieuw
            deelnemer.save(update_fields=["aanwezig"])
            gewijzigd.append([deelnemer.gebruiker.naam, nieuw])
    if gewijzigd:
        log_actie(
            door=door,
            actie="overleg.aanwezigheid.bijgewerkt",
            obj=overleg,
            wijzigingen={"aanwezig": gewijzigd},
        )


def _afspraak_vergrendeld(afspraak: Afspraak, stand: str | None) -> Afspraak:
    afspraak = Afspraak.objects.select_for_update().filter(pk=afspraak.pk).first()
    if afspraak is None:
        raise OverlegFout("Deze afspraak bestaat niet meer. Herlaad de pagina.")
    if stand is not None and afspraak_stand(afspraak) != stand:
        raise OverlegFout(CONFLICT_AFSPRAAK)
    return afspraak


@transaction.atomic
def afspraak_toevoegen(*, door, overleg: Schoolbeeldoverleg, omschrijving: str, eigenaar_id: int, tegen):
    afspraak = Afspraak.objects.create(
        overleg=overleg, omschrijving=omschrijving, eigenaar_id=eigenaar_id, tegen=tegen
    )
    log_actie(
        door=door,
        actie="overleg.afspraak.toegevoegd",
        obj=afspraak,
        wijzigingen={"overleg": overleg.pk, "eigenaar": eigenaar_id, "tegen": str(tegen)},
    )
    return afspraak


@transaction.atomic
def afspraak_wijzigen(*, door, afspraak: Afspraak, stand: str, omschrijving: str, eigenaar_id: int, tegen):
    afspraak = _afspraak_vergrendeld(afspraak, stand)
    voor = {"omschrijving": afspraak.omschrijving, "eigenaar": afspraak.eigenaar_id, "tegen": afspraak.tegen}
    na = {"omschrijving": omschrijving, "eigenaar": eigenaar_id, "tegen": tegen}
    afspraak.omschrijving, afspraak.eigenaar_id, afspraak.tegen = omschrijving, eigenaar_id, tegen
    afspraak.save(update_fields=["omschrijving", "eigenaar", "tegen"])
    if wijzigingen := verschil(voor, na):
        log_actie(door=door, actie="overleg.afspraak.gewijzigd", obj=afspraak, wijzigingen=wijzigingen)
    return afspraak


@transaction.atomic
def afspraak_verwijderen(*, door, afspraak: Afspraak, stand: str) -> None:
    afspraak = _afspraak_vergrendeld(afspraak, stand)
    log_actie(
        door=door,
        actie="overleg.afspraak.verwijderd",
        obj=afspraak,
        wijzigingen={"overleg": afspraak.overleg_id, "omschrijving": afspraak.omschrijving},
    )
    afspraak.delete()


@transaction.atomic
def afspraak_afronden(*, door, afspraak: Afspraak) -> Afspraak:
    afspraak = _afspraak_vergrendeld(afspraak, None)
    if afspraak.afgerond_op is None:
        afspraak.afgerond_op = timezone.now()
        afspraak.save(update_fields=["afgerond_op"])
        log_actie(door=door, actie="overleg.afspraak.afgerond", obj=afspraak)
    return afspraak
