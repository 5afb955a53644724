"""The Flemish school calendar against calendars published for real school years.

Every expected date below is copied from a published calendar (the source is named above each year),
never computed: the module's rules must reproduce them.
"""

import ast
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netwerk import kalender
from netwerk.kalender import Vakantie, feestdagen, is_schooldag, pasen, schoolvakanties, waarom_geen_schooldag

D = dt.date


def _vakanties(herfst, kerst, krokus, paas, zomer) -> list[Vakantie]:
    namen = ("herfstvakantie", "kerstvakantie", "krokusvakantie", "paasvakantie", "zomervakantie")
    return [
        Vakantie(naam, van, tot)
        for naam, (van, tot) in zip(namen, (herfst, kerst, krokus, paas, zomer), strict=True)
    ]


GEPUBLICEERD = {
    # Art. 7 of the besluit of 31 August 2001 with its table, as republished at
    # http://www.2747.com/2747/law/administration/schoolholidays/2001/vlaanderen7.html (Easter in March).
    2007: _vakanties(
        (D(2007, 10, 29), D(2007, 11, 4)),
        (D(2007, 12, 24), D(2008, 1, 6)),
        (D(2008, 2, 4), D(2008, 2, 10)),
        (D(2008, 3, 24), D(2008, 4, 6)),
        (D(2008, 7, 1), D(2008, 8, 31)),
    ),
    # https://www.sint-donaas.be/vakantiedagen/ (1 November on a Sunday; Easter on 4 April).
    2020: _vakanties(
        (D(2020, 11, 2), D(2020, 11, 8)),
        (D(2020, 12, 21), D(2021, 1, 3)),
        (D(2021, 2, 15), D(2021, 2, 21)),
        (D(2021, 4, 5), D(2021, 4, 18)),
        (D(2021, 7, 1), D(2021, 8, 31)),
    ),
    # https://www.sint-donaas.be/vakantiedagen/ (Christmas on a Saturday; Easter after 15 April).
    2021: _vakanties(
        (D(2021, 11, 1), D(2021, 11, 7)),
        (D(2021, 12, 27), D(2022, 1, 9)),
        (D(2022, 2, 28), D(2022, 3, 6)),
        (D(2022, 4, 4), D(2022, 4, 17)),
        (D(2022, 7, 1), D(2022, 8, 31)),
    ),
    # https://www.ptsmechelen.be/over-onze-school/vakanties-en-vrije-dagen.html (Christmas on a Sunday).
    2022: _vakanties(
        (D(2022, 10, 31), D(2022, 11, 6)),
        (D(2022, 12, 26), D(2023, 1, 8)),
        (D(2023, 2, 20), D(2023, 2, 26)),
        (D(2023, 4, 3), D(2023, 4, 16)),
        (D(2023, 7, 1), D(2023, 8, 31)),
    ),
    # https://www.ptsmechelen.be/over-onze-school/vakanties-en-vrije-dagen.html and https://www.kanl.be/vakanties/
    # (Easter on 31 March).
    2023: _vakanties(
        (D(2023, 10, 30), D(2023, 11, 5)),
        (D(2023, 12, 25), D(2024, 1, 7)),
        (D(2024, 2, 12), D(2024, 2, 18)),
        (D(2024, 4, 1), D(2024, 4, 14)),
        (D(2024, 7, 1), D(2024, 8, 31)),
    ),
    # https://www.kanl.be/vakanties/ and https://kunstacademieturnhout.turnhout.be/nl/content/3697/vakantiedagen.html
    # (Easter on 20 April: the two weeks end on Easter Sunday, Easter Monday is free on its own).
    2024: _vakanties(
        (D(2024, 10, 28), D(2024, 11, 3)),
        (D(2024, 12, 23), D(2025, 1, 5)),
        (D(2025, 3, 3), D(2025, 3, 9)),
        (D(2025, 4, 7), D(2025, 4, 20)),
        (D(2025, 7, 1), D(2025, 8, 31)),
    ),
    # https://www.staproeselare.be/info/vakanties-en-vrije-dagen and
    # https://www.akademiemeise.be/product/1465/vakantiedagen
    2025: _vakanties(
        (D(2025, 10, 27), D(2025, 11, 2)),
        (D(2025, 12, 22), D(2026, 1, 4)),
        (D(2026, 2, 16), D(2026, 2, 22)),
        (D(2026, 4, 6), D(2026, 4, 19)),
        (D(2026, 7, 1), D(2026, 8, 31)),
    ),
}

# The free days outside the holidays, from the same sources.
VRIJE_DAGEN = {
    2022: [D(2022, 11, 11), D(2023, 5, 1), D(2023, 5, 18), D(2023, 5, 19), D(2023, 5, 29)],
    2023: [D(2024, 5, 1), D(2024, 5, 9), D(2024, 5, 10), D(2024, 5, 20)],
    2024: [D(2024, 11, 11), D(2025, 4, 21), D(2025, 5, 1), D(2025, 5, 29), D(2025, 5, 30), D(2025, 6, 9)],
    2025: [D(2025, 11, 11), D(2026, 5, 1), D(2026, 5, 14), D(2026, 5, 15), D(2026, 5, 25)],
}


@pytest.mark.parametrize("schooljaar", sorted(GEPUBLICEERD))
def test_vakanties_zoals_gepubliceerd(schooljaar):
    assert schoolvakanties(schooljaar) == GEPUBLICEERD[schooljaar]


@pytest.mark.parametrize("schooljaar", sorted(VRIJE_DAGEN))
def test_vrije_dagen_zoals_gepubliceerd(schooljaar):
    for datum in VRIJE_DAGEN[schooljaar]:
        assert not is_schooldag(datum), datum


@pytest.mark.parametrize("schooljaar", sorted(VRIJE_DAGEN))
def test_alle_andere_weekdagen_van_het_schooljaar_zijn_schooldagen(schooljaar):
    """Walks the whole school year: a weekday is free exactly when a source names it."""
    vrij = set(VRIJE_DAGEN[schooljaar])
    for vakantie in GEPUBLICEERD[schooljaar]:
        vrij |= {vakantie.van + dt.timedelta(days=i) for i in range((vakantie.tot - vakantie.van).days + 1)}
    datum = D(schooljaar, 9, 1)
    while datum <= D(schooljaar + 1, 8, 31):
        verwacht = datum.weekday() < 5 and datum not in vrij
        assert is_schooldag(datum) is verwacht, datum
        datum += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("datum", "reden"),
    [
        (D(2025, 11, 8), "zaterdag"),
        (D(2025, 11, 9), "zondag"),
        (D(2025, 10, 29), "herfstvakantie"),
        (D(2025, 12, 22), "kerstvakantie"),
        (D(2025, 12, 27), "kerstvakantie"),  # a Saturday in a holiday: the holiday says more
        (D(2025, 12, 25), "Kerstmis (25 december)"),
        (D(2026, 1, 1), "Nieuwjaar (1 januari)"),
        (D(2025, 11, 11), "Wapenstilstand (11 november)"),
        (D(2026, 2, 18), "krokusvakantie"),
        (D(2026, 4, 6), "Paasmaandag"),
        (D(2026, 4, 8), "paasvakantie"),
        (D(2026, 5, 1), "Feest van de Arbeid (1 mei)"),
        (D(2026, 5, 14), "O.L.H. Hemelvaart"),
        (D(2026, 5, 15), "vrijdag na O.L.H. Hemelvaart"),
        (D(2026, 5, 25), "Pinkstermaandag"),
        (D(2026, 7, 6), "zomervakantie"),
        (D(2026, 7, 21), "Nationale feestdag (21 juli)"),
        (D(2025, 11, 12), None),
        (D(2026, 6, 30), None),  # the last school day
        (D(2025, 9, 1), None),  # the first
    ],
)
def test_waarom_geen_schooldag(datum, reden):
    assert waarom_geen_schooldag(datum) == reden
    assert waarom_geen_schooldag(dt.datetime.combine(datum, dt.time(14, 0))) == reden


def test_feestdagen_van_2026():
    """The Belgian public holidays of 2026 as the federal government publishes them, and 11 July."""
    assert [f.datum for f in feestdagen(2026)] == [
        D(2026, 1, 1),
        D(2026, 4, 6),
        D(2026, 5, 1),
        D(2026, 5, 14),
        D(2026, 5, 25),
        D(2026, 7, 11),
        D(2026, 7, 21),
        D(2026, 8, 15),
        D(2026, 11, 1),
        D(2026, 11, 11),
        D(2026, 12, 25),
    ]


@pytest.mark.parametrize(
    ("jaar", "paasdag"),
    [(2008, D(2008, 3, 23)), (2019, D(2019, 4, 21)), (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)),
     (2026, D(2026, 4, 5)), (2027, D(2027, 3, 28)), (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))],
)  # fmt: skip
def test_pasen_in_gekende_jaren(jaar, paasdag):
    assert pasen(jaar) == paasdag


@given(st.integers(min_value=1583, max_value=4099))
def test_pasen_is_een_zondag_tussen_22_maart_en_25_april(jaar):
    paasdag = pasen(jaar)
    assert paasdag.weekday() == 6
    assert D(jaar, 3, 22) <= paasdag <= D(jaar, 4, 25)


@given(st.integers(min_value=1900, max_value=2200))
def test_vakanties_volgen_de_regels(schooljaar):
    """Whatever the year: five holidays in order, from a Monday, of one, two, one and two weeks."""
    herfst, kerst, krokus, paas, zomer = schoolvakanties(schooljaar)
    assert herfst.van < kerst.van < krokus.van < paas.van < zomer.van
    for vakantie, weken in ((herfst, 1), (kerst, 2), (krokus, 1), (paas, 2)):
        assert vakantie.van.weekday() == 0
        assert (vakantie.tot - vakantie.van).days == 7 * weken - 1
    assert D(schooljaar, 11, 1) in herfst or D(schooljaar, 11, 1).weekday() == 6
    kerstmis = D(schooljaar, 12, 25)
    assert kerstmis in kerst or (kerstmis.weekday() >= 5 and 0 < (kerst.van - kerstmis).days <= 2)
    # Easter Monday is always free: in the holiday or right after it.
    assert not is_schooldag(pasen(schooljaar + 1) + dt.timedelta(days=1))
    assert (zomer.van, zomer.tot) == (D(schooljaar + 1, 7, 1), D(schooljaar + 1, 8, 31))


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31)))
def test_een_schooldag_is_een_weekdag_buiten_elke_vakantie_en_feestdag(datum):
    reden = waarom_geen_schooldag(datum)
    if datum.weekday() >= 5 or any(datum == f.datum for f in feestdagen(datum.year)):
        assert reden is not None
    if reden is None:
        assert all(datum not in v for j in (datum.year - 1, datum.year) for v in schoolvakanties(j))


@given(st.dates())
def test_elke_datum_krijgt_een_antwoord(datum):
    """From year 1 to 9999 (a form may send either): an answer, never an exception."""
    assert waarom_geen_schooldag(datum) is None or isinstance(waarom_geen_schooldag(datum), str)


def test_de_kalender_kent_django_niet():
    bron = Path(kalender.__file__).read_text()
    modules = {
        naam.split(".")[0]
        for knoop in ast.walk(ast.parse(bron))
        if isinstance(knoop, ast.Import | ast.ImportFrom)
        for naam in ([a.name for a in knoop.names] if isinstance(knoop, ast.Import) else [knoop.module])
    }
    assert modules <= {"datetime", "dataclasses", "functools", "netwerk"}


# The school year's bounds


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_elke_datum_ligt_in_precies_een_schooljaar(datum):
    jaren = range(datum.year - 2, datum.year + 2)
    inclusief = [j for j in jaren if kalender.schooljaar_begin(j) <= datum <= kalender.schooljaar_einde(j)]
    grenzen = {j: kalender.schooljaar_grenzen(j) for j in jaren}
    halfopen = [j for j in jaren if grenzen[j][0] <= datum < grenzen[j][1]]
    assert inclusief == halfopen == [kalender.schooljaar_van(datum)]


@given(st.integers(min_value=1900, max_value=2200))
def test_begin_einde_en_grenzen_sluiten_op_elkaar_aan(jaar):
    begin, einde = kalender.schooljaar_begin(jaar), kalender.schooljaar_einde(jaar)
    assert (begin.month, begin.day, einde.month, einde.day) == (9, 1, 8, 31)
    assert kalender.schooljaar_van(begin) == kalender.schooljaar_van(einde) == jaar
    assert kalender.schooljaar_van(begin - dt.timedelta(days=1)) == jaar - 1
    assert kalender.schooljaar_van(einde + dt.timedelta(days=1)) == jaar + 1
    assert kalender.schooljaar_grenzen(jaar) == (begin, kalender.schooljaar_begin(jaar + 1))
    assert kalender.schooljaar_grenzen(jaar)[1] == einde + dt.timedelta(days=1)
