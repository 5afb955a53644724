"""Moves of hours carried onto a new version, as pure arithmetic: worked examples and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit.rekenen.verdeling import Lot, Overname, VerdelingFout, Verschuiving, overnemen


def _loten(overnames: list[Overname]) -> list[tuple[Lot, int | None]]:
    return [(o.lot, o.beschikbaar) for o in overnames]


def test_een_verschuiving_die_nog_past_wordt_overgenomen():
    uren, overnames = overnemen(uren={"A": 40, "B": 60}, verschuivingen=[Verschuiving("A", "B", 24)])
    assert uren == {"A": 16, "B": 84}
    assert _loten(overnames) == [(Lot.OVERGENOMEN, 40)]


def test_de_gevende_school_heeft_in_de_nieuwe_versie_te_weinig():
    # Version 2 gives A only 10 hours: the 24 that A gave in version 1 cannot come out of it.
    uren, overnames = overnemen(uren={"A": 10, "B": 90}, verschuivingen=[Verschuiving("A", "B", 24)])
    assert uren == {"A": 10, "B": 90}
    assert _loten(overnames) == [(Lot.TE_WEINIG, 10)]


def test_in_volgorde_een_latere_verschuiving_rust_op_een_eerdere():
    # B passes on 15 of the 20 it got from A: kept together both fit; without the first, the second does not.
    verschuivingen = [Verschuiving("A", "B", 20), Verschuiving("B", "C", 15)]
    uren, overnames = overnemen(uren={"A": 30, "B": 5, "C": 0}, verschuivingen=verschuivingen)
    assert uren == {"A": 10, "B": 10, "C": 15}
    assert _loten(overnames) == [(Lot.OVERGENOMEN, 30), (Lot.OVERGENOMEN, 25)]
    zonder_eerste = [Verschuiving("A", "B", 20, overnemen=False), verschuivingen[1]]
    uren, overnames = overnemen(uren={"A": 30, "B": 5, "C": 0}, verschuivingen=zonder_eerste)
    assert uren == {"A": 30, "B": 5, "C": 0}
    assert _loten(overnames) == [(Lot.VERVALLEN, 30), (Lot.TE_WEINIG, 5)]


def test_een_school_die_niet_meer_in_de_verdeling_zit():
    verschuivingen = [Verschuiving("weg", "B", 5), Verschuiving("B", "weg", 5)]
    uren, overnames = overnemen(uren={"B": 50}, verschuivingen=verschuivingen)
    assert uren == {"B": 50}
    assert _loten(overnames) == [(Lot.GEVER_WEG, None), (Lot.ONTVANGER_WEG, 50)]


@pytest.mark.parametrize("verschuiving", [Verschuiving("A", "B", 0), Verschuiving("A", "A", 3)])
def test_een_verschuiving_die_niet_kan_bestaan_wordt_geweigerd(verschuiving):
    with pytest.raises(VerdelingFout, match="minstens één uur tussen twee scholen"):
        overnemen(uren={"A": 10, "B": 10}, verschuivingen=[verschuiving])


# Properties over any hours and any moves, schools drawn from a small set so moves meet.

SCHOLEN = list("ABCDEFGH")
uren_per_school = st.dictionaries(
    st.sampled_from(SCHOLEN), st.integers(min_value=0, max_value=200), min_size=0, max_size=len(SCHOLEN)
)
verschuiving = st.builds(
    Verschuiving,
    st.sampled_from(SCHOLEN),
    st.sampled_from(SCHOLEN),
    st.integers(min_value=1, max_value=120),
    st.booleans(),
).filter(lambda v: v.van != v.naar)
verschuivingen = st.lists(verschuiving, max_size=25)


@settings(max_examples=500, deadline=None)
@given(uren_per_school, verschuivingen)
def test_de_som_blijft_en_geen_school_gaat_onder_nul(uren, lijst):
    na, overnames = overnemen(uren=uren, verschuivingen=lijst)
    assert sum(na.values()) == sum(uren.values())
    assert na.keys() == uren.keys()
    assert all(u >= 0 for u in na.values())
    assert [o.verschuiving for o in overnames] == lijst


@settings(max_examples=500, deadline=None)
@given(uren_per_school, verschuivingen)
def test_elk_lot_volgt_uit_de_uren_op_dat_moment(uren, lijst):
    """Replayed by hand: what each move found, why it was or was not carried, and the hours at the end."""
    na, overnames = overnemen(uren=uren, verschuivingen=lijst)
    nu = dict(uren)
    for o in overnames:
        v = o.verschuiving
        assert o.beschikbaar == nu.get(v.van)
        if not v.overnemen:
            assert o.lot == Lot.VERVALLEN
        elif v.van not in nu:
            assert o.lot == Lot.GEVER_WEG
        elif v.naar not in nu:
            assert o.lot == Lot.ONTVANGER_WEG
        elif nu[v.van] < v.uren:
            assert o.lot == Lot.TE_WEINIG
        else:
            assert o.lot == Lot.OVERGENOMEN
        if o.lot == Lot.OVERGENOMEN:
            nu[v.van] -= v.uren
            nu[v.naar] += v.uren
    assert na == nu


@st.composite
def gemaakte_verschuivingen(draw):
    """Hours of a published version and moves made on them one after another, each within what the giving
    school had then (as uren_verschuiven allows), with the hours they ended at."""
    start = draw(st.dictionaries(st.sampled_from(SCHOLEN), st.integers(0, 200), min_size=2))
    scholen = sorted(start)
    nu, lijst = dict(start), []
    for _ in range(draw(st.integers(0, 15))):
        van, naar = draw(st.sampled_from(scholen)), draw(st.sampled_from(scholen))
        if van == naar or nu[van] == 0:
            continue
        uren = draw(st.integers(1, nu[van]))
        nu[van] -= uren
        nu[naar] += uren
        lijst.append(Verschuiving(van, naar, uren))
    return start, lijst, nu


@settings(max_examples=300, deadline=None)
@given(gemaakte_verschuivingen())
def test_op_dezelfde_uren_past_elke_verschuiving_opnieuw(gemaakt):
    """Nothing changed in the key: every move kept is carried, and the new version ends where the old one
    is."""
    start, lijst, eind = gemaakt
    na, overnames = overnemen(uren=start, verschuivingen=lijst)
    assert na == eind
    assert {o.lot for o in overnames} <= {Lot.OVERGENOMEN}
