"""Capacity for the demo network: this year's envelope of the general LSC, published, and each supporter's
working days, so the time frames and the week planning have something real to work on.

The envelope is what the staff derive (assignment % × the hours per full-time assignment), computed by the
same query as the planning page's "Envelop afleiden uit personeel": that page shows one number, and the
week planning has exactly the hours the frames promise.

No randomness: the days follow from the assignment and the supporter's place in the list, so adding this
step changes nothing else the demo draws.
"""

import datetime as dt

from django.utils import timezone

from capaciteit.models import Envelop, Verdeling
from capaciteit.queries import uren_uit_personeel
from capaciteit.services import verdeling_publiceren
from honingraat.demo.kalender import schooldag_vanaf
from netwerk.models import Ondersteuner
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin

# Hours a full-time supporter spends at schools on the brede types in a year: 15 a week over 36 school
# weeks. The rest of the week goes to the kleine types, the Wednesday with the team, preparation and travel.
# With the demo's staff (86 full-time equivalents) that makes an envelope of about 46,000 hours: a frame of
# about a day a week for a school of average size.
UREN_PER_VOLTIJDSE = 540
DAGEN_PER_OPDRACHT = {100: 5, 80: 4, 60: 3, 50: 3}


def werkdagen(opdracht_procent: int, volgnummer: int) -> list[int]:
    """Monday to Friday for a full-time assignment; a part-time one skips days, in turn, never Wednesday
    alone (the collegial day)."""
    aantal = DAGEN_PER_OPDRACHT.get(opdracht_procent, max(1, round(opdracht_procent / 20)))
    vrij = [(volgnummer + i * 2) % 5 for i in range(5 - aantal)]
    return [dag for dag in range(5) if dag not in vrij]


def maak_democapaciteit(*, lsc, ondersteuners: list[Ondersteuner], door) -> Verdeling:
    for volgnummer, ondersteuner in enumerate(ondersteuners):
        ondersteuner.werkdagen = werkdagen(ondersteuner.opdracht_procent, volgnummer)
    Ondersteuner.objects.bulk_update(ondersteuners, ["werkdagen"])
    envelop = Envelop(
        lsc=lsc,
        schooljaar=huidig_schooljaar(),
        uren_per_voltijdse=UREN_PER_VOLTIJDSE,
        verslagsoorten=["gc", "iac", "ov4"],
    )
    envelop.uren = uren_uit_personeel(envelop)
    envelop.save()
    verdeling = verdeling_publiceren(door=door, envelop=envelop)
    # Published on the first school day, before any consultation: the reports quote these frames.
    eerste_schooldag = dt.datetime.combine(schooldag_vanaf(schooljaar_begin(envelop.schooljaar)), dt.time(16))
    verdeling.gepubliceerd_op = min(timezone.make_aware(eerste_schooldag), verdeling.gepubliceerd_op)
    Verdeling.objects.filter(pk=verdeling.pk).update(gepubliceerd_op=verdeling.gepubliceerd_op)
    return verdeling
