"""Trajectories for the demo network: a realistic year in progress, in bulk, with invented pupils.

Requests waiting for an answer (a few past the answer term), intakes, running trajectories with goals,
logbooks and evaluations due soon, and closed ones with the school's closing answers. Written in bulk
rather than through the services, so loading the demo sends no mail; each trajectory gets the
'aangemeld' line in its history so its timeline is not empty.

Every date is a school day. A bigger time frame carries more trajectories, and every school with an anchor
has at least one running trajectory of a brede type since the first week of the school year: the frame is
in use from September on. The logbook is written once the frames are published (`maak_demologboek`).
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from honingraat.demo.kalender import (
    bezoekdagen,
    deel_van_het_schooljaar,
    schooldag_tot,
    schooldag_tussen,
    schooldag_vanaf,
    schooldagen,
)
from netwerk.models import Focus, Ondersteuner, Wijziging
from netwerk.schooljaar import huidig_schooljaar, schooljaar_begin
from trajecten.models import (
    BREDE_TYPES,
    Afsluitvraag,
    Doel,
    Evaluatie,
    Frequentie,
    Leerling,
    Logboekregel,
    Status,
    Toewijzing,
    Traject,
)

# Trajectories per school: one per this many hours of frame (at least one), and one more at about half of
# the schools: about 280 in all.
UREN_PER_TRAJECT = 230
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
BREDE = [t for t in TYPES if t in BREDE_TYPES]
# The statuses of a school's other trajectories: with every first one running, about two thirds run.
STATUSSEN = (
    [Status.AANGEMELD, Status.IN_BEHANDELING, Status.LOPEND, Status.AFGEROND, Status.STOPGEZET],
    [20, 18, 30, 25, 7],
)
DAG = dt.timedelta(days=1)

# The logbook. A line is one visit or one piece of work, in minutes.
DUUR = [60, 90, 120, 120, 180, 240]
VOLLE_DAG = 480
ACTIVITEITEN = ["overleg", "observatie", "leerling", "leerkracht", "voorbereiding"]
AANDEEL_FOCUS = 0.3  # of the lines of a trajectory with a focus supporter, those the focus supporter logs
# Logged hours ÷ the frame's share up to today: most schools in the normal band, a few clearly above or below
# (the follow-up flags above 120 % and below 50 %), none near an edge.
VERHOUDINGEN = {"": (0.90, 1.02), "boven": (1.50, 1.70), "onder": (0.15, 0.28)}
AANTAL_BOVEN, AANTAL_ONDER = 3, 2
PER_WEEK = {Frequentie.WEEK: 1, Frequentie.TWEE_WEKEN: 0.5, Frequentie.MAAND: 0.25}


def maak_demotrajecten(
    *,
    rng: random.Random,
    lsc,
    scholen: list,
    anker_van: dict[int, Ondersteuner],
    focus: Ondersteuner,
    kaders: dict[int, int],
) -> Counter:
    vandaag = timezone.localdate()
    begin = schooljaar_begin(huidig_schooljaar())
    tellingen: Counter = Counter()
    for school in scholen:
        anker = anker_van.get(school.pk)
        if anker is None:
            continue
        aantal = max(1, round(kaders.get(school.pk, 0) / UREN_PER_TRAJECT) + rng.randint(0, 1))
        for volgnummer in range(aantal):
            traject = _traject(rng, lsc, school, anker, focus, vandaag, begin, eerste=volgnummer == 0)
            tellingen[traject.status] += 1
    return tellingen


def _aangemeld_op(rng, vandaag: dt.date, begin: dt.date, *, gestart: bool, eerste: bool) -> dt.date:
    if not gestart:
        return schooldag_tussen(rng, vandaag - 75 * DAG, vandaag - 3 * DAG)
    # Started ones were asked for at least 20 days ago, this school year (when the year is only weeks old:
    # in the last weeks of the one before).
    laatst = vandaag - 20 * DAG
    van = min(begin, laatst - 60 * DAG)
    tot = min(begin + 6 * DAG, laatst) if eerste else laatst
    return schooldag_tussen(rng, van, tot)


def _traject(rng, lsc, school, anker, focus, vandaag, begin, *, eerste: bool) -> Traject:
    status = Status.LOPEND if eerste else rng.choices(*STATUSSEN)[0]
    leerlinggebonden = eerste or rng.random() < 0.7
    type_ = rng.choice(BREDE if eerste else TYPES)
    gestart = status in {Status.LOPEND, Status.AFGEROND, Status.STOPGEZET}
    gesloten = status in {Status.AFGEROND, Status.STOPGEZET}
    aangemeld = _aangemeld_op(rng, vandaag, begin, gestart=gestart, eerste=eerste)
    leerling = None
    if leerlinggebonden:
        leerling = Leerling.objects.create(
            school=school, voornaam=rng.choice(VOORNAMEN), initiaal=rng.choice("ABDEGHJKLMNPRSTVW"),
            geboortejaar=rng.randint(2012, 2020), klas=f"{rng.randint(1, 6)}{rng.choice('ABC')}",
            verslag=rng.choice(["gc", "gc", "iac"]),
        )  # fmt: skip
    # Nothing is answered, started or closed after today (a weekend or holiday: the last school day before).
    # The start and the evaluations are the anchor's visits: on their days at schools.
    bezoek = bezoekdagen(anker.werkdagen)
    beantwoord = min(schooldag_vanaf(aangemeld + 5 * DAG), schooldag_tot(vandaag))
    start = None
    if gestart:
        start = min(schooldag_vanaf(aangemeld + 10 * DAG, bezoek), schooldag_tot(vandaag, bezoek))
    antwoord = "" if status == Status.AANGEMELD else "We plannen een intake met de leerkracht en de zorg."
    evaluatie = None
    if status == Status.LOPEND:
        evaluatie = schooldag_tussen(rng, vandaag - 5 * DAG, vandaag + 40 * DAG, bezoek)
    afgesloten = max(start, schooldag_tussen(rng, vandaag - 10 * DAG, vandaag - DAG)) if gesloten else None
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
        beantwoord_op=None if status == Status.AANGEMELD else beantwoord,
        start=start,
        geplande_einde=schooldag_vanaf(start + 120 * DAG) if start else None,
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
        _verloop(rng, traject, anker, start, vandaag, bezoek)
    return traject


def _verloop(rng, traject, anker, start, vandaag, bezoek) -> None:
    doelen = Doel.objects.bulk_create(
        Doel(traject=traject, omschrijving=tekst, volgorde=i, status="bezig")
        for i, tekst in enumerate(rng.sample(DOELEN, 2), start=1)
    )
    einde = traject.afgesloten_op or vandaag
    eerste_evaluatie = schooldag_vanaf(start + 30 * DAG, bezoek)
    if eerste_evaluatie < einde:
        Evaluatie.objects.create(
            traject=traject, datum=eerste_evaluatie, beslissing="verderzetten",
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


# --- the logbook ----------------------------------------------------------------------------------------


@dataclass
class Logboek:
    boven: list[int]  # school ids drawn clearly above their frame's share, and below
    onder: list[int]
    minuten: int


def maak_demologboek(*, rng: random.Random, lsc, kaders: dict[int, int], demoscholen: set[int]) -> Logboek:
    """Logged time on the started trajectories, on school days up to today.

    Per school the brede types' hours follow its frame: the frame × its share due by today (see
    `deel_van_het_schooljaar`) × a ratio drawn from the school's band. A few schools, never the
    `demoscholen` (the demo logins' schools, whose story stays ordinary), are drawn clearly above or below;
    the schools without an anchor have no trajectory and so log nothing. The kleine types log their agreed
    intensity, outside the frame.
    """
    vandaag = timezone.localdate()
    jaar = huidig_schooljaar()
    begin = schooljaar_begin(jaar)
    deel = float(deel_van_het_schooljaar(jaar, vandaag))
    trajecten = list(
        Traject.objects.filter(lsc=lsc, start__isnull=False).prefetch_related("toewijzingen").order_by("pk")
    )
    werkdagen = dict(Ondersteuner.objects.filter(lsc=lsc).values_list("pk", "werkdagen"))
    breed: dict[int, list[Traject]] = defaultdict(list)
    for traject in trajecten:
        if traject.type in BREDE_TYPES:
            breed[traject.school_id].append(traject)
    gekozen = rng.sample(sorted(s for s in breed if s not in demoscholen), AANTAL_BOVEN + AANTAL_ONDER)
    signaal = dict.fromkeys(gekozen[:AANTAL_BOVEN], "boven") | dict.fromkeys(gekozen[AANTAL_BOVEN:], "onder")

    regels: list[Logboekregel] = []
    for school_id, lijst in sorted(breed.items()):
        laag, hoog = VERHOUDINGEN[signaal.get(school_id, "")]
        minuten = kaders.get(school_id, 0) * deel * rng.uniform(laag, hoog) * 60
        regels += _over_trajecten(rng, lijst, _kwartieren(minuten), begin, vandaag, werkdagen)
    for traject in trajecten:
        if traject.type not in BREDE_TYPES:
            dagen = _dagen(traject, begin, vandaag)
            per_week = traject.intensiteit_minuten * PER_WEEK.get(traject.frequentie, 0)
            regels += _regels(rng, traject, _kwartieren(per_week * len(dagen) / 5), dagen, werkdagen)
    Logboekregel.objects.bulk_create(regels, batch_size=5000)
    return Logboek(gekozen[:AANTAL_BOVEN], gekozen[AANTAL_BOVEN:], sum(r.minuten for r in regels))


def _kwartieren(minuten: float) -> int:
    return round(minuten / 15) * 15


def _dagen(traject: Traject, begin: dt.date, vandaag: dt.date) -> list[dt.date]:
    """The school days of this school year on which the trajectory ran, up to today."""
    return schooldagen(max(traject.start, begin), min(traject.afgesloten_op or vandaag, vandaag))


def _over_trajecten(
    rng, trajecten: list[Traject], minuten: int, begin, vandaag, werkdagen
) -> list[Logboekregel]:
    """A school's minutes over its trajectories, each in proportion to how long it ran this year."""
    vensters = [(t, d) for t in trajecten if (d := _dagen(t, begin, vandaag))]
    if not vensters:
        return []
    gewichten = [len(dagen) * rng.uniform(0.6, 1.4) for _, dagen in vensters]
    totaal, opgeteld, verdeeld = sum(gewichten), 0.0, 0
    regels = []
    for (traject, dagen), gewicht in zip(vensters, gewichten, strict=True):
        opgeteld += gewicht
        tot_hier = _kwartieren(minuten * opgeteld / totaal)
        regels += _regels(rng, traject, tot_hier - verdeeld, dagen, werkdagen)
        verdeeld = tot_hier
    return regels


def _regels(
    rng, traject: Traject, minuten: int, dagen: list[dt.date], werkdagen: dict[int, list[int]]
) -> list[Logboekregel]:
    """Lines adding up to `minuten` exactly, one per day and supporter, on the trajectory's school days on
    which its supporter is at schools. A visit takes one to four hours; when the days run out, the visits
    grow, up to a full day."""
    toewijzingen = {t.rol: t.ondersteuner_id for t in traject.toewijzingen.all()}
    anker, focus = toewijzingen[Toewijzing.Rol.ANKER], toewijzingen.get(Toewijzing.Rol.FOCUS)
    vrije_dagen = {}  # per supporter, their days at schools not yet logged on, in a random order
    for pk in filter(None, (anker, focus)):
        vrije_dagen[pk] = [d for d in dagen if d.weekday() in bezoekdagen(werkdagen[pk])]
        rng.shuffle(vrije_dagen[pk])
    regels = []
    while minuten > 0 and vrije_dagen[anker]:
        duur = rng.choice(DUUR)
        if minuten - duur < DUUR[0]:  # no scrap of time left over for a last line
            duur = min(minuten, VOLLE_DAG)
        wie = focus if focus and vrije_dagen[focus] and rng.random() < AANDEEL_FOCUS else anker
        regels.append(
            Logboekregel(
                traject=traject, ondersteuner_id=wie, datum=vrije_dagen[wie].pop(), minuten=duur,
                activiteit=rng.choice(ACTIVITEITEN),
            )
        )  # fmt: skip
        minuten -= duur
    while minuten > 0 and any(r.minuten < VOLLE_DAG for r in regels):  # more time than days: longer visits
        for regel in regels:
            extra = min(minuten, DUUR[0], VOLLE_DAG - regel.minuten)
            regel.minuten += extra
            minuten -= extra
    return regels
