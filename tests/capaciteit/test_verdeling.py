"""The distribution key as pure arithmetic: a network worked out by hand, and properties for any network."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit.rekenen.verdeling import Invoer, Sleutel, VerdelingFout, verdeel
from tests.support.capaciteit import NETWERK

# NETWERK: five schools worked out by hand (tests/support/capaciteit.py).


def _uren(aandelen) -> dict[str, int]:
    return {a.naam: a.uren for a in aandelen}


def test_met_de_hand_uitgerekend_netwerk():
    # U = 104: quota 31.2, 20.8, 10.4, 10.4, 31.2 → floors 31, 20, 10, 10, 31 = 102; 2 hours left:
    # B (.8), then C and D tie on .4 and on W (0.1): the lower instellingsnummer, C.
    aandelen = verdeel(uren=104, scholen=NETWERK)
    assert [a.gewicht for a in aandelen] == [
        Fraction(3, 10),
        Fraction(1, 5),
        Fraction(1, 10),
        Fraction(1, 10),
        Fraction(3, 10),
    ]
    assert _uren(aandelen) == {"A": 31, "B": 21, "C": 11, "D": 10, "E": 31}


def test_gelijke_stand_tussen_twee_even_zware_scholen_gaat_naar_het_laagste_nummer():
    # U = 103: quota 30.9, 20.6, 10.3, 10.3, 30.9 → floors 100; 3 left: A, E (.9), B (.6). C and D tie
    # on .3 and get nothing. At U = 104 with unit 4 hours: 26 units, quota 7.8, 5.2, 2.6, 2.6, 7.8 →
    # floors 23; 3 left: A, E (.8; tie on W: A first), then C before D (tie on .6 and W: lower number).
    assert _uren(verdeel(uren=103, scholen=NETWERK)) == {"A": 31, "B": 21, "C": 10, "D": 10, "E": 31}
    halve_dagen = verdeel(uren=104, scholen=NETWERK, sleutel=Sleutel(eenheid=4))
    assert _uren(halve_dagen) == {"A": 32, "B": 20, "C": 12, "D": 8, "E": 32}


def test_school_zonder_leerlingenaantal_stopt_de_berekening_met_haar_naam():
    with pytest.raises(
        VerdelingFout, match=r"Geen leerlingenaantal voor het referentiejaar: Nieuw \(10009\)"
    ):
        verdeel(uren=100, scholen=[*NETWERK, Invoer.per_jaar("10009", "Nieuw", None, [])])


def test_zonder_verslagen_gaat_alles_volgens_leerlingen():
    scholen = [Invoer.per_jaar("10001", "A", 300, []), Invoer.per_jaar("10002", "B", 100, [0, 0])]
    assert _uren(verdeel(uren=100, scholen=scholen)) == {"A": 75, "B": 25}


@pytest.mark.parametrize(
    ("uren", "sleutel", "melding"),
    [
        (-1, Sleutel(), "negatief"),
        (102, Sleutel(eenheid=4), "geen veelvoud van de eenheid"),
        (100, Sleutel(Fraction(1, 2), Fraction(1, 3)), "samen 100 %"),
    ],
)
def test_foute_instellingen_geven_een_nederlandse_melding(uren, sleutel, melding):
    with pytest.raises(VerdelingFout, match=melding):
        verdeel(uren=uren, scholen=NETWERK, sleutel=sleutel)


# Properties over any network.

nummers = st.integers(min_value=10000, max_value=999999).map(str)
school = st.builds(
    lambda nummer, p, r: Invoer.per_jaar(nummer, f"School {nummer}", p, r),
    nummers,
    st.integers(min_value=0, max_value=2000),
    st.lists(st.integers(min_value=0, max_value=60), max_size=6),
)
netwerken = st.lists(school, min_size=1, max_size=40, unique_by=lambda s: s.instellingsnummer).filter(
    lambda scholen: sum(s.leerlingen for s in scholen) > 0
)
sleutels = st.builds(
    lambda p, eenheid: Sleutel(Fraction(p, 100), Fraction(100 - p, 100), eenheid),
    st.integers(min_value=1, max_value=99),
    st.sampled_from([1, 4]),
)


@settings(max_examples=300, deadline=None)
@given(netwerken, st.integers(min_value=0, max_value=50_000), sleutels)
def test_de_som_is_exact_de_envelop_en_het_resultaat_vast(scholen, uren, sleutel):
    uren -= uren % sleutel.eenheid
    aandelen = verdeel(uren=uren, scholen=scholen, sleutel=sleutel)
    assert sum(a.uren for a in aandelen) == uren
    assert all(a.uren % sleutel.eenheid == 0 and a.uren >= 0 for a in aandelen)
    assert verdeel(uren=uren, scholen=scholen, sleutel=sleutel) == aandelen
    assert verdeel(uren=uren, scholen=list(reversed(scholen)), sleutel=sleutel) == aandelen


@settings(max_examples=300, deadline=None)
@given(netwerken, st.integers(min_value=0, max_value=50_000), sleutels)
def test_meer_leerlingen_en_meer_verslagen_nooit_minder_uren(scholen, uren, sleutel):
    uren -= uren % sleutel.eenheid
    aandelen = {a.instellingsnummer: a for a in verdeel(uren=uren, scholen=scholen, sleutel=sleutel)}
    for a in aandelen.values():
        for b in aandelen.values():
            meer = a.leerlingen >= b.leerlingen and a.gemiddelde_verslagen >= b.gemiddelde_verslagen
            strikt = a.leerlingen > b.leerlingen or a.gemiddelde_verslagen > b.gemiddelde_verslagen
            if meer and strikt:
                assert a.uren >= b.uren


@given(netwerken, sleutels)
def test_een_lege_envelop_geeft_niemand_uren(scholen, sleutel):
    assert {a.uren for a in verdeel(uren=0, scholen=scholen, sleutel=sleutel)} == {0}


@given(school.filter(lambda s: s.leerlingen > 0), st.integers(min_value=0, max_value=10_000))
def test_een_enkele_school_krijgt_alles(enige, uren):
    assert [a.uren for a in verdeel(uren=uren, scholen=[enige])] == [uren]
