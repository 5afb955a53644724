"""Every change to a trajectory: one function per transition that checks, saves, logs and queues its mails.

A transition is allowed only from the statuses in `OVERGANGEN`; anything else is refused with a message
that says why, and nothing is saved. The trajectory row is locked for the duration, so two people acting
at once are served one after the other.

Why one module of this length: it is the trajectory's state machine. Every transition shares the
locking, the `OVERGANGEN` table and the audit of the others, and reading them side by side is how one
checks that no path skips a rule; split by transition, that table would have to be read across files.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Min, OuterRef
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format

from netwerk.audit import log_actie, verschil
from netwerk.gelijktijdig import Verouderd, stand_van
from netwerk.linksleutels import linksleutel_hash
from netwerk.models import Gebruiker, Leersteuncentrum, Ondersteuner
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin
from netwerk.wachtrij import na_commit
from scholen.models import School
from trajecten import afsluitextra, meldingen
from trajecten.models import (
    Afsluitvraag,
    Betrokkene,
    Dagverzending,
    Doel,
    Doelevaluatie,
    Evaluatie,
    Gebondenheid,
    Leerling,
    Logboekregel,
    Status,
    Toewijzing,
    Traject,
)
from trajecten.queries import minuten_dit_schooljaar
from trajecten.rules import CORRECTIE, EIGEN, is_eigen_regel, logboek_bewerkbaar_vanaf, recht_op_logboekregel

AFSLUITVRAAG_GELDIG = dt.timedelta(days=30)

OVERGANGEN = {
    "antwoorden": {Status.AANGEMELD},
    "starten": {Status.IN_BEHANDELING},
    "evalueren": {Status.LOPEND},
    "afronden": {Status.LOPEND},
    "stopzetten": {Status.AANGEMELD, Status.IN_BEHANDELING, Status.LOPEND},
    "heropenen": {Status.AFGEROND, Status.STOPGEZET},
    # After a closure only for LOGBOEK_NA_AFSLUITING_DAGEN days (`logboek_open`): the last visit must fit.
    "loggen": {Status.IN_BEHANDELING, Status.LOPEND, Status.AFGEROND, Status.STOPGEZET},
    "doel_toevoegen": {Status.IN_BEHANDELING, Status.LOPEND},
    "bijwerken": {Status.AANGEMELD, Status.IN_BEHANDELING, Status.LOPEND},
}

HANDELING = {
    "antwoorden": "beantwoord worden",
    "starten": "starten",
    "evalueren": "geëvalueerd worden",
    "afronden": "afgerond worden",
    "stopzetten": "stopgezet worden",
    "heropenen": "heropend worden",
    "loggen": "tijd krijgen in het logboek",
    "doel_toevoegen": "een doel krijgen",
    "bijwerken": "bijgewerkt worden",
}


class OvergangGeweigerd(ValidationError):
    """A transition that the trajectory's status does not allow."""


class VersieConflict(Verouderd):
    """Someone else saved the trajectory since this form was opened."""

    def __init__(self, traject: Traject):
        super().__init__(
            "Iemand anders heeft dit traject intussen gewijzigd. Je wijzigingen zijn niet bewaard.",
            verborgen={"versie": traject.versie},
            huidig=traject,
        )


def _controleer_versie(traject: Traject, versie: int | None) -> None:
    """`versie` is the version the editor saw; None where a caller has no form (imports, the demo)."""
    if versie is not None and traject.versie != versie:
        raise VersieConflict(traject)


def _vergrendeld(traject: Traject, **annotaties) -> Traject:
    """The trajectory again, its row locked until the transaction ends; with `annotaties` read in the same
    query (the subqueries in the select list lock nothing)."""
    return Traject.objects.select_for_update().annotate(**annotaties).get(pk=traject.pk)


def controleer_overgang(traject: Traject, actie: str) -> None:
    """Raises OvergangGeweigerd when the status does not allow `actie`; screens use it to explain early."""
    if traject.status not in OVERGANGEN[actie]:
        toegelaten = ", ".join(sorted(str(Status(s).label).lower() for s in OVERGANGEN[actie]))
        raise OvergangGeweigerd(
            f"Een traject met status ‘{traject.get_status_display().lower()}’ kan niet {HANDELING[actie]}; "
            f"dat kan enkel bij status {toegelaten}."
        )


def _datum(datum: dt.date) -> str:
    return date_format(datum, "j F Y")


# The logbook's dates. A line lies between the trajectory's start (before it starts: its request) and a few
# days after its closure, never in the future; a supporter's own lines also within the period in which
# they may still change them (LOGBOEK_BEWERKEN_TOT), so a reported school year stays as it was reported.


def na_afsluiting() -> dt.timedelta:
    return dt.timedelta(days=settings.LOGBOEK_NA_AFSLUITING_DAGEN)


def logboek_open(traject: Traject, *, vandaag: dt.date) -> bool:
    """Whether the logbook takes new lines today: by its status, and after a closure for a few days."""
    if traject.status not in OVERGANGEN["loggen"]:
        return False
    return traject.afgesloten_op is None or vandaag <= traject.afgesloten_op + na_afsluiting()


def controleer_logboek_open(traject: Traject, *, vandaag: dt.date) -> None:
    controleer_overgang(traject, "loggen")
    if not logboek_open(traject, vandaag=vandaag):
        raise OvergangGeweigerd(
            f"Dit traject is afgesloten op {_datum(traject.afgesloten_op)}: tijd loggen kon tot "
            f"{settings.LOGBOEK_NA_AFSLUITING_DAGEN} dagen daarna."
        )


def _controleer_logboekdatum(traject: Traject, datum: dt.date, *, vandaag: dt.date) -> None:
    if datum > vandaag:
        raise ValidationError({"datum": "Je kan geen tijd loggen in de toekomst."})
    if traject.start and datum < traject.start:
        raise ValidationError(
            {"datum": f"Deze datum ligt vóór de start van het traject ({_datum(traject.start)})."}
        )
    if datum < traject.aangemeld_op:
        raise ValidationError({"datum": "Deze datum ligt vóór de aanmelding van het traject."})
    if traject.afgesloten_op and datum > traject.afgesloten_op + na_afsluiting():
        raise ValidationError(
            {
                "datum": f"Deze datum ligt meer dan {settings.LOGBOEK_NA_AFSLUITING_DAGEN} dagen na de "
                f"afsluiting van het traject ({_datum(traject.afgesloten_op)})."
            }
        )


def _controleer_periode(datum: dt.date, *, vandaag: dt.date) -> None:
    """A supporter's own lines: only within the period. Older ones are the coordination's to correct."""
    vanaf = logboek_bewerkbaar_vanaf(vandaag)
    if datum < vanaf:
        periode = (
            "in een afgesloten schooljaar"
            if settings.LOGBOEK_BEWERKEN_TOT == "schooljaar"
            else f"meer dan {settings.LOGBOEK_BEWERKEN_TOT} dagen terug"
        )
        raise ValidationError(
            {
                "datum": f"{_datum(datum)} ligt {periode}: tijd van vóór {_datum(vanaf)} zet of wijzigt "
                "enkel de coördinatie, met een reden."
            }
        )


def _controleer_afsluitdatum(traject: Traject, op: dt.date, *, veld: str | None = None) -> None:
    """A trajectory closes on or after its start, and not so early that logged time falls outside it."""
    begin = traject.start or traject.aangemeld_op
    if op < begin:
        wat = "start" if traject.start else "werd aangemeld"
        melding = f"Het traject {wat} op {_datum(begin)}: afsluiten kan niet vóór die dag."
        raise ValidationError({veld: melding} if veld else melding)
    laatste = traject.logboek.aggregate(laatste=Max("datum"))["laatste"]
    if laatste and laatste > op + na_afsluiting():
        melding = (
            f"Er staat tijd in het logboek op {_datum(laatste)}, meer dan "
            f"{settings.LOGBOEK_NA_AFSLUITING_DAGEN} dagen later: sluit af op of na "
            f"{_datum(laatste - na_afsluiting())}."
        )
        raise ValidationError({veld: melding} if veld else melding)


def _log(door: Gebruiker, actie: str, obj, traject: Traject, wijzigingen: dict | None = None) -> None:
    log_actie(door=door, actie=actie, obj=obj, traject_id=traject.pk, wijzigingen=wijzigingen)


def _mail_na_commit(traject: Traject, soort: str, door: Gebruiker) -> None:
    # Whoever acted knows already: the mail goes to the others.
    na_commit("trajecten.tasks.stuur_trajectmail", traject.pk, soort, door.pk, ter_plaatse=True)


@dataclass(frozen=True)
class LeerlingGegevens:
    voornaam: str
    initiaal: str
    geboortejaar: int
    klas: str
    verslag: str


@transaction.atomic
def traject_aanmelden(
    *,
    door: Gebruiker,
    lsc: Leersteuncentrum,
    school: School,
    gebondenheid: str,
    type: str,
    fase: int,
    vraag_leerkracht: str,
    vraag_leerling_ouders: str = "",
    leerling: LeerlingGegevens | None = None,
    groep: str = "",
    focussen: list[str] | None = None,
    aangemeld_op: dt.date | None = None,
    anker: Ondersteuner | None = None,
) -> Traject:
    """A request (aanmelding): always with the teacher's question; a pupil-bound one with its pupil."""
    if not vraag_leerkracht.strip():
        raise ValidationError(
            {"vraag_leerkracht": "Een aanmelding heeft een ondersteuningsvraag van de leerkracht."}
        )
    if gebondenheid == Gebondenheid.LEERLING and leerling is None:
        raise ValidationError({"leerling": "Een leerlinggebonden traject hoort bij een leerling."})
    if not school.bedieningen.filter(lsc=lsc).exists():
        raise ValidationError("Dit leersteuncentrum bedient deze school niet.")
    nieuwe_leerling = None
    if gebondenheid == Gebondenheid.LEERLING:
        nieuwe_leerling = Leerling(school=school, **leerling.__dict__)
        nieuwe_leerling.full_clean()
        nieuwe_leerling.save()
    traject = Traject(
        lsc=lsc,
        school=school,
        gebondenheid=gebondenheid,
        leerling=nieuwe_leerling,
        groep=groep if gebondenheid != Gebondenheid.LEERLING else "",
        type=type,
        fase=fase,
        vraag_leerkracht=vraag_leerkracht.strip(),
        vraag_leerling_ouders=vraag_leerling_ouders.strip(),
        focussen=focussen or [],
        aangemeld_op=aangemeld_op or timezone.localdate(),
    )
    traject.full_clean()
    traject.save()
    if anker is not None:
        Toewijzing.objects.create(traject=traject, ondersteuner=anker, rol=Toewijzing.Rol.ANKER)
    _log(door, "trajecten.traject.aangemeld", traject, traject, {"status": [None, traject.status]})
    _mail_na_commit(traject, "aangemeld", door)
    return traject


@transaction.atomic
def antwoord_geven(*, door: Gebruiker, traject: Traject, antwoord: str, op: dt.date | None = None) -> Traject:
    """Every request gets an answer, from very limited to extensive: recording it starts the intake."""
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "antwoorden")
    if not antwoord.strip():
        raise ValidationError({"antwoord": "Schrijf het antwoord van het leersteuncentrum op de aanmelding."})
    traject.antwoord, traject.beantwoord_op = antwoord.strip(), op or timezone.localdate()
    traject.status = Status.IN_BEHANDELING
    traject.versie += 1
    traject.save()
    _log(
        door, "trajecten.traject.beantwoord", traject, traject, {"status": [Status.AANGEMELD, traject.status]}
    )
    _mail_na_commit(traject, "beantwoord", door)
    return traject


@transaction.atomic
def traject_starten(
    *,
    door: Gebruiker,
    traject: Traject,
    start: dt.date,
    geplande_einde: dt.date | None,
    doelen: list[str],
    intensiteit_minuten: int | None = None,
    frequentie: str = "",
    vormen: list[str] | None = None,
    inhoud: list[str] | None = None,
    volgende_evaluatie: dt.date | None = None,
) -> Traject:
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "starten")
    doelen = [d.strip() for d in doelen if d and d.strip()]
    if not doelen:
        raise ValidationError(
            {"doelen": "Een traject start met minstens één doel, afgesproken met de partners."}
        )
    if geplande_einde and geplande_einde < start:
        raise ValidationError({"geplande_einde": "Het geplande einde ligt vóór de start."})
    # Time of the intake is the trajectory's too: it starts no later than its first logged line.
    eerste = traject.logboek.aggregate(eerste=Min("datum"))["eerste"]
    if eerste and start > eerste:
        melding = f"Er staat al tijd in het logboek op {_datum(eerste)}: de start ligt uiterlijk die dag."
        raise ValidationError({"start": melding})
    voor = {"status": traject.status}
    traject.status = Status.LOPEND
    traject.start, traject.geplande_einde = start, geplande_einde
    traject.intensiteit_minuten, traject.frequentie = intensiteit_minuten, frequentie
    traject.vormen, traject.inhoud = vormen or [], inhoud or []
    traject.volgende_evaluatie = volgende_evaluatie
    traject.versie += 1
    traject.full_clean()
    traject.save()
    Doel.objects.bulk_create(
        [Doel(traject=traject, omschrijving=tekst, volgorde=i) for i, tekst in enumerate(doelen, start=1)]
    )
    _log(
        door,
        "trajecten.traject.gestart",
        traject,
        traject,
        {**verschil(voor, {"status": traject.status}), "doelen": [None, doelen]},
    )
    _mail_na_commit(traject, "gestart", door)
    return traject


@transaction.atomic
def doel_toevoegen(*, door: Gebruiker, traject: Traject, omschrijving: str) -> Doel:
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "doel_toevoegen")
    doel = Doel(traject=traject, omschrijving=omschrijving.strip(), volgorde=traject.doelen.count() + 1)
    doel.full_clean()
    doel.save()
    _log(door, "trajecten.doel.toegevoegd", doel, traject, {"omschrijving": [None, doel.omschrijving]})
    return doel


@transaction.atomic
def evaluatie_registreren(
    *,
    door: Gebruiker,
    traject: Traject,
    datum: dt.date,
    beslissing: str,
    samenvatting: str = "",
    doelen: dict[int, tuple[str, str]] | None = None,
    volgende_evaluatie: dt.date | None = None,
    versie: int | None = None,
) -> Evaluatie:
    """An evaluation: progress per goal, and a decision to continue, adjust or close. It sets the goals'
    status and the next evaluation, so it too is refused over a change the evaluator did not see.

    The decision to close ("afronden") closes the trajectory on the evaluation's date, in the same step and
    as `traject_afronden` does: the school gets the closing questions."""
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "evalueren")
    _controleer_versie(traject, versie)
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Een evaluatie kan niet in de toekomst liggen."})
    afronden = beslissing == Evaluatie.Beslissing.AFRONDEN
    if afronden:
        _controleer_afsluitdatum(traject, datum, veld="datum")
    evaluatie = Evaluatie(
        traject=traject, datum=datum, beslissing=beslissing, samenvatting=samenvatting, door=door
    )
    evaluatie.full_clean()
    evaluatie.save()
    eigen_doelen = {d.pk: d for d in traject.doelen.all()}
    for doel_id, (status, vooruitgang) in (doelen or {}).items():
        doel = eigen_doelen.get(int(doel_id))
        if doel is None:
            raise ValidationError("Dit doel hoort niet bij dit traject.")
        Doelevaluatie.objects.create(evaluatie=evaluatie, doel=doel, status=status, vooruitgang=vooruitgang)
        if doel.status != status:
            _log(door, "trajecten.doel.bijgewerkt", doel, traject, {"status": [doel.status, status]})
            doel.status = status
            doel.save(update_fields=["status"])
    _log(door, "trajecten.evaluatie.geregistreerd", evaluatie, traject, {"beslissing": [None, beslissing]})
    if afronden:
        _afsluiten_met_vragen(door, traject, op=datum)
        return evaluatie
    traject.volgende_evaluatie = volgende_evaluatie
    traject.versie += 1
    traject.save(update_fields=["volgende_evaluatie", "versie"])
    return evaluatie


def afsluitsleutel(*, traject_id: int, verloopt_op: dt.datetime, geheim: str | None = None) -> str:
    """The key of a closing-questions link, derived from the trajectory and the moment its link expires
    (a new one at every closing) with the SECRET_KEY, as Django derives a reset link's token.

    The mail task makes it again from the database: the key itself never travels in a task message, so it
    is not kept in Redis nor written in a worker's log. The database keeps only its hash (`sleutel_hash`).
    """
    moment = verloopt_op.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return salted_hmac(
        "trajecten.afsluitvraag", f"{traject_id}:{moment}", secret=geheim, algorithm="sha256"
    ).hexdigest()


@transaction.atomic
def traject_afronden(*, door: Gebruiker, traject: Traject, op: dt.date | None = None) -> tuple[Traject, str]:
    """Closes the trajectory and asks the school the two closing questions through a one-time link.

    Returns the trajectory and the link's key: only its hash is stored, the key itself goes in the mail.
    """
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "afronden")
    op = op or timezone.localdate()
    _controleer_afsluitdatum(traject, op)
    return traject, _afsluiten_met_vragen(door, traject, op=op)


def _afsluiten_met_vragen(door: Gebruiker, traject: Traject, *, op: dt.date) -> str:
    """The closure itself, on a locked and checked trajectory: returns the key of the school's link."""
    traject.status, traject.afgesloten_op = Status.AFGEROND, op
    traject.volgende_evaluatie = None
    traject.versie += 1
    traject.save()
    verloopt_op = timezone.now() + AFSLUITVRAAG_GELDIG
    sleutel = afsluitsleutel(traject_id=traject.pk, verloopt_op=verloopt_op)
    Afsluitvraag.objects.update_or_create(
        traject=traject,
        defaults={
            "sleutel_hash": linksleutel_hash(sleutel),
            "verloopt_op": verloopt_op,
            "beantwoord_op": None,
        },
    )
    _log(door, "trajecten.traject.afgerond", traject, traject, {"status": [Status.LOPEND, Status.AFGEROND]})
    # The link exists only in this mail (its hash is stored): without Redis it is sent from here.
    na_commit("trajecten.tasks.stuur_afsluitvraag", traject.pk, ter_plaatse=True)
    return sleutel


@transaction.atomic
def traject_stopzetten(
    *, door: Gebruiker, traject: Traject, reden: str, op: dt.date | None = None
) -> Traject:
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "stopzetten")
    if not reden.strip():
        raise ValidationError({"reden": "Zeg waarom het traject stopt."})
    op = op or timezone.localdate()
    _controleer_afsluitdatum(traject, op)
    voor = traject.status
    traject.status, traject.afgesloten_op = Status.STOPGEZET, op
    traject.reden_stopzetting, traject.volgende_evaluatie = reden.strip(), None
    traject.versie += 1
    traject.save()
    _log(
        door,
        "trajecten.traject.stopgezet",
        traject,
        traject,
        {"status": [voor, Status.STOPGEZET], "reden": [None, reden]},
    )
    _mail_na_commit(traject, "stopgezet", door)
    return traject


@transaction.atomic
def traject_heropenen(*, door: Gebruiker, traject: Traject, reden: str) -> Traject:
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "heropenen")
    anoniem = Leerling.objects.filter(pk=traject.leerling_id, geanonimiseerd_op__isnull=False)
    if traject.leerling_id and anoniem.exists():
        raise ValidationError(
            "De gegevens van deze leerling zijn geanonimiseerd: het traject kan niet meer heropend worden. "
            "Meld de leerling opnieuw aan."
        )
    if not reden.strip():
        raise ValidationError({"reden": "Zeg waarom het traject heropend wordt."})
    voor = traject.status
    traject.status, traject.afgesloten_op, traject.reden_stopzetting = Status.LOPEND, None, ""
    traject.versie += 1
    traject.save()
    # The school's closing link is about a closure that no longer stands: it stops working now (a new
    # closure sends a new link). Answers already given stay.
    open_link = Afsluitvraag.objects.filter(traject=traject, beantwoord_op__isnull=True)
    open_link.update(verloopt_op=timezone.now())
    _log(
        door,
        "trajecten.traject.heropend",
        traject,
        traject,
        {"status": [voor, Status.LOPEND], "reden": [None, reden]},
    )
    return traject


def _nieuwe_regel(
    traject: Traject,
    *,
    ondersteuner: Ondersteuner,
    datum: dt.date,
    minuten: int,
    activiteit: str,
    notitie: str,
    vandaag: dt.date,
) -> Logboekregel:
    """The checks of every new line, on a trajectory locked with `toegewezen` read alongside: the logbook
    open, the supporter assigned, the date within the trajectory and the period, the line's own fields.
    Returns the line unsaved."""
    controleer_logboek_open(traject, vandaag=vandaag)
    if not traject.toegewezen:
        raise ValidationError("Je kan enkel tijd loggen op een traject waaraan je toegewezen bent.")
    _controleer_logboekdatum(traject, datum, vandaag=vandaag)
    _controleer_periode(datum, vandaag=vandaag)
    regel = Logboekregel(
        traject=traject,
        ondersteuner=ondersteuner,
        datum=datum,
        minuten=minuten,
        activiteit=activiteit,
        notitie=notitie,
    )
    regel.full_clean(exclude=["traject", "ondersteuner"])  # both just read, the trajectory locked
    return regel


def _regel_bewaren(door: Gebruiker, regel: Logboekregel) -> Logboekregel:
    regel.save()
    _log(
        door,
        "trajecten.logboekregel.toegevoegd",
        regel,
        regel.traject,
        {"minuten": [None, regel.minuten], "activiteit": [None, regel.activiteit]},
    )
    return regel


@transaction.atomic
def tijd_loggen(
    *,
    door: Gebruiker,
    traject: Traject,
    ondersteuner: Ondersteuner,
    datum: dt.date,
    minuten: int,
    activiteit: str,
    notitie: str = "",
) -> Logboekregel:
    """A line in the logbook: who worked how long on what. Only supporters assigned to the trajectory, while
    its logbook is open, dated within the trajectory and within the period of their own lines.
    The returned line's trajectory carries `minuten_jaar`: this school year's minutes, this line included,
    read under the lock (what the row of Mijn trajecten shows next)."""
    toegewezen = Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner=ondersteuner))
    traject = _vergrendeld(traject, toegewezen=toegewezen, minuten_jaar=minuten_dit_schooljaar())
    regel = _nieuwe_regel(
        traject,
        ondersteuner=ondersteuner,
        datum=datum,
        minuten=minuten,
        activiteit=activiteit,
        notitie=notitie,
        vandaag=timezone.localdate(),
    )
    _regel_bewaren(door, regel)
    if datum >= schooljaar_begin(huidig_schooljaar()):
        traject.minuten_jaar += minuten
    return regel


# A school day logged in one go (the day sheet). All lines or none: one transaction, every trajectory
# locked in the order of its id (two sheets at once never wait on each other in a circle), each line
# checked as a single entry is, and the form's one-time key claimed first.


@dataclass(frozen=True)
class Dagregel:
    traject_id: int
    minuten: int
    activiteit: str
    notitie: str = ""


class DagbladGeweigerd(ValidationError):
    """Lines of a day sheet that were refused: {trajectory id: its ValidationError}. Nothing was saved."""

    MELDING = "Niets bewaard: kijk de regels met een fout na."

    def __init__(self, per_traject: dict[int, ValidationError]):
        super().__init__(self.MELDING)
        self.per_traject = per_traject


def _sleutel_claimen(*, ondersteuner: Ondersteuner, sleutel: str, school: School, datum: dt.date):
    """The new day, or the one saved earlier with this key. A second attempt with the same key waits at the
    unique index for the first one's transaction: once that commits, it finds what the first saved; when
    that rolls back (a refused line), the second claims the key itself."""
    try:
        with transaction.atomic():
            return Dagverzending.objects.create(
                ondersteuner=ondersteuner, sleutel=sleutel, school=school, datum=datum
            ), True
    except IntegrityError:
        return Dagverzending.objects.get(ondersteuner=ondersteuner, sleutel=sleutel), False


@transaction.atomic
def dag_loggen(
    *,
    door: Gebruiker,
    ondersteuner: Ondersteuner,
    school: School,
    datum: dt.date,
    regels: list[Dagregel],
    sleutel: str,
) -> tuple[Dagverzending, bool]:
    """The lines of one school day: all saved, or none with the reason per trajectory (DagbladGeweigerd).
    Each line passes the checks of a single entry (`_nieuwe_regel`) and belongs to a trajectory at `school`.
    Returns the day and whether this call saved it: False when the key was used before, and nothing is
    added a second time."""
    if not sleutel:
        raise ValidationError("Dit formulier is onvolledig verstuurd: herlaad de pagina.")
    verzending, nieuw = _sleutel_claimen(
        ondersteuner=ondersteuner, sleutel=sleutel, school=school, datum=datum
    )
    if not nieuw:
        return verzending, False
    if not regels:
        raise ValidationError("Vul bij minstens één traject een duur in.")
    toegewezen = Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner=ondersteuner))
    trajecten = {
        traject.pk: traject
        for traject in Traject.objects.select_for_update()
        .filter(pk__in=[r.traject_id for r in regels])
        .annotate(toegewezen=toegewezen)
        .order_by("pk")
    }
    vandaag = timezone.localdate()
    nieuwe, fouten = [], {}
    for invoer in regels:
        traject = trajecten.get(invoer.traject_id)
        try:
            if traject is None or traject.school_id != school.pk:
                raise ValidationError("Dit traject loopt niet op deze school.")
            nieuwe.append(
                _nieuwe_regel(
                    traject,
                    ondersteuner=ondersteuner,
                    datum=datum,
                    minuten=invoer.minuten,
                    activiteit=invoer.activiteit,
                    notitie=invoer.notitie.strip(),
                    vandaag=vandaag,
                )
            )
        except ValidationError as fout:
            fouten[invoer.traject_id] = fout
    if fouten:
        raise DagbladGeweigerd(fouten)
    verzending.regels = [_regel_bewaren(door, regel).pk for regel in nieuwe]
    verzending.minuten = sum(regel.minuten for regel in nieuwe)
    verzending.save(update_fields=["regels", "minuten"])
    return verzending, True


def dag_nog_terug_te_draaien(verzending: Dagverzending, *, vandaag: dt.date) -> bool:
    """Undo is offered while the day lies within the period of the supporter's own lines."""
    return verzending.ongedaan_op is None and verzending.datum >= logboek_bewerkbaar_vanaf(vandaag)


@transaction.atomic
def dag_ongedaan_maken(*, door: Gebruiker, verzending: Dagverzending) -> list[Logboekregel]:
    """Removes exactly the lines this day sheet added that are still there, under the rights of a deletion
    (the supporter's own lines, within the period), each in the audit. Returns the removed lines."""
    verzending = Dagverzending.objects.select_for_update().get(pk=verzending.pk)
    vandaag = timezone.localdate()
    if not dag_nog_terug_te_draaien(verzending, vandaag=vandaag):
        raise ValidationError("Dit dagblad kan niet meer ongedaan gemaakt worden.")
    regels = list(
        Logboekregel.objects.filter(pk__in=verzending.regels, ondersteuner=verzending.ondersteuner_id)
        .select_related("ondersteuner__gebruiker")
        .order_by("traject_id", "pk")
    )
    trajecten = {
        traject.pk: traject
        for traject in Traject.objects.select_for_update()
        .filter(pk__in={regel.traject_id for regel in regels})
        .order_by("pk")
    }
    for regel in regels:
        traject = trajecten[regel.traject_id]
        if recht_op_logboekregel(door, regel, traject, vandaag=vandaag) != EIGEN:
            raise ValidationError("Enkel je eigen regels binnen de periode kan je ongedaan maken.")
        _log(door, "trajecten.logboekregel.verwijderd", regel, traject, _in_audit(regel, weg=True))
    Logboekregel.objects.filter(pk__in=[regel.pk for regel in regels]).delete()
    verzending.ongedaan_op = timezone.now()
    verzending.save(update_fields=["ongedaan_op"])
    return regels


# Correcting the logbook: edit or delete a line, and put a deleted one back. Each checks the line as its
# editor saw it (a fingerprint), who may change it and the dates; each is in the timeline and the audit.

LOGBOEKVELDEN = ("datum", "minuten", "activiteit", "notitie")
HERSTEL_GELDIG = dt.timedelta(minutes=10)
_HERSTEL_ZOUT = "trajecten.logboekregel.herstel"


def logboekregel_stand(regel: Logboekregel) -> str:
    """What the editor saw of the line, for the form's hidden field."""
    return stand_van(regel, LOGBOEKVELDEN)


class RegelVerouderd(Verouderd):
    def __init__(self, regel: Logboekregel):
        super().__init__(
            "Iemand anders heeft deze regel intussen gewijzigd. Je wijzigingen zijn niet bewaard.",
            verborgen={"stand": logboekregel_stand(regel)},
            huidig=regel,
        )


def _regel_vergrendeld(traject: Traject, regel: Logboekregel, stand: str) -> tuple[Traject, Logboekregel]:
    """The trajectory, then the line: locked in that order, the trajectory first as in every service."""
    traject = _vergrendeld(traject)
    regels = Logboekregel.objects.select_for_update(of=("self",)).select_related("ondersteuner__gebruiker")
    huidig = regels.filter(pk=regel.pk, traject=traject).first()
    if huidig is None:
        raise ValidationError(
            "Deze regel staat niet meer in het logboek: iemand heeft hem intussen verwijderd."
        )
    if logboekregel_stand(huidig) != stand:
        raise RegelVerouderd(huidig)
    return traject, huidig


def _recht_op_regel(
    door: Gebruiker, regel: Logboekregel, traject: Traject, *, vandaag: dt.date, reden: str
) -> str:
    recht = recht_op_logboekregel(door, regel, traject, vandaag=vandaag)
    if recht is None and is_eigen_regel(door, regel):
        vanaf = _datum(logboek_bewerkbaar_vanaf(vandaag))
        raise ValidationError(
            f"Deze regel ligt vóór {vanaf}: enkel de coördinatie kan hem nog corrigeren, met een reden."
        )
    if recht is None:
        raise ValidationError("Je kan enkel je eigen regels in het logboek wijzigen.")
    if recht == CORRECTIE and not reden.strip():
        raise ValidationError({"reden": "Zeg waarom je deze regel corrigeert: dat staat in de tijdlijn."})
    return recht


def _met_reden(wijzigingen: dict, reden: str) -> dict:
    return {**wijzigingen, "reden": [None, reden.strip()]} if reden.strip() else wijzigingen


@transaction.atomic
def logboekregel_wijzigen(
    *,
    door: Gebruiker,
    traject: Traject,
    regel: Logboekregel,
    stand: str,
    datum: dt.date,
    minuten: int,
    activiteit: str,
    notitie: str = "",
    reden: str = "",
) -> Logboekregel:
    """A supporter corrects their own line within the period; the coordination any line, with a reason. The
    new date follows the logbook's rules. Unchanged, nothing is saved nor logged."""
    traject, regel = _regel_vergrendeld(traject, regel, stand)
    vandaag = timezone.localdate()
    recht = _recht_op_regel(door, regel, traject, vandaag=vandaag, reden=reden)
    _controleer_logboekdatum(traject, datum, vandaag=vandaag)
    if recht == EIGEN:
        _controleer_periode(datum, vandaag=vandaag)
    voor = {veld: getattr(regel, veld) for veld in LOGBOEKVELDEN}
    na = {"datum": datum, "minuten": minuten, "activiteit": activiteit, "notitie": notitie.strip()}
    wijzigingen = verschil(voor, na)
    if not wijzigingen:
        return regel
    for veld, waarde in na.items():
        setattr(regel, veld, waarde)
    regel.full_clean(exclude=["traject", "ondersteuner"])  # both unchanged, the trajectory locked
    regel.save(update_fields=list(na))
    _log(door, "trajecten.logboekregel.gewijzigd", regel, traject, _met_reden(wijzigingen, reden))
    return regel


@transaction.atomic
def logboekregel_verwijderen(
    *, door: Gebruiker, traject: Traject, regel: Logboekregel, stand: str, reden: str = ""
) -> str:
    """Deletes the line under the same rights as an edit. Returns a key with which the one who deleted it puts
    it back within HERSTEL_GELDIG (`logboekregel_herstellen`); the audit keeps what the line said."""
    traject, regel = _regel_vergrendeld(traject, regel, stand)
    _recht_op_regel(door, regel, traject, vandaag=timezone.localdate(), reden=reden)
    _log(
        door,
        "trajecten.logboekregel.verwijderd",
        regel,
        traject,
        _met_reden(_in_audit(regel, weg=True), reden),
    )
    sleutel = signing.dumps(
        {"regel": regel.pk, "traject": traject.pk, "door": door.pk, **_regelwaarden(regel, als_json=True)},
        salt=_HERSTEL_ZOUT,
        compress=True,
    )
    regel.delete()
    return sleutel


def _in_audit(regel: Logboekregel, *, weg: bool) -> dict:
    """The line as the audit keeps it: [value, None] for a deleted one, [None, value] for one put back."""
    return {
        veld: [waarde, None] if weg else [None, waarde]
        for veld, (_voor, waarde) in verschil({}, _regelwaarden(regel)).items()
        if waarde not in (None, "")
    }


def _regelwaarden(regel: Logboekregel, *, als_json: bool = False) -> dict:
    waarden = {veld: getattr(regel, veld) for veld in LOGBOEKVELDEN}
    if als_json:
        return {**waarden, "datum": regel.datum.isoformat(), "ondersteuner": regel.ondersteuner_id}
    return {**waarden, "ondersteuner": str(regel.ondersteuner)}


@transaction.atomic
def logboekregel_herstellen(*, door: Gebruiker, traject: Traject, sleutel: str) -> Logboekregel:
    """Puts a deleted line back as it was, with its own id: for whoever deleted it, shortly after."""
    try:
        gegevens = signing.loads(sleutel, salt=_HERSTEL_ZOUT, max_age=HERSTEL_GELDIG)
    except signing.SignatureExpired as fout:
        minuten = int(HERSTEL_GELDIG.total_seconds() // 60)
        raise ValidationError(f"Terugzetten kon tot {minuten} minuten na het verwijderen.") from fout
    except signing.BadSignature as fout:
        raise ValidationError("Deze regel kan niet teruggezet worden.") from fout
    if gegevens.get("door") != door.pk or gegevens.get("traject") != traject.pk:
        raise ValidationError("Deze regel kan niet teruggezet worden.")
    traject = _vergrendeld(traject)
    if Logboekregel.objects.filter(pk=gegevens["regel"]).exists():
        raise ValidationError("Deze regel is al teruggezet.")
    regel = Logboekregel(
        pk=gegevens["regel"],
        traject=traject,
        ondersteuner_id=gegevens["ondersteuner"],
        datum=dt.date.fromisoformat(gegevens["datum"]),
        minuten=gegevens["minuten"],
        activiteit=gegevens["activiteit"],
        notitie=gegevens["notitie"],
    )
    regel.full_clean(exclude=["traject"])  # the supporter is read again: still there?
    regel.save(force_insert=True)
    _log(door, "trajecten.logboekregel.hersteld", regel, traject, _in_audit(regel, weg=False))
    return regel


@transaction.atomic
def ondersteuner_toewijzen(
    *, door: Gebruiker, traject: Traject, ondersteuner: Ondersteuner, rol: str
) -> Toewijzing:
    traject = _vergrendeld(traject)
    if ondersteuner.lsc_id != traject.lsc_id:
        raise ValidationError("Deze ondersteuner werkt voor een ander leersteuncentrum.")
    toewijzing, _ = Toewijzing.objects.update_or_create(
        traject=traject, ondersteuner=ondersteuner, defaults={"rol": rol}
    )
    _log(
        door,
        "trajecten.toewijzing.toegevoegd",
        toewijzing,
        traject,
        {"ondersteuner": [None, str(ondersteuner)], "rol": [None, rol]},
    )
    return toewijzing


@transaction.atomic
def betrokkene_toevoegen(
    *, door: Gebruiker, traject: Traject, rol: str, naam: str = "", organisatie: str = ""
) -> Betrokkene:
    """Someone in the network around the pupil: a role and an organisation, a name only where it helps."""
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "bijwerken")
    betrokkene = Betrokkene(traject=traject, rol=rol, naam=naam.strip(), organisatie=organisatie.strip())
    betrokkene.full_clean()
    betrokkene.save()
    _log(
        door,
        "trajecten.betrokkene.toegevoegd",
        betrokkene,
        traject,
        {"rol": [None, rol], "organisatie": [None, organisatie]},
    )
    return betrokkene


@transaction.atomic
def traject_bijwerken(*, door: Gebruiker, traject: Traject, versie: int, gegevens: dict) -> Traject:
    """Edits the agreements. `versie` is the version the editor saw: a newer one means they are told."""
    traject = _vergrendeld(traject)
    controleer_overgang(traject, "bijwerken")
    _controleer_versie(traject, versie)
    voor = {veld: getattr(traject, veld) for veld in gegevens}
    for veld, waarde in gegevens.items():
        setattr(traject, veld, waarde)
    traject.full_clean()
    traject.versie += 1
    traject.save()
    _log(door, "trajecten.traject.bijgewerkt", traject, traject, verschil(voor, gegevens))
    return traject


@transaction.atomic
def afsluitvragen_beantwoorden(
    *, sleutel: str, wat_neem_je_mee: str, waar_liggen_kansen: str, **extra: str
) -> Afsluitvraag:
    """The school answers through its link: only with the right key, before it expires, and once. `extra`:
    the answers to the questions an app above added (trajecten/afsluitextra.py), saved with these."""
    sleutel_hash = linksleutel_hash(sleutel)
    vraag = (
        Afsluitvraag.objects.select_for_update(of=("self",))
        .select_related("traject")
        .filter(sleutel_hash=sleutel_hash)
        .first()
    )
    if vraag is None:
        raise ValidationError("Deze link is niet geldig.")
    if vraag.beantwoord_op is not None:
        raise ValidationError("Deze vragen zijn al beantwoord. Dank je wel!")
    if afsluitlink_ingetrokken(vraag):
        raise ValidationError("Deze link is niet meer geldig: het traject is heropend.")
    if vraag.verloopt_op < timezone.now():
        raise ValidationError("Deze link is verlopen. Vraag de ankerondersteuner om een nieuwe.")
    if not (wat_neem_je_mee.strip() or waar_liggen_kansen.strip()):
        raise ValidationError("Beantwoord minstens één van de twee vragen.")
    vraag.wat_neem_je_mee, vraag.waar_liggen_kansen = wat_neem_je_mee.strip(), waar_liggen_kansen.strip()
    vraag.beantwoord_op = timezone.now()
    vraag.save()
    for extravraag in afsluitextra.extravragen():
        extravraag.bewaren(vraag, (extra.get(extravraag.naam) or "").strip())
    log_actie(door=None, actie="trajecten.afsluitvraag.beantwoord", obj=vraag, traject_id=vraag.traject_id)
    meldingen.afsluitvragen_melden(vraag)
    return vraag


def afsluitlink_ingetrokken(vraag: Afsluitvraag) -> bool:
    """The trajectory was reopened after the link was sent: the closure it asks about no longer stands."""
    return vraag.beantwoord_op is None and vraag.traject.status != Status.AFGEROND


def afsluitvraag_voor_sleutel(sleutel: str) -> Afsluitvraag | None:
    sleutel_hash = linksleutel_hash(sleutel)
    return Afsluitvraag.objects.select_related("traject__school").filter(sleutel_hash=sleutel_hash).first()
