"""The school page's chart: pupils per school year as columns with their values and an axis, the GC-reports as
points on their own scale. Drawn by netwerk.grafiek, like every chart of the app."""

from django.utils.translation import gettext as _

from netwerk import grafiek
from netwerk.opmaak import getal


def leerlingen_grafiek(cijfers) -> grafiek.Grafiek | None:
    """None without figures; the rows (oldest first) are the school's Schooljaarcijfers."""
    if not cijfers:
        return None
    labels = [f"{c.schooljaar % 100:02d}-{(c.schooljaar + 1) % 100:02d}" for c in cijfers]
    return grafiek.kolommen(
        id="grafiek",
        titel=_("Leerlingen (staven) en GC-verslagen (punten) per schooljaar"),
        beschrijving=_(
            "Per schooljaar een staaf met het aantal leerlingen (de as links) en een punt met het aantal "
            "GC-verslagen op een eigen schaal; de cijfers staan in de tabel eronder."
        ),
        labels=labels,
        waarden=[c.leerlingen for c in cijfers],
        reeks=_("leerlingen"),
        punten=[c.gc_verslagen for c in cijfers],
        puntreeks=_("GC-verslagen (eigen schaal)"),
        opmaak=lambda w: getal(w, 0),
        klasse="schoolgrafiek",
    )
