"""This year's school consultations for the demo network, in every stage.

It is late in the year for a first consultation, so most were held in September and October and their
reports shared; some are held but not yet reported, a few wait for the meeting, and a handful are still
being prepared (with a date, so a coordinator can try the batch invitation, or without one). Written
directly, like the trajectories: loading the demo sends no mail. PDFs are rendered on first download.

Meetings, second moments and due dates fall on school days. A held consultation agreed how the school's
frame is spread: its own published frame in words (`capaciteit.rekenen.woorden`), as the anchor tells the
school.
"""

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from capaciteit.rekenen.woorden import beschrijf
from honingraat.demo.kalender import bezoekdagen, schooldag_tot, schooldag_tussen, schooldag_vanaf
from netwerk.kalender import schoolvakanties
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin, schooljaar_van
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
DAG = dt.timedelta(days=1)


def maak_demooverleggen(
    *,
    rng: random.Random,
    lsc,
    scholen: list,
    anker_van: dict,
    demoscholen: list,
    kaders: dict[int, int],
    schoolweken: int,
) -> Counter:
    """`demoscholen` are the demo anchor's schools: the first has a shared report (the care and CLB
    logins read it), the second waits for the meeting, the third is ready to be invited. `kaders` holds
    each school's published frame in hours, over `schoolweken`."""
    nu = timezone.now().replace(minute=0, second=0, microsecond=0)
    jaar = huidig_schooljaar()
    vast = {school.pk: status for school, status in zip(demoscholen, _VAST, strict=False)}
    tellingen: Counter = Counter()
    for school in scholen:
        anker = anker_van.get(school.pk)
        if anker is None:
            continue
        status = vast.get(school.pk) or rng.choices(_STATUSSEN, _GEWICHTEN)[0]
        bezoek = bezoekdagen(anker.werkdagen)
        # The care and CLB logins find the demo school's report on top of their lists: shared last.
        laatste = school.pk in vast and status == Status.GEDEELD
        overleg = _overleg(
            rng, lsc, school, status, jaar, nu, bezoek, kaders.get(school.pk), schoolweken, laatste=laatste
        )
        if status != "zonder_datum" and status != Status.VOORBEREIDING:
            _vastleggen(rng, overleg, anker, nu)
        tellingen[overleg.status] += 1
    return tellingen


_VAST = [Status.GEDEELD, Status.UITGENODIGD, Status.VOORBEREIDING]
_STATUSSEN = [Status.GEDEELD, Status.GEHOUDEN, Status.UITGENODIGD, Status.VOORBEREIDING, "zonder_datum"]
_GEWICHTEN = [55, 15, 10, 12, 8]


def _om(dag: dt.date, uur: int, minuut: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


def _vergaderdag(rng, status, jaar: int, vandaag: dt.date, bezoek, *, laatste: bool) -> dt.date | None:
    """Held ones 25 to 70 days ago (the last one shared: 7 to 20), within this school year; coming ones in
    the next month. On a day the anchor is at schools."""
    if status in {Status.GEDEELD, Status.GEHOUDEN}:
        dagen = (7, 20) if laatste else (25, 70)
        van = max(vandaag - dagen[1] * DAG, schooljaar_begin(jaar))
        gehouden = schooldag_tussen(rng, van, vandaag - dagen[0] * DAG, bezoek)
        return min(gehouden, schooldag_tot(vandaag - DAG, bezoek))
    if status == "zonder_datum":
        return None
    return schooldag_tussen(rng, vandaag + 3 * DAG, vandaag + 30 * DAG, bezoek)


def _overleg(
    rng, lsc, school, status, jaar, nu, bezoek, kader: int | None, schoolweken: int, *, laatste: bool
) -> Schoolbeeldoverleg:
    vandaag = timezone.localdate(nu)
    dag = _vergaderdag(rng, status, jaar, vandaag, bezoek, laatste=laatste)
    datum = _om(dag, rng.choice([9, 13, 15]), rng.choice([0, 30])) if dag else None
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
        overleg.spreiding = beschrijf(kader, schoolweken).zin if kader is not None else ""
        overleg.spreiding_uit_kader = kader is not None  # the report follows the published frame
        overleg.gehouden_op = datum + dt.timedelta(hours=2)
        if rng.random() < 0.6:
            overleg.tussentijds_op = schooldag_tussen(rng, vandaag + 40 * DAG, vandaag + 120 * DAG, bezoek)
            # About half of them know only the day yet.
            overleg.tussentijds_uur = dt.time(13, 30) if overleg.tussentijds_op.day % 2 else None
            overleg.tussentijds_plaats = overleg.plaats
    if status == Status.GEDEELD:
        overleg.verslag = _verslag(overleg, kader)
        # Shared a few school days after the meeting (the last one: on the last school day before today),
        # at the end of that day, and never after now.
        gedeeld = _om(schooldag_tot(vandaag - DAG) if laatste else schooldag_vanaf(dag + 3 * DAG), 16)
        overleg.gedeeld_op = max(overleg.gehouden_op, min(gedeeld, nu))
    overleg.save()
    return overleg


def _verslag(overleg: Schoolbeeldoverleg, kader: int | None) -> str:
    """The report quotes the frame and its spread as agreed, and the second moment as planned."""
    tijdskader = (
        f"Het tijdskader voor de brede types is {kader} uur dit schooljaar: {overleg.spreiding}."
        if kader is not None
        else "Het tijdskader volgt zodra de verdeling gepubliceerd is."
    )
    return (
        "## Samenvatting\n\nWe overliepen de prioriteiten van de school en spraken af hoe we de "
        f"leersteun dit schooljaar inzetten. {tijdskader}\n\n## Vervolg\n\n"
        f"- {_tussentijds(overleg.tussentijds_op)}\n"
        "- De zorgcoördinator brengt het team op de hoogte"
    )


def _tussentijds(dag: dt.date | None) -> str:
    """When the second moment is, in the words of a school year: after which holiday."""
    if dag is None:
        return "Een tussentijds overleg later dit schooljaar, de datum volgt"
    voorbij = [v for v in schoolvakanties(schooljaar_van(dag)) if v.tot < dag]
    return f"Tussentijds overleg na de {voorbij[-1].naam}" if voorbij else "Tussentijds overleg"


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
    vandaag = timezone.localdate(nu)
    eigenaars = [anker.gebruiker] + [k.gebruiker for k in kandidaten if k.rol == Deelnemer.Rol.ZORG]
    # The agreements already done were ticked off two days ago (a school day: the last one before).
    afgerond = _om(schooldag_tot(vandaag - 2 * DAG), 16)
    Afspraak.objects.bulk_create(
        Afspraak(
            overleg=overleg,
            omschrijving=omschrijving,
            eigenaar=eigenaars[i % len(eigenaars)],
            tegen=schooldag_tussen(rng, vandaag - 10 * DAG, vandaag + 60 * DAG),
            afgerond_op=afgerond if rng.random() < 0.3 else None,
        )
        for i, omschrijving in enumerate(rng.sample(AFSPRAKEN, 3))
    )
