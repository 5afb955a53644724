"""Follow-up of an LSC's capacity, pure: each school's use of its tijdskader and each supporter's week, with
their figures as every page writes them.

The figures are defined once, in `capaciteit.rekenen.cijfers`; this module puts them side by side the same way
on every page (the school's frame page, the coordinator's follow-up, the supporter page and the week plan).
It takes numbers and rows already read (`capaciteit.queries` reads them in a constant number of queries);
the rows are only read from (a frame's `school`, `uren`; a supporter's `opdracht_procent`), never imported.
"""

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

from capaciteit.rekenen import cijfers
from capaciteit.rekenen.grafiek import kader_grafiek
from netwerk.opmaak import getal

MAANDNAMEN = {
    1: "januari",
    2: "februari",
    3: "maart",
    4: "april",
    5: "mei",
    6: "juni",
    7: "juli",
    8: "augustus",
    9: "september",
    10: "oktober",
    11: "november",
    12: "december",
}
# Dutch abbreviations as every date in the app shows them (Django's "b" in nl: "mrt", not "maa").
MAANDEN_KORT = {
    1: "jan",
    2: "feb",
    3: "mrt",
    4: "apr",
    5: "mei",
    6: "jun",
    7: "jul",
    8: "aug",
    9: "sep",
    10: "okt",
    11: "nov",
    12: "dec",
}
SIGNAAL_VOLGORDE = {
    cijfers.Signaal.BOVEN: 0,
    cijfers.Signaal.ONDER: 1,
    cijfers.Signaal.BINNEN: 2,
    cijfers.Signaal.TE_VROEG: 3,
}
GEEN = "—"


def drempels() -> dict[str, str | int]:
    """The signal's thresholds as the pages name them."""
    return {
        "boven": cijfers.procent(cijfers.VER_BOVEN),
        "onder": cijfers.procent(cijfers.VER_ONDER),
        "weken": cijfers.MINSTE_SCHOOLWEKEN,
    }


# ------------------------------------------------------------------------------------ a supporter's week


@dataclass
class Planning:
    """A supporter's week: available, planned in the published week plan, agreed in running trajectories."""

    ondersteuner: object  # the supporter's row, shown as it is
    beschikbaar: cijfers.Beschikbaar
    gepland: Fraction | None  # minutes per week in the published week plan; None: no plan published
    afgesproken_breed: Fraction  # minutes per week agreed on brede types
    afgesproken_klein: Fraction  # on kleine types: outside the frame

    @property
    def belasting(self) -> str:
        return cijfers.belasting(gepland=self.gepland, beschikbaar=self.beschikbaar.minuten_per_week)

    @property
    def te_veel(self) -> bool:
        return self.belasting == "boven"

    @property
    def te_weinig(self) -> bool:
        return self.belasting == "onder"

    @property
    def beschikbaar_tekst(self) -> str:
        return cijfers.uren(self.beschikbaar.minuten_per_week)

    @property
    def voltijds_tekst(self) -> str:
        return cijfers.uren(self.beschikbaar.voltijds_minuten_per_week)

    @property
    def gepland_tekst(self) -> str:
        return GEEN if self.gepland is None else cijfers.uren(self.gepland)

    @property
    def procent(self) -> str:
        if self.gepland is None or not self.beschikbaar.minuten_per_week:
            return GEEN
        return cijfers.procent(self.gepland / self.beschikbaar.minuten_per_week)

    @property
    def afgesproken_breed_tekst(self) -> str:
        return cijfers.uren(self.afgesproken_breed)

    @property
    def afgesproken_klein_tekst(self) -> str:
        return cijfers.uren(self.afgesproken_klein)


def beschikbaar_bij(*, opdracht_procent: int, envelop) -> cijfers.Beschikbaar:
    """Available per week for an assignment, by the envelope of the school year (38 hours without one)."""
    return cijfers.beschikbaar(
        opdracht_procent=opdracht_procent,
        uren_per_voltijdse=envelop.uren_per_voltijdse if envelop is not None else None,
        schoolweken=envelop.schoolweken if envelop is not None else cijfers.STANDAARD_SCHOOLWEKEN,
    )


def beschikbaar_van(ondersteuner, envelop) -> cijfers.Beschikbaar:
    return beschikbaar_bij(opdracht_procent=ondersteuner.opdracht_procent, envelop=envelop)


def afgesproken(rijen) -> tuple[Fraction, Fraction]:
    """Minutes per week (brede, kleine) agreed in running trajectories: rows of (is brede type, intensity in
    minutes, frequency)."""
    breed, klein = Fraction(0), Fraction(0)
    for is_breed, minuten, frequentie in rijen:
        per_week = cijfers.afgesproken_per_week(intensiteit_minuten=minuten, frequentie=frequentie)
        if is_breed:
            breed += per_week
        else:
            klein += per_week
    return breed, klein


def planningen(
    ondersteuners: list,
    *,
    envelop,
    gepland: dict[int, Fraction | None],
    afgesproken: dict[int, tuple[Fraction, Fraction]],
) -> list[Planning]:
    """One week per supporter, from their planned and agreed minutes per week (by the supporter's pk)."""
    return [
        Planning(o, beschikbaar_van(o, envelop), gepland[o.pk], *afgesproken[o.pk]) for o in ondersteuners
    ]


# ------------------------------------------------------------------------------- a school's frame in use


@dataclass
class Gebruik:
    """A frame in use (`cijfers.Kadergebruik`) with its figures as every page writes them."""

    cijfers: cijfers.Kadergebruik

    @property
    def signaal(self) -> cijfers.Signaal:
        return self.cijfers.signaal

    @property
    def gebruikt(self) -> str:
        return cijfers.uren(self.cijfers.gebruikt)

    @property
    def klein(self) -> str:
        return cijfers.uren(self.cijfers.klein)

    @property
    def resterend(self) -> str:
        """Hours left for the rest of the year; none once the frame is used up."""
        return cijfers.uren(max(self.cijfers.resterend, 0))

    @property
    def boven_kader(self) -> str | None:
        """Hours used beyond the frame, or None while the frame is not used up."""
        return cijfers.uren(-self.cijfers.resterend) if self.cijfers.resterend < 0 else None

    @property
    def pro_rata(self) -> str:
        return cijfers.uren(self.cijfers.pro_rata)

    @property
    def verstreken_weken(self) -> str:
        return getal(self.cijfers.verstreken_weken, 1)

    @property
    def procent(self) -> str:
        """Used as a percentage of pro rata; like the projection, not before the signal can say something."""
        verhouding = self.cijfers.verhouding
        if verhouding is None or self.signaal == cijfers.Signaal.TE_VROEG:
            return GEEN
        return cijfers.procent(verhouding)

    @property
    def projectie(self) -> str:
        projectie = self.cijfers.projectie
        return GEEN if projectie is None else cijfers.uren(projectie, 0)

    @cached_property
    def maanden(self) -> list[dict]:
        return [
            {
                "sleutel": f"{m.eerste:%Y-%m}",
                "label": f"{MAANDNAMEN[m.eerste.month]} {m.eerste.year}",
                "kort": MAANDEN_KORT[m.eerste.month],
                "kader": cijfers.uren(m.kader),
                "gebruikt": cijfers.uren(m.gebruikt),
                "klein": cijfers.uren(m.klein),
                "kader_cumulatief": m.kader_cumulatief / 60,
                "gebruikt_cumulatief": Fraction(m.gebruikt_cumulatief, 60),
                "verstreken": m.verstreken,
            }
            for m in self.cijfers.maanden
        ]

    @cached_property
    def grafiek(self) -> dict | None:
        return kader_grafiek(self.maanden)


def gebruik(*, uren: int, schoolweken: int, schooljaar: int, minuten: dict, vandaag: dt.date) -> Gebruik:
    return Gebruik(
        cijfers.kadergebruik(
            uren=uren, schoolweken=schoolweken, schooljaar=schooljaar, minuten=minuten, vandaag=vandaag
        )
    )


@dataclass
class Schoolrij:
    kader: object  # the school's frame (a row with `school` and `uren`)
    opvolging: Gebruik

    @property
    def signaal(self) -> cijfers.Signaal:
        return self.opvolging.signaal


def schoolrijen(
    kaders: list,
    minuten: dict[int, dict],
    *,
    schoolweken: int,
    schooljaar: int,
    vandaag: dt.date,
    enkel_gemarkeerd: bool = False,
    sorteer: str = "signaal",
) -> list[Schoolrij]:
    """One row per school; far above first, then far below, unless sorted by name."""
    rijen = [
        Schoolrij(
            kader,
            gebruik(
                uren=kader.uren,
                schoolweken=schoolweken,
                schooljaar=schooljaar,
                minuten=minuten.get(kader.school_id, {}),
                vandaag=vandaag,
            ),
        )
        for kader in kaders
    ]
    if enkel_gemarkeerd:
        rijen = [r for r in rijen if r.signaal.gemarkeerd]
    if sorteer == "naam":
        return sorted(rijen, key=lambda r: r.kader.school.naam)
    return sorted(rijen, key=lambda r: (SIGNAAL_VOLGORDE[r.signaal], r.kader.school.naam))


# ------------------------------------------------------------------------------------- moves of hours


def bewegingen(kader_id: int, rijen: list[dict]) -> list[dict]:
    """The moves of hours in and out of frame `kader_id`, oldest first (rows with `wanneer`, `uren`, `van_id`,
    `van`, `naar`, `reden`): hours in are positive, hours out negative, and a sentence for each."""
    uit_rijen = []
    for h in rijen:
        uit = h["van_id"] == kader_id
        uit_rijen.append(
            {
                "wanneer": h["wanneer"],
                "uren": -h["uren"] if uit else h["uren"],
                "zin": f"{h['uren']} uur {'afgegeven aan' if uit else 'ontvangen van'} "
                f"{h['naar'] if uit else h['van']}",
                "reden": h["reden"],
            }
        )
    return uit_rijen
