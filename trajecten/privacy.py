"""Pupil data kept no longer than needed: anonymised when its retention ends, erased on an approved request,
and handed over in full as the pupil's file.

Anonymising is irreversible. What identifies or describes the pupil goes: first name, initial, class, every
free text of its trajectories (the questions, the answer, goals, evaluations, progress, logbook notes,
reasons, the school's closing answers), the names and organisations of the people around it, and the
same texts as before/after values in the change history. What the LSC's figures need stays: school, LSC,
type, phase, report kind, birth year, dates, statuses, decisions, minutes and activities, roles, and who
of the LSC worked on it. Retention and erasure anonymise the same way; the audit keeps who did it, never
the name.

Why one module of this length: anonymising, erasing and the pupil's file must name the same fields;
kept together, a field added to one and forgotten in another shows in one reading.
"""

import datetime as dt
import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from netwerk.audit import audit_anonimiseren, log_actie
from netwerk.models import Gebruiker, Inzage, Wijziging
from netwerk.schooljaar import schooljaar_begin, schooljaar_einde, schooljaar_van
from trajecten import afsluitextra, meldingen, rules
from trajecten.models import (
    OPEN_STATUSSEN,
    Afsluitvraag,
    Betrokkene,
    Doel,
    Doelevaluatie,
    Evaluatie,
    Leerling,
    Logboekregel,
    Schoolaanvraag,
    Status,
    Toewijzing,
    Traject,
    Wisverzoek,
    bijlagenopslag,
)
from trajecten.tijdlijn import tijdlijn

logger = logging.getLogger(__name__)

GEANONIMISEERD = "[geanonimiseerd]"
ANONIEME_VOORNAAM = "Leerling"
ANONIEM = "-"
GEWIST_OP_VERZOEK = "Leerlinggegevens gewist na goedkeuring van een verzoek."

# Free text per model: replaced by GEANONIMISEERD where it held something, left empty where it was empty.
VRIJE_TEKST = {
    Traject: ("vraag_leerkracht", "vraag_leerling_ouders", "antwoord", "reden_stopzetting", "groep"),
    Doel: ("omschrijving",),
    Evaluatie: ("samenvatting",),
    Doelevaluatie: ("vooruitgang",),
    Logboekregel: ("notitie",),
    Betrokkene: ("naam", "organisatie"),
    Afsluitvraag: ("wat_neem_je_mee", "waar_liggen_kansen", "verstuurd_naar"),
    Schoolaanvraag: ("verslag_bewaarplaats", "ouders_wie"),
}
_VIA_TRAJECT = {
    Traject: "pk__in",
    Doelevaluatie: "evaluatie__traject__in",
}


def vrije_tekst_registreren(model, velden: tuple[str, ...]) -> None:
    """Free text an app above keeps per trajectory (a `traject` key): anonymised with the pupil's. Called
    when Django starts (overleg/apps.py: the school's suggestions at closure)."""
    VRIJE_TEKST[model] = velden


# Values in the change history that say nothing about the pupil: kept for the timeline and the figures.
# Any other value of a change to the pupil's trajectories (goals, reasons, organisations, questions...) is
# replaced, and so is any value that holds the pupil's first name.
NEUTRALE_VELDEN = frozenset(
    {
        "status",
        "beslissing",
        "minuten",
        "datum",
        "activiteit",
        "rol",
        "ondersteuner",
        "type",
        "fase",
        "gebondenheid",
        "focussen",
        "vormen",
        "inhoud",
        "intensiteit_minuten",
        "frequentie",
        "start",
        "geplande_einde",
        "volgende_evaluatie",
        "aangemeld_op",
        "afgesloten_op",
        "trajecten",
        "gestopt",
        "bewaard_tot",
        "wisverzoek",
    }
)


# Retention


def bewaard_tot(afgesloten_op: dt.date, *, schooljaren: int | None = None) -> dt.date:
    """The day on which a trajectory closed on `afgesloten_op` stops holding pupil data: 31 August of the
    `schooljaren`-th school year after the one it closed in."""
    schooljaren = settings.BEWAARTERMIJN_SCHOOLJAREN if schooljaren is None else schooljaren
    return schooljaar_einde(schooljaar_van(afgesloten_op) + schooljaren)


def _gesloten_voor(vandaag: dt.date, schooljaren: int) -> dt.date:
    """Trajectories closed before this day are past their retention on `vandaag` (see `bewaard_tot`)."""
    jaar = schooljaar_van(vandaag)
    # The last school year that has ended by `vandaag` (its 31 August included).
    voorbij = jaar if vandaag == schooljaar_einde(jaar) else jaar - 1
    return schooljaar_begin(voorbij + 1 - schooljaren)


def _nog_nodig(grens: dt.date) -> Q:
    return Q(status__in=OPEN_STATUSSEN) | Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=grens)


def leerlingen_over_termijn(*, vandaag: dt.date | None = None) -> QuerySet[Leerling]:
    """Pupils not yet anonymised whose trajectories are all closed and past their retention."""
    grens = _gesloten_voor(vandaag or timezone.localdate(), settings.BEWAARTERMIJN_SCHOOLJAREN)
    trajecten = Traject.objects.filter(leerling=OuterRef("pk"))
    return Leerling.objects.filter(
        Exists(trajecten), ~Exists(trajecten.filter(_nog_nodig(grens))), geanonimiseerd_op__isnull=True
    )


def bewaartermijn_toepassen(*, vandaag: dt.date | None = None, droog: bool = False) -> int:
    """Anonymises every pupil past its retention, one transaction per pupil; returns how many (with
    `droog`: how many would be). Running it again changes nothing."""
    vandaag = vandaag or timezone.localdate()
    kandidaten = list(leerlingen_over_termijn(vandaag=vandaag).order_by("pk").values_list("pk", flat=True))
    if droog:
        return len(kandidaten)
    grens = _gesloten_voor(vandaag, settings.BEWAARTERMIJN_SCHOOLJAREN)
    aantal = mislukt = 0
    for pk in kandidaten:
        try:
            aantal += _na_termijn_anonimiseren(pk, grens=grens)
        except DatabaseError:
            # That pupil's transaction is rolled back whole; the others go on. Ids only in the log.
            logger.exception("Bewaartermijn: leerling %s niet geanonimiseerd", pk)
            mislukt += 1
    logger.info("Bewaartermijn op %s: %d leerling(en) geanonimiseerd, %d mislukt", vandaag, aantal, mislukt)
    return aantal


@transaction.atomic
def _na_termijn_anonimiseren(pk: int, *, grens: dt.date) -> bool:
    """Checks again under lock: a trajectory reopened in the meantime keeps its pupil."""
    leerling = Leerling.objects.select_for_update().filter(pk=pk, geanonimiseerd_op__isnull=True).first()
    if leerling is None:
        return False
    trajecten = _trajecten_van(leerling, vergrendeld=True)
    if not trajecten or any(
        t.status in OPEN_STATUSSEN or t.afgesloten_op is None or t.afgesloten_op >= grens for t in trajecten
    ):
        return False
    laatste = max(t.afgesloten_op for t in trajecten)
    _anonimiseren(leerling, trajecten)
    for traject in trajecten:
        log_actie(
            door=None,
            actie="trajecten.leerling.geanonimiseerd",
            obj=leerling,
            traject_id=traject.pk,
            wijzigingen={"trajecten": [t.pk for t in trajecten], "bewaard_tot": str(bewaard_tot(laatste))},
        )
    return True


# Anonymising: the one irreversible step that retention and erasure share


def _anonimiseren(leerling: Leerling, trajecten: list[Traject]) -> None:
    """Runs inside the caller's transaction with the pupil and its trajectories locked."""
    naam = leerling.voornaam
    nu = timezone.now()
    ids = [t.pk for t in trajecten]
    leerling.voornaam, leerling.initiaal, leerling.klas = ANONIEME_VOORNAAM, ANONIEM, ANONIEM
    leerling.geanonimiseerd_op = nu
    leerling.save(update_fields=["voornaam", "initiaal", "klas", "geanonimiseerd_op"])
    for model, velden in VRIJE_TEKST.items():
        rijen = model.objects.filter(**{_VIA_TRAJECT.get(model, "traject__in"): ids})
        for veld in velden:
            rijen.exclude(**{veld: ""}).update(**{veld: GEANONIMISEERD})
    Traject.objects.filter(pk__in=ids).update(versie=F("versie") + 1)
    # The school's one-time link no longer opens: nothing new can be written about this pupil through it.
    Afsluitvraag.objects.filter(traject__in=ids, verloopt_op__gt=nu).update(verloopt_op=nu)
    Wisverzoek.objects.filter(leerling=leerling).update(reden=GEANONIMISEERD, toelichting="")
    _bijlagen_wissen(ids)
    _audit_schrappen(leerling.pk, ids, naam)


def _bijlagen_wissen(traject_ids: list[int]) -> None:
    """The school's PDFs go with the pupil: the rows forget them now, the files once the erasure commits."""
    aanvragen = Schoolaanvraag.objects.filter(traject__in=traject_ids).exclude(bijlage="")
    namen = list(aanvragen.values_list("bijlage", flat=True))
    aanvragen.update(bijlage="", bijlage_grootte=None)
    opslag = bijlagenopslag()
    for naam in namen:
        transaction.on_commit(lambda naam=naam: opslag.delete(naam))


def _noemt(waarde, patroon: re.Pattern) -> bool:
    if isinstance(waarde, list | tuple):
        return any(_noemt(w, patroon) for w in waarde)
    return isinstance(waarde, str) and bool(patroon.search(waarde))


def _vervangen(waarde):
    if isinstance(waarde, list | tuple):
        return [_vervangen(w) for w in waarde]
    return waarde if waarde in (None, "") else GEANONIMISEERD


def geschrapt(wijzigingen: dict, naam: str) -> dict:
    """A change's {field: [before, after]} with every value that may describe the pupil replaced."""
    patroon = re.compile(rf"\b{re.escape(naam)}\b", re.IGNORECASE)
    return {
        veld: waarden if veld in NEUTRALE_VELDEN and not _noemt(waarden, patroon) else _vervangen(waarden)
        for veld, waarden in (wijzigingen or {}).items()
    }


def _audit_schrappen(leerling_id: int, traject_ids: list[int], naam: str) -> None:
    """The change history and read log keep who did what when; the pupil's texts leave them."""
    verzoeken = Wisverzoek.objects.filter(leerling=leerling_id).values("pk")
    rijen = Wijziging.objects.filter(
        Q(traject_id__in=traject_ids)
        | Q(object_soort="trajecten.leerling", object_id=leerling_id)
        | Q(object_soort="trajecten.wisverzoek", object_id__in=verzoeken)
    ).only("pk", "wijzigingen")
    gewijzigd = {}
    for rij in rijen:
        nieuw = geschrapt(rij.wijzigingen, naam)
        if nieuw != rij.wijzigingen:
            gewijzigd[rij.pk] = nieuw
    woord = rf"\m{re.escape(naam)}\M"
    inzages = Inzage.objects.filter(Q(traject_id__in=traject_ids) | Q(traject_id__isnull=True)).filter(
        omschrijving__iregex=woord
    )
    inzage_ids = list(inzages.values_list("pk", flat=True))
    audit_anonimiseren(wijzigingen=gewijzigd, inzage_ids=inzage_ids, vervanging=GEANONIMISEERD)


# Erasure on request, after a coordinator's approval


def _trajecten_van(leerling: Leerling, *, vergrendeld: bool = False) -> list[Traject]:
    trajecten = Traject.objects.filter(leerling=leerling).order_by("pk")
    return list(trajecten.select_for_update() if vergrendeld else trajecten)


def _log_per_traject(door, actie: str, obj, trajecten: Iterable[Traject], wijzigingen=None) -> None:
    for traject in trajecten:
        log_actie(door=door, actie=actie, obj=obj, traject_id=traject.pk, wijzigingen=wijzigingen)


@transaction.atomic
def wissing_aanvragen(*, door: Gebruiker, leerling: Leerling, reden: str) -> Wisverzoek:
    """Someone on the case asks to erase the pupil's data; a coordinator or director decides."""
    leerling = Leerling.objects.select_for_update().get(pk=leerling.pk)
    trajecten = _trajecten_van(leerling)
    if not rules.mag_wissing_aanvragen(door, trajecten):
        raise PermissionDenied
    if leerling.geanonimiseerd_op is not None:
        raise ValidationError(
            "Deze leerling is al geanonimiseerd: er zijn geen leerlinggegevens meer om te wissen."
        )
    if not reden.strip():
        raise ValidationError({"reden": "Zeg waarom de gegevens van deze leerling gewist moeten worden."})
    if len({t.lsc_id for t in trajecten}) != 1:
        raise ValidationError("Deze leerling heeft trajecten bij meer dan één leersteuncentrum.")
    if leerling.wisverzoeken.filter(status=Wisverzoek.Status.OPEN).exists():
        raise ValidationError(
            "Er is al een verzoek om deze leerling te wissen; de coördinatie beslist erover."
        )
    verzoek = Wisverzoek(
        lsc_id=trajecten[0].lsc_id, leerling=leerling, reden=reden.strip(), aangevraagd_door=door
    )
    verzoek.full_clean()
    verzoek.save()
    _log_per_traject(door, "trajecten.wisverzoek.aangevraagd", verzoek, trajecten, {"wisverzoek": verzoek.pk})
    meldingen.wisverzoek_melden(verzoek)
    return verzoek


@transaction.atomic
def wissing_beslissen(
    *, door: Gebruiker, verzoek: Wisverzoek, goedkeuren: bool, toelichting: str = ""
) -> Wisverzoek:
    """Refused: the pupil stays. Approved: open trajectories stop and the pupil is anonymised for good,
    in this one transaction; the audit keeps `leerling.gewist` with the request, not the name."""
    verzoek = Wisverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.status != Wisverzoek.Status.OPEN:
        raise ValidationError("Over dit verzoek is al beslist.")
    if door.pk == verzoek.aangevraagd_door_id:
        raise ValidationError(
            "Je vroeg dit wissen zelf aan: een andere coördinator of de directeur beslist erover."
        )
    if not rules.mag_wissing_beslissen(door, verzoek):
        raise PermissionDenied
    toelichting = toelichting.strip()
    if not goedkeuren and not toelichting:
        raise ValidationError({"toelichting": "Zeg waarom het verzoek geweigerd wordt."})
    leerling = Leerling.objects.select_for_update().get(pk=verzoek.leerling_id)
    trajecten = _trajecten_van(leerling, vergrendeld=True)
    verzoek.beslist_door, verzoek.beslist_op = door, timezone.now()
    if not goedkeuren:
        verzoek.status, verzoek.toelichting = Wisverzoek.Status.GEWEIGERD, toelichting
        verzoek.save()
        _log_per_traject(
            door, "trajecten.wisverzoek.geweigerd", verzoek, trajecten, {"wisverzoek": verzoek.pk}
        )
        return verzoek
    if any(t.lsc_id != verzoek.lsc_id for t in trajecten):
        raise ValidationError("Deze leerling heeft trajecten bij een ander leersteuncentrum.")
    verzoek.status, verzoek.toelichting = Wisverzoek.Status.GOEDGEKEURD, ""
    verzoek.save()
    gestopt = _open_trajecten_stoppen(trajecten)
    # A pupil that retention anonymised while the request waited has nothing left to erase.
    if leerling.geanonimiseerd_op is None:
        _anonimiseren(leerling, trajecten)
    Traject.objects.filter(pk__in=gestopt).update(reden_stopzetting=GEWIST_OP_VERZOEK)
    _log_per_traject(
        door,
        "trajecten.leerling.gewist",
        leerling,
        trajecten,
        {"trajecten": [t.pk for t in trajecten], "gestopt": gestopt, "wisverzoek": verzoek.pk},
    )
    verzoek.refresh_from_db()
    return verzoek


def _open_trajecten_stoppen(trajecten: list[Traject]) -> list[int]:
    vandaag, gestopt = timezone.localdate(), []
    for traject in trajecten:
        if traject.status in OPEN_STATUSSEN:
            traject.status, traject.afgesloten_op = Status.STOPGEZET, vandaag
            traject.volgende_evaluatie = None
            traject.save(update_fields=["status", "afgesloten_op", "volgende_evaluatie"])
            gestopt.append(traject.pk)
    return gestopt


# The pupil's file: everything held about one pupil


def _persoon(gebruiker) -> str | None:
    return (gebruiker.naam or gebruiker.email) if gebruiker is not None else None


def _wijziging(rij: Wijziging) -> dict:
    leesbaar = tijdlijn([rij])[0]
    return {
        "wanneer": rij.wanneer,
        "door": _persoon(rij.door),
        "actie": rij.actie,
        "omschrijving": leesbaar.wat,
        "details": leesbaar.details,
        "object": f"{rij.object_soort} {rij.object_id}",
        "wijzigingen": rij.wijzigingen,
    }


def _inzage(rij: Inzage) -> dict:
    return {
        "wanneer": rij.wanneer,
        "door": _persoon(rij.door),
        "soort": rij.get_soort_display(),
        "omschrijving": rij.omschrijving,
    }


def _schoolaanvraag(traject: Traject) -> dict | None:
    """What the school recorded when it submitted the request (the PDF by its size, not its content)."""
    try:
        aanvraag = traject.schoolaanvraag
    except Schoolaanvraag.DoesNotExist:
        return None
    return {
        "ingediend_op": aanvraag.ingediend_op,
        "verslag": aanvraag.get_verslag_display(),
        "verslag_datum": aanvraag.verslag_datum,
        "verslag_bewaarplaats": aanvraag.verslag_bewaarplaats,
        "ouders_akkoord": aanvraag.ouders_akkoord,
        "ouders_wie": aanvraag.ouders_wie,
        "ouders_op": aanvraag.ouders_op,
        "ouders_hoe": aanvraag.get_ouders_hoe_display(),
        "bevestigd": aanvraag.bevestigd,
        "bijlage_bytes": aanvraag.bijlage_grootte if aanvraag.bijlage else None,
    }


def _traject(traject: Traject, geschiedenis: list, inzages: list, extra: dict[str, dict]) -> dict:
    afsluitvraag = getattr(traject, "afsluitvraag", None)
    return {
        "id": traject.pk,
        "leersteuncentrum": traject.lsc.naam,
        "school": traject.school.naam,
        "gebonden_aan": traject.get_gebondenheid_display(),
        "type": traject.get_type_display(),
        "fase": traject.fase,
        "focussen": traject.focussen,
        "status": traject.get_status_display(),
        "vraag_leerkracht": traject.vraag_leerkracht,
        "vraag_leerling_ouders": traject.vraag_leerling_ouders,
        "aangemeld_op": traject.aangemeld_op,
        "antwoord": traject.antwoord,
        "beantwoord_op": traject.beantwoord_op,
        "start": traject.start,
        "gepland_einde": traject.geplande_einde,
        "volgende_evaluatie": traject.volgende_evaluatie,
        "afgesloten_op": traject.afgesloten_op,
        "reden_stopzetting": traject.reden_stopzetting,
        "intensiteit_minuten": traject.intensiteit_minuten,
        "frequentie": traject.get_frequentie_display(),
        "vormen": traject.vormen,
        "inhoud": traject.inhoud,
        "aanvraag_van_de_school": _schoolaanvraag(traject),
        "ondersteuners": [
            {"naam": str(t.ondersteuner), "rol": t.get_rol_display()} for t in traject.toewijzingen.all()
        ],
        "betrokkenen": [
            {"rol": b.get_rol_display(), "naam": b.naam, "organisatie": b.organisatie}
            for b in traject.betrokkenen.all()
        ],
        "doelen": [
            {"id": d.pk, "omschrijving": d.omschrijving, "status": d.get_status_display()}
            for d in traject.doelen.all()
        ],
        "evaluaties": [
            {
                "datum": e.datum,
                "beslissing": e.get_beslissing_display(),
                "samenvatting": e.samenvatting,
                "door": _persoon(e.door),
                "doelen": [
                    {
                        "doel": de.doel_id,
                        "omschrijving": de.doel.omschrijving,
                        "status": de.get_status_display(),
                        "vooruitgang": de.vooruitgang,
                    }
                    for de in e.doelen.all()
                ],
            }
            for e in traject.evaluaties.all()
        ],
        "logboek": [
            {
                "datum": r.datum,
                "minuten": r.minuten,
                "activiteit": r.get_activiteit_display(),
                "notitie": r.notitie,
                "ondersteuner": str(r.ondersteuner),
            }
            for r in traject.logboek.all()
        ],
        "afsluitvragen": {
            "verstuurd_naar": afsluitvraag.verstuurd_naar,
            "beantwoord_op": afsluitvraag.beantwoord_op,
            "wat_neem_je_mee": afsluitvraag.wat_neem_je_mee,
            "waar_liggen_kansen": afsluitvraag.waar_liggen_kansen,
            # What an app above asked on the same form (trajecten/afsluitextra.py).
            **{naam: antwoorden.get(traject.pk, "") for naam, antwoorden in extra.items()},
        }
        if afsluitvraag is not None
        else None,
        "geschiedenis": geschiedenis,
        "inzages": inzages,
    }


def leerlingdossier(*, leerling: Leerling, trajecten: QuerySet[Traject], door: Gebruiker) -> dict:
    """Everything held about one pupil in `trajecten` (the trajectories the reader may see): its data, the
    trajectories with goals, evaluations, logbook and the people involved, their change history and who
    read them, for DjangoJSONEncoder. A fixed number of queries, however long the file."""
    trajecten = list(
        trajecten.filter(leerling=leerling)
        .select_related("lsc", "school", "afsluitvraag", "schoolaanvraag")
        .prefetch_related(
            Prefetch("toewijzingen", queryset=Toewijzing.objects.select_related("ondersteuner__gebruiker")),
            "betrokkenen",
            "doelen",
            Prefetch(
                "evaluaties",
                queryset=Evaluatie.objects.select_related("door").prefetch_related(
                    Prefetch("doelen", queryset=Doelevaluatie.objects.select_related("doel"))
                ),
            ),
            Prefetch("logboek", queryset=Logboekregel.objects.select_related("ondersteuner__gebruiker")),
        )
        .order_by("pk")
    )
    ids = [t.pk for t in trajecten]
    verzoeken = list(
        Wisverzoek.objects.filter(leerling=leerling, lsc__in={t.lsc_id for t in trajecten})
        .select_related("aangevraagd_door", "beslist_door")
        .order_by("aangevraagd_op", "pk")
    )
    wijzigingen = (
        Wijziging.objects.filter(
            Q(traject_id__in=ids)
            | Q(object_soort="trajecten.leerling", object_id=leerling.pk)
            | Q(object_soort="trajecten.wisverzoek", object_id__in=[v.pk for v in verzoeken])
        )
        .select_related("door")
        .order_by("wanneer", "pk")
    )
    per_traject: dict[int | None, list] = {pk: [] for pk in [*ids, None]}
    for rij in wijzigingen:
        per_traject[rij.traject_id if rij.traject_id in per_traject else None].append(_wijziging(rij))
    extra = {vraag.naam: vraag.lezen(ids) for vraag in afsluitextra.extravragen()}
    inzages: dict[int, list] = {pk: [] for pk in ids}
    for rij in Inzage.objects.filter(traject_id__in=ids).select_related("door").order_by("wanneer", "pk"):
        inzages[rij.traject_id].append(_inzage(rij))
    return {
        "soort": "Leerlingdossier Honingraat",
        "gemaakt_op": timezone.now(),
        "gemaakt_door": _persoon(door),
        "leerling": {
            "id": leerling.pk,
            "voornaam": leerling.voornaam,
            "initiaal_familienaam": leerling.initiaal,
            "geboortejaar": leerling.geboortejaar,
            "klas": leerling.klas,
            "verslag": leerling.get_verslag_display(),
            "school": leerling.school.naam,
            "geanonimiseerd_op": leerling.geanonimiseerd_op,
            "bewaard_tot": _bewaard_tot_voor(trajecten),
        },
        "trajecten": [_traject(t, per_traject[t.pk], inzages[t.pk], extra) for t in trajecten],
        "wisverzoeken": [
            {
                "id": v.pk,
                "status": v.get_status_display(),
                "reden": v.reden,
                "aangevraagd_door": _persoon(v.aangevraagd_door),
                "aangevraagd_op": v.aangevraagd_op,
                "beslist_door": _persoon(v.beslist_door),
                "beslist_op": v.beslist_op,
                "toelichting": v.toelichting,
            }
            for v in verzoeken
        ],
        "geschiedenis_leerling": per_traject[None],
    }


def _bewaard_tot_voor(trajecten: list[Traject]) -> dt.date | None:
    """While a trajectory is open the retention has not started: no date yet."""
    if not trajecten or any(t.afgesloten_op is None for t in trajecten):
        return None
    return bewaard_tot(max(t.afgesloten_op for t in trajecten))
