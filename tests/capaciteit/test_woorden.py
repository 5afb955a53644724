"""The frame in the words schools use: worked values, and the phrase never far from the exact average."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capaciteit.rekenen.woorden import GEEN, beschrijf, hoeveelheid, in_woorden, uren_tekst


@pytest.mark.parametrize(
    ("uren", "verwacht"),
    [
        (72, "2,0 uur per week: gemiddeld 2 uur per week"),
        (144, "4,0 uur per week: gemiddeld een halve dag per week"),
        (288, "8,0 uur per week: gemiddeld een dag per week"),
        (432, "12,0 uur per week: gemiddeld anderhalve dag per week"),
        (576, "16,0 uur per week: gemiddeld twee dagen per week"),
        (36, "1,0 uur per week: gemiddeld 1 uur per week"),
        (18, "0,5 uur per week: gemiddeld 1 uur om de twee weken"),
        (9, "0,3 uur per week: gemiddeld 1 uur per maand"),
        (200, "5,6 uur per week: gemiddeld anderhalve dag om de twee weken"),
        (100, "2,8 uur per week: gemiddeld 3 uur per week"),
    ],
)
def test_woorden_met_uitgewerkte_waarden(uren, verwacht):
    assert in_woorden(uren) == verwacht


def test_geen_uren_is_geen_ondersteuningstijd():
    assert in_woorden(0) == GEEN == "geen ondersteuningstijd"
    assert in_woorden(0, 40) == "geen ondersteuningstijd"


def test_gelijke_afstand_gaat_naar_de_eenvoudigste_zin():
    # 2 hours a week is also "een dag per maand" and "een halve dag om de twee weken": per week wins.
    assert beschrijf(80, 40).zin == "gemiddeld 2 uur per week"
    # 1.75 h/week: "2 uur per week" and "3 uur om de twee weken" are both 0.25 off: the shorter period.
    assert beschrijf(63, 36).zin == "gemiddeld 2 uur per week"
    # 0.75 h/week: exactly "3 uur per maand".
    assert beschrijf(27, 36).zin == "gemiddeld 3 uur per maand"


def test_andere_schoolweken_en_decimale_komma():
    woorden = beschrijf(74, 36)
    assert woorden.per_week == "2,1 uur per week"
    assert woorden.uren_per_week == Fraction(74, 36)
    assert uren_tekst(Fraction(17, 4)) == "4,3"
    assert uren_tekst(Fraction(5, 100), 1) == "0,1"


def test_hoeveelheden_in_woorden():
    assert [hoeveelheid(h) for h in (1, 3, 4, 8, 12, 16, 20, 28, 44, 48, 88)] == [
        "1 uur",
        "3 uur",
        "een halve dag",
        "een dag",
        "anderhalve dag",
        "twee dagen",
        "tweeënhalve dag",
        "drieënhalve dag",
        "vijfenhalve dag",
        "zes dagen",
        "11 dagen",
    ]


def test_ongeldige_invoer():
    with pytest.raises(ValueError):
        beschrijf(10, 0)
    with pytest.raises(ValueError):
        beschrijf(-1)


@given(uren=st.integers(min_value=36, max_value=200_000))
def test_de_zin_ligt_binnen_25_procent_van_het_gemiddelde(uren):
    woorden = beschrijf(uren)
    assert abs(woorden.zin_uren_per_week - woorden.uren_per_week) <= woorden.uren_per_week / 4
    assert woorden.zin.startswith("gemiddeld ")


@given(uren=st.integers(min_value=1, max_value=50_000), weken=st.integers(min_value=30, max_value=52))
def test_de_zin_ligt_binnen_25_procent_vanaf_een_uur_per_week(uren, weken):
    woorden = beschrijf(uren, weken)
    if uren >= weken:
        assert abs(woorden.zin_uren_per_week - woorden.uren_per_week) <= woorden.uren_per_week / 4
