"""Reads for capacity: the key's inputs from the schools' figures, the envelope and its published versions,
a school's frames as its reader may see them, the follow-up's aggregates, and the week plans.

Every read here is a constant number of queries, whatever the number of schools, supporters or log lines;
the arithmetic on what they read is `capaciteit.rekenen`.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from decimal import Decimal
from fractions import Fraction
from functools import reduce
from operator import add

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import JSONObject, TruncMonth
from django.utils import timezone

from capaciteit.models import (
    Bezoekgedaan,
    Envelop,
    Herverdeling,
    Planregel,
    Planwijziging,
    Tijdskader,
    Verdeling,
    Weekplan,
)
from capaciteit.rekenen import cijfers, gedaan, opvolging
from capaciteit.rekenen.verdeling import Invoer
from capaciteit.rekenen.weekplanning import dagnaam, kalender
from capaciteit.rekenen.weekplanning.agenda import kloktijden
from netwerk.jsonrijen import Rijen
from netwerk.kalender import waarom_geen_schooldag
from netwerk.models import LSC_ROLLEN, Afwezigheid, Ondersteuner, Rol
from netwerk.schooljaar import huidig_schooljaar, schooljaar_grenzen, schooljaar_van
from scholen.models import Bediening, School, Schooljaarcijfers
from scholen.queries import door_lsc_bevestigd
from trajecten.models import BREDE_TYPES, Logboekregel, Status, Toewijzing
from trajecten.queries import lopende_toewijzingen

VELD_PER_SOORT = {"gc": "gc_verslagen", "iac": "iac_verslagen", "ov4": "ov4_verslagen"}


def invoer_voor(envelop: Envelop) -> list[Invoer]:
    """Per school the LSC serves: pupils in the reference year, and the sum and the number of the window's
    years it has figures for (its reports' mean is the one over the other). One query, aggregated per
    school in the database: 3,500 rows of integers, not the ~28,000 rows of figures behind them."""
    venster = Q(cijfers__schooljaar__gte=envelop.schooljaar - envelop.venster_jaren) & Q(
        cijfers__schooljaar__lt=envelop.schooljaar
    )
    verslagen = reduce(add, (F(f"cijfers__{VELD_PER_SOORT[s]}") for s in (envelop.verslagsoorten or ["gc"])))
    scholen = (
        School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=envelop.lsc_id)))
        .annotate(
            p=Max("cijfers__leerlingen", filter=Q(cijfers__schooljaar=envelop.referentie)),
            r=Sum(verslagen, filter=venster, output_field=IntegerField()),
            n=Count("cijfers", filter=venster),
        )
        .order_by("instellingsnummer")
        .values_list("instellingsnummer", "naam", "p", "r", "n")
    )
    return [Invoer(nummer, naam, p, r or 0, n) for nummer, naam, p, r, n in scholen]


def school_ids_per_nummer(envelop: Envelop) -> dict[str, int]:
    return dict(School.objects.filter(bedieningen__lsc=envelop.lsc_id).values_list("instellingsnummer", "pk"))


def gepubliceerde_versies(*, lsc_id: int, schooljaar: int) -> QuerySet[Verdeling]:
    """The published versions of the LSC's envelope of the year, newest first."""
    return Verdeling.objects.filter(envelop__lsc=lsc_id, envelop__schooljaar=schooljaar).order_by("-versie")


def gepubliceerd(*, lsc_id: int, schooljaar: int) -> Verdeling | None:
    return gepubliceerde_versies(lsc_id=lsc_id, schooljaar=schooljaar).select_related("envelop").first()


def gepubliceerde_weekplannen(*, lsc_id: int, schooljaar: int) -> QuerySet[Weekplan]:
    return Weekplan.objects.filter(
        lsc_id=lsc_id, schooljaar=schooljaar, status=Weekplan.Status.GEPUBLICEERD
    ).order_by("-versie")


def gepubliceerd_weekplan(*, lsc_id: int, schooljaar: int) -> Weekplan | None:
    return gepubliceerde_weekplannen(lsc_id=lsc_id, schooljaar=schooljaar).first()


def in_laatste_versie() -> Exists:
    """A filter on frames: only those of their envelope's latest published version."""
    nieuwer = Verdeling.objects.filter(
        envelop=OuterRef("verdeling__envelop"), versie__gt=OuterRef("verdeling__versie")
    )
    return ~Exists(nieuwer)


def tijdskaders_van(verdeling: Verdeling) -> QuerySet[Tijdskader]:
    return verdeling.tijdskaders.select_related("school").order_by("school__naam")


@dataclass(frozen=True)
class Kaderschool:
    naam: str
    instellingsnummer: str


@dataclass(frozen=True)
class Kaderrij:
    """A frame as the planning page reads it, like a Tijdskader with its school selected: its own columns
    and its school's name and number, from a tuple row (no 7,000 model instances for 3,500 schools)."""

    pk: int
    school_id: int
    leerlingen: int
    gemiddelde_verslagen: Decimal
    gewicht: Decimal
    quotum: Decimal
    basis: int
    extra: int
    berekende_uren: int
    uren: int
    school: Kaderschool


def tijdskaders_voor_planning(verdeling: Verdeling) -> list[Kaderrij]:
    """The version's frames by school name, as `tijdskaders_van` gives them (tests/capaciteit/test_planning.py
    compares the two). One query."""
    velden = [veld.name for veld in fields(Kaderrij)][:-1]
    rijen = tijdskaders_van(verdeling).values_list(*velden, "school__naam", "school__instellingsnummer")
    return [Kaderrij(*rij[:-2], Kaderschool(*rij[-2:])) for rij in rijen]


def uren_uit_personeel(envelop: Envelop) -> int | None:
    """Assignment % of the LSC's supporters × the yearly hours of a full-time job for the brede types."""
    if not envelop.uren_per_voltijdse:
        return None
    procent = (
        Ondersteuner.objects.filter(lsc=envelop.lsc_id, gebruiker__is_active=True).aggregate(
            totaal=Sum("opdracht_procent")
        )["totaal"]
        or 0
    )
    return procent * envelop.uren_per_voltijdse // 100


# ------------------------------------------------------------------------------------ the envelope


def enveloppen(lsc_id: int, schooljaar: int) -> QuerySet[Envelop]:
    return Envelop.objects.filter(lsc=lsc_id, schooljaar=schooljaar).order_by("pk")


def envelop_van(lsc_id: int, schooljaar: int | None = None) -> Envelop | None:
    jaar = huidig_schooljaar() if schooljaar is None else schooljaar
    return enveloppen(lsc_id, jaar).first()


def actieve_ondersteuners_qs(lsc_id: int) -> QuerySet[Ondersteuner]:
    """As `actieve_ondersteuners`, as a queryset (a JSON column of the home page's LSC row)."""
    return Ondersteuner.objects.filter(lsc=lsc_id, gebruiker__is_active=True).order_by("gebruiker__naam")


def versies_van(*, lsc_id: int, schooljaar: int) -> list[Verdeling]:
    """The published versions, newest first, each with the one envelope they share: one query."""
    versies = list(
        Verdeling.objects.filter(envelop__lsc=lsc_id, envelop__schooljaar=schooljaar)
        .select_related("envelop", "gepubliceerd_door")
        .order_by("-versie")
    )
    for versie in versies[1:]:
        versie.envelop = versies[0].envelop
    return versies


VERSCHUIVINGEN = Rijen(
    Herverdeling.objects.filter(verdeling=OuterRef("pk")),
    samen=(
        "van",
        "van__school",
        "naar",
        "naar__school",
        "door",
        "overgenomen_van",
        "overgenomen_van__verdeling",
    ),
)


def versies_met_verschuivingen(*, lsc_id: int, schooljaar: int) -> tuple[list[Verdeling], list[Herverdeling]]:
    """The published versions, newest first, with their envelope, and the moves of hours of all of them
    (newest first, as `alle_verschuivingen`), in one query: each version brings its moves as a JSON column."""
    versies = list(
        Verdeling.objects.filter(envelop__lsc=lsc_id, envelop__schooljaar=schooljaar)
        .select_related("envelop", "gepubliceerd_door")
        .annotate(json_verschuivingen=VERSCHUIVINGEN.expressie())
        .order_by("-versie")
    )
    verschuivingen = []
    for versie in versies:
        versie.envelop = versies[0].envelop
        for verschuiving in VERSCHUIVINGEN.instanties(versie.json_verschuivingen):
            verschuiving.verdeling = versie
            verschuivingen.append(verschuiving)
    verschuivingen.sort(key=lambda h: (h.wanneer, h.pk), reverse=True)
    return versies, verschuivingen


def verschuivingen_van(verdeling: Verdeling | None) -> list[Herverdeling]:
    """The moves of a version in the order they were made, with what the pages show of each."""
    if verdeling is None:
        return []
    return list(
        verdeling.herverdelingen.select_related(
            "van__school", "naar__school", "door", "overgenomen_van__verdeling"
        ).order_by("pk")
    )


def alle_verschuivingen(envelop: Envelop) -> list[Herverdeling]:
    """The moves of every version of the envelope, with what the planning page shows of each."""
    if envelop.pk is None:
        return []
    return list(
        Herverdeling.objects.filter(verdeling__envelop=envelop).select_related(
            "van__school", "naar__school", "door", "verdeling", "overgenomen_van__verdeling"
        )
    )


# ------------------------------------------------------------------------------------ a school's frames


def tijdskaders_van_school(gebruiker, school: School, schooljaar: int) -> list[Tijdskader]:
    """The school's frame in the latest published version of each LSC serving it that `gebruiker` may see
    (LSC staff their own; school care staff where the LSC vouched for them), with that version's totals (ΣP,
    ΣR, the number of schools) and the frame's moves of hours as JSON: one query."""
    kaders = Tijdskader.objects.filter(
        Exists(Bediening.objects.filter(school=school, lsc=OuterRef("verdeling__envelop__lsc"))),
        in_laatste_versie(),
        school=school,
        verdeling__envelop__schooljaar=schooljaar,
    )
    if gebruiker.rol in LSC_ROLLEN and not gebruiker.is_superuser:
        kaders = kaders.filter(verdeling__envelop__lsc=gebruiker.lsc_id)
    elif gebruiker.rol == Rol.ZORG:
        kaders = kaders.filter(
            door_lsc_bevestigd(gebruiker, school=school, lsc=OuterRef("verdeling__envelop__lsc"))
        )
    zelfde_versie = Tijdskader.objects.filter(verdeling=OuterRef("verdeling")).order_by().values("verdeling")

    def totaal(som, veld):
        return Subquery(zelfde_versie.annotate(totaal=som).values("totaal"), output_field=veld)

    bewegingen = (
        Herverdeling.objects.filter(Q(van=OuterRef("pk")) | Q(naar=OuterRef("pk")))
        .order_by("wanneer", "id")
        .values(
            json=JSONObject(
                wanneer="wanneer",
                uren="uren",
                van_id="van_id",
                van="van__school__naam",
                naar="naar__school__naam",
                reden="reden",
            )
        )
    )
    kaders = kaders.select_related("verdeling__envelop__lsc").annotate(
        som_p=totaal(Sum("leerlingen"), IntegerField()),
        som_r=totaal(Sum("gemiddelde_verslagen"), DecimalField()),
        scholen=totaal(Count("pk"), IntegerField()),
        bewegingen=ArraySubquery(bewegingen),
    )
    return sorted(kaders, key=lambda k: k.verdeling.envelop.lsc.naam)


def met_cijferjaren(scholen: QuerySet[School], schooljaar: int) -> QuerySet[School]:
    """Each school with the school years before `schooljaar` it has figures of (`cijferjaren`)."""
    jaren = Schooljaarcijfers.objects.filter(school=OuterRef("pk"), schooljaar__lt=schooljaar).values(
        "schooljaar"
    )
    return scholen.annotate(cijferjaren=ArraySubquery(jaren))


# ------------------------------------------------------------------------------------ the follow-up


def minuten_per_maand(regels: QuerySet[Logboekregel], *, per: str, schooljaar: int) -> dict[int, dict]:
    """Per value of `per` (a logbook line's field: "traject__school", "traject__lsc"), per month: (brede,
    kleine) minutes logged this school year. One query."""
    begin, einde = schooljaar_grenzen(schooljaar)
    rijen = (
        regels.filter(datum__gte=begin, datum__lt=einde)
        .annotate(maand=TruncMonth("datum"))
        .values(per, "maand")
        .annotate(
            breed=Sum("minuten", filter=Q(traject__type__in=BREDE_TYPES)),
            klein=Sum("minuten", filter=~Q(traject__type__in=BREDE_TYPES)),
        )
        .order_by()
    )
    resultaat: dict[int, dict] = {}
    for rij in rijen:
        resultaat.setdefault(rij[per], {})[rij["maand"]] = (rij["breed"] or 0, rij["klein"] or 0)
    return resultaat


def minuten_van_lsc(lsc_id: int, schooljaar: int) -> dict[int, dict]:
    """Per school the LSC logged time at, per month: (brede, kleine) minutes. One query."""
    return minuten_per_maand(
        Logboekregel.objects.filter(traject__lsc=lsc_id), per="traject__school", schooljaar=schooljaar
    )


def brede_minuten_per_school(lsc_id: int, schooljaar: int) -> dict[int, int]:
    """Per school the LSC logged time at this school year: the minutes on brede types, summed in the
    database (what `minuten_van_lsc` gives per month, added up: tests/capaciteit/test_planning.py). One
    query."""
    begin, einde = schooljaar_grenzen(schooljaar)
    rijen = (
        Logboekregel.objects.filter(
            traject__lsc=lsc_id, datum__gte=begin, datum__lt=einde, traject__type__in=BREDE_TYPES
        )
        .values("traject__school")
        .annotate(breed=Sum("minuten"))
        .order_by()
        .values_list("traject__school", "breed")
    )
    return dict(rijen)


def minuten_op_school(school: School, lsc_ids: list[int], schooljaar: int) -> dict[int, dict]:
    """Per LSC, per month: (brede, kleine) minutes logged at the school. One query."""
    regels = Logboekregel.objects.filter(traject__school=school, traject__lsc__in=lsc_ids)
    return minuten_per_maand(regels, per="traject__lsc", schooljaar=schooljaar)


def afgesproken_minuten(ondersteuner_ids: list[int]) -> dict[int, tuple[Fraction, Fraction]]:
    """Per supporter: minutes per week (brede, kleine) agreed in their running trajectories. One query."""
    per_ondersteuner: dict[int, list] = {pk: [] for pk in ondersteuner_ids}
    rijen = Toewijzing.objects.filter(
        ondersteuner__in=ondersteuner_ids, traject__status=Status.LOPEND
    ).values_list("ondersteuner_id", "traject__type", "traject__intensiteit_minuten", "traject__frequentie")
    for pk, soort, minuten, frequentie in rijen:
        per_ondersteuner[pk].append((soort in BREDE_TYPES, minuten, frequentie))
    return {pk: opvolging.afgesproken(rijen) for pk, rijen in per_ondersteuner.items()}


def afgesproken_per_school(*, lsc_id: int) -> dict[tuple[int, int], Fraction]:
    """Per (supporter, school): minutes per week agreed in the supporter's running trajectories of brede types
    there, of the LSC's own trajectories and supporters. The same trajectories as `afgesproken_minuten`
    counts for the brede types (running; the kinds the frame pays for), each at its full intensity for every
    supporter on it, anchor or focus. One query."""
    per_paar: dict[tuple[int, int], Fraction] = {}
    rijen = Toewijzing.objects.filter(
        traject__lsc_id=lsc_id,
        ondersteuner__lsc_id=lsc_id,
        traject__status=Status.LOPEND,
        traject__type__in=BREDE_TYPES,
    ).values_list(
        "ondersteuner_id", "traject__school_id", "traject__intensiteit_minuten", "traject__frequentie"
    )
    for o, school, minuten, frequentie in rijen:
        per_week = cijfers.afgesproken_per_week(intensiteit_minuten=minuten, frequentie=frequentie)
        per_paar[o, school] = per_paar.get((o, school), Fraction(0)) + per_week
    return per_paar


def geplande_minuten(plan: Weekplan | None, ondersteuner_ids: list[int]) -> dict[int, Fraction | None]:
    """Per supporter: minutes per week of their visits in `plan` (None without a plan). One query."""
    if plan is None:
        return dict.fromkeys(ondersteuner_ids)
    blokken = dict(
        Planregel.objects.filter(weekplan=plan, ondersteuner__in=ondersteuner_ids)
        .values("ondersteuner_id")
        .annotate(blokken=Sum("blokken"))
        .order_by()
        .values_list("ondersteuner_id", "blokken")
    )
    return {
        pk: cijfers.gepland_per_week(blokken=blokken.get(pk, 0), cyclus_weken=plan.cyclus_weken)
        for pk in ondersteuner_ids
    }


def actieve_ondersteuners(lsc_id: int, *, alleen: Collection[int] | None = None) -> list[Ondersteuner]:
    """The LSC's active supporters by name (only those of the ids `alleen`, when given)."""
    ondersteuners = actieve_ondersteuners_qs(lsc_id)
    if alleen is not None:
        ondersteuners = ondersteuners.filter(pk__in=alleen)
    return list(ondersteuners.select_related("gebruiker"))


def planningen(
    ondersteuners: list[Ondersteuner], *, envelop: Envelop | None, weekplan: Weekplan | None
) -> list[opvolging.Planning]:
    """Each supporter's week: two queries, whatever the number of supporters."""
    ids = [o.pk for o in ondersteuners]
    return opvolging.planningen(
        ondersteuners,
        envelop=envelop,
        gepland=geplande_minuten(weekplan, ids),
        afgesproken=afgesproken_minuten(ids),
    )


def planning_van(ondersteuner: Ondersteuner, schooljaar: int | None = None) -> opvolging.Planning:
    """The supporter page's figures: the envelope and the published week plan of the school year, the
    visits and the assignments (four queries)."""
    jaar = huidig_schooljaar() if schooljaar is None else schooljaar
    return planningen(
        [ondersteuner],
        envelop=envelop_van(ondersteuner.lsc_id, jaar),
        weekplan=gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=jaar),
    )[0]


# ------------------------------------------------------------------------------------ the week plans


def huidige_paren(*, lsc_id: int, schooljaar: int) -> set[tuple[int, int]]:
    """Who works where now, as (supporter, school): running trajectories and the published plan."""
    paren = set(
        lopende_toewijzingen(traject__lsc_id=lsc_id, ondersteuner__lsc_id=lsc_id).values_list(
            "ondersteuner_id", "traject__school_id"
        )
    )
    huidig = gepubliceerd_weekplan(lsc_id=lsc_id, schooljaar=schooljaar)
    if huidig is not None:
        paren |= set(huidig.regels.values_list("ondersteuner_id", "school_id"))
    return paren


def recente_voorstellen(*, lsc_id: int, schooljaar: int, aantal: int) -> QuerySet[Weekplan]:
    return (
        Weekplan.objects.filter(lsc_id=lsc_id, schooljaar=schooljaar)
        .exclude(status=Weekplan.Status.GEPUBLICEERD)
        .select_related("aangemaakt_door")[:aantal]
    )


def weekplanregels(
    plan: Weekplan, *, regioteam: int | None = None, school: int | None = None
) -> QuerySet[Planregel]:
    """A plan's visits by supporter and day, with supporter and school; only the supporters of a regio team,
    or only those who visit a school, when asked."""
    regels = plan.regels.select_related("ondersteuner__gebruiker", "school").order_by(
        "ondersteuner__gebruiker__naam", "ondersteuner_id", "dag", "school__naam"
    )
    if regioteam is not None:
        regels = regels.filter(ondersteuner__regioteam_id=regioteam)
    if school is not None:
        regels = regels.filter(
            ondersteuner_id__in=plan.regels.filter(school_id=school).values("ondersteuner_id")
        )
    return regels


def ondersteuners_voor_plan(plan: Weekplan) -> QuerySet[Ondersteuner]:
    """The LSC's active supporters a visit of `plan` can move to, by name."""
    return (
        Ondersteuner.objects.filter(lsc_id=plan.lsc_id, gebruiker__is_active=True)
        .select_related("gebruiker", "regioteam")
        .order_by("gebruiker__naam", "pk")
    )


def ruilbare_bezoeken(regel: Planregel) -> QuerySet[Planregel]:
    """The visits `regel` can swap with: those of its day at other supporters, and those at its school on
    other days or of other supporters; by day and name."""
    return (
        regel.weekplan.regels.filter(Q(dag=regel.dag) | Q(school_id=regel.school_id))
        .exclude(ondersteuner_id=regel.ondersteuner_id, dag=regel.dag)
        .select_related("ondersteuner__gebruiker", "school")
        .order_by("dag", "ondersteuner__gebruiker__naam", "school__naam")
    )


def scholen_in_plan(plan: Weekplan) -> QuerySet[School]:
    return School.objects.filter(planregels__weekplan=plan).distinct().order_by("naam").only("pk", "naam")


def bezoeken_in_plan(plan: Weekplan, ondersteuner: Ondersteuner) -> QuerySet[Planregel]:
    """A supporter's visits in a plan, in the order of their days."""
    return (
        plan.regels.filter(ondersteuner=ondersteuner).select_related("school").order_by("dag", "school__naam")
    )


def geplande_scholen_op(ondersteuner: Ondersteuner, datum: dt.date) -> list[int]:
    """The schools of a supporter's visits on `datum` in their LSC's latest published week plan of that
    school year, laid on the calendar (`plan_op_datums`): none on a day without school or of absence, the
    day's changes applied (a replacement's visit is theirs). Four queries; none at the weekend."""
    if datum.weekday() > 4:
        return []
    plan = (
        Weekplan.objects.filter(
            lsc=ondersteuner.lsc_id, schooljaar=schooljaar_van(datum), status=Weekplan.Status.GEPUBLICEERD
        )
        .order_by("-versie")
        .first()
    )
    if plan is None:
        return []
    gevonden = plan_op_datums(plan, van=datum, tot=datum, ondersteuner_id=ondersteuner.pk)
    return list(dict.fromkeys(bezoek.school.pk for bezoek in gevonden.bezoeken))


def gedane_scholen_op(ondersteuner: Ondersteuner, datum: dt.date) -> set[int]:
    """The schools whose visit on `datum` the supporter marked done. One query."""
    return set(
        Bezoekgedaan.objects.filter(ondersteuner=ondersteuner, datum=datum).values_list(
            "school_id", flat=True
        )
    )


def bezoeken_aan_school(gebruiker, school: School, schooljaar: int) -> QuerySet[Planregel]:
    """Who comes on which day: the visits at the school in the published week plans of `schooljaar` that
    `gebruiker` may see (LSC staff their own LSC's; care staff those of the LSCs that vouched for them;
    nobody else), by day and name."""
    bezoeken = Planregel.objects.filter(
        school=school, weekplan__status=Weekplan.Status.GEPUBLICEERD, weekplan__schooljaar=schooljaar
    )
    if gebruiker.rol in LSC_ROLLEN and gebruiker.lsc_id is not None:
        bezoeken = bezoeken.filter(weekplan__lsc=gebruiker.lsc_id)
    elif gebruiker.rol == Rol.ZORG:
        bezoeken = bezoeken.filter(
            door_lsc_bevestigd(gebruiker, school=school, lsc=OuterRef("weekplan__lsc"))
        )
    else:
        return Planregel.objects.none()
    return bezoeken.select_related("ondersteuner__gebruiker", "weekplan__lsc").order_by(
        "dag", "ondersteuner__gebruiker__naam"
    )


def per_dag(bezoeken) -> list[tuple[str, list]]:
    """[(day name, [visits])] in the order of the cycle."""
    dagen: dict[int, tuple[str, list]] = {}
    for bezoek in bezoeken:
        dagen.setdefault(bezoek.dag, (dagnaam(bezoek.dag, bezoek.weekplan.cyclus_weken), []))[1].append(
            bezoek
        )
    return list(dagen.values())


def versie_gezien(laatste: Verdeling, verdeling_id: int | None) -> Verdeling:
    """The version the coordinator moved hours in, if it is one of this envelope's; else the latest."""
    if verdeling_id is None or verdeling_id == laatste.pk:
        return laatste
    return laatste.envelop.verdelingen.filter(pk=verdeling_id).first() or laatste


# ------------------------------------------------------------------------------ the policy team's pictures


def gelogde_minuten(ondersteuner_ids: list[int], schooljaar: int) -> dict[int, int]:
    """Per supporter: minutes logged in the school year, on any trajectory. One query."""
    begin, einde = schooljaar_grenzen(schooljaar)
    rijen = (
        Logboekregel.objects.filter(ondersteuner__in=ondersteuner_ids, datum__gte=begin, datum__lt=einde)
        .values("ondersteuner_id")
        .annotate(minuten=Sum("minuten"))
        .order_by()
        .values_list("ondersteuner_id", "minuten")
    )
    return dict.fromkeys(ondersteuner_ids, 0) | dict(rijen)


def tijdskaders_in_regioteams(verdeling: Verdeling, regioteam_ids: list[int]) -> list[Tijdskader]:
    """The published frames of the schools the LSC places in `regioteam_ids`, with that regio team's id."""
    lsc_id = verdeling.envelop.lsc_id
    return list(
        tijdskaders_van(verdeling)
        .filter(school__bedieningen__lsc=lsc_id, school__bedieningen__regioteam__in=regioteam_ids)
        .annotate(regioteam_id=F("school__bedieningen__regioteam"))
    )


# ------------------------------------------------------------------------------- the plan on real dates


@dataclass(frozen=True)
class Datumbezoek:
    """A visit on a date, as pages show it: the rows behind it, its clock times, and what changed."""

    datum: dt.date
    ondersteuner: Ondersteuner
    school: School
    blokken: int
    begin: dt.time
    einde: dt.time
    regel: Planregel
    wijziging: Planwijziging | None

    @property
    def uren(self):
        return self.blokken / 2


@dataclass
class Kalender:
    """The visits from `van` to `tot`, and the absences of the supporters they concern."""

    van: dt.date
    tot: dt.date
    bezoeken: list[Datumbezoek]
    afwezigheden: dict[int, list[tuple[dt.date, dt.date]]]
    wijzigingen: list[Planwijziging]


def als_vast(regel: Planregel) -> kalender.Vast:
    return kalender.Vast(regel.pk, regel.ondersteuner_id, regel.school_id, regel.dag, regel.blokken)


def als_wijziging(w: Planwijziging) -> kalender.Wijziging:
    return kalender.Wijziging(
        w.planregel_id, w.datum, kalender.Soort(w.soort), w.school_id, w.nieuwe_datum, w.ondersteuner_id
    )


def afwezigheden_van(ondersteuner_ids, *, van: dt.date, tot: dt.date) -> dict[int, list[tuple]]:
    """(from, to) per supporter of every absence that touches [van, tot], in one query."""
    perioden: dict[int, list[tuple]] = {}
    for o, a, b in (
        Afwezigheid.objects.filter(ondersteuner_id__in=ondersteuner_ids, van__lte=tot, tot__gte=van)
        .order_by("van")
        .values_list("ondersteuner_id", "van", "tot")
    ):
        perioden.setdefault(o, []).append((a, b))
    return perioden


def plan_op_datums(
    plan: Weekplan | None,
    *,
    van: dt.date,
    tot: dt.date,
    ondersteuner_id: int | None = None,
    school_id: int | None = None,
) -> Kalender:
    """The published plan laid on the dates from `van` to `tot` (`rekenen.weekplanning.kalender`): holidays,
    absences and one-off changes applied; only one supporter's or one school's visits when asked. Three
    queries: the plan's changes, the visits they and the filter concern, the absences."""
    if plan is None:
        return Kalender(van, tot, [], {}, [])
    wijzigingen = list(
        plan.wijzigingen.select_related(
            "school", "ondersteuner__gebruiker", "planregel__school", "planregel__ondersteuner__gebruiker"
        ).order_by("datum", "pk")
    )
    regels = plan.regels.select_related("school", "ondersteuner__gebruiker")
    if ondersteuner_id is not None or school_id is not None:
        via = {
            w.planregel_id
            for w in wijzigingen
            if (ondersteuner_id is not None and w.ondersteuner_id == ondersteuner_id)
            or (school_id is not None and w.school_id == school_id)
        }
        eigen = Q(ondersteuner_id=ondersteuner_id) if ondersteuner_id is not None else Q(school_id=school_id)
        regels = regels.filter(eigen | Q(pk__in=via))
    regels = {r.pk: r for r in regels}
    per_regel = {(w.planregel_id, w.datum): w for w in wijzigingen if w.planregel_id in regels}
    betrokken = {r.ondersteuner_id for r in regels.values()} | {
        w.ondersteuner_id for w in per_regel.values() if w.ondersteuner_id
    }
    afwezig = afwezigheden_van(betrokken, van=van, tot=tot) if betrokken else {}
    gevonden = kalender.bezoeken(
        [als_vast(r) for r in regels.values()],
        cyclus_weken=plan.cyclus_weken,
        van=van,
        tot=tot,
        afwezigheden=afwezig,
        wijzigingen=[als_wijziging(w) for w in per_regel.values()],
    )
    if ondersteuner_id is not None:
        gevonden = [b for b in gevonden if b.ondersteuner_id == ondersteuner_id]
    if school_id is not None:
        gevonden = [b for b in gevonden if b.school_id == school_id]
    return Kalender(van, tot, _met_rijen(gevonden, regels, per_regel), afwezig, list(per_regel.values()))


def _met_rijen(gevonden, regels: dict[int, Planregel], per_regel: dict) -> list[Datumbezoek]:
    rijen = []
    for bezoek in gevonden:
        regel = regels[bezoek.regel_id]
        wijziging = per_regel.get((bezoek.regel_id, bezoek.oorspronkelijke_datum))
        school, ondersteuner = regel.school, regel.ondersteuner
        if wijziging is not None and wijziging.school is not None:
            school = wijziging.school
        if wijziging is not None and wijziging.ondersteuner is not None:
            ondersteuner = wijziging.ondersteuner
        rijen.append((bezoek, regel, wijziging, school, ondersteuner))
    # A supporter's day in the order of the school names: the first visit starts at 08:30, the next follows.
    rijen.sort(key=lambda r: (r[0].datum, r[4].gebruiker.naam, r[4].pk, r[3].naam, r[1].pk))
    tijden = kloktijden(((b.datum, o.pk), b.blokken) for b, _r, _w, _s, o in rijen)
    return [
        Datumbezoek(b.datum, o, s, b.blokken, begin, einde, r, w)
        for (b, r, w, s, o), (begin, einde) in zip(rijen, tijden, strict=True)
    ]


@dataclass
class Dag:
    datum: dt.date
    vrij: str | None  # why there is no school, or None
    afwezig: bool = False
    bezoeken: list = field(default_factory=list)
    wijzigingen: list = field(default_factory=list)  # the supporter's own visits that changed away


def dagen_van(kal: Kalender, ondersteuner_id: int | None = None, school_id: int | None = None) -> list[Dag]:
    """The weekdays of the range, each with its visits; for one supporter also whether they are absent and
    which of their visits that day were cancelled, moved or handed over."""
    dagen = []
    datum = kal.van
    while datum <= kal.tot:
        if datum.weekday() < 5:
            dag = Dag(datum, waarom_geen_schooldag(datum))
            if ondersteuner_id is not None:
                dag.afwezig = kalender.afwezig_op(datum, kal.afwezigheden.get(ondersteuner_id, ()))
                dag.wijzigingen = [
                    w
                    for w in kal.wijzigingen
                    if w.datum == datum
                    and w.planregel.ondersteuner_id == ondersteuner_id
                    and w.soort != w.Soort.ANDERE_SCHOOL
                ]
            if school_id is not None:  # the school's visits of that day that were cancelled or moved away
                dag.wijzigingen = [
                    w
                    for w in kal.wijzigingen
                    if w.datum == datum
                    and w.planregel.school_id == school_id
                    and w.soort != w.Soort.ANDERE_ONDERSTEUNER
                ]
            dag.bezoeken = [b for b in kal.bezoeken if b.datum == datum]
            dagen.append(dag)
        datum += dt.timedelta(days=1)
    return dagen


def school_op_datums(plannen, school_id: int, *, van: dt.date, tot: dt.date) -> list[Dag]:
    """Who comes to a school on which date, over the published plans given (one per LSC that serves it and
    that the reader may see): three queries per plan."""
    kalenders = [plan_op_datums(plan, van=van, tot=tot, school_id=school_id) for plan in plannen]
    bezoeken = sorted(
        (b for k in kalenders for b in k.bezoeken),
        key=lambda b: (b.datum, b.begin, b.ondersteuner.gebruiker.naam),
    )
    samen = Kalender(van, tot, bezoeken, {}, [w for k in kalenders for w in k.wijzigingen])
    return dagen_van(samen, school_id=school_id)


# ------------------------------------------------------------------------ planned, done and logged


@dataclass
class GeplandGedaan:
    """Planned, done and logged minutes up to `tot`, per school and per supporter, with their rows."""

    tot: dt.date | None
    scholen: list[tuple[School, "gedaan.Drie"]]
    ondersteuners: list[tuple[Ondersteuner, "gedaan.Drie"]]


def gepland_gedaan_gelogd(plan: Weekplan | None, *, lsc_id: int, schooljaar: int) -> GeplandGedaan:
    """The published plan counted on the school dates of the year up to today, not laid on each of them
    (`gedaan.per_school_en_ondersteuner_geteld`; its visits, changes and absences in three queries, as
    `plan_op_datums` reads them), the supporters' marks of those dates (one query) and the minutes logged on
    the LSC's trajectories up to today by school and supporter (one query): five queries, however many
    schools, supporters and dates."""
    begin, einde = schooljaar_grenzen(schooljaar)
    tot = min(timezone.localdate(), einde - dt.timedelta(days=1))
    if plan is None or tot < begin:
        return GeplandGedaan(None, [], [])
    wijzigingen = list(
        plan.wijzigingen.select_related("school", "ondersteuner__gebruiker").order_by("datum", "pk")
    )
    regels = list(plan.regels.select_related("school", "ondersteuner__gebruiker"))
    betrokken = {r.ondersteuner_id for r in regels} | {
        w.ondersteuner_id for w in wijzigingen if w.ondersteuner_id
    }
    afwezig = afwezigheden_van(betrokken, van=begin, tot=tot) if betrokken else {}
    gedane = set(
        Bezoekgedaan.objects.filter(ondersteuner__lsc=lsc_id, datum__gte=begin, datum__lte=tot).values_list(
            "ondersteuner_id", "school_id", "datum"
        )
    )
    gelogd = (
        Logboekregel.objects.filter(traject__lsc=lsc_id, datum__gte=begin, datum__lte=tot)
        .values("traject__school", "ondersteuner")
        .annotate(minuten=Sum("minuten"))
        .order_by()
        .values_list("traject__school", "ondersteuner", "minuten")
    )
    per_school, per_ondersteuner = gedaan.per_school_en_ondersteuner_geteld(
        [als_vast(r) for r in regels],
        cyclus_weken=plan.cyclus_weken,
        van=begin,
        tot=tot,
        afwezigheden=afwezig,
        wijzigingen=[als_wijziging(w) for w in wijzigingen],
        gedaan=gedane,
        gelogd=gelogd,
    )
    scholen = {r.school.pk: r.school for r in regels} | {
        w.school_id: w.school for w in wijzigingen if w.school_id
    }
    ondersteuners = {r.ondersteuner.pk: r.ondersteuner for r in regels} | {
        w.ondersteuner_id: w.ondersteuner for w in wijzigingen if w.ondersteuner_id
    }
    return GeplandGedaan(
        tot,
        sorted(((scholen[pk], drie) for pk, drie in per_school.items()), key=lambda r: r[0].naam),
        sorted(
            ((ondersteuners[pk], drie) for pk, drie in per_ondersteuner.items()),
            key=lambda r: r[0].gebruiker.naam,
        ),
    )
