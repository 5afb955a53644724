"""This year's school consultations for the demo network, in every stage.

It is late in the year for a first consultation, so most were held in September and October and their
reports shared; some are held but not yet reported, a few wait for the meeting, and a handful are still
being prepared (with a date, so a coordinator can try the batch invitation, or without one). Written
directly, like the trajectories: loading the demo sends no mail. PDFs are rendered on first download.
"""

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from netwerk.schooljaar import huidig_schooljaar
from overleg.models import Afspraak, Deelnemer, Schoolbeeldoverleg, Status
from overleg.services import deelnemers_voor

PLAATSEN = ["Leraarskamer", "Vergaderzaal", "Bureau zorgcoördinator", "Refter", "Lokaal van de directie"]
PRIORITEITEN = [
    "- Taalvaardigheid in de eerste graad\n- Rust en structuur bij overgangen",
    "- Differentiatie bij lezen\n- Een gedeelde aanpak voor gedrag op de speelplaats",
    "- Zelfstandig werken in de hogere klassen\n- Ondersteuning van nieuwe leerkrachten",
]
AFSPRAKEN = [
    "Observatie in de klas en terugkoppeling aan het team",
    "Vorming over prikkelarme klashoeken op de personeelsvergadering",
    "Overzicht van de leerlingen met een verslag bijwerken",
    "Coachingsmoment met de leerkrachten van de eerste graad",
]
SPREIDING = ["gemiddeld een halve dag om de twee weken", "1 dag per maand", "een halve dag per week"]


def maak_demooverleggen(
    *, rng: random.Random, lsc, scholen: list, anker_van: dict, demoscholen: list
) -> Counter:
    """`demoscholen` are the demo anchor's schools: the first has a shared report (the care and CLB
    logins read it), the second waits for the meeting, the third is ready to be invited."""
    nu = timezone.now().replace(minute=0, second=0, microsecond=0)
    jaar = huidig_schooljaar()
    vast = {school.pk: status for school, status in zip(demoscholen, _VAST, strict=False)}
    tellingen: Counter = Counter()
    for school in scholen:
        anker = anker_van.get(school.pk)
        if anker is None:
            continue
        status = vast.get(school.pk) or rng.choices(_STATUSSEN, _GEWICHTEN)[0]
        overleg = _overleg(rng, lsc, school, status, jaar, nu)
        if status != "zonder_datum" and status != Status.VOORBEREIDING:
            _vastleggen(rng, overleg, anker, nu)
        tellingen[overleg.status] += 1
    return tellingen


_VAST = [Status.GEDEELD, Status.UITGENODIGD, Status.VOORBEREIDING]
_STATUSSEN = [Status.GEDEELD, Status.GEHOUDEN, Status.UITGENODIGD, Status.VOORBEREIDING, "zonder_datum"]
_GEWICHTEN = [55, 15, 10, 12, 8]


def _overleg(rng, lsc, school, status, jaar, nu) -> Schoolbeeldoverleg:
    if status in {Status.GEDEELD, Status.GEHOUDEN}:
        datum = nu - dt.timedelta(days=rng.randint(25, 70))
    elif status == "zonder_datum":
        datum = None
    else:
        datum = nu + dt.timedelta(days=rng.randint(3, 30))
    if datum:
        datum = datum.replace(hour=rng.choice([9, 13, 15]), minute=rng.choice([0, 30]))
    overleg = Schoolbeeldoverleg(
        lsc=lsc,
        school=school,
        schooljaar=jaar,
        status=Status.VOORBEREIDING if status == "zonder_datum" else status,
        datum=datum,
        plaats=rng.choice(PLAATSEN) if datum else "",
    )
    if status in {Status.GEDEELD, Status.GEHOUDEN}:
        overleg.prioriteiten = rng.choice(PRIORITEITEN)
        overleg.verwachtingen_school = "Een vast aanspreekpunt en ondersteuning die de leerkracht versterkt."
        overleg.verwachtingen_lsc = "Duidelijke vragen vooraf en een leerkracht die mee aan tafel zit."
        overleg.werkwijze = "We werken in blokken van zes weken en evalueren telkens met de zorgcoördinator."
        overleg.spreiding = rng.choice(SPREIDING)
        overleg.gehouden_op = datum + dt.timedelta(hours=2)
        if rng.random() < 0.6:
            overleg.tussentijds_op = timezone.localdate(nu) + dt.timedelta(days=rng.randint(40, 120))
            # About half of them know only the day yet.
            overleg.tussentijds_uur = dt.time(13, 30) if overleg.tussentijds_op.day % 2 else None
            overleg.tussentijds_plaats = overleg.plaats
    if status == Status.GEDEELD:
        overleg.verslag = (
            "## Samenvatting\n\nWe overliepen de prioriteiten van de school en spraken af hoe we de "
            "leersteun dit schooljaar inzetten.\n\n## Vervolg\n\n- Tussentijds overleg na de kerstvakantie\n"
            "- De zorgcoördinator brengt het team op de hoogte"
        )
        overleg.gedeeld_op = overleg.gehouden_op + dt.timedelta(days=3)
    overleg.save()
    return overleg


def _vastleggen(rng, overleg: Schoolbeeldoverleg, anker, nu) -> None:
    """Participants as the invitation fixed them, and for held meetings the agreements."""
    kandidaten = deelnemers_voor(overleg)
    Deelnemer.objects.bulk_create(
        Deelnemer(
            overleg=overleg,
            gebruiker=k.gebruiker,
            rol=k.rol,
            aanwezig=True if overleg.status in {Status.GEDEELD, Status.GEHOUDEN} else None,
        )
        for k in kandidaten
    )
    if overleg.status not in {Status.GEDEELD, Status.GEHOUDEN}:
        return
    eigenaars = [anker.gebruiker] + [k.gebruiker for k in kandidaten if k.rol == Deelnemer.Rol.ZORG]
    Afspraak.objects.bulk_create(
        Afspraak(
            overleg=overleg,
            omschrijving=omschrijving,
            eigenaar=eigenaars[i % len(eigenaars)],
            tegen=(nu + dt.timedelta(days=rng.randint(-10, 60))).date(),
            afgerond_op=nu - dt.timedelta(days=2) if rng.random() < 0.3 else None,
        )
        for i, omschrijving in enumerate(rng.sample(AFSPRAKEN, 3))
    )
