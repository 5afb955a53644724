"""Numbers as Dutch readers write them: a decimal comma, a point between thousands, rounded half up.

Pure (no Django): the capacity arithmetic (`capaciteit.rekenen`) writes its figures with it too, and the
pure-computation contract in pyproject.toml keeps it that way. Rounding is exact: the value is taken as the
fraction it writes (0.1 is 1/10, not the float next to it), then rounded half away from zero.
"""

from decimal import Decimal
from fractions import Fraction


def als_breuk(waarde) -> Fraction:
    """ints and Fractions as they are; Decimals and floats by their written value (0.1 is 1/10)."""
    return Fraction(str(waarde)) if isinstance(waarde, Decimal | float) else Fraction(waarde)


def afgerond(waarde, plaatsen: int) -> Decimal:
    """Exactly rounded half up (away from zero) to `plaatsen` decimals: 2.25 → 2.3, 1/3 → 0.3."""
    breuk = waarde if isinstance(waarde, Fraction) else als_breuk(waarde)
    teller, noemer = breuk.numerator, breuk.denominator
    # ⌊|n/d| · 10^p + 1/2⌋ in integers: the planning page rounds 17,500 of these per view.
    geheel = (2 * abs(teller) * 10**plaatsen + noemer) // (2 * noemer)
    # From text: exact at any size (scaleb would round to the context's 28 digits).
    return Decimal(f"{'-' if teller < 0 else ''}{geheel}E-{plaatsen}")


def getal(waarde, plaatsen: int = 1, *, vast: bool = False, duizendtallen: bool = False) -> str:
    """A Dutch number, rounded half up to `plaatsen` decimals.

    By default without trailing zeros ("3,5", "4"); `vast` keeps all `plaatsen` decimals ("2,0");
    `duizendtallen` puts a point between thousands ("1.000.000", as in a limit a message names).
    """
    tekst = f"{afgerond(waarde, plaatsen):{',' if duizendtallen else ''}.{plaatsen}f}"
    if not vast and "." in tekst:
        tekst = tekst.rstrip("0").rstrip(".")
    if tekst.lstrip("-").strip("0.,") == "":
        tekst = tekst.lstrip("-")  # no "-0"
    return tekst.translate(_NEDERLANDS)


_NEDERLANDS = str.maketrans({".": ",", ",": "."})
