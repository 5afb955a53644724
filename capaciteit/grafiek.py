"""A server-rendered SVG of a frame against the time used, cumulative per month (no script, CSP-safe)."""

from dataclasses import dataclass

BREEDTE, HOOGTE, MARGE = 480, 180, 28


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
