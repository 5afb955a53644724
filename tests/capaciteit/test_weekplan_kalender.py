"""The published cycle on real dates (pure): hand-made cases around the autumn holiday of 2026, and
properties over random cycles, absences and changes: no visit on a day without school or in an absence,
every change honoured, and every change `weigering` lets through keeps at most 2 schools a day."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capaciteit.rekenen.weekplanning.kalender import (
    MAX_SCHOLEN_PER_DAG,
    WAAROM_NIEMAND,
    Kandidaat,
    Soort,
    Vast,
    Vervanging,
    Wijziging,
    afwezig_op,
    bezoeken,
    blokken_van,
    dag_van_de_cyclus,
    scholen_per_dag,
    vervangers,
    vervanging,
    volgens_cyclus,
    week_van,
    weigering,
)
from capaciteit.rekenen.weekplanning.typen import Instellingen, dagcapaciteit
from netwerk.kalender import is_schooldag

# School year 2026-2027: week 1 of the cycle is the week of Tuesday 1 September 2026 (Monday 31 August).
MA_19_OKT = dt.date(2026, 10, 19)
MA_26_OKT = dt.date(2026, 10, 26)  # Monday 26 October: a school day; herfstvakantie 2–8 November
MA_2_NOV = dt.date(2026, 11, 2)
WO_11_NOV = dt.date(2026, 11, 11)  # Wapenstilstand, a Wednesday


def test_een_weekcyclus_komt_elke_schooldag_terug_maar_niet_in_de_vakantie():
    vaste = [Vast(1, 10, 100, 0, 6), Vast(2, 10, 101, 2, 4)]
    gevonden = bezoeken(vaste, cyclus_weken=1, van=MA_26_OKT, tot=dt.date(2026, 11, 13))
    assert [(b.datum, b.school_id) for b in gevonden] == [
        (MA_26_OKT, 100),
        (dt.date(2026, 10, 28), 101),
        # 2–8 November: herfstvakantie; Wednesday 11 November: Wapenstilstand
        (dt.date(2026, 11, 9), 100),
    ]


def test_tweeweekse_cyclus_volgt_de_even_en_oneven_weken():
    # 31 August 2026 is the Monday of week 1: 19 October is 7 weeks later, so week 2 (day 5).
    assert dag_van_de_cyclus(MA_19_OKT, cyclus_weken=2) == 5
    assert dag_van_de_cyclus(MA_26_OKT, cyclus_weken=2) == 0
    assert dag_van_de_cyclus(dt.date(2026, 10, 24), cyclus_weken=2) is None
    vaste = [Vast(1, 10, 100, 0, 6), Vast(2, 10, 101, 5, 6)]
    gevonden = bezoeken(vaste, cyclus_weken=2, van=MA_19_OKT, tot=dt.date(2026, 10, 30))
    assert [(b.datum, b.school_id) for b in gevonden] == [(MA_19_OKT, 101), (MA_26_OKT, 100)]


def test_afwezigheid_schrapt_enkel_de_bezoeken_van_die_ondersteuner():
    vaste = [Vast(1, 10, 100, 0, 6), Vast(2, 11, 100, 0, 6)]
    gevonden = bezoeken(
        vaste,
        cyclus_weken=1,
        van=MA_19_OKT,
        tot=MA_26_OKT,
        afwezigheden={10: [(MA_19_OKT, dt.date(2026, 10, 21))]},
    )
    assert [(b.datum, b.ondersteuner_id) for b in gevonden] == [
        (MA_19_OKT, 11),
        (MA_26_OKT, 10),
        (MA_26_OKT, 11),
    ]


def test_elke_soort_wijziging_op_een_datum():
    vaste = [Vast(1, 10, 100, 0, 6), Vast(2, 11, 101, 1, 6)]
    wijzigingen = [
        Wijziging(1, MA_19_OKT, Soort.GESCHRAPT),
        Wijziging(1, MA_26_OKT, Soort.ANDERE_SCHOOL, school_id=102),
        Wijziging(2, dt.date(2026, 10, 20), Soort.VERPLAATST, nieuwe_datum=dt.date(2026, 10, 22)),
        Wijziging(2, dt.date(2026, 10, 27), Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=12),
    ]
    gevonden = bezoeken(
        vaste, cyclus_weken=1, van=MA_19_OKT, tot=dt.date(2026, 10, 30), wijzigingen=wijzigingen
    )
    assert [(b.datum, b.ondersteuner_id, b.school_id, b.soort) for b in gevonden] == [
        (dt.date(2026, 10, 22), 11, 101, Soort.VERPLAATST),
        (MA_26_OKT, 10, 102, Soort.ANDERE_SCHOOL),
        (dt.date(2026, 10, 27), 12, 101, Soort.ANDERE_ONDERSTEUNER),
    ]


def test_een_bezoek_verplaatst_van_buiten_het_bereik_naar_binnen():
    vaste = [Vast(1, 10, 100, 0, 6)]
    wijziging = Wijziging(1, MA_19_OKT, Soort.VERPLAATST, nieuwe_datum=dt.date(2026, 10, 29))
    gevonden = bezoeken(
        vaste, cyclus_weken=1, van=MA_26_OKT, tot=MA_26_OKT + dt.timedelta(4), wijzigingen=[wijziging]
    )
    assert [(b.datum, b.oorspronkelijke_datum) for b in gevonden] == [
        (MA_26_OKT, MA_26_OKT),
        (dt.date(2026, 10, 29), MA_19_OKT),
    ]


def test_weigering_noemt_de_reden_in_het_nederlands():
    vaste = [Vast(1, 10, 100, 0, 6), Vast(2, 10, 101, 0, 4), Vast(3, 11, 102, 0, 6), Vast(4, 11, 103, 3, 4)]
    namen = {"ondersteuners": {10: "An Peeters", 11: "Bram Claes"}}

    def reden(wijziging, **extra):
        return weigering(wijziging, vaste=vaste, cyclus_weken=1, namen=namen, **extra)

    assert reden(Wijziging(1, MA_26_OKT, Soort.ANDERE_SCHOOL, school_id=102)) is None
    assert reden(
        Wijziging(1, MA_26_OKT, Soort.GESCHRAPT), wijzigingen=[Wijziging(1, MA_26_OKT, Soort.GESCHRAPT)]
    ) == ("Dat bezoek op 26/10/2026 heeft al een wijziging: maak die eerst ongedaan.")
    # Bram already goes to 102 on Monday: taking An's visit to 100 makes two schools, still allowed …
    assert reden(Wijziging(1, MA_26_OKT, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=11)) is None
    # … but taking both of An's visits that Monday makes three.
    eerste = Wijziging(1, MA_26_OKT, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=11)
    assert reden(
        Wijziging(2, MA_26_OKT, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=11), wijzigingen=[eerste]
    ) == ("Bram Claes zou op 26/10/2026 naar 3 scholen gaan; hoogstens 2 per dag.")
    assert (
        reden(Wijziging(1, MA_2_NOV, Soort.GESCHRAPT)) == "Op 02/11/2026 is er geen school (herfstvakantie)."
    )
    assert (
        reden(Wijziging(1, dt.date(2026, 10, 27), Soort.GESCHRAPT)) == "Dat bezoek valt niet op 27/10/2026."
    )
    assert reden(Wijziging(1, MA_26_OKT, Soort.VERPLAATST, nieuwe_datum=WO_11_NOV)) == (
        "Op 11/11/2026 is er geen school (Wapenstilstand (11 november))."
    )
    assert reden(
        Wijziging(1, MA_26_OKT, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=11),
        afwezigheden={11: [(MA_26_OKT, MA_26_OKT)]},
    ) == ("Bram Claes is afwezig op 26/10/2026.")
    assert (
        reden(Wijziging(99, MA_26_OKT, Soort.GESCHRAPT))
        == "Dat bezoek staat niet in het gepubliceerde weekplan."
    )


# ------------------------------------------------------------------------------------------ properties

BEGIN = dt.date(2026, 10, 5)  # five weeks that hold the autumn holiday and Wapenstilstand
EINDE = dt.date(2026, 11, 13)
ONDERSTEUNERS = range(1, 5)
SCHOLEN = range(100, 106)
datums = st.dates(min_value=BEGIN, max_value=EINDE)


@st.composite
def cycli(draw):
    """A cycle that keeps the rule: each supporter at most 2 schools on each day of the cycle."""
    cyclus_weken = draw(st.sampled_from([1, 2]))
    vaste = []
    for ondersteuner in ONDERSTEUNERS:
        for dag in range(5 * cyclus_weken):
            scholen = draw(st.lists(st.sampled_from(SCHOLEN), max_size=MAX_SCHOLEN_PER_DAG, unique=True))
            for school in scholen:
                vaste.append(Vast(len(vaste) + 1, ondersteuner, school, dag, draw(st.integers(1, 8))))
    return cyclus_weken, vaste


@st.composite
def afwezigheden(draw):
    perioden = {}
    for ondersteuner in draw(st.lists(st.sampled_from(ONDERSTEUNERS), unique=True)):
        van = draw(datums)
        perioden[ondersteuner] = [(van, van + dt.timedelta(days=draw(st.integers(0, 12))))]
    return perioden


@st.composite
def wijzigingen(draw, vaste, cyclus_weken):
    """Changes to visits on the dates the cycle gives them (some on holidays: weigering refuses those)."""
    gepland = volgens_cyclus(vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE)
    if not gepland:
        return []
    gekozen = draw(st.lists(st.sampled_from(gepland), max_size=12))
    lijst = []
    for datum, vast in gekozen:
        soort = draw(st.sampled_from(list(Soort)))
        lijst.append(
            Wijziging(
                vast.regel_id,
                datum,
                soort,
                school_id=draw(st.sampled_from(SCHOLEN)) if soort == Soort.ANDERE_SCHOOL else None,
                nieuwe_datum=draw(datums) if soort == Soort.VERPLAATST else None,
                ondersteuner_id=draw(st.sampled_from(ONDERSTEUNERS))
                if soort == Soort.ANDERE_ONDERSTEUNER
                else None,
            )
        )
    return lijst


@st.composite
def werelden(draw):
    cyclus_weken, vaste = draw(cycli())
    return cyclus_weken, vaste, draw(afwezigheden()), draw(wijzigingen(vaste, cyclus_weken))


def _aanvaard(cyclus_weken, vaste, afwezig, voorgesteld):
    """The changes the service would save, one by one as a coordinator enters them."""
    aanvaard = []
    for wijziging in voorgesteld:
        if (
            weigering(
                wijziging, vaste=vaste, cyclus_weken=cyclus_weken, afwezigheden=afwezig, wijzigingen=aanvaard
            )
            is None
        ):
            aanvaard.append(wijziging)
    return aanvaard


ZWAAR = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ZWAAR
@given(werelden())
def test_nooit_een_bezoek_op_een_dag_zonder_school_of_in_een_afwezigheid(wereld):
    cyclus_weken, vaste, afwezig, voorgesteld = wereld
    gevonden = bezoeken(
        vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE, afwezigheden=afwezig, wijzigingen=voorgesteld
    )
    for bezoek in gevonden:
        assert is_schooldag(bezoek.datum)
        assert not afwezig_op(bezoek.datum, afwezig.get(bezoek.ondersteuner_id, ()))
        assert BEGIN <= bezoek.datum <= EINDE


@ZWAAR
@given(werelden())
def test_elke_aanvaarde_wijziging_wordt_gevolgd(wereld):
    cyclus_weken, vaste, afwezig, voorgesteld = wereld
    aanvaard = _aanvaard(cyclus_weken, vaste, afwezig, voorgesteld)
    gevonden = bezoeken(
        vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE, afwezigheden=afwezig, wijzigingen=aanvaard
    )
    per_bezoek = {(b.regel_id, b.oorspronkelijke_datum): b for b in gevonden}
    assert len(per_bezoek) == len(gevonden)  # one occurrence of the cycle, one visit at most
    for w in aanvaard:
        bezoek = per_bezoek.get((w.regel_id, w.datum))
        vast = next(v for v in vaste if v.regel_id == w.regel_id)
        if w.soort == Soort.GESCHRAPT:
            assert bezoek is None
            continue
        doel = w.nieuwe_datum if w.soort == Soort.VERPLAATST else w.datum
        wie = w.ondersteuner_id if w.soort == Soort.ANDERE_ONDERSTEUNER else vast.ondersteuner_id
        if not BEGIN <= doel <= EINDE or afwezig_op(doel, afwezig.get(wie, ())):
            assert bezoek is None
            continue
        assert bezoek is not None and bezoek.soort == w.soort
        assert (bezoek.datum, bezoek.ondersteuner_id) == (doel, wie)
        assert bezoek.school_id == (w.school_id if w.soort == Soort.ANDERE_SCHOOL else vast.school_id)
    # nothing else changed: every other visit happens as planned, unless its supporter is away
    gewijzigd = {(w.regel_id, w.datum) for w in aanvaard}
    for datum, vast in volgens_cyclus(vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE):
        if (vast.regel_id, datum) in gewijzigd:
            continue
        bezoek = per_bezoek.get((vast.regel_id, datum))
        if afwezig_op(datum, afwezig.get(vast.ondersteuner_id, ())):
            assert bezoek is None
        else:
            assert (bezoek.datum, bezoek.ondersteuner_id, bezoek.school_id, bezoek.soort) == (
                datum,
                vast.ondersteuner_id,
                vast.school_id,
                None,
            )


@ZWAAR
@given(werelden())
def test_aanvaarde_wijzigingen_houden_hoogstens_twee_scholen_per_dag(wereld):
    cyclus_weken, vaste, afwezig, voorgesteld = wereld
    aanvaard = _aanvaard(cyclus_weken, vaste, afwezig, voorgesteld)
    gevonden = bezoeken(
        vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE, afwezigheden=afwezig, wijzigingen=aanvaard
    )
    per_dag = scholen_per_dag(gevonden)
    assert max((len(s) for s in per_dag.values()), default=0) <= MAX_SCHOLEN_PER_DAG


def test_vervangers_mogen_de_school_bedienen_werken_die_dag_en_houden_twee_scholen():
    dendermonde, lokeren, brugge = (51.028, 4.101), (51.104, 3.991), (51.209, 3.225)
    vaste = [Vast(1, 10, 100, 0, 4), Vast(2, 11, 101, 0, 4), Vast(3, 15, 100, 0, 2)]
    kandidaten = [
        Kandidaat(11, lokeren, frozenset({100, 101})),
        Kandidaat(12, brugge, frozenset({100})),
        Kandidaat(13, dendermonde, frozenset({101})),  # may not serve school 100
        Kandidaat(14, dendermonde, frozenset({100}), werkdagen=frozenset({1, 2})),  # does not work Mondays
        Kandidaat(15, brugge, frozenset({100})),  # at school 100 that Monday already
        Kandidaat(16, None, frozenset({100})),  # lives who knows where
    ]
    afwezig = {10: [(MA_26_OKT, MA_26_OKT)]}

    def voorstel(**extra):
        return vervangers(
            1,
            MA_26_OKT,
            kandidaten=kandidaten,
            school_positie=dendermonde,
            vaste=extra.pop("vaste", vaste),
            cyclus_weken=1,
            afwezigheden=extra.pop("afwezigheden", afwezig),
            hoogstens=5,
        )

    assert [(v.ondersteuner_id, v.al_daar) for v in voorstel()] == [
        (15, True),
        (11, False),
        (12, False),
        (16, False),
    ]
    assert voorstel()[3].km is None and 10 < voorstel()[1].km < 15
    # Supporter 11 with a second school that Monday would have three: not proposed; an absent one neither.
    drukker = [*vaste, Vast(4, 11, 102, 0, 2)]
    assert 11 not in [v.ondersteuner_id for v in voorstel(vaste=drukker)]
    assert 12 not in [
        v.ondersteuner_id for v in voorstel(afwezigheden={**afwezig, 12: [(MA_26_OKT, MA_26_OKT)]})
    ]


def test_vervangers_houden_de_uren_van_de_dag_en_van_de_week_en_zeggen_waarom_niemand():
    # Anchor 10 absent on Monday 26 October (school 100, 4 half hours); candidate 11 at school 101 that
    # Monday for 10 half hours and on Tuesday for 6.
    vaste = [Vast(1, 10, 100, 0, 4), Vast(2, 11, 101, 0, 10), Vast(3, 11, 101, 1, 6)]
    afwezig = {10: [(MA_26_OKT, MA_26_OKT)]}

    def uitkomst(kandidaat, instellingen=None, afwezigheden=afwezig, wijzigingen=()):
        return vervanging(
            1,
            MA_26_OKT,
            kandidaten=[kandidaat],
            school_positie=None,
            vaste=vaste,
            cyclus_weken=1,
            afwezigheden=afwezigheden,
            wijzigingen=wijzigingen,
            instellingen=instellingen,
        )

    ruim = Kandidaat(11, None, frozenset({100}), blokken_per_week=20)
    assert [v.ondersteuner_id for v in uitkomst(ruim).voorstellen] == [11]
    # 10 + 6 + 4 = 20 half hours that week: fits exactly; with 19 it does not.
    krap = Kandidaat(11, None, frozenset({100}), blokken_per_week=19)
    assert uitkomst(krap) == Vervanging(
        [], "Wie die dag nog ruimte heeft, komt die week boven de eigen opdracht uit."
    )
    # A replacement already accepted that week counts: 11 replacing 12 on Thursday for 2 half hours.
    vaste.append(Vast(4, 12, 102, 3, 2))
    vervangen = [Wijziging(4, dt.date(2026, 10, 29), Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=11)]
    assert uitkomst(ruim, wijzigingen=vervangen).voorstellen == []
    # The day's hours: 10 + 4 half hours on a day of 12.
    kort = Instellingen(cyclus_weken=1, blokken_per_dag=12)
    assert uitkomst(ruim, instellingen=kort).reden == (
        "Niemand heeft die dag nog ruimte: hoogstens 2 scholen en de uren van de dag."
    )
    assert uitkomst(Kandidaat(11, None, frozenset({101}))).reden == "Geen collega mag die school bedienen."
    assert uitkomst(ruim, afwezigheden={**afwezig, 11: [(MA_26_OKT, MA_26_OKT)]}).reden == (
        "Niemand die de school mag bedienen, werkt die dag of is er."
    )


@st.composite
def kandidaten(draw):
    return [
        Kandidaat(
            o,
            None,
            frozenset(draw(st.lists(st.sampled_from(SCHOLEN), unique=True, min_size=1))),
            frozenset(draw(st.lists(st.integers(0, 4), unique=True, min_size=1))),
            draw(st.integers(0, 40)),
        )
        for o in ONDERSTEUNERS
    ]


@ZWAAR
@given(werelden(), kandidaten(), st.integers(4, 16), st.sampled_from([None, 0, 2]))
def test_elke_voorgestelde_vervanger_houdt_de_harde_regels_en_de_uren_van_de_week(
    wereld, mensen, blokken_per_dag, collegiale_dag
):
    cyclus_weken, vaste, afwezig, voorgesteld = wereld
    aanvaard = _aanvaard(cyclus_weken, vaste, afwezig, voorgesteld)
    instellingen = Instellingen(
        cyclus_weken=cyclus_weken, blokken_per_dag=blokken_per_dag, collegiale_dag=collegiale_dag
    )
    gewijzigd = {(w.regel_id, w.datum) for w in aanvaard}
    per_id = {k.id: k for k in mensen}
    for datum, vast in volgens_cyclus(vaste, cyclus_weken=cyclus_weken, van=BEGIN, tot=EINDE):
        if (vast.regel_id, datum) in gewijzigd or not afwezig_op(
            datum, afwezig.get(vast.ondersteuner_id, ())
        ):
            continue
        uitkomst = vervanging(
            vast.regel_id,
            datum,
            kandidaten=mensen,
            school_positie=None,
            vaste=vaste,
            cyclus_weken=cyclus_weken,
            afwezigheden=afwezig,
            wijzigingen=aanvaard,
            instellingen=instellingen,
            hoogstens=len(mensen),
        )
        assert (uitkomst.reden is None) == bool(uitkomst.voorstellen)
        assert uitkomst.reden is None or uitkomst.reden in WAAROM_NIEMAND.values()
        for voorstel in uitkomst.voorstellen:
            wie = per_id[voorstel.ondersteuner_id]
            assert wie.id != vast.ondersteuner_id and vast.school_id in wie.scholen
            assert datum.weekday() in wie.werkdagen
            nieuw = Wijziging(vast.regel_id, datum, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=wie.id)
            assert (
                weigering(
                    nieuw, vaste=vaste, cyclus_weken=cyclus_weken, afwezigheden=afwezig, wijzigingen=aanvaard
                )
                is None
            )
            maandag, vrijdag = week_van(datum)
            na = bezoeken(
                vaste,
                cyclus_weken=cyclus_weken,
                van=maandag,
                tot=vrijdag,
                afwezigheden=afwezig,
                wijzigingen=[*aanvaard, nieuw],
            )
            die_dag = [b for b in na if b.datum == datum]
            assert any(b.regel_id == vast.regel_id and b.ondersteuner_id == wie.id for b in die_dag)
            assert max(len(s) for s in scholen_per_dag(die_dag).values()) <= MAX_SCHOLEN_PER_DAG
            dag = dag_van_de_cyclus(datum, cyclus_weken=cyclus_weken)
            assert blokken_van(die_dag, wie.id) <= dagcapaciteit(instellingen, dag)
            assert blokken_van(na, wie.id) <= wie.blokken_per_week
