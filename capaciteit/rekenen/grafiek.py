"""Server-rendered SVG charts, as coordinates for the templates (no script, CSP-safe): a frame against the
time used, cumulative per month; the hours per school as horizontal bars."""

from dataclasses import dataclass

BREEDTE, HOOGTE, MARGE = 480, 180, 28
STAAF_BREEDTE, STAAF_RIJ, STAAF_LABEL, STAAF_MARGE = 640, 20, 220, 8


@dataclass(frozen=True)
class Punt:
    x: float
    y: float


@dataclass(frozen=True)
class Maandlabel:
    x: float
    tekst: str


def kader_grafiek(maanden: list[dict]) -> dict | None:
    """Two cumulative lines: the pro-rata frame and the hours used, per month (dicts with `label`,
    `kader_cumulatief`, `gebruikt_cumulatief`)."""
    if not maanden:
        return None
    hoogste = max(max(m["kader_cumulatief"], m["gebruikt_cumulatief"]) for m in maanden) or 1
    stap = (BREEDTE - 2 * MARGE) / max(len(maanden) - 1, 1)
    bruikbaar = HOOGTE - 2 * MARGE

    def punt(index: int, waarde: float) -> Punt:
        return Punt(
            round(MARGE + index * stap, 1), round(MARGE + bruikbaar - bruikbaar * waarde / hoogste, 1)
        )

    kader = [punt(i, float(m["kader_cumulatief"])) for i, m in enumerate(maanden)]
    gebruikt = [punt(i, float(m["gebruikt_cumulatief"])) for i, m in enumerate(maanden) if m["verstreken"]]
    return {
        "breedte": BREEDTE,
        "hoogte": HOOGTE,
        "basis": HOOGTE - MARGE,
        "kader": " ".join(f"{p.x},{p.y}" for p in kader),
        "gebruikt": " ".join(f"{p.x},{p.y}" for p in gebruikt),
        "gebruikt_punten": gebruikt,
        "labels": [Maandlabel(p.x, m["kort"]) for p, m in zip(kader, maanden, strict=True)],
        "hoogste": round(hoogste),
    }


def uren_grafiek(uren_per_school: list[tuple[str, int]]) -> dict | None:
    """Horizontal bars of hours per school, largest first, scaled to the largest."""
    if not uren_per_school:
        return None
    rijen = sorted(uren_per_school, key=lambda r: (-r[1], r[0]))
    hoogste = max(uren for _naam, uren in rijen) or 1
    bruikbaar = STAAF_BREEDTE - STAAF_LABEL - 2 * STAAF_MARGE - 48
    staven = [
        {
            "naam": naam,
            "uren": uren,
            "y": STAAF_MARGE + i * STAAF_RIJ,
            "tekst_y": STAAF_MARGE + i * STAAF_RIJ + STAAF_RIJ * 0.7,
            "breedte": round(bruikbaar * uren / hoogste, 1),
            "waarde_x": round(STAAF_LABEL + bruikbaar * uren / hoogste + 6, 1),
        }
        for i, (naam, uren) in enumerate(rijen)
    ]
    return {
        "breedte": STAAF_BREEDTE,
        "hoogte": 2 * STAAF_MARGE + len(rijen) * STAAF_RIJ,
        "label_x": STAAF_LABEL - 6,
        "staaf_x": STAAF_LABEL,
        "staafhoogte": STAAF_RIJ - 6,
        "staven": staven,
    }
