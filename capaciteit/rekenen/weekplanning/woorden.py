"""What a plan achieves and gives up against another, in plain Dutch: "22 scholen minder onder hun kader,
74 km meer per week". From the figures `kengetallen` computes (JSON as stored with a plan), nothing else, so
the sentence and the table of figures beside it cannot disagree. Pure.
"""

from collections.abc import Callable
from dataclasses import dataclass

from netwerk.opmaak import getal


@dataclass(frozen=True)
class Verschil:
    """One figure's difference, said in words; `beter` is True when this plan does better on it."""

    tekst: str
    beter: bool


def _aantal(meervoud: str, enkelvoud: str) -> Callable[[float], str]:
    def zeg(n: float) -> str:
        return f"{getal(n, 0)} {enkelvoud if n == 1 else meervoud}"

    return zeg


def _km(n: float) -> str:
    return f"{getal(n, 0)} km"


def _uren(n: float) -> str:
    return f"{getal(n, 2)} uur"


def _gemiddeld(n: float) -> str:
    return f"gemiddeld {getal(n, 2)}"


# (figure, how its amount is said, what follows "minder"/"meer"): lower is better for every one of them.
FIGUREN: tuple[tuple[Callable[[dict], float | None], Callable[[float], str], str], ...] = (
    (lambda k: k.get("scholen_onder_tolerantie"), _aantal("scholen", "school"), "onder hun tijdskader"),
    (lambda k: k.get("scholen_boven_tolerantie"), _aantal("scholen", "school"), "boven hun tijdskader"),
    (
        lambda k: k.get("dagen_boven_max"),
        _aantal("dagen", "dag"),
        "waarop een ondersteuner naar meer dan 2 scholen gaat",
    ),
    (
        lambda k: (k.get("ondersteuners_per_school") or {}).get("gemiddeld"),
        _gemiddeld,
        "ondersteuners per school",
    ),
    (
        lambda k: (k.get("ondersteuners_per_school") or {}).get("max"),
        _aantal("ondersteuners", "ondersteuner"),
        "op de school met de meeste",
    ),
    (lambda k: k.get("km_per_week"), _km, "per week"),
    (lambda k: k.get("ankers_zonder_bezoek"), _aantal("ankers", "anker"), "die hun school niet bezoeken"),
    (
        lambda k: k.get("trajecturen_niet_gedekt"),
        _uren,
        "afgesproken trajecttijd per week die niet ingepland is",
    ),
)


def verschillen(plan: dict, ander: dict) -> list[Verschil]:
    """What `plan` does better and worse than `ander` (both a plan's `kengetallen`), the better first, each
    figure that differs once. Empty when either has no figures or nothing differs."""
    if not plan or not ander:
        return []
    beter, slechter = [], []
    for waarde, zeg, wat in FIGUREN:
        a, b = waarde(plan), waarde(ander)
        if a is None or b is None or round(a - b, 2) == 0:
            continue
        verschil = round(a - b, 2)
        tekst = f"{zeg(abs(verschil))} {'minder' if verschil < 0 else 'meer'} {wat}"
        (beter if verschil < 0 else slechter).append(Verschil(tekst, verschil < 0))
    return beter + slechter


def samengevat(plan: dict, ander: dict) -> str:
    """The differences as one sentence: what `plan` does better, then what it gives up for it ("22 scholen
    minder onder hun tijdskader; daarvoor 74 km meer per week"), or that the two do the same on every
    figure. Empty when either has no figures."""
    if not plan or not ander:
        return ""
    alle = verschillen(plan, ander)
    beter = ", ".join(v.tekst for v in alle if v.beter)
    slechter = ", ".join(v.tekst for v in alle if not v.beter)
    if beter and slechter:
        return f"{beter}; daarvoor {slechter}"
    return beter or slechter or "even goed op elk kengetal"
