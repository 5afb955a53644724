"""The distribution key, pure: numbers in, hours out. No ORM, so it is tested exhaustively and timed alone.

For school year J an LSC's closed envelope U (whole hours) is split over its schools:
- P: the school's pupils in the reference year (the year before J);
- R: the mean of its reports over the window (six years before J), over the years it has figures for,
  so a new school is not punished;
- W = wP · P/ΣP + wR · R/ΣR; when ΣR = 0 all weight goes by pupils;
- largest remainder in units of `eenheid` hours: every school gets ⌊N·W⌋ units (N = U / eenheid), the
  units left go one each to the largest remainders, ties to the larger W, then the lower
  instellingsnummer. Exact arithmetic (Fraction), so the result is reproducible and sums exactly to U.

A new version starts from these hours; the moves of the published version are then carried onto it, one
by one in the order they were made (`overnemen`), where the schools are still there and the giving school
still has the hours.
"""

import enum
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm


class VerdelingFout(ValueError):
    """Input the key cannot distribute; the message names the school or the setting."""


@dataclass(frozen=True)
class Invoer:
    """A school as the key needs it: the mean of its reports is `verslagen` over `jaren`, the sum and the
    number of the window's years it has figures for (as the database aggregates them)."""

    instellingsnummer: str
    naam: str
    leerlingen: int | None
    verslagen: int  # reports summed over the window's years the school has figures for
    jaren: int  # how many of the window's years it has figures for

    @classmethod
    def per_jaar(cls, instellingsnummer: str, naam: str, leerlingen: int | None, verslagen: Sequence[int]):
        """From the reports of each year of the window the school has figures for."""
        if any(v < 0 for v in verslagen):
            raise VerdelingFout("Aantallen kunnen niet negatief zijn.")
        return cls(instellingsnummer, naam, leerlingen, sum(verslagen), len(verslagen))


@dataclass(frozen=True)
class Sleutel:
    gewicht_leerlingen: Fraction = Fraction(7, 10)
    gewicht_verslagen: Fraction = Fraction(3, 10)
    eenheid: int = 1  # hours per unit: 1, or 4 for half days


@dataclass(frozen=True)
class Aandeel:
    instellingsnummer: str
    naam: str
    leerlingen: int
    gemiddelde_verslagen: Fraction
    gewicht: Fraction
    quotum: Fraction  # N · W, in units
    basis: int  # ⌊quotum⌋ units
    extra: int  # 0 or 1 unit from the remainders
    uren: int


def gemiddelde(school: Invoer) -> Fraction:
    return Fraction(school.verslagen, school.jaren) if school.jaren else Fraction(0)


def verdeel(*, uren: int, scholen: Iterable[Invoer], sleutel: Sleutel = Sleutel()) -> list[Aandeel]:
    """The hours of each school, in instellingsnummer order. Raises VerdelingFout with a Dutch message."""
    scholen = sorted(scholen, key=lambda s: _nummer(s.instellingsnummer))
    _controleer(uren, scholen, sleutel)
    eenheden = uren // sleutel.eenheid
    tellers, noemer = _gewichten(scholen, sleutel)
    # All in integers over one common denominator: exact like Fractions, without their cost per step.
    basis = [eenheden * t // noemer for t in tellers]
    rest = [eenheden * t % noemer for t in tellers]
    volgorde = sorted(
        range(len(scholen)), key=lambda i: (-rest[i], -tellers[i], _nummer(scholen[i].instellingsnummer))
    )
    extra = [0] * len(scholen)
    for i in volgorde[: eenheden - sum(basis)]:
        extra[i] = 1
    return [
        Aandeel(
            instellingsnummer=s.instellingsnummer,
            naam=s.naam,
            leerlingen=s.leerlingen,
            gemiddelde_verslagen=gemiddelde(s),
            gewicht=Fraction(tellers[i], noemer),
            quotum=Fraction(eenheden * tellers[i], noemer),
            basis=basis[i],
            extra=extra[i],
            uren=(basis[i] + extra[i]) * sleutel.eenheid,
        )
        for i, s in enumerate(scholen)
    ]


def _nummer(instellingsnummer: str) -> int:
    return int(instellingsnummer)


def _controleer(uren: int, scholen: list[Invoer], sleutel: Sleutel) -> None:
    if uren < 0:
        raise VerdelingFout("De envelop kan niet negatief zijn.")
    if sleutel.eenheid < 1:
        raise VerdelingFout("De eenheid is minstens één uur.")
    if uren % sleutel.eenheid:
        raise VerdelingFout(
            f"De envelop van {uren} uur is geen veelvoud van de eenheid ({sleutel.eenheid} uur): "
            f"kies {uren - uren % sleutel.eenheid} of {uren - uren % sleutel.eenheid + sleutel.eenheid} uur."
        )
    if sleutel.gewicht_leerlingen < 0 or sleutel.gewicht_verslagen < 0:
        raise VerdelingFout("De gewichten kunnen niet negatief zijn.")
    if sleutel.gewicht_leerlingen + sleutel.gewicht_verslagen != 1:
        raise VerdelingFout("De twee gewichten moeten samen 100 % zijn.")
    if not scholen:
        raise VerdelingFout("Er zijn geen scholen om over te verdelen.")
    nummers = [s.instellingsnummer for s in scholen]
    if len(set(nummers)) != len(nummers):
        raise VerdelingFout("Een school staat twee keer in de verdeling.")
    zonder = [s for s in scholen if s.leerlingen is None]
    if zonder:
        namen = ", ".join(f"{s.naam} ({s.instellingsnummer})" for s in zonder[:5])
        meer = f" en nog {len(zonder) - 5}" if len(zonder) > 5 else ""
        raise VerdelingFout(f"Geen leerlingenaantal voor het referentiejaar: {namen}{meer}.")
    if any(s.jaren < 0 or (s.jaren == 0 and s.verslagen != 0) for s in scholen):
        raise VerdelingFout("Verslagen zonder jaren in het venster: dat kan niet.")
    if any(s.leerlingen < 0 or s.verslagen < 0 for s in scholen):
        raise VerdelingFout("Aantallen kunnen niet negatief zijn.")
    if sum(s.leerlingen for s in scholen) == 0:
        raise VerdelingFout("Geen enkele school heeft leerlingen in het referentiejaar.")


def _gewichten(scholen: list[Invoer], sleutel: Sleutel) -> tuple[list[int], int]:
    """Each school's weight as an integer numerator over one common denominator.

    A mean over n years is its sum · (k / n) over k, with k the least common multiple of the n's, so
    every R and ΣR is an integer over k; W = (wP · P · ΣR' + wR · R' · ΣP) / (d · ΣP · ΣR') with the
    weights wP, wR over their common denominator d and R' = R · k.
    """
    totaal_p = sum(s.leerlingen for s in scholen)
    k = lcm(*{s.jaren for s in scholen if s.jaren}) or 1
    r = [s.verslagen * (k // s.jaren) if s.jaren else 0 for s in scholen]
    totaal_r = sum(r)
    if totaal_r == 0:
        return [s.leerlingen for s in scholen], totaal_p
    d = lcm(sleutel.gewicht_leerlingen.denominator, sleutel.gewicht_verslagen.denominator)
    a = sleutel.gewicht_leerlingen.numerator * (d // sleutel.gewicht_leerlingen.denominator)
    b = sleutel.gewicht_verslagen.numerator * (d // sleutel.gewicht_verslagen.denominator)
    tellers = [a * s.leerlingen * totaal_r + b * r_i * totaal_p for s, r_i in zip(scholen, r, strict=True)]
    return tellers, d * totaal_p * totaal_r


# ------------------------------------------------------------------------ moves carried to a new version


class Lot(enum.StrEnum):
    """What publishing a new version does with one move of the published version."""

    OVERGENOMEN = "overgenomen"
    VERVALLEN = "vervallen"  # the coordinator let it go
    GEVER_WEG = "gever_weg"  # the giving school has no frame in the new version
    ONTVANGER_WEG = "ontvanger_weg"  # the receiving school has none
    TE_WEINIG = "te_weinig"  # the giving school has fewer hours there, at that point, than the move takes


@dataclass(frozen=True)
class Verschuiving:
    van: Hashable
    naar: Hashable
    uren: int
    overnemen: bool = True


@dataclass(frozen=True)
class Overname:
    verschuiving: Verschuiving
    lot: Lot
    beschikbaar: int | None  # the giving school's hours just before this move; None when it has no frame


def overnemen(
    *, uren: Mapping[Hashable, int], verschuivingen: Sequence[Verschuiving]
) -> tuple[dict[Hashable, int], list[Overname]]:
    """The hours per school once the kept moves are carried onto `uren`, and what became of each move.

    In their order, each kept move is re-applied when both schools have hours in `uren` and the giving
    school has, after the moves before it, at least the move's hours. All or nothing: a move is a decision
    about so many hours, part of it would be another decision. Every re-applied move takes from one school
    what it gives another, so the total never changes and no school goes below zero.
    """
    nu = dict(uren)
    if any(u < 0 for u in nu.values()):
        raise VerdelingFout("Uren kunnen niet negatief zijn.")
    overnames = []
    for v in verschuivingen:
        if v.uren < 1 or v.van == v.naar:
            raise VerdelingFout("Een verschuiving gaat over minstens één uur tussen twee scholen.")
        beschikbaar = nu.get(v.van)
        if not v.overnemen:
            lot = Lot.VERVALLEN
        elif beschikbaar is None:
            lot = Lot.GEVER_WEG
        elif v.naar not in nu:
            lot = Lot.ONTVANGER_WEG
        elif beschikbaar < v.uren:
            lot = Lot.TE_WEINIG
        else:
            lot = Lot.OVERGENOMEN
            nu[v.van] -= v.uren
            nu[v.naar] += v.uren
        overnames.append(Overname(v, lot, beschikbaar))
    return nu, overnames
