"""netwerk.opmaak, the one Dutch number: a decimal comma, a point between thousands, exact half-up rounding;
and the one rule for the school year a page asks for."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netwerk.kalender import lees_schooljaar
from netwerk.opmaak import afgerond, getal


@pytest.mark.parametrize(
    ("waarde", "opties", "tekst"),
    [
        (Fraction(7, 2), {}, "3,5"),
        (4, {}, "4"),
        (Decimal("2.25"), {}, "2,3"),
        (0.1, {"plaatsen": 2}, "0,1"),
        (Fraction(-1, 100), {}, "0"),
        (2, {"vast": True}, "2,0"),
        (Fraction(17, 4), {"vast": True}, "4,3"),
        (1_000_000, {"plaatsen": 0, "duizendtallen": True}, "1.000.000"),
        (Fraction(12345, 10), {"duizendtallen": True}, "1.234,5"),
    ],
)
def test_getal_zoals_een_nederlandstalige_lezer_het_schrijft(waarde, opties, tekst):
    assert getal(waarde, **opties) == tekst


@given(st.fractions(min_value=0), st.integers(0, 4))
@example(Fraction(10**28 + 1), 2)  # past Decimal's 28 digits of context precision
def test_afronden_is_exact_en_half_naar_boven(waarde, plaatsen):
    afgerond_ = afgerond(waarde, plaatsen)
    assert abs(Fraction(afgerond_) - waarde) <= Fraction(1, 2 * 10**plaatsen)
    assert getal(waarde, plaatsen, vast=True) == f"{afgerond_:.{plaatsen}f}".replace(".", ",")


@given(
    st.fractions() | st.integers() | st.decimals(allow_nan=False, allow_infinity=False), st.integers(0, 10)
)
def test_afronden_in_gehele_getallen_is_het_afronden_in_breuken(waarde, plaatsen):
    """The integer arithmetic gives what rounding the Fraction half away from zero gives, sign included."""
    geschaald = Fraction(str(waarde) if isinstance(waarde, Decimal) else waarde) * 10**plaatsen
    geheel = math.floor(abs(geschaald) + Fraction(1, 2))
    verwacht = Decimal(f"{'-' if geschaald < 0 else ''}{geheel}E-{plaatsen}")
    assert str(afgerond(waarde, plaatsen)) == str(verwacht)


@pytest.mark.parametrize(
    ("tekst", "jaar"),
    [
        ("2024", 2024),
        ("2024-2025", 2024),
        (" 2031 ", 2031),
        ("2032", 2026),  # more than five years ahead
        ("2016", 2016),
        ("2015", 2026),  # more than ten years back
        ("", 2026),
        (None, 2026),
        ("twintig", 2026),
        ("２０２４", 2026),  # no ASCII digits
    ],
)
def test_het_schooljaar_dat_een_pagina_vraagt(tekst, jaar):
    assert lees_schooljaar(tekst, huidig=2026) == jaar
