"""A small server-rendered SVG chart of a school's figures over the years (no script, CSP-safe)."""

from dataclasses import dataclass

BREEDTE, HOOGTE, MARGE = 480, 160, 28
MAX_STAAF = 44


@dataclass(frozen=True)
class Staaf:
    x: float
    y: float
    breedte: float
    hoogte: float
    label: str
    waarde: int
    verslagen: int
    verslag_y: float
    midden: float


def leerlingen_grafiek(cijfers) -> dict | None:
    """Bars for pupils and a mark for GC-reports per school year, scaled to the largest value."""
    if not cijfers:
        return None
    hoogste = max(c.leerlingen for c in cijfers) or 1
    hoogste_verslagen = max(c.gc_verslagen for c in cijfers) or 1
    vak = (BREEDTE - 2 * MARGE) / len(cijfers)
    bruikbaar = HOOGTE - 2 * MARGE
    staven = []
    for index, cijfer in enumerate(cijfers):
        hoogte = bruikbaar * cijfer.leerlingen / hoogste
        staven.append(
            Staaf(
                x=round(MARGE + index * vak + (vak - min(vak * 0.7, MAX_STAAF)) / 2, 1),
                y=round(MARGE + bruikbaar - hoogte, 1),
                breedte=round(min(vak * 0.7, MAX_STAAF), 1),
                hoogte=round(hoogte, 1),
                label=f"{cijfer.schooljaar % 100:02d}-{(cijfer.schooljaar + 1) % 100:02d}",
                waarde=cijfer.leerlingen,
                verslagen=cijfer.gc_verslagen,
                verslag_y=round(MARGE + bruikbaar - bruikbaar * cijfer.gc_verslagen / hoogste_verslagen, 1),
                midden=round(MARGE + index * vak + vak / 2, 1),
            )
        )
    return {"breedte": BREEDTE, "hoogte": HOOGTE, "basis": HOOGTE - MARGE, "staven": staven}
