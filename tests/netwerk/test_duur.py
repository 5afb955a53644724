"""Durations as supporters type them, and as the pages show them (netwerk/duur.py): pure, so exhaustive."""

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netwerk.duur import MAX_TEKENS, DuurFout, als_uren, lees_duur
from tests.support.fuzz import FUZZ, VREEMDE_TEKSTEN, is_nederlands

LOGBOEK = {"minimum": 5, "maximum": 600}  # a logbook line: 5 minutes to 10 hours
INTENSITEIT = {"minimum": 5, "maximum": 6000}


def _lees(tekst: str, grenzen=LOGBOEK) -> int:
    return lees_duur(tekst, **grenzen)


@pytest.mark.parametrize(
    ("tekst", "minuten"),
    [
        ("1u30", 90),
        ("1u", 60),
        ("1,5", 90),
        ("1.5", 90),
        ("90 min", 90),
        ("90", 90),
        ("45m", 45),
        ("2", 120),
        ("1U30", 90),
        ("1 u 30", 90),
        ("1h30", 90),
        ("1u30min", 90),
        ("1 uur 30 minuten", 90),
        ("2 uren", 120),
        ("1:30", 90),
        ("0u45", 45),
        ("0,75", 45),
        ("1,75 uur", 105),
        ("1,5u", 90),
        (",5", 30),
        ("1,00", 60),
        ("1u05", 65),
        ("1u 5 min", 65),
        ("  2 u ", 120),
        ("45 minuten", 45),
        ("10u", 600),
        ("11", 11),
        ("600", 600),
    ],
)
def test_zo_schrijven_mensen_tijd(tekst, minuten):
    assert _lees(tekst) == minuten


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("0", "‘0’ is geen tijd: minstens 5 min."),
        ("0u", "‘0u’ is geen tijd: minstens 5 min."),
        ("3 min", "‘3 min’ is 3 min: te kort, minstens 5 min."),
        ("5", "‘5’: bedoel je 5 uur of 5 minuten? Schrijf 5u of 5 min."),
        ("10", "‘10’: bedoel je 10 uur of 10 minuten? Schrijf 10u of 10 min."),
        ("1,30", "‘1,30’: bedoel je 1u30 of 1u18? Schrijf het zo, zonder komma."),
        ("0,25", "‘0,25’: bedoel je 25 min of 15 min? Schrijf het zo, zonder komma."),
        ("1,33", "‘1,33’: bedoel je 1u33? Schrijf dan 1u33."),
        ("1,66", "‘1,66’ is geen geheel aantal minuten: bedoel je 1u40?"),
        ("1,555", "‘1,555’: schrijf hoogstens twee cijfers na de komma."),
        ("1u5", "‘1u5’: schrijf de minuten met twee cijfers (1u05) of de uren met een komma (1,5)."),
        ("1u75", "‘1u75’: na de uren komen minuten, van 00 tot 59."),
        ("601", "‘601’ is te lang: hoogstens 10u."),
        ("10u01", "‘10u01’ is te lang: hoogstens 10u."),
        ("9" * 20, f"‘{'9' * 20}’ is te lang: hoogstens 10u."),
        ("9" * 21, "Dit is geen duur: hoogstens 20 tekens. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
        ("anderhalf uur", "‘anderhalf uur’ is geen duur. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
        ("-1u", "‘-1u’ is geen duur. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
        ("١٢٣", "‘١٢٣’ is geen duur. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
        ("²", "‘²’ is geen duur. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
        ("  ", "Vul een duur in. Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."),
    ],
)
def test_een_weigering_zegt_in_het_nederlands_wat_er_getypt_werd(tekst, melding):
    with pytest.raises(DuurFout) as fout:
        _lees(tekst)
    assert str(fout.value) == melding


def test_een_los_getal_volgt_de_grenzen_van_het_veld():
    """An intensity goes up to 100 hours: "60" fits as hours and as minutes there, so it is asked."""
    assert _lees("2", INTENSITEIT) == 120
    assert _lees("101", INTENSITEIT) == 101
    with pytest.raises(DuurFout, match="bedoel je 60 uur of 60 minuten"):
        _lees("60", INTENSITEIT)
    assert _lees("60 min", INTENSITEIT) == _lees("1u", INTENSITEIT) == 60


@pytest.mark.parametrize(
    ("minuten", "tekst"),
    [
        (0, "0u"),
        (5, "5 min"),
        (45, "45 min"),
        (60, "1u"),
        (61, "1u01"),
        (90, "1u30"),
        (600, "10u"),
        (725, "12u05"),
    ],
)
def test_als_uren(minuten, tekst):
    assert als_uren(minuten) == tekst


@FUZZ
@given(minuten=st.integers(5, 600))
def test_wat_getoond_wordt_leest_terug_als_hetzelfde(minuten):
    tekst = als_uren(minuten)
    assert _lees(tekst) == minuten
    assert re.fullmatch(r"[1-9][0-9]* min|[0-9]+u(?:[0-5][0-9])?", tekst)


@FUZZ
@given(
    uren=st.integers(0, 10),
    minuten=st.integers(0, 59),
    schrijfwijze=st.sampled_from(
        ["{u}u{m:02d}", "{u} u {m:02d}", "{u}h{m:02d}", "{u}:{m:02d}", "{t} min", "{t}m"]
    ),
)
def test_uren_en_minuten_in_elke_schrijfwijze(uren, minuten, schrijfwijze):
    totaal = uren * 60 + minuten
    tekst = schrijfwijze.format(u=uren, m=minuten, t=totaal)
    if 5 <= totaal <= 600:
        assert _lees(tekst) == totaal
    else:
        with pytest.raises(DuurFout, match=re.escape(f"‘{tekst}’")):
            _lees(tekst)


@FUZZ
@given(uren=st.integers(0, 9), tiende=st.integers(0, 9), teken=st.sampled_from([",", "."]))
def test_decimale_uren_met_een_cijfer_na_de_komma(uren, tiende, teken):
    totaal = uren * 60 + tiende * 6
    tekst = f"{uren}{teken}{tiende}"
    if totaal >= 5:
        assert _lees(tekst) == totaal
    else:
        with pytest.raises(DuurFout):
            _lees(tekst)


@FUZZ
@given(tekst=st.one_of(st.text(max_size=30), st.sampled_from(VREEMDE_TEKSTEN)))
@example("1e309")
@example("NaN")
@example("\x00")
def test_elke_tekst_geeft_minuten_binnen_de_grenzen_of_een_nederlandse_weigering(tekst):
    try:
        minuten = _lees(tekst)
    except DuurFout as fout:
        melding = str(fout)
        assert is_nederlands(melding, [tekst.strip()]), melding
        getypt = tekst.strip()
        if getypt and len(getypt) <= MAX_TEKENS:
            assert f"‘{getypt}’" in melding, melding
        return
    assert isinstance(minuten, int) and 5 <= minuten <= 600
