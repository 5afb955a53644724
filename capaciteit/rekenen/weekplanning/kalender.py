"""The published cycle laid onto real dates: which visits fall on which day, once the school calendar, the
supporters' absences and the coordinator's one-off changes have had their say.

Pure: visits of the cycle, absences and changes in, dated visits out; no ORM, no Django.

- A visit of the cycle (`Vast`: a supporter at a school on day `dag` of a 1- or 2-week cycle) happens on
  every date whose day of the cycle is `dag` (`agenda.week_van_de_cyclus`), except on a day without school
  (`netwerk.kalender`: weekend, school holidays, public holidays, recognised free days).
- A one-off change (`Wijziging`) concerns one visit on one date, the date the cycle gives it:
  GESCHRAPT cancels it, ANDERE_SCHOOL sends the supporter to another school that day, VERPLAATST moves it
  to another date, ANDERE_ONDERSTEUNER has another supporter go (a replacement).
- Whoever goes, a visit on a day they are absent does not happen; neither does one moved to a day without
  school.

The hard rule stays on dates: at most `MAX_SCHOLEN_PER_DAG` schools per supporter per date. `weigering`
says in Dutch why a change would break it (or another rule), so the service refuses it before it is saved.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from capaciteit.rekenen.weekplanning.agenda import week_van_de_cyclus
from capaciteit.rekenen.weekplanning.typen import Instellingen, Positie, dagcapaciteit, km
from netwerk.kalender import schooljaar_van, waarom_geen_schooldag

MAX_SCHOLEN_PER_DAG = Instellingen.max_scholen_per_dag
DAG = dt.timedelta(days=1)

Periode = tuple[dt.date, dt.date]  # from–to, both included


class Soort(StrEnum):
    GESCHRAPT = "geschrapt"
    ANDERE_SCHOOL = "andere_school"
    VERPLAATST = "verplaatst"
    ANDERE_ONDERSTEUNER = "andere_ondersteuner"


@dataclass(frozen=True)
class Vast:
    """A visit of the published cycle."""

    regel_id: int
    ondersteuner_id: int
    school_id: int
    dag: int
    blokken: int


@dataclass(frozen=True)
class Wijziging:
    """A one-off change to the visit `regel_id` on `datum` (a date the cycle gives it)."""

    regel_id: int
    datum: dt.date
    soort: Soort
    school_id: int | None = None
    nieuwe_datum: dt.date | None = None
    ondersteuner_id: int | None = None


@dataclass(frozen=True)
class Bezoek:
    """A visit on a date: who goes where for how long, and which visit of the cycle on which date it was."""

    datum: dt.date
    regel_id: int
    ondersteuner_id: int
    school_id: int
    blokken: int
    oorspronkelijke_datum: dt.date
    soort: Soort | None = None  # None: as the cycle planned it


def dag_van_de_cyclus(datum: dt.date, *, cyclus_weken: int) -> int | None:
    """0–4 (week 1) or 5–9 (week 2): the day of the cycle a date is; None at the weekend."""
    if datum.weekday() > 4:
        return None
    week = week_van_de_cyclus(datum, cyclus_weken=cyclus_weken, schooljaar=schooljaar_van(datum))
    return (week - 1) * 5 + datum.weekday()


def afwezig_op(datum: dt.date, perioden: Iterable[Periode]) -> bool:
    return any(van <= datum <= tot for van, tot in perioden)


def _datums(van: dt.date, tot: dt.date) -> Iterable[dt.date]:
    datum = van
    while datum <= tot:
        yield datum
        datum += DAG


def volgens_cyclus(
    vaste: Iterable[Vast], *, cyclus_weken: int, van: dt.date, tot: dt.date
) -> list[tuple[dt.date, Vast]]:
    """Every (date, visit of the cycle) from `van` to `tot` on a school day, before any change or absence."""
    per_dag: dict[int, list[Vast]] = defaultdict(list)
    for vast in vaste:
        per_dag[vast.dag].append(vast)
    gevonden = []
    for datum in _datums(van, tot):
        dag = dag_van_de_cyclus(datum, cyclus_weken=cyclus_weken)
        if dag is None or waarom_geen_schooldag(datum) is not None:
            continue
        gevonden.extend((datum, vast) for vast in per_dag.get(dag, ()))
    return gevonden


def bezoeken(
    vaste: Iterable[Vast],
    *,
    cyclus_weken: int,
    van: dt.date,
    tot: dt.date,
    afwezigheden: Mapping[int, Sequence[Periode]] | None = None,
    wijzigingen: Iterable[Wijziging] = (),
) -> list[Bezoek]:
    """The visits that happen from `van` to `tot`, by date, supporter and school.

    A visit moved into the range from a date outside it is found too: the cycle is laid over both ranges.
    """
    afwezigheden = afwezigheden or {}
    per_bezoek = {(w.regel_id, w.datum): w for w in wijzigingen}
    # A visit moved from a date outside [van, tot] into it: lay the cycle over those dates too.
    bronnen = {w.datum for w in per_bezoek.values() if w.soort == Soort.VERPLAATST and w.nieuwe_datum}
    vaste = list(vaste)
    kandidaten = volgens_cyclus(vaste, cyclus_weken=cyclus_weken, van=van, tot=tot)
    buiten = sorted(d for d in bronnen if not van <= d <= tot)
    for datum in buiten:
        kandidaten.extend(volgens_cyclus(vaste, cyclus_weken=cyclus_weken, van=datum, tot=datum))
    gevonden = []
    for datum, vast in kandidaten:
        bezoek = _toegepast(vast, datum, per_bezoek.get((vast.regel_id, datum)))
        if bezoek is None or not van <= bezoek.datum <= tot:
            continue
        if waarom_geen_schooldag(bezoek.datum) is not None:
            continue
        if afwezig_op(bezoek.datum, afwezigheden.get(bezoek.ondersteuner_id, ())):
            continue
        gevonden.append(bezoek)
    return sorted(gevonden, key=lambda b: (b.datum, b.ondersteuner_id, b.school_id, b.regel_id))


def _toegepast(vast: Vast, datum: dt.date, wijziging: Wijziging | None) -> Bezoek | None:
    bezoek = Bezoek(datum, vast.regel_id, vast.ondersteuner_id, vast.school_id, vast.blokken, datum)
    if wijziging is None:
        return bezoek
    match wijziging.soort:
        case Soort.GESCHRAPT:
            return None
        case Soort.ANDERE_SCHOOL:
            return _met(bezoek, school_id=wijziging.school_id, soort=wijziging.soort)
        case Soort.VERPLAATST:
            return _met(bezoek, datum=wijziging.nieuwe_datum, soort=wijziging.soort)
        case Soort.ANDERE_ONDERSTEUNER:
            return _met(bezoek, ondersteuner_id=wijziging.ondersteuner_id, soort=wijziging.soort)
    raise ValueError(wijziging.soort)


def _met(bezoek: Bezoek, **velden) -> Bezoek:
    return Bezoek(**{**bezoek.__dict__, **velden})


def scholen_per_dag(gevonden: Iterable[Bezoek]) -> dict[tuple[int, dt.date], set[int]]:
    """(supporter, date) → the schools they go to that day."""
    scholen: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
    for bezoek in gevonden:
        scholen[(bezoek.ondersteuner_id, bezoek.datum)].add(bezoek.school_id)
    return scholen


def weigering(
    nieuw: Wijziging,
    *,
    vaste: Sequence[Vast],
    cyclus_weken: int,
    afwezigheden: Mapping[int, Sequence[Periode]] | None = None,
    wijzigingen: Sequence[Wijziging] = (),
    namen: Mapping[str, Mapping[int, str]] | None = None,
) -> str | None:
    """Why `nieuw` cannot be made, in Dutch; None when it can. `namen` gives "scholen" and "ondersteuners"
    by id for the messages."""
    namen = namen or {}
    ondersteuners = namen.get("ondersteuners", {})
    afwezigheden = afwezigheden or {}
    vast = next((v for v in vaste if v.regel_id == nieuw.regel_id), None)
    if vast is None:
        return "Dat bezoek staat niet in het gepubliceerde weekplan."
    datum_tekst = f"{nieuw.datum:%d/%m/%Y}"
    if dag_van_de_cyclus(nieuw.datum, cyclus_weken=cyclus_weken) != vast.dag:
        return f"Dat bezoek valt niet op {datum_tekst}."
    if reden := waarom_geen_schooldag(nieuw.datum):
        return f"Op {datum_tekst} is er geen school ({reden})."
    if any((w.regel_id, w.datum) == (nieuw.regel_id, nieuw.datum) for w in wijzigingen):
        return f"Dat bezoek op {datum_tekst} heeft al een wijziging: maak die eerst ongedaan."
    doel = nieuw.datum
    if nieuw.soort == Soort.ANDERE_SCHOOL:
        if nieuw.school_id is None:
            return "Kies de school waar het bezoek naartoe gaat."
        if nieuw.school_id == vast.school_id:
            return "Kies een andere school dan de geplande."
    elif nieuw.soort == Soort.VERPLAATST:
        if nieuw.nieuwe_datum is None:
            return "Kies de datum waarnaar het bezoek verhuist."
        if nieuw.nieuwe_datum == nieuw.datum:
            return "Kies een andere datum dan de geplande."
        if reden := waarom_geen_schooldag(nieuw.nieuwe_datum):
            return f"Op {nieuw.nieuwe_datum:%d/%m/%Y} is er geen school ({reden})."
        if schooljaar_van(nieuw.nieuwe_datum) != schooljaar_van(nieuw.datum):
            return "Een bezoek verhuist enkel binnen hetzelfde schooljaar."
        doel = nieuw.nieuwe_datum
    elif nieuw.soort == Soort.ANDERE_ONDERSTEUNER:
        if nieuw.ondersteuner_id is None:
            return "Kies de ondersteuner die in de plaats gaat."
        if nieuw.ondersteuner_id == vast.ondersteuner_id:
            return "Kies een andere ondersteuner dan de geplande."
    if nieuw.soort != Soort.GESCHRAPT:
        wie = nieuw.ondersteuner_id if nieuw.soort == Soort.ANDERE_ONDERSTEUNER else vast.ondersteuner_id
        if afwezig_op(doel, afwezigheden.get(wie, ())):
            naam = ondersteuners.get(wie, "De ondersteuner")
            return f"{naam} is afwezig op {doel:%d/%m/%Y}."
        na = bezoeken(
            vaste,
            cyclus_weken=cyclus_weken,
            van=doel,
            tot=doel,
            afwezigheden=afwezigheden,
            wijzigingen=[*wijzigingen, nieuw],
        )
        scholen = scholen_per_dag(na).get((wie, doel), set())
        if len(scholen) > MAX_SCHOLEN_PER_DAG:
            naam = ondersteuners.get(wie, "De ondersteuner")
            return (
                f"{naam} zou op {doel:%d/%m/%Y} naar {len(scholen)} scholen gaan; "
                f"hoogstens {MAX_SCHOLEN_PER_DAG} per dag."
            )
    return None


@dataclass(frozen=True)
class Kandidaat:
    """A supporter who might replace an absent colleague: where they live, which schools they may serve
    (their regio team's and their own), the weekdays they work (0–4), and their assignment per week in half
    hours (None: not known, so not checked)."""

    id: int
    positie: Positie | None
    scholen: frozenset[int]
    werkdagen: frozenset[int] = frozenset(range(5))
    blokken_per_week: int | None = None


@dataclass(frozen=True)
class Voorstel:
    ondersteuner_id: int
    km: float | None  # home to the school, as the crow flies (`typen.km`); None when a position is unknown
    al_daar: bool  # already at that school that day


@dataclass(frozen=True)
class Vervanging:
    """The proposals for one visit, and when there are none, why not (Dutch)."""

    voorstellen: list[Voorstel]
    reden: str | None = None


# Why a candidate who may serve the school is not proposed, from the first rule that stops them to the last.
AFWEZIG, DAG_VOL, WEEK_VOL = 1, 2, 3
WAAROM_NIEMAND = {
    None: "Geen collega mag die school bedienen.",
    AFWEZIG: "Niemand die de school mag bedienen, werkt die dag of is er.",
    DAG_VOL: (
        f"Niemand heeft die dag nog ruimte: hoogstens {MAX_SCHOLEN_PER_DAG} scholen en de uren van de dag."
    ),
    WEEK_VOL: "Wie die dag nog ruimte heeft, komt die week boven de eigen opdracht uit.",
}


def week_van(datum: dt.date) -> Periode:
    """Monday–Friday of the week `datum` lies in."""
    maandag = datum - dt.timedelta(days=datum.weekday())
    return maandag, maandag + dt.timedelta(days=4)


def blokken_van(gevonden: Iterable[Bezoek], ondersteuner_id: int) -> int:
    return sum(b.blokken for b in gevonden if b.ondersteuner_id == ondersteuner_id)


def vervanging(
    regel_id: int,
    datum: dt.date,
    *,
    kandidaten: Iterable[Kandidaat],
    school_positie: Positie | None,
    vaste: Sequence[Vast],
    cyclus_weken: int,
    afwezigheden: Mapping[int, Sequence[Periode]] | None = None,
    wijzigingen: Sequence[Wijziging] = (),
    instellingen: Instellingen | None = None,
    hoogstens: int = 3,
) -> Vervanging:
    """Who could make the visit `regel_id` on `datum` instead of its supporter: someone else who may serve
    the school, works that weekday, is not absent, keeps at most 2 schools and the day's hours
    (`typen.dagcapaciteit`) that day with it (the check `weigering` makes, and the hours), and whose visits
    that week (replacements already accepted included, absences and holidays not) plus this one stay within
    their assignment per week. Those already at the school that day first, then the closest."""
    instellingen = instellingen or Instellingen(cyclus_weken=cyclus_weken)
    vast = next(v for v in vaste if v.regel_id == regel_id)
    dag = dag_van_de_cyclus(datum, cyclus_weken=cyclus_weken)
    dag_blokken = dagcapaciteit(instellingen, dag) if dag is not None else 0
    maandag, vrijdag = week_van(datum)
    die_week = bezoeken(
        vaste,
        cyclus_weken=cyclus_weken,
        van=maandag,
        tot=vrijdag,
        afwezigheden=afwezigheden,
        wijzigingen=wijzigingen,
    )
    op_die_dag = [b for b in die_week if b.datum == datum]
    scholen = scholen_per_dag(op_die_dag)
    verst = None  # the furthest rule any candidate who may serve the school got to
    voorstellen = []
    for kandidaat in kandidaten:
        if kandidaat.id == vast.ondersteuner_id or vast.school_id not in kandidaat.scholen:
            continue
        verst = max(verst or AFWEZIG, AFWEZIG)
        if datum.weekday() not in kandidaat.werkdagen:
            continue
        wijziging = Wijziging(regel_id, datum, Soort.ANDERE_ONDERSTEUNER, ondersteuner_id=kandidaat.id)
        if weigering(
            wijziging,
            vaste=vaste,
            cyclus_weken=cyclus_weken,
            afwezigheden=afwezigheden,
            wijzigingen=wijzigingen,
        ):
            if not afwezig_op(datum, (afwezigheden or {}).get(kandidaat.id, ())):
                verst = max(verst, DAG_VOL)
            continue
        verst = max(verst, DAG_VOL)
        dag_bezoeken = [b for b in op_die_dag if b.ondersteuner_id == kandidaat.id]
        if blokken_van(dag_bezoeken, kandidaat.id) + vast.blokken > dag_blokken:
            continue
        verst = WEEK_VOL
        if (
            kandidaat.blokken_per_week is not None
            and blokken_van(die_week, kandidaat.id) + vast.blokken > kandidaat.blokken_per_week
        ):
            continue
        al_daar = vast.school_id in scholen.get((kandidaat.id, datum), set())
        afstand = (
            None
            if kandidaat.positie is None or school_positie is None
            else km(kandidaat.positie, school_positie)
        )
        voorstellen.append(Voorstel(kandidaat.id, afstand, al_daar))
    voorstellen.sort(key=lambda v: (not v.al_daar, v.km is None, v.km or 0, v.ondersteuner_id))
    return Vervanging(voorstellen[:hoogstens], None if voorstellen else WAAROM_NIEMAND[verst])


def vervangers(regel_id: int, datum: dt.date, **kwargs) -> list[Voorstel]:
    """The proposals of `vervanging`, without the reason."""
    return vervanging(regel_id, datum, **kwargs).voorstellen
