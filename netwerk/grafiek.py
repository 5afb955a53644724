"""Server-rendered SVG charts, pure: numbers in, markup and the same numbers as a table out.

Every chart of the app comes from here, so each one is accessible the same way: `role="img"`, a `<title>`
that `aria-labelledby` names and a `<desc>` that `aria-describedby` names, and the figures as rows for the
table under the chart (the template `includes/grafiek.html` puts it behind a toggle). The SVG has no script
and no style attribute (the CSP forbids both): shapes carry classes (styled in honingraat.css) and
presentation attributes (x, y, width, height) only. Coordinates are written with a decimal point whatever the
language; labels with a decimal comma.

Two shapes cover the pictures:
- `staven`: horizontal bars, one row per label: stacked (segments of one total), grouped (a thin bar per
  series) or relative (each row as 100 %), with a band behind (a bullet chart's frame) and marks (a target);
- `kolommen`: vertical bars per label (a histogram, a figure per school year), with an optional reference
  line between columns (the answer deadline) and an optional second series of points on its own scale.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from netwerk.opmaak import getal

LETTER = 12  # the labels' font size in the viewBox's units (honingraat.css uses the same)
RIJHOOGTE = 22
KOLOMBREEDTE_MAX = 48
MAX_SERIES = 6  # .reeks-0 … .reeks-5 in honingraat.css


class Svg(str):
    """Markup that templates print as it is (Django honours `__html__`; all text in it is escaped here)."""

    def __html__(self) -> str:
        return self


@dataclass(frozen=True)
class Grafiek:
    """A chart and the figures it draws, as a table: a head row and rows of texts."""

    id: str
    titel: str
    svg: Svg
    kop: tuple[str, ...]
    rijen: tuple[tuple[str, ...], ...]
    totaal: int | None = None  # the rows of the whole chart, where it draws only some of them

    @property
    def leeg(self) -> bool:
        return not self.rijen

    @property
    def ingekort(self) -> bool:
        return self.totaal is not None and self.totaal > len(self.rijen)


@dataclass(frozen=True)
class Rij:
    """One row of a bar chart: its values per series, a band behind them and marks (value, class, name)."""

    label: str
    waarden: tuple[float, ...]
    band: float | None = None
    merktekens: tuple[tuple[float, str, str], ...] = ()


@dataclass(frozen=True)
class Lijn:
    """A reference line in a column chart, at `positie` columns from the left (2.5: halfway the third)."""

    positie: float
    label: str


@dataclass
class _Tekening:
    breedte: float
    hoogte: float
    delen: list[str] = field(default_factory=list)

    def rect(self, klasse: str, x: float, y: float, b: float, h: float, tip: str = "") -> None:
        titel = f"<title>{escape(tip)}</title>" if tip else ""
        self.delen.append(
            f'<rect class="{klasse}" x="{_c(x)}" y="{_c(y)}" width="{_c(max(b, 0))}" '
            f'height="{_c(max(h, 0))}">{titel}</rect>'
        )

    def lijn(self, klasse: str, x1: float, y1: float, x2: float, y2: float, tip: str = "") -> None:
        punten = f'x1="{_c(x1)}" y1="{_c(y1)}" x2="{_c(x2)}" y2="{_c(y2)}"'
        if tip:
            self.delen.append(f'<line class="{klasse}" {punten}><title>{escape(tip)}</title></line>')
        else:
            self.delen.append(f'<line class="{klasse}" {punten}/>')

    def tekst(self, klasse: str, x: float, y: float, inhoud: str) -> None:
        self.delen.append(f'<text class="{klasse}" x="{_c(x)}" y="{_c(y)}">{escape(inhoud)}</text>')

    def punt(self, klasse: str, x: float, y: float, tip: str = "") -> None:
        titel = f"<title>{escape(tip)}</title>" if tip else ""
        self.delen.append(f'<circle class="{klasse}" cx="{_c(x)}" cy="{_c(y)}" r="4">{titel}</circle>')

    def svg(self, *, id: str, titel: str, beschrijving: str, klasse: str) -> Svg:
        return Svg(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="grafiek {klasse}" '
            f'viewBox="0 0 {_c(self.breedte)} {_c(self.hoogte)}" role="img" '
            f'aria-labelledby="{id}-titel" aria-describedby="{id}-beschrijving">'
            f'<title id="{id}-titel">{escape(titel)}</title>'
            f'<desc id="{id}-beschrijving">{escape(beschrijving)}</desc>' + "".join(self.delen) + "</svg>"
        )


def _c(waarde: float) -> str:
    """A coordinate: a decimal point, one decimal at most."""
    return f"{round(waarde, 1):g}"


def standaardgetal(waarde: float) -> str:
    return getal(waarde, 1)


def stap_voor(maximum: float, *, streepjes: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) that divides 0…maximum into about `streepjes` parts."""
    if maximum <= 0:
        return 1
    ruw = maximum / streepjes
    macht = 10 ** math.floor(math.log10(ruw))
    for veelvoud in (1, 2, 5, 10):
        if ruw <= veelvoud * macht:
            return veelvoud * macht
    return 10 * macht  # pragma: no cover - the loop ends at 10


def _schaal(maximum: float, *, geheel: bool = False) -> tuple[float, float]:
    """The axis' end (a whole number of steps at or above the maximum) and its step; a step of at least 1 for
    counts (`geheel`), so an axis of counts never reads 0, 1, 1."""
    stap = max(stap_voor(maximum), 1) if geheel else stap_voor(maximum)
    return max(stap * math.ceil(maximum / stap), stap), stap


def staven(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    reeksen: Sequence[str],
    rijen: Sequence[Rij],
    gegroepeerd: bool = False,
    relatief: bool = False,
    eenheid: str = "",
    opmaak: Callable[[float], str] = standaardgetal,
    breedte: int = 420,
    labelbreedte: int = 130,
    kop: tuple[str, ...] | None = None,
    tabelrijen: Sequence[tuple[str, ...]] | None = None,
    klasse: str = "staafgrafiek",
    band: str = "",
    rijen_in_het_geheel: int | None = None,
) -> Grafiek:
    """Horizontal bars, one row per `Rij`; series `reeksen` stacked, side by side (`gegroepeerd`) or each row
    as 100 % (`relatief`). The axis runs from 0 to a round number at or above the largest value, band
    or mark. The legend names the band (`band`, when rows have one) and each kind of mark by its name."""
    if len(reeksen) > MAX_SERIES:
        raise ValueError(f"Een grafiek toont hoogstens {MAX_SERIES} reeksen.")
    labelbreedte = labelbreedte if rijen else 0
    rechts = 44
    plot = breedte - labelbreedte - rechts
    per_rij = RIJHOOGTE * (len(reeksen) if gegroepeerd else 1) + 8
    teken = _Tekening(breedte, 0)
    merken = list(dict.fromkeys((klasse_m, naam) for r in rijen for _w, klasse_m, naam in r.merktekens))
    met_band = band if any(r.band is not None for r in rijen) else ""
    boven = _legende(teken, reeksen, band=met_band, merken=merken) + 14
    teken.hoogte = boven + per_rij * max(len(rijen), 1) + LETTER + 10

    if relatief:
        einde, stap = 100.0, 25.0
    else:
        grootste = max(
            (
                max(
                    [max(r.waarden, default=0) if gegroepeerd else sum(r.waarden)]
                    + ([r.band] if r.band is not None else [])
                    + [m[0] for m in r.merktekens]
                )
                for r in rijen
            ),
            default=0,
        )
        einde, stap = _schaal(grootste, geheel=_geheel(w for r in rijen for w in r.waarden))

    def x_van(waarde: float) -> float:
        return labelbreedte + plot * min(max(waarde, 0), einde) / einde

    asy = boven + per_rij * max(len(rijen), 1)
    waarde = 0.0
    while waarde <= einde + 1e-9:
        x = x_van(waarde)
        teken.lijn("raster", x, boven - 4, x, asy)
        teken.tekst("aslabel", x, asy + LETTER + 4, f"{opmaak(waarde)}{' %' if relatief else ''}")
        waarde += stap
    if not rijen:
        teken.tekst("leeg", labelbreedte + plot / 2, boven + per_rij / 2 + 4, "Geen gegevens")

    for index, rij in enumerate(rijen):
        y = boven + index * per_rij + 4
        teken.tekst("naamlabel", labelbreedte - 6, y + RIJHOOGTE / 2 + 4, _kort(rij.label, labelbreedte))
        if rij.band is not None:
            teken.rect("band", labelbreedte, y - 2, x_van(rij.band) - labelbreedte, per_rij - 4, "")
        totaal = sum(rij.waarden)
        if gegroepeerd:
            for serie, (naam, w) in enumerate(zip(reeksen, rij.waarden, strict=True)):
                sy = y + serie * RIJHOOGTE
                tip = f"{rij.label}, {naam}: {opmaak(w)}{eenheid}"
                teken.rect(
                    f"staaf reeks-{serie}", labelbreedte, sy + 3, x_van(w) - labelbreedte, RIJHOOGTE - 6, tip
                )
                teken.tekst("waardelabel", x_van(w) + 4, sy + RIJHOOGTE / 2 + 4, opmaak(w))
        else:
            start = 0.0
            for serie, (naam, w) in enumerate(zip(reeksen, rij.waarden, strict=True)):
                deel = (100 * w / totaal if totaal else 0) if relatief else w
                tip = f"{rij.label}, {naam}: {opmaak(w)}{eenheid}"
                teken.rect(
                    f"staaf reeks-{serie}",
                    x_van(start),
                    y + 2,
                    x_van(start + deel) - x_van(start),
                    RIJHOOGTE - 4,
                    tip,
                )
                start += deel
            teken.tekst("waardelabel", x_van(start) + 4, y + RIJHOOGTE / 2 + 4, opmaak(totaal))
        for waarde_m, mklasse, naam in rij.merktekens:
            x = x_van(waarde_m)
            teken.lijn(
                f"merk {mklasse}", x, y - 3, x, y + per_rij - 5, f"{rij.label}, {naam}: {opmaak(waarde_m)}"
            )
    if kop is None:
        kop = ("", *reeksen, *(("Totaal",) if not gegroepeerd and len(reeksen) > 1 else ()))
    if tabelrijen is None:
        tabelrijen = [
            (
                r.label,
                *(opmaak(w) for w in r.waarden),
                *((opmaak(sum(r.waarden)),) if not gegroepeerd and len(reeksen) > 1 else ()),
            )
            for r in rijen
        ]
    svg = teken.svg(id=id, titel=titel, beschrijving=beschrijving, klasse=klasse)
    rijen_ = tuple(tuple(r) for r in tabelrijen)
    return Grafiek(id=id, titel=titel, svg=svg, kop=tuple(kop), rijen=rijen_, totaal=rijen_in_het_geheel)


def kolommen(
    *,
    id: str,
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    waarden: Sequence[float],
    reeks: str,
    punten: Sequence[float] | None = None,
    puntreeks: str = "",
    lijn: Lijn | None = None,
    opmaak: Callable[[float], str] = standaardgetal,
    breedte: int = 420,
    hoogte: int = 200,
    kop: tuple[str, ...] | None = None,
    tabelrijen: Sequence[tuple[str, ...]] | None = None,
    klasse: str = "kolomgrafiek",
) -> Grafiek:
    """Vertical bars of `waarden` per label with a y axis from 0, each bar's value above it; `punten` (a
    second series) on their own scale, written beside their point; `lijn` a reference line."""
    if len(labels) != len(waarden) or (punten is not None and len(punten) != len(waarden)):
        raise ValueError("Elke kolom heeft één label en één waarde.")
    links, rechts, onder = 40, 12, LETTER + 12
    teken = _Tekening(breedte, hoogte)
    boven = _legende(teken, [reeks] + ([puntreeks] if punten is not None else []), lijn.label if lijn else "")
    boven += LETTER + 8
    plot_b, plot_h = breedte - links - rechts, hoogte - boven - onder
    basis = boven + plot_h
    einde, stap = _schaal(max(waarden, default=0), geheel=_geheel(waarden))

    def y_van(waarde: float) -> float:
        return basis - plot_h * min(max(waarde, 0), einde) / einde

    waarde = 0.0
    while waarde <= einde + 1e-9:
        y = y_van(waarde)
        teken.lijn("raster", links, y, breedte - rechts, y)
        teken.tekst("aslabel aslabel-y", links - 6, y + 4, opmaak(waarde))
        waarde += stap
    teken.lijn("as", links, basis, breedte - rechts, basis)
    if not waarden:
        teken.tekst("leeg", links + plot_b / 2, boven + plot_h / 2, "Geen gegevens")
    vak = plot_b / max(len(waarden), 1)
    staaf = min(vak * 0.7, KOLOMBREEDTE_MAX)
    hoogste_punt = max(punten or [0]) or 1
    for index, (label, w) in enumerate(zip(labels, waarden, strict=True)):
        midden = links + vak * index + vak / 2
        teken.rect(
            "staaf reeks-0",
            midden - staaf / 2,
            y_van(w),
            staaf,
            basis - y_van(w),
            f"{label}: {opmaak(w)} {reeks}",
        )
        teken.tekst("waardelabel waardelabel-boven", midden, y_van(w) - 4, opmaak(w))
        teken.tekst("aslabel", midden, basis + LETTER + 4, label)
        if punten is not None:
            p = punten[index]
            py = basis - plot_h * p / hoogste_punt
            teken.punt("punt", midden + staaf / 4, py, f"{label}: {opmaak(p)} {puntreeks}")
            teken.tekst("puntlabel", midden + staaf / 4 + 7, py + 4, opmaak(p))
    if lijn is not None:
        x = links + vak * min(max(lijn.positie, 0), len(waarden))
        teken.lijn("merk doel", x, boven - 6, x, basis, lijn.label)
    if kop is None:
        kop = ("", reeks, *((puntreeks,) if punten is not None else ()))
    if tabelrijen is None:
        tabelrijen = [
            (label, opmaak(w), *((opmaak(punten[i]),) if punten is not None else ()))
            for i, (label, w) in enumerate(zip(labels, waarden, strict=True))
        ]
    svg = teken.svg(id=id, titel=titel, beschrijving=beschrijving, klasse=klasse)
    return Grafiek(id=id, titel=titel, svg=svg, kop=tuple(kop), rijen=tuple(tuple(r) for r in tabelrijen))


def _legende(
    teken: _Tekening,
    reeksen: Sequence[str],
    lijn: str = "",
    *,
    band: str = "",
    merken: Sequence[tuple[str, str]] = (),
) -> float:
    """The series' colours and names at the top, then what else the chart draws: a reference line's name
    beside a piece of it, the band behind the bars and each kind of mark (class, name), on as many lines as
    the width needs; returns its height."""
    tekens = [("reeks", f"reeks-{i}", naam) for i, naam in enumerate(reeksen)]
    tekens += [("lijn", "doel", lijn)] if lijn else []
    tekens += [("band", "band", band)] if band else []
    tekens += [("lijn", klasse, naam) for klasse, naam in merken]
    x, y = 0.0, LETTER + 2.0
    for soort, klasse, naam in tekens:
        breedte = 14 + len(naam) * LETTER * 0.6 + 14
        if x and x + breedte > teken.breedte:
            x, y = 0.0, y + LETTER + 8
        if soort == "reeks":
            teken.rect(f"legendeteken {klasse}", x, y - 10, 10, 10)
        elif soort == "band":
            teken.rect("legendeteken band", x, y - 12, 10, 14)
        else:
            teken.lijn(f"merk {klasse}", x + 5, y - 12, x + 5, y + 2)
        teken.tekst("legendelabel", x + 14, y, naam)
        x += breedte
    return y + 8 if tekens else 0.0


def _geheel(waarden) -> bool:
    return all(float(w).is_integer() for w in waarden)


def _kort(tekst: str, breedte: float) -> str:
    """A label cut to what fits `breedte` (its full text is in the table and in each bar's tooltip)."""
    # 0.62 of the font size per character: DejaVu Sans, the widest of the fonts the pages and the PDFs use;
    # at 0.55 an 18-character name ran past the chart's left edge.
    past = max(int(breedte / (LETTER * 0.62)) - 1, 4)
    return tekst if len(tekst) <= past else tekst[: past - 1].rstrip() + "…"
