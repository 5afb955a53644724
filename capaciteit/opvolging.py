"""Follow-up of an LSC's capacity: each school's use of its tijdskader and each supporter's week.

The figures are defined once, in `capaciteit.cijfers`; this module reads what they need and shows them the
same way on every page (the school's frame page, the coordinator's follow-up, the supporter page and the
week plan). The reads are aggregates: a constant number of queries, whatever the number of schools,
supporters, visits or log lines.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import dateformat

from capaciteit import cijfers
from capaciteit.grafiek import kader_grafiek
from capaciteit.models import Envelop, Planregel, Tijdskader, Weekplan
from capaciteit.queries import gepubliceerd_weekplan
from netwerk.models import Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from trajecten.models import BREDE_TYPES, Logboekregel, Status, Toewijzing

MAANDNAMEN = {
    1: "januari",
    2: "februari",
    3: "maart",
    4: "april",
    5: "mei",
    6: "juni",
    7: "juli",
    8: "augustus",
    9: "september",
    10: "oktober",
    11: "november",
    12: "december",
}
SIGNAAL_VOLGORDE = {
    cijfers.Signaal.BOVEN: 0,
    cijfers.Signaal.ONDER: 1,
    cijfers.Signaal.BINNEN: 2,
    cijfers.Signaal.TE_VROEG: 3,
}
GEEN = "—"
STANDAARD_SCHOOLWEKEN = Envelop._meta.get_field("schoolweken").default


def drempels() -> dict[str, str | int]:
    """The signal's thresholds as the pages name them."""
    return {
        "boven": cijfers.procent(cijfers.VER_BOVEN),
        "onder": cijfers.procent(cijfers.VER_ONDER),
        "weken": cijfers.MINSTE_SCHOOLWEKEN,
    }


# ------------------------------------------------------------------------------------ a supporter's week


@dataclass
class Planning:
    """A supporter's week: available, planned in the published week plan, agreed in running trajectories."""

    ondersteuner: Ondersteuner
    beschikbaar: cijfers.Beschikbaar
    gepland: Fraction | None  # minutes per week in the published week plan; None: no plan published
    afgesproken_breed: Fraction  # minutes per week agreed on brede types
    afgesproken_klein: Fraction  # on kleine types: outside the frame

    @property
    def te_veel(self) -> bool:
        return self.gepland is not None and self.gepland > self.beschikbaar.minuten_per_week

    @property
    def beschikbaar_tekst(self) -> str:
        return cijfers.uren(self.beschikbaar.minuten_per_week)

    @property
    def voltijds_tekst(self) -> str:
        return cijfers.uren(self.beschikbaar.voltijds_minuten_per_week)

    @property
    def gepland_tekst(self) -> str:
        return GEEN if self.gepland is None else cijfers.uren(self.gepland)

    @property
    def procent(self) -> str:
        if self.gepland is None or not self.beschikbaar.minuten_per_week:
            return GEEN
        return cijfers.procent(self.gepland / self.beschikbaar.minuten_per_week)

    @property
    def afgesproken_breed_tekst(self) -> str:
        return cijfers.uren(self.afgesproken_breed)

    @property
    def afgesproken_klein_tekst(self) -> str:
        return cijfers.uren(self.afgesproken_klein)


def afgesproken_minuten(ondersteuner_ids: list[int]) -> dict[int, tuple[Fraction, Fraction]]:
    """Per supporter: minutes per week (brede, kleine) agreed in their running trajectories. One query."""
    resultaat = {pk: (Fraction(0), Fraction(0)) for pk in ondersteuner_ids}
    rijen = Toewijzing.objects.filter(
        ondersteuner__in=ondersteuner_ids, traject__status=Status.LOPEND
    ).values_list("ondersteuner_id", "traject__type", "traject__intensiteit_minuten", "traject__frequentie")
    for pk, soort, minuten, frequentie in rijen:
        breed, klein = resultaat[pk]
        per_week = cijfers.afgesproken_per_week(intensiteit_minuten=minuten, frequentie=frequentie)
        resultaat[pk] = (breed + per_week, klein) if soort in BREDE_TYPES else (breed, klein + per_week)
    return resultaat


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
    cyclus = cyclus_van(plan)
    return {
        pk: cijfers.gepland_per_week(blokken=blokken.get(pk, 0), cyclus_weken=cyclus)
        for pk in ondersteuner_ids
    }


def cyclus_van(plan: Weekplan) -> int:
    return int(plan.instellingen.get("cyclus_weken", 1))


def beschikbaar_bij(*, opdracht_procent: int, envelop: Envelop | None) -> cijfers.Beschikbaar:
    """Available per week for an assignment, by the envelope of the school year (38 hours without one)."""
    return cijfers.beschikbaar(
        opdracht_procent=opdracht_procent,
        uren_per_voltijdse=envelop.uren_per_voltijdse if envelop is not None else None,
        schoolweken=envelop.schoolweken if envelop is not None else STANDAARD_SCHOOLWEKEN,
    )


def beschikbaar_van(ondersteuner: Ondersteuner, envelop: Envelop | None) -> cijfers.Beschikbaar:
    return beschikbaar_bij(opdracht_procent=ondersteuner.opdracht_procent, envelop=envelop)


def envelop_van(lsc_id: int, schooljaar: int | None = None) -> Envelop | None:
    jaar = huidig_schooljaar() if schooljaar is None else schooljaar
    return Envelop.objects.filter(lsc=lsc_id, schooljaar=jaar).first()


def planningen(
    ondersteuners: list[Ondersteuner], *, envelop: Envelop | None, weekplan: Weekplan | None
) -> list[Planning]:
    ids = [o.pk for o in ondersteuners]
    gepland = geplande_minuten(weekplan, ids)
    afgesproken = afgesproken_minuten(ids)
    return [
        Planning(o, beschikbaar_van(o, envelop), gepland[o.pk], *afgesproken[o.pk]) for o in ondersteuners
    ]


def planning_van(ondersteuner: Ondersteuner, schooljaar: int | None = None) -> Planning:
    """The supporter page's figures: the envelope and the published week plan of the school year, the
    visits and the assignments (four queries)."""
    jaar = huidig_schooljaar() if schooljaar is None else schooljaar
    return planningen(
        [ondersteuner],
        envelop=envelop_van(ondersteuner.lsc_id, jaar),
        weekplan=gepubliceerd_weekplan(lsc_id=ondersteuner.lsc_id, schooljaar=jaar),
    )[0]


def actieve_ondersteuners(lsc_id: int) -> list[Ondersteuner]:
    return list(
        Ondersteuner.objects.filter(lsc=lsc_id, gebruiker__is_active=True)
        .select_related("gebruiker")
        .order_by("gebruiker__naam")
    )


# ------------------------------------------------------------------------------- a school's frame in use


def minuten_per_maand(regels: QuerySet[Logboekregel], *, per: str, schooljaar: int) -> dict[int, dict]:
    """Per value of `per` (a logbook line's field: "traject__school", "traject__lsc"), per month: (brede,
    kleine) minutes logged this school year. One query."""
    rijen = (
        regels.filter(datum__gte=dt.date(schooljaar, 9, 1), datum__lt=dt.date(schooljaar + 1, 9, 1))
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


@dataclass
class Gebruik:
    """A frame in use (`cijfers.Kadergebruik`) with its figures as every page writes them."""

    cijfers: cijfers.Kadergebruik

    @property
    def signaal(self) -> cijfers.Signaal:
        return self.cijfers.signaal

    @property
    def gebruikt(self) -> str:
        return cijfers.uren(self.cijfers.gebruikt)

    @property
    def klein(self) -> str:
        return cijfers.uren(self.cijfers.klein)

    @property
    def pro_rata(self) -> str:
        return cijfers.uren(self.cijfers.pro_rata)

    @property
    def verstreken_weken(self) -> str:
        return cijfers.getal(self.cijfers.verstreken_weken, 1)

    @property
    def procent(self) -> str:
        """Used as a percentage of pro rata; like the projection, not before the signal can say something."""
        verhouding = self.cijfers.verhouding
        if verhouding is None or self.signaal == cijfers.Signaal.TE_VROEG:
            return GEEN
        return cijfers.procent(verhouding)

    @property
    def projectie(self) -> str:
        projectie = self.cijfers.projectie
        return GEEN if projectie is None else cijfers.uren(projectie, 0)

    @cached_property
    def maanden(self) -> list[dict]:
        return [
            {
                "sleutel": f"{m.eerste:%Y-%m}",
                "label": f"{MAANDNAMEN[m.eerste.month]} {m.eerste.year}",
                # Dutch abbreviations as every date in the app shows them ("mrt", not "maa").
                "kort": dateformat.format(m.eerste, "b"),
                "kader": cijfers.uren(m.kader),
                "gebruikt": cijfers.uren(m.gebruikt),
                "klein": cijfers.uren(m.klein),
                "kader_cumulatief": m.kader_cumulatief / 60,
                "gebruikt_cumulatief": Fraction(m.gebruikt_cumulatief, 60),
                "verstreken": m.verstreken,
            }
            for m in self.cijfers.maanden
        ]

    @cached_property
    def grafiek(self) -> dict | None:
        return kader_grafiek(self.maanden)


def gebruik(*, uren: int, schoolweken: int, schooljaar: int, minuten: dict, vandaag: dt.date) -> Gebruik:
    return Gebruik(
        cijfers.kadergebruik(
            uren=uren, schoolweken=schoolweken, schooljaar=schooljaar, minuten=minuten, vandaag=vandaag
        )
    )


@dataclass
class Schoolrij:
    kader: Tijdskader
    opvolging: Gebruik

    @property
    def signaal(self) -> cijfers.Signaal:
        return self.opvolging.signaal


def schoolrijen(
    kaders: list[Tijdskader],
    minuten: dict[int, dict],
    *,
    schoolweken: int,
    schooljaar: int,
    vandaag: dt.date,
    enkel_gemarkeerd: bool = False,
    sorteer: str = "signaal",
) -> list[Schoolrij]:
    """Pure: one row per school; far above first, then far below, unless sorted by name."""
    rijen = [
        Schoolrij(
            kader,
            gebruik(
                uren=kader.uren,
                schoolweken=schoolweken,
                schooljaar=schooljaar,
                minuten=minuten.get(kader.school_id, {}),
                vandaag=vandaag,
            ),
        )
        for kader in kaders
    ]
    if enkel_gemarkeerd:
        rijen = [r for r in rijen if r.signaal.gemarkeerd]
    if sorteer == "naam":
        return sorted(rijen, key=lambda r: r.kader.school.naam)
    return sorted(rijen, key=lambda r: (SIGNAAL_VOLGORDE[r.signaal], r.kader.school.naam))
