"""The school submits its own requests (issue 19): its care staff register a request, it goes to the LSC that
serves the school for the type, lands in the anchor's answer register, and the school follows its status in
its own words.

What can be checked is checked here (a pupil-bound request of a broad type rests on a report, a report of the
old kinds is from before September 2023, the school is served for the type, the LSC vouched for the
submitter); what cannot be checked (that the report exists where the school says, that the question is the
teacher's) the submitter confirms explicitly.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.audit import log_actie
from netwerk.models import Gebruiker, Leersteuncentrum, Rol
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bevestiging, School
from trajecten import services
from trajecten.models import (
    BREDE_TYPES,
    OPEN_STATUSSEN,
    OUDE_VERSLAGEN,
    OUDE_VERSLAGEN_TOT,
    Gebondenheid,
    Schoolaanvraag,
    Status,
    Traject,
    Type,
)
from trajecten.services import LeerlingGegevens

# The types a specific LSC serves (netwerk.Leersteuncentrum.Soort.SPECIFIEK): types 4, 6 and 7. Type 2 is a
# small type too (open envelope) but the general LSC serves it.
SPECIFIEKE_TYPES = {Type.TYPE4, Type.TYPE6, Type.TYPE7}

PDF_KOP = b"%PDF-"
PDF_EINDE = b"%%EOF"


# ---------------------------------------------------------------------------------------- the school's words

SCHOOLSTATUS = {
    Status.AANGEMELD: "Ontvangen",
    Status.IN_BEHANDELING: "Beantwoord",
    Status.LOPEND: "Gestart",
    Status.AFGEROND: "Afgerond",
    Status.STOPGEZET: "Afgerond (stopgezet)",
}

SCHOOLUITLEG = {
    Status.AANGEMELD: "Het leersteuncentrum heeft je aanvraag ontvangen en antwoordt uiterlijk op {termijn}.",
    Status.IN_BEHANDELING: "Het leersteuncentrum heeft geantwoord; de aanvraag is in behandeling (intake en "
    "overleg met de partners).",
    Status.LOPEND: "Het leersteuntraject loopt.",
    Status.AFGEROND: "Het leersteuntraject is afgerond.",
    Status.STOPGEZET: "Het leersteuntraject is stopgezet.",
}


def antwoord_uiterlijk(traject: Traject) -> dt.date:
    """The LSC's answer term (lsc.antwoordtermijn_dagen), as `queries.achterstallig` counts it."""
    return traject.aangemeld_op + dt.timedelta(days=traject.lsc.antwoordtermijn_dagen)


def schoolstatus(traject: Traject) -> tuple[str, str]:
    """The status as the school says it, and a sentence that explains it."""
    uitleg = SCHOOLUITLEG[traject.status]
    if traject.status == Status.AANGEMELD:
        uitleg = uitleg.format(termijn=date_format(antwoord_uiterlijk(traject), "j F Y"))
    return SCHOOLSTATUS[traject.status], uitleg


# ------------------------------------------------------------------------------------------------ routing


@dataclass(frozen=True)
class Routering:
    lsc: Leersteuncentrum
    uitleg: str


def lsc_voor_aanvraag(*, school: School, type: str) -> Routering:
    """The LSC a request of `type` goes to: for types 4, 6 and 7 the specific LSC serving the school, when
    there is one; otherwise (and for every other type) the general one. Several of one kind: the first by
    name, and the explanation says so."""
    lscs = list(Leersteuncentrum.objects.filter(bedieningen__school=school).order_by("naam", "pk"))
    specifiek = [lsc for lsc in lscs if lsc.soort == Leersteuncentrum.Soort.SPECIFIEK]
    algemeen = [lsc for lsc in lscs if lsc.soort != Leersteuncentrum.Soort.SPECIFIEK]
    label = Type(type).label
    if type in SPECIFIEKE_TYPES and specifiek:
        kandidaten, wat = specifiek, "het specifieke leersteuncentrum"
    elif algemeen:
        kandidaten, wat = algemeen, "het algemene leersteuncentrum"
    elif type in SPECIFIEKE_TYPES:
        kandidaten, wat = [], ""
    else:
        melding = f"Geen algemeen leersteuncentrum bedient {school.naam}: een aanvraag voor {label} kan niet."
        raise ValidationError({"type": melding})
    if not kandidaten:
        raise ValidationError({"type": f"Geen leersteuncentrum bedient {school.naam} voor {label}."})
    lsc = kandidaten[0]
    uitleg = f"Een aanvraag voor {label} gaat naar {wat} van de school: {lsc.naam}."
    if len(kandidaten) > 1:
        uitleg += f" (Meerdere bedienen de school; gekozen: het eerste op naam, {lsc.naam}.)"
    return Routering(lsc, uitleg)


def routes(school: School) -> list[str]:
    """Where each kind of type goes from this school, said plainly on the form."""
    zinnen = []
    for type_, wat in (("9", "Basisaanbod en de types 2, 3 en 9"), ("4", "De types 4, 6 en 7")):
        try:
            routering = lsc_voor_aanvraag(school=school, type=type_)
        except ValidationError as fout:
            zinnen.extend(fout.messages)
            continue
        soort = "specifiek" if routering.lsc.soort == Leersteuncentrum.Soort.SPECIFIEK else "algemeen"
        zinnen.append(f"{wat} gaan naar {routering.lsc.naam} ({soort} leersteuncentrum).")
    return zinnen


def bevestigd_door(gebruiker: Gebruiker, *, school: School, lsc: Leersteuncentrum) -> bool:
    return Bevestiging.objects.filter(gebruiker=gebruiker, school=school, lsc=lsc, bevestigd=True).exists()


def mag_aanvragen(gebruiker, school: School) -> bool:
    """Care staff on the school's care team (the form itself checks the LSC vouched for them)."""
    return (
        gebruiker.is_authenticated
        and gebruiker.rol == Rol.ZORG
        and school.zorgmedewerkers.filter(pk=gebruiker.pk).exists()
    )


# ------------------------------------------------------------------------------------------------ the checks


def controleer_bijlage(bestand: UploadedFile, *, maximum: int) -> None:
    """A PDF by its content, not its name: the magic bytes at the start, the end marker near the end, and
    not larger than `maximum`. The uploaded name is not used at all."""
    if bestand.size is None or bestand.size > maximum:
        raise ValidationError(
            f"Het bestand is te groot: een bijlage mag hoogstens {maximum // (1024 * 1024)} MB zijn."
        )
    if bestand.size == 0:
        raise ValidationError("Het bestand is leeg.")
    bestand.seek(0)
    kop = bestand.read(1024)
    bestand.seek(max(0, bestand.size - 2048))
    staart = bestand.read()
    bestand.seek(0)
    if not kop.startswith(PDF_KOP) or PDF_EINDE not in staart:
        raise ValidationError("Dit bestand is geen PDF. Kies een PDF-bestand (bv. een scan van het verslag).")


@dataclass(frozen=True)
class Ouderakkoord:
    wie: str
    op: dt.date
    hoe: str


def controleer_recht(
    *,
    gebondenheid: str,
    type: str,
    vraag_leerling_ouders: str,
    verslag: str,
    verslag_datum: dt.date | None,
    verslag_bewaarplaats: str,
    ouders: Ouderakkoord | None,
    bevestigd: bool,
    vandaag: dt.date,
) -> None:
    """The entitlement, as far as it can be checked. Raises one ValidationError with every problem."""
    fouten: dict[str, str] = {}
    leerlinggebonden = gebondenheid == Gebondenheid.LEERLING
    if leerlinggebonden and not vraag_leerling_ouders.strip():
        # Vraaggestuurd: beside the teacher's question, the pupil's or the parents' own.
        fouten["vraag_leerling_ouders"] = (
            "Een leerlinggebonden aanvraag heeft naast de vraag van de leerkracht ook de vraag van de "
            "leerling of de ouders."
        )
    if leerlinggebonden and type in BREDE_TYPES:
        if not verslag:
            fouten["verslag"] = "Een leerlinggebonden aanvraag voor een breed type steunt op een verslag."
        if verslag_datum is None:
            fouten["verslag_datum"] = "Vul de datum van het verslag in."
        if not verslag_bewaarplaats.strip():
            fouten["verslag_bewaarplaats"] = "Vul in waar de school het verslag bewaart."
    if verslag_datum is not None and verslag_datum > vandaag:
        fouten["verslag_datum"] = "De datum van het verslag ligt in de toekomst."
    elif verslag in OUDE_VERSLAGEN and verslag_datum is not None and verslag_datum >= OUDE_VERSLAGEN_TOT:
        fouten["verslag"] = (
            "Een gemotiveerd verslag of verslag is van vóór 1 september 2023; een recenter verslag is een "
            "GC-, IAC- of OV4-verslag."
        )
    if leerlinggebonden and ouders is None:
        fouten["ouders_akkoord"] = (
            "Een leerlinggebonden aanvraag gebeurt met het akkoord van de ouders: vul in wie, wanneer en hoe."
        )
    if ouders is not None and ouders.op > vandaag:
        fouten["ouders_op"] = "De datum van het akkoord ligt in de toekomst."
    if not bevestigd:
        fouten["bevestigd"] = (
            "Bevestig dat de gegevens kloppen: wat we niet kunnen nagaan, vragen we je te bevestigen."
        )
    if fouten:
        raise ValidationError(fouten)


# ------------------------------------------------------------------------------------------------ duplicates


def open_aanvragen_voor(*, school: School, voornaam: str, initiaal: str, klas: str) -> QuerySet[Traject]:
    """Open trajectories of the same pupil (first name, initial, class) at the school, of any LSC."""
    return (
        Traject.objects.filter(
            school=school,
            status__in=OPEN_STATUSSEN,
            leerling__voornaam__iexact=voornaam.strip(),
            leerling__initiaal__iexact=initiaal.strip(" ."),
            leerling__klas__iexact=klas.strip(),
        )
        .select_related("lsc")
        .order_by("-aangemeld_op", "-pk")
    )


# ------------------------------------------------------------------------------------------------ the service


def _ankers(school: School, lsc: Leersteuncentrum):
    return [
        toewijzing.ondersteuner
        for toewijzing in Ankertoewijzing.objects.filter(
            school=school, lsc=lsc, schooljaar=huidig_schooljaar()
        ).select_related("ondersteuner")
    ]


@transaction.atomic
def aanvraag_indienen(
    *,
    door: Gebruiker,
    school: School,
    gebondenheid: str,
    type: str,
    fase: int,
    vraag_leerkracht: str,
    vraag_leerling_ouders: str = "",
    leerling: LeerlingGegevens | None = None,
    groep: str = "",
    verslag_datum: dt.date | None = None,
    verslag_bewaarplaats: str = "",
    ouders: Ouderakkoord | None = None,
    bevestigd: bool = False,
    bijlage: UploadedFile | None = None,
    vandaag: dt.date | None = None,
) -> Schoolaanvraag:
    """The school's request: to the LSC serving the school for the type (`lsc_voor_aanvraag`), assigned to
    that LSC's anchors of the school, who get it in their answer register and a mail. All or nothing."""
    vandaag = vandaag or timezone.localdate()
    if not mag_aanvragen(door, school):
        raise ValidationError("Je staat niet in het zorgteam van deze school.")
    routering = lsc_voor_aanvraag(school=school, type=type)
    if not bevestigd_door(door, school=school, lsc=routering.lsc):
        raise ValidationError(
            f"{routering.lsc.naam} heeft je account voor {school.naam} nog niet bevestigd: vraag het aan het "
            "leersteuncentrum of aan een bevestigde collega van het zorgteam."
        )
    verslag = leerling.verslag if leerling is not None else ""
    controleer_recht(
        gebondenheid=gebondenheid,
        type=type,
        vraag_leerling_ouders=vraag_leerling_ouders,
        verslag=verslag,
        verslag_datum=verslag_datum,
        verslag_bewaarplaats=verslag_bewaarplaats,
        ouders=ouders,
        bevestigd=bevestigd,
        vandaag=vandaag,
    )
    ankers = _ankers(school, routering.lsc)
    traject = services.traject_aanmelden(
        door=door,
        lsc=routering.lsc,
        school=school,
        gebondenheid=gebondenheid,
        type=type,
        fase=fase,
        vraag_leerkracht=vraag_leerkracht,
        vraag_leerling_ouders=vraag_leerling_ouders,
        leerling=leerling,
        groep=groep,
        aangemeld_op=vandaag,
        anker=ankers[0] if ankers else None,
    )
    for anker in ankers[1:]:
        traject.toewijzingen.create(ondersteuner=anker, rol="anker")
    aanvraag = Schoolaanvraag(
        traject=traject,
        ingediend_door=door,
        verslag=verslag,
        verslag_datum=verslag_datum,
        verslag_bewaarplaats=verslag_bewaarplaats.strip(),
        ouders_akkoord=ouders is not None,
        ouders_wie=ouders.wie.strip() if ouders else "",
        ouders_op=ouders.op if ouders else None,
        ouders_hoe=ouders.hoe if ouders else "",
        bevestigd=bevestigd,
    )
    aanvraag.full_clean(exclude=["bijlage"])
    if bijlage is not None:
        aanvraag.bijlage_grootte = bijlage.size
        # Saved last: nothing after it can fail, so no file is left behind by a rolled-back request.
        aanvraag.bijlage.save("aanvraag.pdf", bijlage, save=False)
    aanvraag.save()
    log_actie(
        door=door,
        actie="trajecten.aanvraag.ingediend",
        obj=aanvraag,
        traject_id=traject.pk,
        wijzigingen={"lsc": [None, routering.lsc.naam], "bijlage": [None, bool(bijlage)]},
    )
    return aanvraag
