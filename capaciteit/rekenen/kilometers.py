"""A supporter's kilometres for reimbursement, per school day of a month, pure.

Each day is one route, home → the day's schools → home (`kengetallen.route_km`). The schools of a day are
the visits the supporter marked done that day; on a day without any mark, the visits the published plan
gave them, and the day says so. Each day's km is rounded to one decimal, and the month's total is the sum of
those rounded days, so that the total is exactly what the rows on the screen and in the export add up to.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from capaciteit.rekenen.weekplanning.kengetallen import route_km
from capaciteit.rekenen.weekplanning.typen import Positie

TIENDE = Decimal("0.1")


@dataclass(frozen=True)
class Bezoekdag:
    """A visit on a date as the overview needs it."""

    datum: dt.date
    school_id: int
    naam: str
    positie: Positie | None
    gedaan: bool


@dataclass(frozen=True)
class Reisdag:
    datum: dt.date
    scholen: tuple[str, ...]
    gedaan: bool  # True: the visits marked done; False: as planned (nothing marked that day)
    km: Decimal
    onbekend: bool  # a school or home without a known position: that leg counts 0

    @property
    def bron(self) -> str:
        return "gedaan" if self.gedaan else "gepland (niet als gedaan aangeduid)"


def afgerond(km: float) -> Decimal:
    return Decimal(str(km)).quantize(TIENDE, rounding=ROUND_HALF_UP)


def reisdagen(bezoeken: Iterable[Bezoekdag], thuis: Positie | None) -> list[Reisdag]:
    per_dag: dict[dt.date, list[Bezoekdag]] = defaultdict(list)
    for bezoek in bezoeken:
        per_dag[bezoek.datum].append(bezoek)
    dagen = []
    for datum in sorted(per_dag):
        gedaan = [b for b in per_dag[datum] if b.gedaan]
        gekozen = list({b.school_id: b for b in (gedaan or per_dag[datum])}.values())
        posities = [b.positie for b in gekozen]
        dagen.append(
            Reisdag(
                datum,
                tuple(sorted(b.naam for b in gekozen)),
                bool(gedaan),
                afgerond(route_km(thuis, posities)),
                thuis is None or any(p is None for p in posities),
            )
        )
    return dagen


def totaal(dagen: Iterable[Reisdag]) -> Decimal:
    return sum((dag.km for dag in dagen), Decimal("0.0"))


def als_rijen(dagen: list[Reisdag]) -> list[list]:
    """The overview as a file: a header, a row per day, the total; the same figures as the screen."""
    return [
        ["Datum", "Scholen", "Bron", "Km"],
        *([dag.datum, " + ".join(dag.scholen), dag.bron, dag.km] for dag in dagen),
        ["Totaal", "", "", totaal(dagen)],
    ]
