"""Focus teams and colleagues called in on a trajectory, and the Wednesday intervisie.

A supporter (usually the anchor) asks a focus team to join a trajectory with a short question. The members
of that focus in the same LSC see the open questions in one list; one of them takes it, first come (the
question's row is locked, a second taker is told who was first), or the team coach assigns it. Taking adds
the supporter to the trajectory as focus supporter until an end date: "een focustraject is steeds afgebakend
in tijd". A reminder comes before that date; ending the focus part asks for a hand-over note for the anchor.

A supporter may also ask a colleague or a focus team for input without handing over the trajectory. Whoever
is asked sees the question and the trajectory's number only, never the pupil.

Notifications name the trajectory by its number only: no pupil's name in a title or a link.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from netwerk.audit import log_actie
from netwerk.meldingen import melden
from netwerk.models import BELEIDSROLLEN, Focus, Gebruiker, Meldingsoort, Ondersteuner, Rol
from scholen.queries import door_coach_bediend
from trajecten import rules
from trajecten.models import (
    FOCUS_STANDAARDDUUR_WEKEN,
    OPEN_STATUSSEN,
    Collegavraag,
    Focusvraag,
    Intervisievraag,
    Toewijzing,
    Traject,
)
from trajecten.queries import trajecten_zichtbaar_voor

# The focus supporter hears this many days before the end date that their part ends.
HERINNERING_VOORAF = dt.timedelta(days=7)
LANGSTE_FOCUSDUUR = dt.timedelta(weeks=26)
WOENSDAG = 2  # datetime's weekday()


def standaard_einde(vandaag: dt.date | None = None) -> dt.date:
    return (vandaag or timezone.localdate()) + dt.timedelta(weeks=FOCUS_STANDAARDDUUR_WEKEN)


def volgende_woensdag(vandaag: dt.date | None = None) -> dt.date:
    """The next intervisie day: next Wednesday, today when it is Wednesday."""
    vandaag = vandaag or timezone.localdate()
    return vandaag + dt.timedelta(days=(WOENSDAG - vandaag.weekday()) % 7)


def _label(traject: Traject) -> str:
    """How a notification names a trajectory: its number, never its pupil."""
    return f"Traject {traject.pk}"


def _datum(datum: dt.date) -> str:
    return date_format(datum, "j F Y")


def _moment(wanneer: dt.datetime) -> str:
    return date_format(timezone.localtime(wanneer), "j F Y, H:i")


# ------------------------------------------------------------------------------------------------ reads


def focusleden(*, lsc_id: int, focus: str) -> QuerySet[Ondersteuner]:
    """The members of a focus team in one LSC, with their accounts."""
    return Ondersteuner.objects.filter(
        lsc=lsc_id, focusteams__contains=[focus], gebruiker__is_active=True
    ).select_related("gebruiker")


def ondersteuner_van(gebruiker) -> Ondersteuner | None:
    if not gebruiker.is_authenticated or gebruiker.rol != Rol.ONDERSTEUNER:
        return None
    try:
        return gebruiker.ondersteuner
    except Ondersteuner.DoesNotExist:
        return None


def focusvragen_zichtbaar_voor(gebruiker) -> QuerySet[Focusvraag]:
    """Who sees a question to a focus team: the coordination of its LSC, the coach of a regio team that
    serves the school, the supporters who see the trajectory, and the members of that focus in the LSC
    (the trajectory's number and school, the question; not the pupil). Nobody outside the LSC."""
    if not gebruiker.is_authenticated or gebruiker.lsc_id is None:
        return Focusvraag.objects.none()
    vragen = Focusvraag.objects.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol in BELEIDSROLLEN:
        return vragen
    if gebruiker.rol == Rol.TEAMCOACH:
        return vragen.filter(traject__in=Traject.objects.filter(door_coach_bediend(gebruiker)))
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is None:
        return Focusvraag.objects.none()
    zichtbaar = trajecten_zichtbaar_voor(gebruiker).values("pk")
    return vragen.filter(
        Q(traject__in=zichtbaar) | Q(focus__in=ondersteuner.focusteams) | Q(ondersteuner=ondersteuner)
    )


def open_focusvragen_voor(gebruiker) -> QuerySet[Focusvraag]:
    """The list of a focus team's members and coaches: questions waiting for someone, of their focus (a
    supporter) or of their regio teams' schools (a coach), oldest first."""
    vragen = focusvragen_zichtbaar_voor(gebruiker).filter(
        status=Focusvraag.Status.OPEN, traject__status__in=OPEN_STATUSSEN
    )  # a question on a trajectory closed since can no longer be taken
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is not None:
        vragen = vragen.filter(focus__in=ondersteuner.focusteams)
    return vragen.select_related("traject__school", "gevraagd_door").order_by("gevraagd_op", "pk")


def lopende_focusvragen_van(gebruiker) -> QuerySet[Focusvraag]:
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is None:
        return Focusvraag.objects.none()
    return (
        Focusvraag.objects.filter(ondersteuner=ondersteuner, status=Focusvraag.Status.LOPEND)
        .select_related("traject__school")
        .order_by("einde", "pk")
    )


def mag_nemen(gebruiker, vraag: Focusvraag) -> bool:
    ondersteuner = ondersteuner_van(gebruiker)
    return (
        ondersteuner is not None
        and ondersteuner.lsc_id == vraag.lsc_id
        and vraag.focus in ondersteuner.focusteams
    )


def mag_toewijzen(gebruiker, vraag: Focusvraag) -> bool:
    """The coordination of the LSC, or the coach of a regio team that serves the trajectory's school."""
    if not gebruiker.is_authenticated or gebruiker.lsc_id != vraag.lsc_id:
        return False
    if gebruiker.rol in BELEIDSROLLEN:
        return True
    return (
        gebruiker.rol == Rol.TEAMCOACH
        and Traject.objects.filter(door_coach_bediend(gebruiker), pk=vraag.traject_id).exists()
    )


def mag_beeindigen(gebruiker, vraag: Focusvraag) -> bool:
    """The focus supporter themselves, or whoever keeps the whole trajectory (anchor, coordination)."""
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is not None and vraag.ondersteuner_id == ondersteuner.pk:
        return True
    return rules.mag_traject_actie(gebruiker, vraag.traject, "focusdeel_beeindigen")


def kandidaten(vraag: Focusvraag) -> QuerySet[Ondersteuner]:
    return focusleden(lsc_id=vraag.lsc_id, focus=vraag.focus).order_by("gebruiker__naam")


def collegas(*, lsc_id: int, behalve: Gebruiker) -> QuerySet[Gebruiker]:
    """The supporters of the LSC one may ask a question."""
    return Gebruiker.objects.filter(lsc=lsc_id, rol=Rol.ONDERSTEUNER, is_active=True).exclude(pk=behalve.pk)


def collegavragen_zichtbaar_voor(gebruiker) -> QuerySet[Collegavraag]:
    """Whoever asked, whoever is asked (the colleague, the focus team's members in the LSC), and those of the
    LSC who see the trajectory. Care staff, CLB and other LSCs: none."""
    if (
        not gebruiker.is_authenticated
        or gebruiker.lsc_id is None
        or gebruiker.rol
        not in {
            *BELEIDSROLLEN,
            Rol.TEAMCOACH,
            Rol.ONDERSTEUNER,
        }
    ):
        return Collegavraag.objects.none()
    ondersteuner = ondersteuner_van(gebruiker)
    focussen = ondersteuner.focusteams if ondersteuner else []
    zichtbaar = trajecten_zichtbaar_voor(gebruiker).values("pk")
    return Collegavraag.objects.filter(lsc=gebruiker.lsc_id).filter(
        Q(gesteld_door=gebruiker) | Q(aan=gebruiker) | Q(focus__in=focussen) | Q(traject__in=zichtbaar)
    )


def is_gevraagd(gebruiker, vraag: Collegavraag) -> bool:
    """The colleague asked, or a member of the focus team asked, in the question's LSC."""
    if vraag.aan_id is not None:
        return vraag.aan_id == gebruiker.pk
    ondersteuner = ondersteuner_van(gebruiker)
    return (
        ondersteuner is not None
        and ondersteuner.lsc_id == vraag.lsc_id
        and vraag.focus in ondersteuner.focusteams
    )


def collegavragen_aan(gebruiker) -> QuerySet[Collegavraag]:
    """Questions to this user or to one of their focus teams, the unanswered first."""
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is None:
        return Collegavraag.objects.none()
    return (
        Collegavraag.objects.filter(lsc=ondersteuner.lsc_id)
        .filter(Q(aan=gebruiker) | Q(aan__isnull=True, focus__in=ondersteuner.focusteams))
        .exclude(gesteld_door=gebruiker)
        .select_related("gesteld_door", "aan")
        .order_by(F("beantwoord_op").asc(nulls_first=True), "-gesteld_op", "-pk")
    )


def collegavragen_van(gebruiker) -> QuerySet[Collegavraag]:
    return (
        Collegavraag.objects.filter(gesteld_door=gebruiker)
        .select_related("aan")
        .order_by("-gesteld_op", "-pk")
    )


def intervisie_zichtbaar_voor(gebruiker) -> QuerySet[Intervisievraag]:
    """A supporter: their own regio team's agenda. A coach: the agendas of the regio teams they coach."""
    if not gebruiker.is_authenticated:
        return Intervisievraag.objects.none()
    if gebruiker.rol == Rol.TEAMCOACH:
        return Intervisievraag.objects.filter(regioteam__coach=gebruiker)
    ondersteuner = ondersteuner_van(gebruiker)
    if ondersteuner is None or ondersteuner.regioteam_id is None:
        return Intervisievraag.objects.none()
    return Intervisievraag.objects.filter(regioteam=ondersteuner.regioteam_id)


def op_het_traject(traject: Traject, gebruiker, *, mag_bewerken: bool) -> dict:
    """What the trajectory page shows of focus teams and colleagues. To whoever reads the trajectory (the
    anchor, the school's care staff): the focus parts, who joined, when, until when, and the hand-over note.
    To the LSC's people: the questions to colleagues with their answers. And the links to call them in."""
    # Read with the trajectory, in this order, with whom they name (views/detail.py).
    focusvragen = list(traject.focusvragen.all())
    # As the rules decide, from what the page read already: no query per question.
    heel_traject = mag_bewerken and not rules.is_enkel_focus(gebruiker, traject)
    for vraag in focusvragen:
        eigen = vraag.ondersteuner is not None and vraag.ondersteuner.gebruiker_id == gebruiker.pk
        vraag.mag_beeindigen = vraag.status == Focusvraag.Status.LOPEND and (eigen or heel_traject)
    collegavragen = None
    if gebruiker.rol in {*BELEIDSROLLEN, Rol.TEAMCOACH, Rol.ONDERSTEUNER}:
        collegavragen = list(traject.collegavragen.all())
    return {
        "focusvragen": focusvragen,
        "collegavragen": collegavragen,
        "mag_focus_inroepen": heel_traject and traject.is_open,
        "mag_collega_vragen": mag_bewerken and traject.is_open,  # a focus supporter too (FOCUSACTIES)
    }


# ----------------------------------------------------------------------------------------------- writes


def _vergrendeld_traject(traject: Traject) -> Traject:
    return Traject.objects.select_for_update().get(pk=traject.pk)


def _log(door, actie: str, obj, traject_id: int, wijzigingen: dict | None = None) -> None:
    log_actie(door=door, actie=actie, obj=obj, traject_id=traject_id, wijzigingen=wijzigingen)


def _controleer_einde(einde: dt.date, *, vandaag: dt.date) -> None:
    if einde <= vandaag:
        raise ValidationError({"einde": "Het einde van het focustraject ligt na vandaag."})
    if einde > vandaag + LANGSTE_FOCUSDUUR:
        raise ValidationError(
            {"einde": "Een focustraject is afgebakend in tijd: kies een einde binnen een half jaar."}
        )


@transaction.atomic
def focus_vragen(*, door: Gebruiker, traject: Traject, focus: str, vraag: str) -> Focusvraag:
    """Calls in a focus team: the team's members in the LSC hear of it."""
    traject = _vergrendeld_traject(traject)
    if not rules.mag_traject_actie(door, traject, "traject_focus_inroepen"):
        raise PermissionDenied
    if not traject.is_open:
        raise ValidationError("Een focusteam roep je in op een traject dat nog loopt.")
    if not vraag.strip():
        raise ValidationError({"vraag": "Stel een korte vraag aan het focusteam."})
    if traject.focusvragen.filter(
        focus=focus, status__in=[Focusvraag.Status.OPEN, Focusvraag.Status.LOPEND]
    ).exists():
        raise ValidationError(
            {"focus": f"Het focusteam {Focus(focus).label} is al ingeroepen op dit traject."}
        )
    focusvraag = Focusvraag(
        traject=traject, lsc_id=traject.lsc_id, focus=focus, vraag=vraag.strip(), gevraagd_door=door
    )
    focusvraag.full_clean(exclude=["traject", "lsc"])
    focusvraag.save()
    _log(
        door,
        "trajecten.focusvraag.gesteld",
        focusvraag,
        traject.pk,
        {"focus": [None, str(Focus(focus).label)]},
    )
    leden = [
        lid.gebruiker for lid in focusleden(lsc_id=traject.lsc_id, focus=focus) if lid.gebruiker_id != door.pk
    ]
    melden(
        soort=Meldingsoort.FOCUS_INGEROEPEN,
        ontvangers=leden,
        titel=f"{_label(traject)}: je focusteam {Focus(focus).label} is ingeroepen",
        url=reverse("focusvraag_lijst"),
        sleutel=f"focusvraag-{focusvraag.pk}",
    )
    return focusvraag


def _vergrendelde_vraag(vraag: Focusvraag) -> Focusvraag:
    """The trajectory first, then the question, as every service locks: two takers at once are served one
    after the other, and the second reads the first one's name."""
    _vergrendeld_traject(vraag.traject)
    return (
        Focusvraag.objects.select_for_update(of=("self",))
        .select_related("traject", "ondersteuner__gebruiker")
        .get(pk=vraag.pk)
    )


def _aansluiten(
    vraag: Focusvraag, *, ondersteuner: Ondersteuner, door: Gebruiker, einde: dt.date | None
) -> None:
    vandaag = timezone.localdate()
    if vraag.status != Focusvraag.Status.OPEN:
        if vraag.ondersteuner is not None:
            raise ValidationError(
                f"{vraag.ondersteuner} nam deze vraag al, op {_moment(vraag.genomen_op)}. "
                "Je hoeft niets meer te doen."
            )
        raise ValidationError("Deze vraag is niet meer open.")
    if not vraag.traject.is_open:
        raise ValidationError("Dit traject loopt niet meer: de vraag kan niet meer genomen worden.")
    if ondersteuner.lsc_id != vraag.lsc_id or vraag.focus not in ondersteuner.focusteams:
        raise ValidationError(
            f"{ondersteuner} zit niet in het focusteam {vraag.get_focus_display()} van dit leersteuncentrum."
        )
    einde = einde or standaard_einde(vandaag)
    _controleer_einde(einde, vandaag=vandaag)
    vraag.status, vraag.ondersteuner, vraag.einde = Focusvraag.Status.LOPEND, ondersteuner, einde
    vraag.genomen_op, vraag.toegewezen_door = timezone.now(), door
    vraag.save()
    # Already on the trajectory (the anchor in the focus team): keep their role.
    Toewijzing.objects.get_or_create(
        traject=vraag.traject, ondersteuner=ondersteuner, defaults={"rol": Toewijzing.Rol.FOCUS}
    )


@transaction.atomic
def focusvraag_nemen(*, door: Gebruiker, vraag: Focusvraag, einde: dt.date | None = None) -> Focusvraag:
    """A member of the focus team takes the question: first come. A second taker gets a Dutch message."""
    ondersteuner = ondersteuner_van(door)
    if ondersteuner is None or not mag_nemen(door, vraag):
        raise PermissionDenied
    vraag = _vergrendelde_vraag(vraag)
    _aansluiten(vraag, ondersteuner=ondersteuner, door=door, einde=einde)
    _log(
        door,
        "trajecten.focusvraag.genomen",
        vraag,
        vraag.traject_id,
        {"ondersteuner": [None, str(ondersteuner)], "einde": [None, str(vraag.einde)]},
    )
    return vraag


@transaction.atomic
def focusvraag_toewijzen(
    *, door: Gebruiker, vraag: Focusvraag, ondersteuner: Ondersteuner, einde: dt.date | None = None
) -> Focusvraag:
    """The team coach (or the coordination) gives the question to a member of the focus team."""
    if not mag_toewijzen(door, vraag):
        raise PermissionDenied
    vraag = _vergrendelde_vraag(vraag)
    _aansluiten(vraag, ondersteuner=ondersteuner, door=door, einde=einde)
    _log(
        door,
        "trajecten.focusvraag.toegewezen",
        vraag,
        vraag.traject_id,
        {"ondersteuner": [None, str(ondersteuner)], "einde": [None, str(vraag.einde)]},
    )
    if ondersteuner.gebruiker_id != door.pk:
        melden(
            soort=Meldingsoort.FOCUS_INGEROEPEN,
            ontvangers=[ondersteuner.gebruiker],
            titel=f"{_label(vraag.traject)}: je bent toegewezen vanuit focusteam {vraag.get_focus_display()}",
            url=reverse("traject_detail", args=[vraag.traject_id]),
            sleutel=f"focusvraag-{vraag.pk}-toegewezen",
        )
    return vraag


@transaction.atomic
def focusdeel_beeindigen(*, door: Gebruiker, vraag: Focusvraag, overdracht: str) -> Focusvraag:
    """Ends the focus part with a hand-over note for the anchor. The focus supporter leaves the trajectory
    (their logbook lines stay); the question keeps who joined, when, until when and the note."""
    if not mag_beeindigen(door, vraag):
        raise PermissionDenied
    vraag = _vergrendelde_vraag(vraag)
    if vraag.status != Focusvraag.Status.LOPEND:
        raise ValidationError("Enkel een lopend focustraject kan beëindigd worden.")
    if not overdracht.strip():
        raise ValidationError({"overdracht": "Schrijf een korte overdracht voor het anker."})
    vraag.status, vraag.overdracht = Focusvraag.Status.BEEINDIGD, overdracht.strip()
    vraag.beeindigd_op, vraag.beeindigd_door = timezone.now(), door
    vraag.full_clean(exclude=["traject", "lsc", "ondersteuner"])
    vraag.save()
    Toewijzing.objects.filter(
        traject=vraag.traject_id, ondersteuner=vraag.ondersteuner_id, rol=Toewijzing.Rol.FOCUS
    ).exclude(
        Exists(
            Focusvraag.objects.filter(
                traject=vraag.traject_id,
                ondersteuner=vraag.ondersteuner_id,
                status=Focusvraag.Status.LOPEND,
            ).exclude(pk=vraag.pk)
        )
    ).delete()
    _log(door, "trajecten.focusvraag.beeindigd", vraag, vraag.traject_id, {"status": ["lopend", "beeindigd"]})
    return vraag


def focus_herinneringen(*, vandaag: dt.date | None = None) -> int:
    """Tells each focus supporter, once per end date, that their part ends within HERINNERING_VOORAF;
    returns how many were told. Run daily; a moved end date is told again."""
    vandaag = vandaag or timezone.localdate()
    vragen = Focusvraag.objects.filter(
        status=Focusvraag.Status.LOPEND, einde__gte=vandaag, einde__lte=vandaag + HERINNERING_VOORAF
    ).select_related("ondersteuner__gebruiker")
    verteld = 0
    for vraag in vragen:
        with transaction.atomic():
            verteld += len(
                melden(
                    soort=Meldingsoort.FOCUS_EINDE,
                    ontvangers=[vraag.ondersteuner.gebruiker],
                    titel=f"Traject {vraag.traject_id}: je focustraject loopt af op {_datum(vraag.einde)}",
                    url=reverse("traject_detail", args=[vraag.traject_id]),
                    sleutel=f"focusvraag-{vraag.pk}-{vraag.einde.isoformat()}",
                )
            )
    return verteld


@transaction.atomic
def collegavraag_stellen(
    *, door: Gebruiker, traject: Traject, vraag: str, aan: Gebruiker | None = None, focus: str = ""
) -> Collegavraag:
    """Asks a colleague of the LSC, or a focus team, for input on a trajectory: no transfer."""
    traject = _vergrendeld_traject(traject)
    if not rules.mag_traject_actie(door, traject, "traject_collegavraag"):
        raise PermissionDenied
    if (aan is None) == (not focus):
        raise ValidationError("Kies een collega of een focusteam, niet allebei.")
    if aan is not None and not collegas(lsc_id=traject.lsc_id, behalve=door).filter(pk=aan.pk).exists():
        raise ValidationError({"aan": "Vraag het een collega-ondersteuner van hetzelfde leersteuncentrum."})
    if not vraag.strip():
        raise ValidationError({"vraag": "Stel je vraag."})
    collegavraag = Collegavraag(
        traject=traject, lsc_id=traject.lsc_id, gesteld_door=door, aan=aan, focus=focus, vraag=vraag.strip()
    )
    collegavraag.full_clean(exclude=["traject", "lsc", "gesteld_door", "aan"])
    collegavraag.save()
    _log(
        door,
        "trajecten.collegavraag.gesteld",
        collegavraag,
        traject.pk,
        {"aan": [None, str(aan or Focus(focus).label)]},
    )
    ontvangers = [aan] if aan else [lid.gebruiker for lid in focusleden(lsc_id=traject.lsc_id, focus=focus)]
    melden(
        soort=Meldingsoort.VRAAG_GESTELD,
        ontvangers=[g for g in ontvangers if g.pk != door.pk],
        titel=f"{_label(traject)}: een collega stelt je een vraag",
        url=reverse("collegavraag_detail", args=[collegavraag.pk]),
        sleutel=f"collegavraag-{collegavraag.pk}",
    )
    return collegavraag


@transaction.atomic
def collegavraag_beantwoorden(*, door: Gebruiker, vraag: Collegavraag, antwoord: str) -> Collegavraag:
    """The colleague (or a member of the focus team) answers once; the asker hears of it."""
    if not is_gevraagd(door, vraag):
        raise PermissionDenied
    vraag = (
        Collegavraag.objects.select_for_update(of=("self",)).select_related("gesteld_door").get(pk=vraag.pk)
    )
    if vraag.beantwoord_op is not None:
        raise ValidationError("Deze vraag is al beantwoord.")
    if not antwoord.strip():
        raise ValidationError({"antwoord": "Schrijf je antwoord."})
    vraag.antwoord, vraag.beantwoord_door, vraag.beantwoord_op = antwoord.strip(), door, timezone.now()
    vraag.full_clean(exclude=["traject", "lsc", "gesteld_door", "aan", "beantwoord_door"])
    vraag.save()
    _log(door, "trajecten.collegavraag.beantwoord", vraag, vraag.traject_id)
    melden(
        soort=Meldingsoort.VRAAG_BEANTWOORD,
        ontvangers=[vraag.gesteld_door],
        titel=f"Traject {vraag.traject_id}: je vraag is beantwoord",
        url=reverse("traject_detail", args=[vraag.traject_id]),
        sleutel=f"collegavraag-{vraag.pk}",
    )
    return vraag


@transaction.atomic
def intervisie_agenderen(*, door: Gebruiker, vraag: str, datum: dt.date | None = None) -> Intervisievraag:
    """Puts a question on the agenda of the supporter's regio team's Wednesday intervisie."""
    ondersteuner = ondersteuner_van(door)
    if ondersteuner is None:
        raise PermissionDenied
    if ondersteuner.regioteam_id is None:
        raise ValidationError(
            "Je hoort bij geen regioteam: vraag de coördinatie om je aan een regioteam te koppelen."
        )
    vandaag = timezone.localdate()
    datum = datum or volgende_woensdag(vandaag)
    if datum.weekday() != WOENSDAG:
        raise ValidationError({"datum": "De intervisie valt op een woensdag."})
    if datum < vandaag:
        raise ValidationError({"datum": "Deze woensdag is al voorbij."})
    if not vraag.strip():
        raise ValidationError({"vraag": "Schrijf je vraag voor de intervisie."})
    item = Intervisievraag(
        regioteam_id=ondersteuner.regioteam_id, ondersteuner=ondersteuner, datum=datum, vraag=vraag.strip()
    )
    item.full_clean(exclude=["regioteam", "ondersteuner"])
    item.save()
    log_actie(
        door=door,
        actie="trajecten.intervisievraag.geagendeerd",
        obj=item,
        wijzigingen={"datum": [None, str(datum)]},
    )
    return item
