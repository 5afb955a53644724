"""Professional development (issue 20, part 4): the LSC's trainings with their sessions, registrations
(a waiting list when full) and attendance, each supporter's chosen focus to grow in, and coaching moments.

Coaching moments are read by three people only: the coach who recorded them, the supporter and the LSC's
policy team. Their notes and topic never go into the audit: it says who, when and for whom.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from netwerk.audit import log_actie
from netwerk.meldingen import melden
from netwerk.models import (
    BELEIDSROLLEN,
    LSC_ROLLEN,
    Aanwezigheid,
    Coachingsmoment,
    Gebruiker,
    Inschrijving,
    Meldingsoort,
    Ondersteuner,
    Rol,
    Vorming,
    Vormingsessie,
)

# ------------------------------------------------------------------------------------ who sees what


def vormingen_zichtbaar_voor(gebruiker) -> QuerySet[Vorming]:
    """The own LSC's trainings, for its own people; nobody else (schools, CLB, administrator)."""
    if gebruiker.rol in LSC_ROLLEN and gebruiker.lsc_id:
        return Vorming.objects.filter(lsc=gebruiker.lsc_id)
    return Vorming.objects.none()


def coachingsmomenten_zichtbaar_voor(gebruiker) -> QuerySet[Coachingsmoment]:
    """The coach their own moments, the supporter theirs, the policy team their LSC's; nobody else."""
    if gebruiker.rol in BELEIDSROLLEN and gebruiker.lsc_id:
        return Coachingsmoment.objects.filter(ondersteuner__lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return Coachingsmoment.objects.filter(coach=gebruiker)
    if gebruiker.rol == Rol.ONDERSTEUNER:
        return Coachingsmoment.objects.filter(ondersteuner__gebruiker=gebruiker)
    return Coachingsmoment.objects.none()


def is_coach_van(gebruiker, ondersteuner: Ondersteuner) -> bool:
    return (
        gebruiker.rol == Rol.TEAMCOACH
        and ondersteuner.regioteam_id is not None
        and ondersteuner.regioteam.coach_id == gebruiker.pk
    )


def met_cijfers(vormingen: QuerySet[Vorming], gebruiker) -> QuerySet[Vorming]:
    """Registered and waiting counts, first and last day, the sessions and the viewer's own registration:
    annotations and two prefetches, so a list's queries do not grow with its rows."""
    eigen = Inschrijving.objects.filter(vorming=OuterRef("pk"), ondersteuner__gebruiker=gebruiker.pk)
    return (
        vormingen.annotate(
            aantal_ingeschreven=Count(
                "inschrijvingen", filter=Q(inschrijvingen__wachtlijst=False), distinct=True
            ),
            aantal_wachtlijst=Count(
                "inschrijvingen", filter=Q(inschrijvingen__wachtlijst=True), distinct=True
            ),
            eerste_dag=Min("sessies__datum"),
            laatste_dag=Max("sessies__datum"),
            ik_ingeschreven=Exists(eigen.filter(wachtlijst=False)),
            ik_wachtlijst=Exists(eigen.filter(wachtlijst=True)),
        )
        .prefetch_related(Prefetch("sessies", queryset=Vormingsessie.objects.order_by("datum", "van", "pk")))
        .order_by("eerste_dag", "titel", "pk")
    )


def komend_en_voorbij(vormingen: list[Vorming], vandaag: dt.date) -> tuple[list[Vorming], list[Vorming]]:
    """Upcoming: its last day is today or later (or it has no session yet); past: the rest, newest first."""
    komend = [v for v in vormingen if v.laatste_dag is None or v.laatste_dag >= vandaag]
    voorbij = [v for v in vormingen if v.laatste_dag is not None and v.laatste_dag < vandaag]
    return komend, sorted(voorbij, key=lambda v: (v.laatste_dag, v.pk), reverse=True)


def eerste_dag(vorming: Vorming) -> dt.date | None:
    return vorming.sessies.aggregate(d=Min("datum"))["d"]


def is_begonnen(vorming: Vorming, vandaag: dt.date | None = None) -> bool:
    dag = eerste_dag(vorming)
    return dag is not None and dag <= (vandaag or timezone.localdate())


def inschrijvingen_van(vorming: Vorming) -> list[Inschrijving]:
    """The registrations with their supporters and attendance: the detail page, attendance and export."""
    return list(
        vorming.inschrijvingen.select_related("ondersteuner__gebruiker", "ondersteuner__regioteam")
        .prefetch_related("aanwezigheden")
        .order_by("wachtlijst", "ondersteuner__gebruiker__naam", "pk")
    )


def aanwezigheidsrijen(vorming: Vorming, sessies: list[Vormingsessie], inschrijvingen: list[Inschrijving]):
    """Per registration: its status per session ("" when not recorded), in the order of `sessies`."""
    rijen = []
    for inschrijving in inschrijvingen:
        per_sessie = {a.sessie_id: a for a in inschrijving.aanwezigheden.all()}
        rijen.append((inschrijving, [per_sessie.get(s.pk) for s in sessies]))
    return rijen


def exportrijen(vorming: Vorming, sessies: list[Vormingsessie], rijen) -> list[list]:
    kop = [
        _("Naam"),
        _("Regioteam"),
        _("Inschrijving"),
        *(f"{s.datum:%d/%m/%Y} {s.van:%H:%M}" for s in sessies),  # as the screen's column heads
    ]
    return [
        kop,
        *(
            [
                i.ondersteuner.gebruiker.naam,
                i.ondersteuner.regioteam.naam if i.ondersteuner.regioteam else "",
                _("wachtlijst") if i.wachtlijst else _("ingeschreven"),
                *(a.get_status_display() if a else "" for a in statussen),
            ]
            for i, statussen in rijen
        ),
    ]


def vormingen_van_ondersteuner(ondersteuner: Ondersteuner) -> list[Inschrijving]:
    """A supporter's registrations, newest training first, with sessions and attendance: per row
    `aanwezig` (sessions attended) and `voorbij` (sessions held up to today)."""
    vandaag = timezone.localdate()
    inschrijvingen = list(
        ondersteuner.inschrijvingen.select_related("vorming")
        .prefetch_related(
            Prefetch("vorming__sessies", queryset=Vormingsessie.objects.order_by("datum", "van", "pk")),
            "aanwezigheden",
        )
        .annotate(eerste_dag=Min("vorming__sessies__datum"))
        .order_by("-eerste_dag", "pk")
    )
    for i in inschrijvingen:
        sessies = list(i.vorming.sessies.all())
        i.voorbij = sum(1 for s in sessies if s.datum <= vandaag)
        i.aanwezig = sum(1 for a in i.aanwezigheden.all() if a.status == Aanwezigheid.Status.AANWEZIG)
        i.sessies = sessies
    return inschrijvingen


# ------------------------------------------------------------------------------------ trainings


@transaction.atomic
def vorming_bewaren(*, door: Gebruiker, vorming: Vorming, sessieformulieren) -> Vorming:
    """Saves a training and its sessions (a model formset, already valid). A session with attendance on
    record is not removed: that would lose who was there."""
    nieuw = vorming.pk is None
    if nieuw:
        vorming.lsc_id = door.lsc_id
        vorming.door = door
    vorming.full_clean()
    vorming.save()
    sessieformulieren.instance = vorming
    for formulier in sessieformulieren.deleted_forms:
        if formulier.instance.pk and formulier.instance.aanwezigheden.exists():
            raise ValidationError(
                _("De sessie van %(datum)s heeft al aanwezigheden: die sessie blijft.")
                % {"datum": f"{formulier.instance.datum:%d/%m/%Y}"}
            )
    sessieformulieren.save()
    if not vorming.sessies.exists():
        raise ValidationError(_("Een vorming heeft minstens één sessie met datum, uur en plaats."))
    log_actie(
        door=door,
        actie="netwerk.vorming.aangemaakt" if nieuw else "netwerk.vorming.bijgewerkt",
        obj=vorming,
        wijzigingen={"titel": vorming.titel, "sessies": vorming.sessies.count()},
    )
    if not nieuw:  # dates or places may have moved: the registered hear of it
        melden(
            soort=Meldingsoort.VORMING_GEWIJZIGD,
            ontvangers=Gebruiker.objects.filter(ondersteuner__inschrijvingen__vorming=vorming),
            titel=_("De vorming ‘%(titel)s’ is gewijzigd") % {"titel": vorming.titel},
            url=reverse("vorming_detail", args=[vorming.pk]),
        )
    return vorming


@transaction.atomic
def vorming_annuleren(*, door: Gebruiker, vorming: Vorming) -> int:
    """Cancels the training (the rows stay); every registered supporter is notified. Returns how many."""
    vorming = Vorming.objects.select_for_update().get(pk=vorming.pk)
    if vorming.geannuleerd_op:
        raise ValidationError(_("Deze vorming is al geannuleerd."))
    vorming.geannuleerd_op = timezone.now()
    vorming.save(update_fields=["geannuleerd_op"])
    aantal = vorming.inschrijvingen.count()
    log_actie(
        door=door, actie="netwerk.vorming.geannuleerd", obj=vorming, wijzigingen={"inschrijvingen": aantal}
    )
    melden(
        soort=Meldingsoort.VORMING_GEWIJZIGD,
        ontvangers=Gebruiker.objects.filter(ondersteuner__inschrijvingen__vorming=vorming),
        titel=_("De vorming ‘%(titel)s’ is geannuleerd") % {"titel": vorming.titel},
        url=reverse("vorming_detail", args=[vorming.pk]),
        sleutel=f"vorming-{vorming.pk}-geannuleerd",
    )
    return aantal


@transaction.atomic
def inschrijven(*, door: Gebruiker, vorming: Vorming, ondersteuner: Ondersteuner) -> Inschrijving:
    """Registers; on the waiting list when all places are taken. A supporter registers only themselves and
    only before the first session's day; the policy team registers anyone of the LSC, also later."""
    vorming = Vorming.objects.select_for_update().get(pk=vorming.pk)  # one registration at a time
    zelf = door.rol == Rol.ONDERSTEUNER
    if zelf and ondersteuner.gebruiker_id != door.pk:
        raise PermissionDenied
    if ondersteuner.lsc_id != vorming.lsc_id or not ondersteuner.gebruiker.is_active:
        raise ValidationError(_("Deze ondersteuner hoort niet bij het leersteuncentrum van de vorming."))
    if vorming.geannuleerd_op:
        raise ValidationError(_("Deze vorming is geannuleerd: inschrijven kan niet meer."))
    if zelf and is_begonnen(vorming):
        raise ValidationError(_("Deze vorming is al begonnen: inschrijven kan niet meer."))
    if vorming.inschrijvingen.filter(ondersteuner=ondersteuner).exists():
        raise ValidationError(
            _("Je bent al ingeschreven.")
            if zelf
            else _("%(naam)s is al ingeschreven.") % {"naam": ondersteuner}
        )
    bezet = vorming.inschrijvingen.filter(wachtlijst=False).count()
    inschrijving = Inschrijving.objects.create(
        vorming=vorming,
        ondersteuner=ondersteuner,
        wachtlijst=vorming.max_plaatsen is not None and bezet >= vorming.max_plaatsen,
        door=door,
    )
    log_actie(
        door=door,
        actie="netwerk.inschrijving.toegevoegd",
        obj=vorming,
        wijzigingen={"ondersteuner": ondersteuner.pk, "wachtlijst": inschrijving.wachtlijst},
    )
    return inschrijving


@transaction.atomic
def uitschrijven(*, door: Gebruiker, vorming: Vorming, ondersteuner: Ondersteuner) -> Inschrijving | None:
    """Removes the registration; the first on the waiting list takes the freed place and is notified.
    Returns the registration that moved up, if any."""
    vorming = Vorming.objects.select_for_update().get(pk=vorming.pk)
    zelf = door.rol == Rol.ONDERSTEUNER
    if zelf and ondersteuner.gebruiker_id != door.pk:
        raise PermissionDenied
    inschrijving = vorming.inschrijvingen.filter(ondersteuner=ondersteuner).first()
    if inschrijving is None:
        raise ValidationError(_("Er is geen inschrijving om te schrappen."))
    if zelf and is_begonnen(vorming):
        raise ValidationError(
            _("De vorming is al begonnen: uitschrijven kan niet meer. Verwittig de coördinator.")
        )
    if inschrijving.aanwezigheden.exists():
        raise ValidationError(_("Voor deze inschrijving zijn al aanwezigheden geregistreerd: ze blijft."))
    vrij = not inschrijving.wachtlijst
    inschrijving.delete()
    log_actie(
        door=door,
        actie="netwerk.inschrijving.verwijderd",
        obj=vorming,
        wijzigingen={"ondersteuner": ondersteuner.pk},
    )
    if not vrij or vorming.geannuleerd_op:
        return None
    volgende = vorming.inschrijvingen.filter(wachtlijst=True).order_by("ingeschreven_op", "pk").first()
    if volgende is None:
        return None
    volgende.wachtlijst = False
    volgende.save(update_fields=["wachtlijst"])
    log_actie(
        door=door,
        actie="netwerk.inschrijving.van_wachtlijst",
        obj=vorming,
        wijzigingen={"ondersteuner": volgende.ondersteuner_id},
    )
    melden(
        soort=Meldingsoort.VORMING_GEWIJZIGD,
        ontvangers=[volgende.ondersteuner.gebruiker],
        titel=_("Er is een plaats vrij: je bent ingeschreven voor ‘%(titel)s’") % {"titel": vorming.titel},
        url=reverse("vorming_detail", args=[vorming.pk]),
        sleutel=f"vorming-{vorming.pk}-plaats-{volgende.pk}",
    )
    return volgende


@transaction.atomic
def aanwezigheid_registreren(
    *, door: Gebruiker, vorming: Vorming, statussen: dict[tuple[int, int], str]
) -> int:
    """Records attendance per (registration, session) for sessions held up to today; "" removes a record.
    Returns how many records changed."""
    vandaag = timezone.localdate()
    sessies = {s.pk: s for s in vorming.sessies.all()}
    inschrijvingen = set(vorming.inschrijvingen.filter(wachtlijst=False).values_list("pk", flat=True))
    bestaand = {
        (a.inschrijving_id, a.sessie_id): a
        for a in Aanwezigheid.objects.filter(inschrijving__vorming=vorming)
    }
    gewijzigd = 0
    for (inschrijving_id, sessie_id), status in statussen.items():
        if inschrijving_id not in inschrijvingen or sessie_id not in sessies:
            raise ValidationError(_("Deze inschrijving of sessie hoort niet bij de vorming."))
        oud = bestaand.get((inschrijving_id, sessie_id))
        if (oud.status if oud else "") == status:
            continue
        if sessies[sessie_id].datum > vandaag:
            raise ValidationError(
                _("De sessie van %(datum)s moet nog plaatsvinden: de aanwezigheid volgt daarna.")
                % {"datum": f"{sessies[sessie_id].datum:%d/%m/%Y}"}
            )
        if not status:
            oud.delete()
        elif oud:
            oud.status = status
            oud.save(update_fields=["status"])
        else:
            Aanwezigheid.objects.create(inschrijving_id=inschrijving_id, sessie_id=sessie_id, status=status)
        gewijzigd += 1
    if gewijzigd:
        log_actie(
            door=door,
            actie="netwerk.aanwezigheid.geregistreerd",
            obj=vorming,
            wijzigingen={"gewijzigd": gewijzigd},
        )
    return gewijzigd


# ------------------------------------------------------------------------------------ growth and coaching


@transaction.atomic
def groeifocus_bewaren(
    *, door: Gebruiker, ondersteuner: Ondersteuner, groeifocus: str, groeifocus_gebied: str
):
    voor = {"groeifocus": ondersteuner.groeifocus, "groeifocus_gebied": ondersteuner.groeifocus_gebied}
    ondersteuner.groeifocus, ondersteuner.groeifocus_gebied = groeifocus, groeifocus_gebied
    ondersteuner.full_clean()
    ondersteuner.save(update_fields=["groeifocus", "groeifocus_gebied"])
    na = {"groeifocus": groeifocus, "groeifocus_gebied": groeifocus_gebied}
    if voor != na:
        log_actie(
            door=door,
            actie="netwerk.groeifocus.bijgewerkt",
            obj=ondersteuner,
            wijzigingen={k: [voor[k], na[k]] for k in na if voor[k] != na[k]},
        )
    return ondersteuner


@transaction.atomic
def coachingsmoment_bewaren(*, door: Gebruiker, moment: Coachingsmoment) -> Coachingsmoment:
    """Only the supporter's team coach records a moment, and only that coach changes it. The audit names the
    supporter and the date, never the topic, notes or agreements."""
    if moment.pk is None:
        if not is_coach_van(door, moment.ondersteuner):
            raise PermissionDenied
        moment.coach = door
    elif moment.coach_id != door.pk:
        raise PermissionDenied
    nieuw = moment.pk is None
    moment.full_clean()
    moment.save()
    log_actie(
        door=door,
        actie="netwerk.coachingsmoment.toegevoegd" if nieuw else "netwerk.coachingsmoment.bijgewerkt",
        obj=moment,
        wijzigingen={"ondersteuner": moment.ondersteuner_id, "datum": str(moment.datum)},
    )
    return moment
