"""The Flemish school calendar: school holidays, public holidays, and whether a day is a school day.

Pure: dates in, dates and Dutch names out, no Django, so it can be tested against published calendars
and with Hypothesis. The rules are those of the Flemish government for mainstream primary and secondary
education (Besluit van de Vlaamse Regering van 17 april 1991, art. 7 of the besluit of 31 augustus 2001
for secondary education; unchanged since):

- herfstvakantie: 1 week from the Monday of the week of 1 November; when 1 November is a Sunday, from
  2 November;
- kerstvakantie: 2 weeks from the Monday of the week of 25 December; when 25 December is a Saturday or a
  Sunday, from the Monday after;
- krokusvakantie: 1 week from the 7th Monday before Easter;
- paasvakantie: 2 weeks from the first Monday of April; when Easter falls in March, from the Monday after
  Easter; when Easter falls after 15 April, from the 2nd Monday before Easter (Easter Monday, a free day
  anyway, then follows the two weeks);
- zomervakantie: 1 July to 31 August;
- and, where they fall outside those, the recognised free days: 11 November, Easter Monday, 1 May,
  Ascension Day and the day after, Whit Monday.

The French-speaking Community reformed its calendar in 2022 (two-week autumn and spring holidays); Flanders
did not, so these rules still give the published Flemish calendars.

A school day is a weekday that is neither in a school holiday, nor a public holiday, nor a recognised free
day. A school's own free days (pedagogical study days, facultative days) are not known here.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

DAG = dt.timedelta(days=1)


def schooljaar_van(datum: dt.date) -> int:
    """The school year a date falls in, by the year it starts in (1 September to 31 August)."""
    return datum.year if datum.month >= 9 else datum.year - 1


def schooljaar_begin(schooljaar: int) -> dt.date:
    """A school year's first day: 1 September of the year it starts in."""
    return dt.date(schooljaar, 9, 1)


def schooljaar_einde(schooljaar: int) -> dt.date:
    """A school year's last day, included: 31 August of the year after it starts."""
    return dt.date(schooljaar + 1, 8, 31)


def schooljaar_grenzen(schooljaar: int) -> tuple[dt.date, dt.date]:
    """A school year as a half-open interval for filters (`__gte` the first, `__lt` the second): its first
    day and the next school year's first day."""
    return schooljaar_begin(schooljaar), schooljaar_begin(schooljaar + 1)


def als_tekst(startjaar: int) -> str:
    """A school year as people write it: 2026 → "2026-2027"."""
    return f"{startjaar}-{startjaar + 1}"


# The school years a page may ask for: ten back (what the key's windows reach), five ahead (planning).
JAREN_TERUG, JAREN_VOORUIT = 10, 5


def lees_schooljaar(tekst, *, huidig: int) -> int:
    """The school year a page asks for, written "2026" or "2026-2027": its first year when that lies from
    JAREN_TERUG before to JAREN_VOORUIT after `huidig`, else `huidig` (a bad or missing value is no error)."""
    begin = str(tekst or "").strip()[:9].split("-")[0].strip()
    if not (begin.isascii() and begin.isdigit() and len(begin) == 4):
        return huidig
    jaar = int(begin)
    return jaar if huidig - JAREN_TERUG <= jaar <= huidig + JAREN_VOORUIT else huidig


WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
ZATERDAG, ZONDAG = 5, 6


@dataclass(frozen=True)
class Vakantie:
    """A school holiday from `van` to `tot`, both included."""

    naam: str
    van: dt.date
    tot: dt.date

    def __contains__(self, datum: dt.date) -> bool:
        return self.van <= datum <= self.tot


@dataclass(frozen=True)
class Feestdag:
    naam: str
    datum: dt.date


def pasen(jaar: int) -> dt.date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    maand, dag = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(jaar, maand, dag + 1)


def _maandag_van_de_week(datum: dt.date) -> dt.date:
    return datum - datum.weekday() * DAG


def _herfstvakantie(schooljaar: int) -> Vakantie:
    allerheiligen = dt.date(schooljaar, 11, 1)
    van = allerheiligen + DAG if allerheiligen.weekday() == ZONDAG else _maandag_van_de_week(allerheiligen)
    return Vakantie("herfstvakantie", van, van + 6 * DAG)


def _kerstvakantie(schooljaar: int) -> Vakantie:
    kerstmis = dt.date(schooljaar, 12, 25)
    if kerstmis.weekday() in {ZATERDAG, ZONDAG}:
        van = kerstmis + (7 - kerstmis.weekday()) * DAG
    else:
        van = _maandag_van_de_week(kerstmis)
    return Vakantie("kerstvakantie", van, van + 13 * DAG)


def _krokusvakantie(schooljaar: int) -> Vakantie:
    van = pasen(schooljaar + 1) - 48 * DAG  # the Monday before Easter is Easter - 6; six weeks earlier
    return Vakantie("krokusvakantie", van, van + 6 * DAG)


def _paasvakantie(schooljaar: int) -> Vakantie:
    paasdag = pasen(schooljaar + 1)
    if paasdag.month == 3:
        van = paasdag + DAG
    elif paasdag > dt.date(paasdag.year, 4, 15):
        van = paasdag - 13 * DAG
    else:
        eerste_april = dt.date(paasdag.year, 4, 1)
        van = eerste_april + ((7 - eerste_april.weekday()) % 7) * DAG
    return Vakantie("paasvakantie", van, van + 13 * DAG)


def _zomervakantie(schooljaar: int) -> Vakantie:
    return Vakantie("zomervakantie", dt.date(schooljaar + 1, 7, 1), schooljaar_einde(schooljaar))


@lru_cache(maxsize=64)
def _vakanties(schooljaar: int) -> tuple[Vakantie, ...]:
    return (
        _herfstvakantie(schooljaar),
        _kerstvakantie(schooljaar),
        _krokusvakantie(schooljaar),
        _paasvakantie(schooljaar),
        _zomervakantie(schooljaar),
    )


def schoolvakanties(schooljaar: int) -> list[Vakantie]:
    """The five school holidays of the school year that starts on 1 September of `schooljaar`, in order."""
    return list(_vakanties(schooljaar))


@lru_cache(maxsize=64)
def _feestdagen(jaar: int) -> tuple[Feestdag, ...]:
    paasdag = pasen(jaar)
    return (
        Feestdag("Nieuwjaar (1 januari)", dt.date(jaar, 1, 1)),
        Feestdag("Paasmaandag", paasdag + DAG),
        Feestdag("Feest van de Arbeid (1 mei)", dt.date(jaar, 5, 1)),
        Feestdag("O.L.H. Hemelvaart", paasdag + 39 * DAG),
        Feestdag("Pinkstermaandag", paasdag + 50 * DAG),
        Feestdag("Feest van de Vlaamse Gemeenschap (11 juli)", dt.date(jaar, 7, 11)),
        Feestdag("Nationale feestdag (21 juli)", dt.date(jaar, 7, 21)),
        Feestdag("O.L.V. Hemelvaart (15 augustus)", dt.date(jaar, 8, 15)),
        Feestdag("Allerheiligen (1 november)", dt.date(jaar, 11, 1)),
        Feestdag("Wapenstilstand (11 november)", dt.date(jaar, 11, 11)),
        Feestdag("Kerstmis (25 december)", dt.date(jaar, 12, 25)),
    )


def feestdagen(jaar: int) -> list[Feestdag]:
    """The ten Belgian public holidays of a calendar year and the Flemish Community's 11 July, by date."""
    return sorted(_feestdagen(jaar), key=lambda f: f.datum)


def vrije_dagen(schooljaar: int) -> list[Feestdag]:
    """The school year's recognised free days: 11 November, Easter Monday, 1 May, Ascension Day and the day
    after, Whit Monday (some fall in a holiday already)."""
    voorjaar = {f.naam: f for f in _feestdagen(schooljaar + 1)}
    hemelvaart = voorjaar["O.L.H. Hemelvaart"]
    return [
        Feestdag("Wapenstilstand (11 november)", dt.date(schooljaar, 11, 11)),
        voorjaar["Paasmaandag"],
        voorjaar["Feest van de Arbeid (1 mei)"],
        hemelvaart,
        Feestdag("vrijdag na O.L.H. Hemelvaart", hemelvaart.datum + DAG),
        voorjaar["Pinkstermaandag"],
    ]


def waarom_geen_schooldag(datum: dt.date) -> str | None:
    """Why there is no school on this day, in Dutch ('zaterdag', 'kerstvakantie', 'Wapenstilstand (11
    november)'), or None on a school day. A named day goes before the holiday it falls in, and a holiday
    before the weekend."""
    if isinstance(datum, dt.datetime):
        datum = datum.date()
    schooljaar = schooljaar_van(datum)
    # A school year runs into the next calendar year: the first and the last one Python knows are not whole.
    volledig = dt.MINYEAR <= schooljaar < dt.MAXYEAR
    for dag in (*_feestdagen(datum.year), *(vrije_dagen(schooljaar) if volledig else ())):
        if dag.datum == datum:
            return dag.naam
    for vakantie in _vakanties(schooljaar) if volledig else ():
        if datum in vakantie:
            return vakantie.naam
    if datum.weekday() in {ZATERDAG, ZONDAG}:
        return WEEKDAGEN[datum.weekday()]
    return None


def is_schooldag(datum: dt.date) -> bool:
    return waarom_geen_schooldag(datum) is None
