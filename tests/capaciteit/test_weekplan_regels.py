"""The hard rules checked on a plan as it stands (what a manual change may not break), and a plan's figures
said in words against another plan's. Pure: no database."""

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit.rekenen.weekplanning import Instellingen, Invoer, Ondersteuner, Pin, Regel, School, km
from capaciteit.rekenen.weekplanning.kengetallen import kengetallen, route_km
from capaciteit.rekenen.weekplanning.regels import HANDMATIG, Schending, nieuwe_schendingen, schendingen
from capaciteit.rekenen.weekplanning.woorden import samengevat, verschillen

INST = Instellingen(cyclus_weken=1, collegiale_dag=2, collegiale_dag_blokken=0)
ALLE_DRIE = frozenset({10, 11, 12})
MENSEN = [
    Ondersteuner(
        id=1, naam="An", capaciteit_blokken=40, werkdagen=frozenset({0, 1, 3, 4}), kandidaten=ALLE_DRIE
    ),
    Ondersteuner(id=2, naam="Bo", capaciteit_blokken=20, onbeschikbaar=frozenset({4}), kandidaten=ALLE_DRIE),
]
SCHOLEN = [
    School(id=10, naam="De Linde", doel_blokken=8, ankers=frozenset({1})),
    School(id=11, naam="De Klimop", doel_blokken=8),
    School(id=12, naam="Het Speelhof", doel_blokken=8),
]
INVOER = Invoer(MENSEN, SCHOLEN, INST)


def _teksten(fouten: list[Schending]) -> list[str]:
    return [f.tekst for f in fouten]


def test_elke_regel_wordt_bij_naam_genoemd():
    goed = [Regel(1, 10, 0, 4), Regel(1, 11, 0, 4), Regel(2, 12, 1, 4)]
    assert schendingen(INVOER, goed) == []
    fout = [
        Regel(1, 11, 0, 4),
        Regel(1, 12, 0, 4),
        Regel(1, 10, 0, 4),  # three schools on Monday
        Regel(2, 12, 4, 4),  # Bo is not available on Friday
        Regel(2, 11, 1, 18),  # more than a day, more than Bo's assignment
        Regel(1, 11, 2, 2),  # An does not work on Wednesday, the collegial day offers nothing
    ]
    assert _teksten(schendingen(INVOER, fout)) == [
        "An zou op maandag naar 3 scholen gaan (De Klimop, De Linde, Het Speelhof); "
        "hoogstens 2 scholen per dag.",
        "An werkt niet op woensdag.",
        "An zou op woensdag 1 uur werken; die dag biedt 0 uur.",
        "Bo zou op dinsdag 9 uur werken; die dag biedt 8 uur.",
        "Bo is niet beschikbaar op vrijdag.",
        "Bo zou 11 uur per cyclus werken; de opdracht geeft 10 uur.",
    ]
    assert [(f.soort, f.ondersteuner_id, f.school_id, f.dag) for f in schendingen(INVOER, fout)] == [
        ("scholen_per_dag", 1, None, 0),
        ("werkdag", 1, None, 2),
        ("dag_te_lang", 1, None, 2),
        ("dag_te_lang", 2, None, 1),
        ("onbeschikbaar", 2, None, 4),
        ("opdracht", 2, None, None),
    ]
    assert _teksten(schendingen(INVOER, [Regel(2, 10, 0, 4)])) == [
        "An is anker van De Linde en zou er geen enkele keer meer komen."
    ]


def test_een_wijziging_wordt_enkel_geweigerd_om_wat_ze_breekt():
    al_fout = [Regel(1, 10, 0, 4), Regel(1, 11, 0, 4), Regel(1, 12, 0, 4), Regel(2, 11, 1, 4)]
    # Bo's visit moving to Thursday breaks nothing new: An's Monday was already too full.
    na = [*al_fout[:3], Regel(2, 11, 3, 4)]
    assert nieuwe_schendingen(INVOER, al_fout, na) == []
    # An's anchor visit going to Bo breaks the anchor rule.
    na = [Regel(2, 10, 0, 4), *al_fout[1:]]
    assert _teksten(nieuwe_schendingen(INVOER, al_fout, na)) == [
        "An is anker van De Linde en zou er geen enkele keer meer komen."
    ]

    # A change is compared by what each break concerns and how far it goes, not by its sentence: An's
    # Monday, too long already, may get shorter (still too long) but not longer; Bo's Monday with a third
    # school is new.
    te_lang = [*al_fout, Regel(1, 10, 0, 6)]  # 9 hours on An's Monday
    na = [*al_fout[:3], Regel(1, 10, 0, 6), Regel(1, 11, 0, 4)]  # Bo's Tuesday visit goes to An: 11 hours
    assert [(f.sleutel, f.tekst) for f in nieuwe_schendingen(INVOER, te_lang, na)] == [
        (("dag_te_lang", 1, None, 0), "An zou op maandag 11 uur werken; die dag biedt 8 uur.")
    ]
    korter = [*al_fout[:3], Regel(1, 10, 0, 5), Regel(2, 11, 1, 4)]  # 8,5 hours on An's Monday
    assert "An zou op maandag 8,5 uur werken; die dag biedt 8 uur." in _teksten(schendingen(INVOER, korter))
    assert nieuwe_schendingen(INVOER, te_lang, korter) == []
    na = [Regel(1, 10, 1, 4), Regel(2, 10, 0, 2), Regel(2, 11, 0, 4), Regel(2, 12, 0, 2)]
    assert [f.sleutel for f in nieuwe_schendingen(INVOER, [Regel(1, 10, 1, 4)], na)] == [
        ("scholen_per_dag", 2, None, 0)
    ]


def test_de_regels_van_de_solver_en_welke_een_wijziging_met_de_hand_toetst():
    """Who may come where, the shortest visit, a hard frame and the pins: rules of the solver's plans. A
    coordinator's change is not checked against them (it may send anyone anywhere, keeps each visit's length
    and school, and pins what it moves)."""
    inst = Instellingen(cyclus_weken=1, collegiale_dag=None, kader_hard=True, tolerantie=0.25)
    mensen = [
        Ondersteuner(id=1, naam="An", capaciteit_blokken=40, kandidaten=frozenset({10})),
        Ondersteuner(id=2, naam="Bo", capaciteit_blokken=40, kandidaten=frozenset({11})),
    ]
    invoer = Invoer(mensen, SCHOLEN, inst, pins=(Pin(2, 11, 3, 1), Pin(2, 12, 4, 4)))
    plan = [
        Regel(1, 10, 0, 8),
        Regel(1, 11, 1, 1),  # not An's school, too short
        Regel(2, 11, 3, 1),  # pinned: short is allowed
        Regel(2, 12, 4, 3),  # pinned at 4 (and so Bo's school), 3 planned
        Regel(2, 11, 7, 2),  # no such day
    ]
    fouten = schendingen(invoer, plan)
    assert [(f.soort, f.ondersteuner_id, f.school_id, f.dag) for f in fouten] == [
        ("kandidaat", 1, 11, 1),
        ("te_kort", 1, 11, 1),
        ("dag", 2, None, 7),
        ("kader_hard", None, 11, None),
        ("kader_hard", None, 12, None),
        ("pin", 2, 12, 4),
    ]
    assert _teksten(fouten) == [
        "An kan niet naar De Klimop komen.",
        "Het bezoek van An aan De Klimop op dinsdag duurt 0,5 uur; een bezoek duurt minstens 1 uur.",
        "Bo: die dag bestaat niet in de cyclus.",
        "De Klimop zou 2 uur per cyclus krijgen; het kader vraagt 3 tot 5 uur.",
        "Het Speelhof zou 1,5 uur per cyclus krijgen; het kader vraagt 3 tot 5 uur.",
        "Het vastgezette bezoek van Bo aan Het Speelhof op vrijdag duurt 2 uur; het plan geeft 1,5 uur.",
    ]
    assert [f.soort for f in schendingen(invoer, plan, soorten=HANDMATIG)] == ["dag"]
    assert nieuwe_schendingen(invoer, [], plan, soorten=HANDMATIG)[0].soort == "dag"
    with pytest.raises(ValueError, match="Onbekende soorten"):
        schendingen(invoer, plan, soorten={"kandidaten"})


regels = st.lists(
    st.builds(
        Regel,
        st.sampled_from([1, 2]),
        st.sampled_from([10, 11, 12]),
        st.integers(min_value=0, max_value=4),
        st.integers(min_value=1, max_value=10),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(regels)
def test_de_controle_vindt_precies_de_gebroken_regels(plan):
    """Counted here from the rows, each rule's breaks: as many breaks of each kind as the rows break."""
    per_dag: dict = defaultdict(lambda: defaultdict(int))
    totaal: dict = defaultdict(int)
    for r in plan:
        per_dag[r.ondersteuner_id, r.dag][r.school_id] += r.blokken
        totaal[r.ondersteuner_id] += r.blokken
    mensen = {o.id: o for o in MENSEN}
    verwacht = {
        "scholen_per_dag": sum(1 for v in per_dag.values() if len(v) > 2),
        "werkdag": sum(1 for (o, d) in per_dag if d % 5 not in mensen[o].werkdagen),
        "onbeschikbaar": sum(
            1 for (o, d) in per_dag if d % 5 in mensen[o].werkdagen and d in mensen[o].onbeschikbaar
        ),
        "dag_te_lang": sum(1 for (o, d), v in per_dag.items() if sum(v.values()) > (0 if d == 2 else 16)),
        "opdracht": sum(1 for o, n in totaal.items() if n > mensen[o].capaciteit_blokken),
        "anker": 0 if any(r.ondersteuner_id == 1 and r.school_id == 10 for r in plan) else 1,
        "te_kort": sum(1 for v in per_dag.values() for n in v.values() if n < 2),
    }
    fouten = schendingen(INVOER, plan)
    gevonden = {soort: sum(1 for f in fouten if f.soort == soort) for soort in verwacht}
    assert gevonden == verwacht
    assert len(fouten) == sum(verwacht.values())  # every candidate allowed, no pins, no hard frame
    assert nieuwe_schendingen(INVOER, plan, plan) == []


def _kengetallen(**waarden) -> dict:
    basis = {
        "scholen_onder_tolerantie": 30,
        "scholen_boven_tolerantie": 4,
        "dagen_boven_max": 0,
        "ondersteuners_per_school": {"gemiddeld": 2.5, "max": 5},
        "km_per_week": 1200.0,
        "ankers_zonder_bezoek": 0,
    }
    return {**basis, **waarden}


def test_wat_een_plan_bereikt_en_opgeeft_in_woorden():
    plan = _kengetallen(scholen_onder_tolerantie=8, km_per_week=1274.0)
    assert (
        samengevat(plan, _kengetallen())
        == "22 scholen minder onder hun tijdskader; daarvoor 74 km meer per week"
    )
    assert samengevat(_kengetallen(), _kengetallen()) == "even goed op elk kengetal"
    plan = _kengetallen(ondersteuners_per_school={"gemiddeld": 2.1, "max": 4}, scholen_boven_tolerantie=5)
    assert samengevat(plan, _kengetallen()) == (
        "gemiddeld 0,4 minder ondersteuners per school, 1 ondersteuner minder op de school met de meeste; "
        "daarvoor 1 school meer boven hun tijdskader"
    )
    assert [v.beter for v in verschillen(plan, _kengetallen())] == [True, True, False]
    assert samengevat({}, _kengetallen()) == ""


DENDERMONDE, HAMME, LOKEREN = (51.03, 4.10), (51.10, 4.13), (51.10, 3.99)
posities = st.tuples(st.floats(50.7, 51.4), st.floats(3.5, 4.6))


def test_een_dag_is_een_route_van_huis_langs_de_scholen_naar_huis():
    route = route_km(DENDERMONDE, [LOKEREN, HAMME])
    assert route == pytest.approx(km(DENDERMONDE, HAMME) + km(HAMME, LOKEREN) + km(LOKEREN, DENDERMONDE))
    assert route < 2 * km(DENDERMONDE, HAMME) + 2 * km(DENDERMONDE, LOKEREN)  # not two return trips
    assert route_km(DENDERMONDE, [None, HAMME]) == pytest.approx(2 * km(DENDERMONDE, HAMME))
    assert route_km(None, [HAMME, LOKEREN]) == pytest.approx(km(HAMME, LOKEREN))
    # In the plan's figures: Ann's Monday at two schools is one route.
    ann = Ondersteuner(id=1, naam="Ann", capaciteit_blokken=40, positie=DENDERMONDE)
    scholen = [School(id=10, naam="H", doel_blokken=4, positie=HAMME), School(11, "L", 4, LOKEREN)]
    cijfers = kengetallen(Invoer([ann], scholen, INST), [Regel(1, 10, 0, 2), Regel(1, 11, 0, 2)])
    assert cijfers["km_per_week"] == round(route, 1)


@settings(max_examples=200, deadline=None)
@given(posities, st.lists(posities, min_size=1, max_size=2))
def test_een_route_is_nooit_langer_dan_de_retourritten(thuis, scholen):
    route = route_km(thuis, scholen)
    assert route <= sum(2 * km(thuis, s) for s in scholen) + 1e-9
    assert route >= 2 * max(km(thuis, s) for s in scholen) - 1e-9
