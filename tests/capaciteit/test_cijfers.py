"""capaciteit.rekenen.cijfers, the one definition of every capacity figure: worked values and properties."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from capaciteit.rekenen import cijfers
from netwerk import opmaak
from netwerk.kalender import is_schooldag

JAAR = 2026
OKTOBER = dt.date(JAAR, 10, 1)

# --- a supporter's week -----------------------------------------------------------------------------------


def test_beschikbaar_uitgewerkt():
    """The demo's supporter: 80 % of 1000 hours over 36 school weeks is 22,2 hours a week (not 27,8)."""
    b = cijfers.beschikbaar(opdracht_procent=80, uren_per_voltijdse=1000, schoolweken=36)
    assert b.minuten_per_week == Fraction(80 * 1000 * 60, 100 * 36)
    assert cijfers.uren(b.minuten_per_week) == "22,2"
    assert cijfers.uren(b.voltijds_minuten_per_week) == "27,8"
    # The week plan gives them whole half hours: 44, never more than available.
    assert cijfers.capaciteit_blokken(beschikbaar_per_week=b.minuten_per_week, cyclus_weken=1) == 44
    assert cijfers.capaciteit_blokken(beschikbaar_per_week=b.minuten_per_week, cyclus_weken=2) == 88


@given(
    opdracht=st.integers(0, 100),
    uren=st.none() | st.integers(0, 3000),
    weken=st.integers(1, 52),
    cyclus=st.sampled_from([1, 2]),
)
def test_de_capaciteit_van_het_weekplan_is_het_beschikbare_in_halve_uren(opdracht, uren, weken, cyclus):
    b = cijfers.beschikbaar(opdracht_procent=opdracht, uren_per_voltijdse=uren, schoolweken=weken)
    blokken = cijfers.capaciteit_blokken(beschikbaar_per_week=b.minuten_per_week, cyclus_weken=cyclus)
    gepland = cijfers.gepland_per_week(blokken=blokken, cyclus_weken=cyclus)
    assert gepland <= b.minuten_per_week < gepland + Fraction(cijfers.BLOK_MINUTEN, cyclus)


@pytest.mark.parametrize(
    ("opdracht", "fout"),
    [(101, "ligt niet tussen 0 en 100 %"), (-1, "ligt niet tussen 0 en 100 %")],
)
def test_een_opdracht_buiten_0_tot_100_is_geen_cijfer(opdracht, fout):
    with pytest.raises(cijfers.CijferFout, match=fout):
        cijfers.beschikbaar(opdracht_procent=opdracht, uren_per_voltijdse=None, schoolweken=36)


def test_gepland_per_week_telt_de_cyclus():
    assert cijfers.gepland_per_week(blokken=43, cyclus_weken=1) == 43 * 30
    assert cijfers.uren(cijfers.gepland_per_week(blokken=43, cyclus_weken=2)) == "10,8"
    with pytest.raises(cijfers.CijferFout):
        cijfers.gepland_per_week(blokken=1, cyclus_weken=0)


# --- the school year --------------------------------------------------------------------------------------


def test_schooldagen_van_2026_2027():
    dagen = cijfers.schooldagen(JAAR)
    assert len(dagen) == 183
    assert dagen[0] == dt.date(JAAR, 9, 1) and dagen[-1] == dt.date(JAAR + 1, 6, 30)
    assert dt.date(JAAR, 11, 4) not in dagen  # herfstvakantie
    assert dt.date(JAAR, 11, 11) not in dagen  # Wapenstilstand


@given(st.dates(dt.date(JAAR - 1, 1, 1), dt.date(JAAR + 2, 1, 1)))
def test_verstreken_deel_telt_enkel_schooldagen(vandaag):
    deel = cijfers.verstreken_deel(schooljaar=JAAR, vandaag=vandaag)
    assert 0 <= deel <= 1
    gisteren = cijfers.verstreken_deel(schooljaar=JAAR, vandaag=vandaag - dt.timedelta(days=1))
    if is_schooldag(vandaag) and dt.date(JAAR, 9, 1) <= vandaag <= dt.date(JAAR + 1, 6, 30):
        assert deel - gisteren == Fraction(1, 183)
    else:
        assert deel == gisteren  # a weekend, a holiday, a free day or outside the year: time stands still


# --- a school's frame in use ------------------------------------------------------------------------------


def _gebruik(uren=100, minuten=None, vandaag=dt.date(JAAR + 1, 1, 31)):
    return cijfers.kadergebruik(
        uren=uren, schoolweken=36, schooljaar=JAAR, minuten=minuten or {}, vandaag=vandaag
    )


def test_ver_boven_ver_onder_en_binnen_halfweg():
    """On 31 January 2027, 93 of the 183 school days have passed: 100 hours × 93/183 = 50,8 hours fit."""
    pro_rata = Fraction(100 * 60 * 93, 183)
    veel = _gebruik(minuten={OKTOBER: (62 * 60, 0)})  # 122 %
    assert veel.pro_rata == pro_rata and veel.signaal == cijfers.Signaal.BOVEN
    assert veel.projectie == Fraction(62 * 60 * 183, 93)
    assert _gebruik(minuten={OKTOBER: (25 * 60, 0)}).signaal == cijfers.Signaal.ONDER  # 49 %
    normaal = _gebruik(minuten={OKTOBER: (50 * 60, 600)})
    assert normaal.signaal == cijfers.Signaal.BINNEN and normaal.klein == 600
    assert normaal.verstreken_weken == Fraction(36 * 93, 183)


def test_de_zomer_en_het_jaar_ervoor():
    einde = _gebruik(vandaag=dt.date(JAAR + 1, 8, 1))
    assert (einde.pro_rata, einde.verstreken_weken, einde.signaal) == (100 * 60, 36, cijfers.Signaal.ONDER)
    nog_niet = _gebruik(vandaag=dt.date(JAAR, 8, 1))
    assert (nog_niet.pro_rata, nog_niet.projectie, nog_niet.signaal) == (0, None, cijfers.Signaal.TE_VROEG)
    zomer = _gebruik(minuten={dt.date(JAAR + 1, 7, 1): (60, 0)}, vandaag=dt.date(JAAR + 1, 7, 2))
    assert [m.eerste.month for m in zomer.maanden][-1] == 7 and zomer.maanden[-1].kader == 0


maanden = st.dictionaries(
    st.sampled_from([dt.date(JAAR if m >= 9 else JAAR + 1, m, 1) for m in range(1, 13)]),
    st.tuples(st.integers(0, 20_000), st.integers(0, 20_000)),
    max_size=12,
)


@given(
    uren=st.integers(0, 5000),
    weken=st.integers(1, 52),
    minuten=maanden,
    vandaag=st.dates(dt.date(JAAR, 8, 1), dt.date(JAAR + 1, 9, 30)),
)
def test_kadergebruik_klopt_met_zijn_formules(uren, weken, minuten, vandaag):
    g = cijfers.kadergebruik(uren=uren, schoolweken=weken, schooljaar=JAAR, minuten=minuten, vandaag=vandaag)
    # The months' frames add up to the frame, no minute lost; the used minutes to what was logged.
    assert sum(m.kader for m in g.maanden) == uren * 60 == g.maanden[-1].kader_cumulatief
    assert sum(m.gebruikt for m in g.maanden) == g.gebruikt == sum(b for b, _ in minuten.values())
    assert g.klein == sum(k for _, k in minuten.values())
    assert g.pro_rata == uren * 60 * g.deel and g.verstreken_weken == weken * g.deel
    assert (g.signaal == cijfers.Signaal.TE_VROEG) is (g.verstreken_weken < cijfers.MINSTE_SCHOOLWEKEN)
    assert (g.projectie is None) is (g.signaal == cijfers.Signaal.TE_VROEG)
    if g.signaal == cijfers.Signaal.BOVEN:
        assert g.gebruikt > g.pro_rata * Fraction(6, 5)
    if g.signaal == cijfers.Signaal.ONDER:
        assert g.gebruikt < g.pro_rata / 2


# --- display ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "plaatsen", "tekst"),
    [
        (Fraction(9, 4), 1, "2,3"),
        (Decimal("2.25"), 1, "2,3"),
        (2.25, 1, "2,3"),
        (Fraction(-9, 4), 1, "-2,3"),
        (Fraction(-1, 100), 1, "0"),
        (4, 1, "4"),
        (Fraction(7, 2), 2, "3,5"),
        (Decimal("12.345"), 2, "12,35"),
    ],
)
def test_getal_rondt_half_naar_boven_en_laat_nullen_weg(waarde, plaatsen, tekst):
    assert opmaak.getal(waarde, plaatsen) == tekst


@given(st.fractions(min_value=-10_000, max_value=10_000, max_denominator=10_000), st.integers(0, 4))
def test_afgerond_is_exact_half_naar_boven(waarde, plaatsen):
    # Against Decimal's own half-up rounding, on a decimal expansion long enough to decide every case.
    exact = Decimal(waarde.numerator) / Decimal(waarde.denominator)
    if exact * waarde.denominator == waarde.numerator:
        assert opmaak.afgerond(waarde, plaatsen) == exact.quantize(
            Decimal(1).scaleb(-plaatsen), rounding=ROUND_HALF_UP
        )
    assert abs(Fraction(opmaak.afgerond(waarde, plaatsen)) - waarde) <= Fraction(1, 2 * 10**plaatsen)


def test_uren_en_procent():
    assert cijfers.uren(1335) == "22,3"
    assert cijfers.uren(90) == "1,5"
    assert cijfers.uren(120) == "2"
    assert cijfers.uren(Fraction(1000 * 60, 36), 0) == "28"
    assert cijfers.procent(Fraction(49, 100)) == "49"
    assert cijfers.procent(Decimal("0.7392857143"), 4) == "73,9286"
