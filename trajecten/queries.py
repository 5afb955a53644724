"""Who sees which trajectories. Pupil data is shown only to those who work on the case or its school."""

import datetime as dt
from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from netwerk.jsonrijen import Rijen
from netwerk.models import BELEIDSROLLEN, Ondersteuner, Rol
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin, schooljaar_grenzen
from scholen.models import Ankertoewijzing, School
from scholen.queries import door_coach_bediend, door_lsc_bevestigd, scholen_zichtbaar_voor
from trajecten.models import OPEN_STATUSSEN, Focusvraag, Logboekregel, Status, Toewijzing, Traject

# "Due this week": an evaluation within this window counts for the supporter's home and the reminder.
VOORUITKIJKEN = dt.timedelta(days=7)


def trajecten_zichtbaar_voor(gebruiker) -> QuerySet[Traject]:
    """Coordinators: their LSC. Team coaches: their regio teams' schools. Supporters: what they are assigned
    to and, as anchor, their schools' trajectories. Care staff: their school's, of the LSCs that vouched
    for them. CLB and admin: none."""
    if not gebruiker.is_authenticated:
        return Traject.objects.none()
    if gebruiker.rol in BELEIDSROLLEN:
        return Traject.objects.filter(lsc=gebruiker.lsc_id)
    if gebruiker.rol == Rol.TEAMCOACH:
        return Traject.objects.filter(door_coach_bediend(gebruiker))
    if gebruiker.rol == Rol.ONDERSTEUNER:
        # A UNION of ids, not an OR of two EXISTS: PostgreSQL can serve each half from an index, while an
        # OR of correlated subqueries reads the whole trajectory table (tests/dwars/test_explain.py).
        via_anker = Traject.objects.filter(
            Exists(
                Ankertoewijzing.objects.filter(
                    school=OuterRef("school"),
                    lsc=OuterRef("lsc"),
                    ondersteuner__gebruiker=gebruiker,
                    schooljaar=huidig_schooljaar(),
                )
            )
        ).values("pk")
        toegewezen = Toewijzing.objects.filter(ondersteuner__gebruiker=gebruiker).values("traject_id")
        return Traject.objects.filter(pk__in=toegewezen.union(via_anker))
    if gebruiker.rol == Rol.ZORG:
        # Their school's trajectories of the LSCs that vouched for them there, no other LSC's.
        return Traject.objects.filter(
            door_lsc_bevestigd(gebruiker, school=OuterRef("school"), lsc=OuterRef("lsc")),
            school__zorgmedewerkers=gebruiker,
        )
    return Traject.objects.none()


def achterstallig(trajecten: QuerySet[Traject], *, vandaag: dt.date | None = None) -> QuerySet[Traject]:
    """Requests without an answer after their LSC's answer term (a setting per LSC)."""
    vandaag = vandaag or timezone.localdate()
    termijn = ExpressionWrapper(
        F("lsc__antwoordtermijn_dagen") * dt.timedelta(days=1), output_field=DurationField()
    )
    return (
        trajecten.filter(status=Status.AANGEMELD)
        .alias(uiterlijk=Value(vandaag) - termijn)
        .filter(aangemeld_op__lt=F("uiterlijk"))
    )


def evaluatie_verschuldigd(trajecten: QuerySet[Traject], *, tegen: dt.date) -> QuerySet[Traject]:
    return trajecten.filter(status=Status.LOPEND, volgende_evaluatie__lte=tegen)


def zoek(trajecten: QuerySet[Traject], tekst: str) -> QuerySet[Traject]:
    return trajecten.filter(
        Q(school__naam__icontains=tekst) | Q(groep__icontains=tekst) | Q(leerling__voornaam__iexact=tekst)
    )


def scholen_voor_trajectfilter(gebruiker) -> QuerySet[School]:
    """The schools a user's trajectory lists can be filtered on, found without scanning trajectories."""
    if gebruiker.is_authenticated and gebruiker.rol == Rol.ONDERSTEUNER:
        toegewezen = Toewijzing.objects.filter(ondersteuner__gebruiker=gebruiker).values("traject__school")
        ankerscholen = Ankertoewijzing.objects.filter(
            ondersteuner__gebruiker=gebruiker, schooljaar=huidig_schooljaar()
        ).values("school")
        return School.objects.filter(Q(pk__in=toegewezen) | Q(pk__in=ankerscholen))
    if gebruiker.is_authenticated and gebruiker.rol in {*BELEIDSROLLEN, Rol.TEAMCOACH, Rol.ZORG}:
        return scholen_zichtbaar_voor(gebruiker)
    return School.objects.none()


def minuten_som(*, vanaf: dt.date | None = None) -> Coalesce:
    """Minutes in a trajectory's logbook as a scalar subquery: no join that multiplies the rows."""
    regels = Logboekregel.objects.filter(traject=OuterRef("pk"))
    if vanaf is not None:
        regels = regels.filter(datum__gte=vanaf)
    som = regels.order_by().values("traject").annotate(som=Sum("minuten")).values("som")
    return Coalesce(Subquery(som, output_field=IntegerField()), 0)


def minuten_dit_schooljaar() -> Coalesce:
    return minuten_som(vanaf=schooljaar_begin(huidig_schooljaar()))


def lopende_toewijzingen(**filters) -> QuerySet[Toewijzing]:
    """Who works where now: the assignments on open trajectories. The one definition of "at work at a
    school", asked by the school page, the consultation's participants and visibility, and the week plan."""
    return Toewijzing.objects.filter(traject__status__in=OPEN_STATUSSEN, **filters)


def ondersteuners_op_school(*, school_id: int, lsc_id: int | None = None) -> QuerySet[Ondersteuner]:
    """The supporters at work at the school now (of one LSC, if given)."""
    filters = {"ondersteuner": OuterRef("pk"), "traject__school_id": school_id}
    if lsc_id is not None:
        filters["traject__lsc_id"] = lsc_id
    return (
        Ondersteuner.objects.filter(Exists(lopende_toewijzingen(**filters)))
        .select_related("gebruiker")
        .order_by("gebruiker__naam")
    )


def toegewezen_aan(gebruiker) -> Exists:
    """Whether the trajectory (OuterRef "pk") is assigned to this user."""
    return Exists(Toewijzing.objects.filter(traject=OuterRef("pk"), ondersteuner__gebruiker=gebruiker))


# A trajectory's supporters, anchor first, as a JSON column of the trajectory's query (netwerk/jsonrijen.py):
# the trajectory page and the school's dossier list them.
TOEWIJZINGEN = Rijen(
    Toewijzing.objects.filter(traject=OuterRef("pk")).order_by("rol", "ondersteuner__gebruiker__naam", "pk"),
    samen=("ondersteuner", "ondersteuner__gebruiker"),
)


def via_anker_van(gebruiker) -> Exists:
    """Whether the user is this school year's anchor of the trajectory's (OuterRef) school for its LSC."""
    return Exists(
        Ankertoewijzing.objects.filter(
            school=OuterRef("school"),
            lsc=OuterRef("lsc"),
            ondersteuner__gebruiker=gebruiker,
            schooljaar=huidig_schooljaar(),
        )
    )


def tellingen_voor_ondersteuner(gebruiker) -> dict:
    """For the supporter's home page, in one query: evaluations due this week on their own trajectories,
    and requests still waiting for an answer, their own and those of the schools they anchor."""
    tegen = timezone.localdate() + VOORUITKIJKEN
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .alias(toegewezen=toegewezen_aan(gebruiker))
        .aggregate(
            te_evalueren=Count(
                "pk", filter=Q(toegewezen=True, status=Status.LOPEND, volgende_evaluatie__lte=tegen)
            ),
            zonder_antwoord=Count("pk", filter=Q(status=Status.AANGEMELD)),
            open=Count("pk", filter=Q(toegewezen=True, status__in=OPEN_STATUSSEN)),
        )
    )


# ---------------------------------------------------------------------------- one school's dossier

DOSSIER_MAX = 50  # beyond this the overview of the whole list (filtered on the school) takes over


def trajecten_van_school(gebruiker, school: School, filters: dict) -> QuerySet[Traject]:
    """The school's trajectories this user sees, as the dossier filters them: without a status, the open
    ones and those closed this school year; the open first, the newest request first."""
    trajecten = trajecten_zichtbaar_voor(gebruiker).filter(school=school)
    status = filters.get("status")
    if status == "alle":
        pass
    elif status:
        trajecten = trajecten.filter(status=status)
    else:
        trajecten = trajecten.filter(
            Q(status__in=OPEN_STATUSSEN) | Q(afgesloten_op__gte=schooljaar_begin(huidig_schooljaar()))
        )
    for veld in ("type", "gebondenheid"):
        if waarde := filters.get(veld):
            trajecten = trajecten.filter(**{veld: waarde})
    return trajecten.order_by(
        Case(When(status__in=OPEN_STATUSSEN, then=0), default=1), "-aangemeld_op", "-pk"
    )


def open_aanvragen_van_school(gebruiker, school: School) -> QuerySet[Traject]:
    """The school's requests still waiting for an answer or an intake, oldest first."""
    return (
        trajecten_zichtbaar_voor(gebruiker)
        .filter(school=school, status__in=[Status.AANGEMELD, Status.IN_BEHANDELING])
        .order_by("aangemeld_op", "pk")
    )


# ------------------------------------------------------------------------------ the policy team's pictures


def _in_regioteams(
    trajecten: QuerySet[Traject], *, lsc_id: int, regioteam_ids: list[int]
) -> QuerySet[Traject]:
    """The LSC's trajectories at schools it places in one of `regioteam_ids` (its own Bediening: one per
    school and LSC, so the join adds no rows)."""
    return trajecten.filter(
        lsc=lsc_id, school__bedieningen__lsc=lsc_id, school__bedieningen__regioteam__in=regioteam_ids
    )


def tellingen_per_regioteam(*, lsc_id: int, schooljaar: int, regioteam_ids: list[int]) -> list[dict]:
    """Trajectories alive in the school year (requested before its end, not closed before its start), counted
    per regio team, status, type and kind: rows {regioteam, status, type, gebondenheid, aantal}. One query."""
    begin, einde = schooljaar_grenzen(schooljaar)
    trajecten = Traject.objects.filter(
        Q(afgesloten_op__isnull=True) | Q(afgesloten_op__gte=begin), aangemeld_op__lt=einde
    )
    return list(
        _in_regioteams(trajecten, lsc_id=lsc_id, regioteam_ids=regioteam_ids)
        .values("status", "type", "gebondenheid", regioteam=F("school__bedieningen__regioteam"))
        .annotate(aantal=Count("pk"))
        .order_by()
    )


def antwoordtijden(*, lsc_id: int, schooljaar: int, regioteam_ids: list[int]) -> dict[int, int]:
    """Requests answered in the school year: how many took each number of days from request to answer. One
    query."""
    return _dagen_sinds_aanmelding("beantwoord_op", lsc_id=lsc_id, schooljaar=schooljaar, ids=regioteam_ids)


def _dagen_sinds_aanmelding(veld: str, *, lsc_id: int, schooljaar: int, ids: list[int]) -> dict[int, int]:
    """Trajectories whose date `veld` falls in the school year: how many had each number of days from
    request to that date (a date before the request counts as 0)."""
    begin, einde = schooljaar_grenzen(schooljaar)
    trajecten = Traject.objects.filter(**{f"{veld}__gte": begin, f"{veld}__lt": einde})
    rijen = (
        _in_regioteams(trajecten, lsc_id=lsc_id, regioteam_ids=ids)
        .annotate(duur=ExpressionWrapper(F(veld) - F("aangemeld_op"), output_field=DurationField()))
        .values("duur")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
    uit: dict[int, int] = defaultdict(int)
    for r in rijen:
        uit[max(r["duur"].days, 0)] += r["aantal"]
    return dict(uit)


def wachtende_aanvragen(
    *, lsc_id: int, regioteam_ids: list[int], termijn_dagen: int, vandaag: dt.date
) -> dict[str, int]:
    """Requests waiting for an answer now, and how many of them are past the answer term. One query."""
    uiterlijk = vandaag - dt.timedelta(days=termijn_dagen)
    return _in_regioteams(
        Traject.objects.filter(status=Status.AANGEMELD), lsc_id=lsc_id, regioteam_ids=regioteam_ids
    ).aggregate(wachtend=Count("pk"), te_laat=Count("pk", filter=Q(aangemeld_op__lt=uiterlijk)))


def looptijden(*, lsc_id: int, schooljaar: int, regioteam_ids: list[int]) -> dict[int, int]:
    """Trajectories closed in the school year: how many ran each number of days from request to closure.
    One query."""
    return _dagen_sinds_aanmelding("afgesloten_op", lsc_id=lsc_id, schooljaar=schooljaar, ids=regioteam_ids)


def focusvragen_per_focus(*, lsc_id: int, schooljaar: int) -> list[dict]:
    """The LSC's calls on a focus team asked in the school year, per focus and status: rows {focus, status,
    aantal}. One query."""
    begin, einde = schooljaar_grenzen(schooljaar)
    return list(
        Focusvraag.objects.filter(lsc=lsc_id, gevraagd_op__date__gte=begin, gevraagd_op__date__lt=einde)
        .values("focus", "status")
        .annotate(aantal=Count("pk"))
        .order_by()
    )
