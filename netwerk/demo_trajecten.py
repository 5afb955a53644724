"""Trajectories for the demo network: a realistic year in progress, in bulk, with invented pupils.

Requests waiting for an answer (a few past the answer term), intakes, running trajectories with goals,
logbooks and evaluations due soon, and closed ones with the school's closing answers. Written in bulk
rather than through the services, so loading the demo sends no mail; each trajectory gets the
'aangemeld' line in its history so its timeline is not empty.
"""

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from netwerk.models import Focus, Ondersteuner, Wijziging
from trajecten.models import (
    Afsluitvraag,
    Doel,
    Evaluatie,
    Leerling,
    Logboekregel,
    Status,
    Toewijzing,
    Traject,
)

PER_SCHOOL = (0, 4)  # trajectories per school, inclusive
VOORNAMEN = ["Mila", "Noah", "Lina", "Finn", "Nora", "Vic", "Elin", "Mats", "Ines", "Lou", "Juul", "Rune"]
VRAGEN = [
    "Hoe geef ik rust bij overgangen in de klas?",
    "Hoe differentieer ik de instructie voor lezen zonder de groep te verliezen?",
    "Hoe gaan we als team om met uitbarstingen op de speelplaats?",
    "Hoe plan ik zelfstandig werk voor een leerling die snel afhaakt?",
    "Hoe organiseer ik hoeken met minder prikkels?",
]
DOELEN = [
    "Rustig overgaan naar een nieuwe activiteit",
    "Zelf een pauze vragen met de pauzekaart",
    "Een weektaak plannen met het stappenplan",
    "Instructie in kleine stappen aanbieden",
    "Vaste afspraken op de speelplaats toepassen",
]
TYPES = ["basisaanbod", "3", "9", "9", "basisaanbod", "2"]
STATUSSEN = (
    [Status.AANGEMELD, Status.IN_BEHANDELING, Status.LOPEND, Status.AFGEROND, Status.STOPGEZET],
    [12, 10, 55, 18, 5],
)


def maak_demotrajecten(
    *, rng: random.Random, lsc, scholen: list, anker_van: dict[int, Ondersteuner], focus: Ondersteuner
) -> Counter:
    vandaag = timezone.localdate()
    tellingen: Counter = Counter()
    for school in scholen:
        anker = anker_van.get(school.pk)
        if anker is None:
            continue
        for _ in range(rng.randint(*PER_SCHOOL)):
            traject = _traject(rng, lsc, school, anker, focus, vandaag)
            tellingen[traject.status] += 1
    return tellingen


def _traject(rng, lsc, school, anker, focus, vandaag) -> Traject:
    status = rng.choices(*STATUSSEN)[0]
    leerlinggebonden = rng.random() < 0.7
    type_ = rng.choice(TYPES)
    aangemeld = vandaag - dt.timedelta(days=rng.randint(3, 75))
    leerling = None
    if leerlinggebonden:
        leerling = Leerling.objects.create(
            school=school, voornaam=rng.choice(VOORNAMEN), initiaal=rng.choice("ABDEGHJKLMNPRSTVW"),
            geboortejaar=rng.randint(2012, 2020), klas=f"{rng.randint(1, 6)}{rng.choice('ABC')}",
            verslag=rng.choice(["gc", "gc", "iac"]),
        )  # fmt: skip
    gestart = status in {Status.LOPEND, Status.AFGEROND, Status.STOPGEZET}
    gesloten = status in {Status.AFGEROND, Status.STOPGEZET}
    # A trajectory starts no later than today and closes no earlier than its start (trajecten.services):
    # clamped, not drawn again, so the demo stays the same network as before.
    start = min(aangemeld + dt.timedelta(days=10), vandaag) if gestart else None
    antwoord = "" if status == Status.AANGEMELD else "We plannen een intake met de leerkracht en de zorg."
    evaluatie = vandaag + dt.timedelta(days=rng.randint(-5, 40)) if status == Status.LOPEND else None
    afgesloten = max(vandaag - dt.timedelta(days=rng.randint(1, 10)), start) if gesloten else None
    reden = "De school kiest samen met de ouders een andere aanpak." if status == Status.STOPGEZET else ""
    traject = Traject.objects.create(
        lsc=lsc,
        school=school,
        gebondenheid="leerling" if leerlinggebonden else rng.choice(["leerkracht", "team"]),
        leerling=leerling,
        groep="" if leerlinggebonden else f"Klas {rng.randint(1, 6)}",
        type=type_,
        focussen=[Focus.ASS] if type_ == "9" else [],
        fase=rng.choice([2, 2, 3]),
        vraag_leerkracht=rng.choice(VRAGEN),
        status=status,
        aangemeld_op=aangemeld,
        antwoord=antwoord,
        beantwoord_op=None if status == Status.AANGEMELD else aangemeld + dt.timedelta(days=5),
        start=start,
        geplande_einde=start + dt.timedelta(days=120) if start else None,
        intensiteit_minuten=rng.choice([60, 90, 120, 240]) if gestart else None,
        frequentie=rng.choice(["week", "2weken"]) if gestart else "",
        vormen=["individueel", "leerkracht"] if gestart else [],
        inhoud=["overleg", "plan"] if gestart else [],
        volgende_evaluatie=evaluatie,
        afgesloten_op=afgesloten,
        reden_stopzetting=reden,
    )  # fmt: skip
    Toewijzing.objects.create(traject=traject, ondersteuner=anker, rol=Toewijzing.Rol.ANKER)
    if type_ == "9" and gestart and rng.random() < 0.5:
        Toewijzing.objects.create(traject=traject, ondersteuner=focus, rol=Toewijzing.Rol.FOCUS)
    Wijziging.objects.create(
        door=anker.gebruiker, actie="aangemeld", object_soort="trajecten.traject", object_id=traject.pk,
        traject_id=traject.pk, wijzigingen={"status": [None, "aangemeld"]},
    )  # fmt: skip
    if gestart:
        _verloop(rng, traject, anker, start, vandaag)
    return traject


def _verloop(rng, traject, anker, start, vandaag) -> None:
    doelen = Doel.objects.bulk_create(
        Doel(traject=traject, omschrijving=tekst, volgorde=i, status="bezig")
        for i, tekst in enumerate(rng.sample(DOELEN, 2), start=1)
    )
    einde = traject.afgesloten_op or vandaag
    dagen = max(1, (einde - start).days)
    Logboekregel.objects.bulk_create(
        Logboekregel(
            traject=traject, ondersteuner=anker,
            datum=min(start + dt.timedelta(days=rng.randint(0, dagen)), einde),
            minuten=rng.choice([30, 45, 60, 90, 120]),
            activiteit=rng.choice(["overleg", "observatie", "leerling", "leerkracht", "voorbereiding"]),
        )
        for _ in range(rng.randint(2, 8))
    )  # fmt: skip
    if dagen > 30:
        Evaluatie.objects.create(
            traject=traject, datum=start + dt.timedelta(days=30), beslissing="verderzetten",
            samenvatting="Eerste evaluatie met de leerkracht: de afspraken werken, we zetten verder.",
            door=anker.gebruiker,
        )  # fmt: skip
    if traject.status == Status.AFGEROND:
        Doel.objects.filter(pk__in=[d.pk for d in doelen]).update(status="bereikt")
        Afsluitvraag.objects.create(
            traject=traject, sleutel_hash=f"demo-{traject.pk}-{rng.getrandbits(64):016x}",
            verloopt_op=timezone.now() + dt.timedelta(days=20),
            beantwoord_op=timezone.now() if rng.random() < 0.6 else None,
            wat_neem_je_mee="Het stappenplan gebruiken we nu in de hele klas.",
            waar_liggen_kansen="Meer overleg tussen de klasleerkrachten van het leerjaar.",
        )  # fmt: skip
