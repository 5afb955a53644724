"""Follow-up of an LSC's capacity: every school's use of its tijdskader, and each supporter's planned hours.

The per-school arithmetic (pro rata, projection, flags) is `views_tijdskader.opvolging`, the same as on a
school's own tijdskader page. The reads here are aggregates over the whole LSC: a constant number of
queries, whatever the number of schools, supporters or log lines.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from capaciteit.models import Envelop, Tijdskader
from capaciteit.views_tijdskader import Opvolging, getal, opvolging
from netwerk.models import Ondersteuner
from netwerk.schooljaar import huidig_schooljaar
from trajecten.models import BREDE_TYPES, Frequentie, Logboekregel, Status, Toewijzing

# Without an envelope's full-time hours for the brede types, a full-time week counts 38 hours.
VOLTIJDSE_WEEK = 38
PER_WEEK = {
    Frequentie.WEEK: Fraction(1),
    Frequentie.TWEE_WEKEN: Fraction(1, 2),
    Frequentie.MAAND: Fraction(1, 4),
}
SIGNAAL_VOLGORDE = {"boven": 0, "onder": 1, "": 2}


def uren_per_week(intensiteit_minuten: int | None, frequentie: str) -> Fraction:
    """The agreed intensity in hours per week: per two weeks ÷ 2, per month ÷ 4; unknown counts 0."""
    if not intensiteit_minuten or frequentie not in PER_WEEK:
        return Fraction(0)
    return Fraction(intensiteit_minuten, 60) * PER_WEEK[frequentie]


def beschikbaar_per_week(opdracht_procent: int, envelop: Envelop | None) -> tuple[Fraction, str]:
    """Hours per week for support: the envelope's full-time hours ÷ its school weeks if set, else 38 h."""
    if envelop is not None and envelop.uren_per_voltijdse:
        week = Fraction(envelop.uren_per_voltijdse, envelop.schoolweken)
        bron = (
            f"{envelop.uren_per_voltijdse} uur per voltijdse opdracht (envelop) ÷ "
            f"{envelop.schoolweken} schoolweken = {getal(week, 1)} uur per week"
        )
    else:
        week = Fraction(VOLTIJDSE_WEEK)
        bron = f"{VOLTIJDSE_WEEK} uur per voltijdse week (de envelop legt geen uren per voltijdse vast)"
    return week * opdracht_procent / 100, bron


@dataclass
class Planning:
    ondersteuner: Ondersteuner
    breed: Fraction  # planned hours per week on brede types: against the assignment
    klein: Fraction  # planned hours per week on kleine types: outside the frame, shown apart
    beschikbaar: Fraction
    bron: str

    @property
    def te_veel(self) -> bool:
        return self.breed > self.beschikbaar

    @property
    def procent(self) -> str:
        return getal(self.breed / self.beschikbaar * 100, 0) if self.beschikbaar else "—"

    @property
    def breed_tekst(self) -> str:
        return getal(self.breed, 1)

    @property
    def klein_tekst(self) -> str:
        return getal(self.klein, 1)

    @property
    def beschikbaar_tekst(self) -> str:
        return getal(self.beschikbaar, 1)


def geplande_minuten(ondersteuner_ids: list[int]) -> dict[int, tuple[Fraction, Fraction]]:
    """Per supporter: hours per week (brede, kleine) of their running trajectories. One query."""
    resultaat: dict[int, tuple[Fraction, Fraction]] = {
        pk: (Fraction(0), Fraction(0)) for pk in ondersteuner_ids
    }
    rijen = Toewijzing.objects.filter(
        ondersteuner__in=ondersteuner_ids, traject__status=Status.LOPEND
    ).values_list("ondersteuner_id", "traject__type", "traject__intensiteit_minuten", "traject__frequentie")
    for pk, soort, minuten, frequentie in rijen:
        breed, klein = resultaat[pk]
        uren = uren_per_week(minuten, frequentie)
        resultaat[pk] = (breed + uren, klein) if soort in BREDE_TYPES else (breed, klein + uren)
    return resultaat


def envelop_van(lsc_id: int, schooljaar: int | None = None) -> Envelop | None:
    jaar = huidig_schooljaar() if schooljaar is None else schooljaar
    return Envelop.objects.filter(lsc=lsc_id, schooljaar=jaar).first()


def planningen(ondersteuners: list[Ondersteuner], envelop: Envelop | None) -> list[Planning]:
    gepland = geplande_minuten([o.pk for o in ondersteuners])
    resultaat = []
    for ondersteuner in ondersteuners:
        beschikbaar, bron = beschikbaar_per_week(ondersteuner.opdracht_procent, envelop)
        breed, klein = gepland[ondersteuner.pk]
        resultaat.append(Planning(ondersteuner, breed, klein, beschikbaar, bron))
    return resultaat


def planning_van(ondersteuner: Ondersteuner) -> Planning:
    """The supporter page's figure: two queries (the envelope of this school year, the assignments)."""
    return planningen([ondersteuner], envelop_van(ondersteuner.lsc_id))[0]


def minuten_per_school(*, lsc_id: int, schooljaar: int) -> dict[int, dict[dt.date, tuple[int, int]]]:
    """Per school, per month: (brede, kleine) minutes logged for the LSC this school year. One query."""
    rijen = (
        Logboekregel.objects.filter(
            traject__lsc=lsc_id,
            datum__gte=dt.date(schooljaar, 9, 1),
            datum__lt=dt.date(schooljaar + 1, 9, 1),
        )
        .annotate(maand=TruncMonth("datum"))
        .values("traject__school", "maand")
        .annotate(
            breed=Sum("minuten", filter=Q(traject__type__in=BREDE_TYPES)),
            klein=Sum("minuten", filter=~Q(traject__type__in=BREDE_TYPES)),
        )
        .order_by()
    )
    resultaat: dict[int, dict[dt.date, tuple[int, int]]] = {}
    for rij in rijen:
        resultaat.setdefault(rij["traject__school"], {})[rij["maand"]] = (
            rij["breed"] or 0,
            rij["klein"] or 0,
        )
    return resultaat


@dataclass
class Schoolrij:
    kader: Tijdskader
    opvolging: Opvolging

    @property
    def signaal(self) -> str:
        return self.opvolging.signaal

    @property
    def gebruikt(self) -> str:
        return getal(self.opvolging.gebruikt, 1)

    @property
    def klein(self) -> str:
        return getal(self.opvolging.klein, 1)

    @property
    def pro_rata(self) -> str:
        return getal(self.opvolging.pro_rata, 1)

    @property
    def procent(self) -> str:
        verhouding = self.opvolging.verhouding
        return "—" if verhouding is None else getal(verhouding * 100, 0)

    @property
    def projectie(self) -> str:
        projectie = self.opvolging.projectie
        return "—" if projectie is None else getal(projectie, 0)


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
    """Pure: one row per school; flagged schools first (far above, then far below) unless sorted by name."""
    rijen = [
        Schoolrij(
            kader,
            opvolging(
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
        rijen = [r for r in rijen if r.signaal]
    if sorteer == "naam":
        return sorted(rijen, key=lambda r: r.kader.school.naam)
    return sorted(rijen, key=lambda r: (SIGNAAL_VOLGORDE[r.signaal], r.kader.school.naam))


def actieve_ondersteuners(lsc_id: int) -> list[Ondersteuner]:
    return list(
        Ondersteuner.objects.filter(lsc=lsc_id, gebruiker__is_active=True)
        .select_related("gebruiker")
        .order_by("gebruiker__naam")
    )
