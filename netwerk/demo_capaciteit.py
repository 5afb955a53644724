"""Capacity for the demo network: this year's envelope of the general LSC, published, and each supporter's
working days, so the time frames and the week planning have something real to work on.

No randomness: the days follow from the assignment and the supporter's place in the list, so adding this
step changes nothing else the demo draws.
"""

from capaciteit.models import Envelop
from capaciteit.services import verdeling_publiceren
from netwerk.models import Ondersteuner
from netwerk.schooljaar import huidig_schooljaar

ENVELOP_UREN = 45_000  # hours of support for the brede types this school year
UREN_PER_VOLTIJDSE = 1_000  # hours at schools per full-time assignment per year (36 school weeks)
DAGEN_PER_OPDRACHT = {100: 5, 80: 4, 60: 3, 50: 3}


def werkdagen(opdracht_procent: int, volgnummer: int) -> list[int]:
    """Monday to Friday for a full-time assignment; a part-time one skips days, in turn, never Wednesday
    alone (the collegial day)."""
    aantal = DAGEN_PER_OPDRACHT.get(opdracht_procent, max(1, round(opdracht_procent / 20)))
    vrij = [(volgnummer + i * 2) % 5 for i in range(5 - aantal)]
    return [dag for dag in range(5) if dag not in vrij]


def maak_democapaciteit(*, lsc, ondersteuners: list[Ondersteuner], door) -> None:
    for volgnummer, ondersteuner in enumerate(ondersteuners):
        ondersteuner.werkdagen = werkdagen(ondersteuner.opdracht_procent, volgnummer)
    Ondersteuner.objects.bulk_update(ondersteuners, ["werkdagen"])
    envelop = Envelop.objects.create(
        lsc=lsc,
        schooljaar=huidig_schooljaar(),
        uren=ENVELOP_UREN,
        uren_per_voltijdse=UREN_PER_VOLTIJDSE,
        verslagsoorten=["gc", "iac", "ov4"],
    )
    verdeling_publiceren(door=door, envelop=envelop)
