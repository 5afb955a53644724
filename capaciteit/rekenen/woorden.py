"""A time frame in the words schools use: the exact average per school week and the nearest natural phrase.

Pure (no ORM). A day is 8 hours, a half day 4, a month 4 school weeks. The phrase is chosen among
amounts (1, 2, 3 uur, een halve dag, een dag, anderhalve dag, … in half days) and periods (per week,
om de twee weken, per maand): the one whose hours per week are closest to the exact average; ties go to
the simpler phrase (the shorter period first, then the smaller amount).
"""

from dataclasses import dataclass
from fractions import Fraction

from netwerk.opmaak import getal

DAG, HALVE_DAG, WEKEN_PER_MAAND = 8, 4, 4
GEEN = "geen ondersteuningstijd"

# Period name and its length in school weeks, simplest first.
PERIODES = (("per week", 1), ("om de twee weken", 2), ("per maand", WEKEN_PER_MAAND))

_TELWOORDEN = {
    1: "een",
    2: "twee",
    3: "drie",
    4: "vier",
    5: "vijf",
    6: "zes",
    7: "zeven",
    8: "acht",
    9: "negen",
    10: "tien",
}
_HALF = {2: "tweeënhalve", 3: "drieënhalve"}


@dataclass(frozen=True)
class Woorden:
    per_week: str  # "2,0 uur per week"
    zin: str  # "gemiddeld 2 uur per week"
    uren_per_week: Fraction  # exact average
    zin_uren_per_week: Fraction  # what the phrase means, per week

    def __str__(self) -> str:
        return self.zin if self.uren_per_week == 0 else f"{self.per_week}: {self.zin}"


def hoeveelheid(uren: int) -> str:
    """1, 2, 3 uur, then half days: "een halve dag", "een dag", "anderhalve dag", "twee dagen", …"""
    if uren < HALVE_DAG:
        return f"{uren} uur"
    dagen, half = divmod(uren // HALVE_DAG, 2)
    if not half:
        return "een dag" if dagen == 1 else f"{_TELWOORDEN.get(dagen, str(dagen))} dagen"
    if dagen == 0:
        return "een halve dag"
    if dagen == 1:
        return "anderhalve dag"
    if dagen in _HALF:
        return f"{_HALF[dagen]} dag"
    if dagen in _TELWOORDEN:
        return f"{_TELWOORDEN[dagen]}enhalve dag"
    return f"{dagen},5 dagen"


def _hoeveelheden(tot: Fraction) -> list[int]:
    """Hours the phrases may name: 1, 2, 3, then every half day up to past `tot` hours."""
    grootste = int(tot) + 2 * DAG
    return [1, 2, 3, *range(HALVE_DAG, grootste + 1, HALVE_DAG)]


def uren_tekst(waarde: Fraction, plaatsen: int = 1) -> str:
    """Hours per week always with their decimal, as the frame's sentence writes them: 2 → "2,0",
    4.25 → "4,3"."""
    return getal(waarde, plaatsen, vast=True)


def beschrijf(uren_per_jaar: int, schoolweken: int = 36) -> Woorden:
    if schoolweken < 1:
        raise ValueError("Een schooljaar heeft minstens één schoolweek.")
    if uren_per_jaar < 0:
        raise ValueError("Een tijdskader kan niet negatief zijn.")
    gemiddeld = Fraction(uren_per_jaar, schoolweken)
    if uren_per_jaar == 0:
        return Woorden("0,0 uur per week", GEEN, gemiddeld, Fraction(0))
    kandidaten = [
        (abs(Fraction(uren, weken) - gemiddeld), rang, uren, periode, Fraction(uren, weken))
        for rang, (periode, weken) in enumerate(PERIODES)
        for uren in _hoeveelheden(gemiddeld * weken)
    ]
    _, _, uren, periode, per_week = min(kandidaten, key=lambda k: (k[0], k[1], k[2]))
    return Woorden(
        per_week=f"{uren_tekst(gemiddeld)} uur per week",
        zin=f"gemiddeld {hoeveelheid(uren)} {periode}",
        uren_per_week=gemiddeld,
        zin_uren_per_week=per_week,
    )


def in_woorden(uren_per_jaar: int, schoolweken: int = 36) -> str:
    """ "2,0 uur per week: gemiddeld 2 uur per week"; 0 hours: "geen ondersteuningstijd"."""
    return str(beschrijf(uren_per_jaar, schoolweken))
