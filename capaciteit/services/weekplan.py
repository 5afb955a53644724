"""The week planning's state changes: a proposal made by a Celery job that writes its progress while it
searches, review (pins, moves), publication as versions, and a supporter's calendar link.

The solving itself is pure (`capaciteit.rekenen.weekplanning`); this module builds its input from the
network's rows, runs it, and writes around it.
"""

import contextlib
import threading
from collections.abc import Iterator

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from capaciteit import gemeenten
from capaciteit.models import Agendasleutel, Envelop, Planregel, Planwijziging, Weekplan
from capaciteit.queries import actieve_ondersteuners, afgesproken_per_school, gepubliceerd, huidige_paren
from capaciteit.rekenen import cijfers
from capaciteit.rekenen import weekplanning as wp
from capaciteit.rekenen.opvolging import beschikbaar_van
from capaciteit.rekenen.weekplanning.regels import HANDMATIG, nieuwe_schendingen
from netwerk.audit import log_actie
from netwerk.linksleutels import nieuwe_linksleutel
from netwerk.models import Ondersteuner
from netwerk.wachtrij import in_wachtrij, na_commit
from scholen.models import Ankertoewijzing, Bediening

STANDAARD = {
    "cyclus_weken": 1,
    "collegiale_dag": 2,
    "collegiale_dag_blokken": 0,
    "tolerantie_procent": 10,
    "gewicht_kader": 10,
    "gewicht_ondersteuners": 40,
    "gewicht_reistijd": 1,
    "gewicht_continuiteit": 30,
    "gewicht_traject": 20,
    "tijdslimiet_s": 60,
}
SCHRIJF_ELKE_S = 0.5
# Below this time limit a network is solved in one piece even when it has several regio teams: each team's
# share of a few seconds is too small to find its plan on a busy machine (measured: 150 schools in 12 teams
# at 5-10 s found no plan per team under load, in one piece it did), and the remaining time for solving in
# one piece after all is smaller still.
PER_TEAM_VANAF_S = 30
ONAF = (Weekplan.Status.WACHTRIJ, Weekplan.Status.BEZIG)
LOS_OP = "capaciteit.tasks.los_weekplan_op"  # named, not imported: the task module imports this one
_SLOTKLASSE = 0x57504C4E  # "WPLN": the first key of the solver's advisory locks, the plan's id the second


class WeekplanFout(Exception):
    """A request the planning cannot honour; the message is Dutch and meant for the user."""


# ------------------------------------------------------------------------------------------------ input


def instellingen_uit(waarden: dict) -> wp.Instellingen:
    w = {**STANDAARD, **waarden}
    return wp.Instellingen(
        cyclus_weken=int(w["cyclus_weken"]),
        collegiale_dag=None if w["collegiale_dag"] in (None, "", -1) else int(w["collegiale_dag"]),
        collegiale_dag_blokken=int(w["collegiale_dag_blokken"]),
        tolerantie=int(w["tolerantie_procent"]) / 100,
        gewichten=wp.Gewichten(
            kader=int(w["gewicht_kader"]),
            ondersteuners_per_school=int(w["gewicht_ondersteuners"]),
            reistijd=int(w["gewicht_reistijd"]),
            continuiteit=int(w["gewicht_continuiteit"]),
            traject=int(w["gewicht_traject"]),
        ),
        tijdslimiet_s=float(w["tijdslimiet_s"]),
    )


def school_positie(school) -> tuple[float, float] | None:
    if school.breedtegraad is not None and school.lengtegraad is not None:
        return (school.breedtegraad, school.lengtegraad)
    return gemeenten.positie(school.gemeente)


def invoer_voor(*, lsc_id: int, schooljaar: int, instellingen: wp.Instellingen, pins=()) -> wp.Invoer:
    """The solver's input for an LSC's school year: the published frames, the supporters and their schools.

    Every running trajectory's supporters (anchors and focus supporters) may come to its school, and the
    trajectory's agreed intensity is a demand there (`vraag`): per supporter and school, the minutes per week
    of their running trajectories of brede types (the kinds the frame pays for, as the follow-up counts a
    supporter's agreed time against the hours the envelope gives them; kleine types are outside the frame
    and the planned capacity), × cycle weeks in whole half hours (`cijfers.traject_blokken`)."""
    verdeling = gepubliceerd(lsc_id=lsc_id, schooljaar=schooljaar)
    if verdeling is None:
        raise WeekplanFout("Er is nog geen verdeling van de tijdskaders gepubliceerd voor dit schooljaar.")
    envelop: Envelop = verdeling.envelop
    kaders = {
        k.school_id: k
        for k in verdeling.tijdskaders.select_related("school").filter(uren__gt=0).order_by("school__naam")
    }
    ondersteuners = actieve_ondersteuners(lsc_id)
    ids = {o.pk for o in ondersteuners}
    ankers: dict[int, set[int]] = {}
    for school_id, ondersteuner_id in Ankertoewijzing.objects.filter(
        lsc_id=lsc_id, schooljaar=schooljaar, school_id__in=kaders
    ).values_list("school_id", "ondersteuner_id"):
        if ondersteuner_id in ids:
            ankers.setdefault(school_id, set()).add(ondersteuner_id)
    per_regioteam: dict[int, set[int]] = {}
    for school_id, regioteam_id in Bediening.objects.filter(lsc_id=lsc_id, school_id__in=kaders).values_list(
        "school_id", "regioteam_id"
    ):
        per_regioteam.setdefault(regioteam_id, set()).add(school_id)
    huidig = {
        (o, s) for o, s in huidige_paren(lsc_id=lsc_id, schooljaar=schooljaar) if o in ids and s in kaders
    }
    eigen: dict[int, set[int]] = {}
    for o, s in huidig:
        eigen.setdefault(o, set()).add(s)
    scholen = [
        _school(kader, envelop, instellingen, ankers=frozenset(ankers.get(school_id, ())))
        for school_id, kader in kaders.items()
    ]
    personen = [
        _persoon(
            o,
            envelop,
            instellingen,
            kandidaten=frozenset(per_regioteam.get(o.regioteam_id, set()) | eigen.get(o.pk, set())),
        )
        for o in ondersteuners
    ]
    vraag: dict[tuple[int, int], int] = {}
    for (o, s), minuten in afgesproken_per_school(lsc_id=lsc_id).items():
        blokken = cijfers.traject_blokken(
            afgesproken_per_week=minuten, cyclus_weken=instellingen.cyclus_weken
        )
        if o in ids and s in kaders and blokken > 0:
            vraag[o, s] = blokken
    return wp.Invoer(personen, scholen, instellingen, frozenset(huidig), tuple(pins), vraag=vraag)


def _school(kader, envelop: Envelop, instellingen: wp.Instellingen, *, ankers: frozenset[int]) -> wp.School:
    """A school of the solver's input from its published frame (with its school)."""
    return wp.School(
        id=kader.school_id,
        naam=kader.school.naam,
        doel_blokken=cijfers.doel_blokken(
            uren=kader.uren, schoolweken=envelop.schoolweken, cyclus_weken=instellingen.cyclus_weken
        ),
        positie=school_positie(kader.school),
        ankers=ankers,
    )


def _persoon(
    o: Ondersteuner, envelop: Envelop, instellingen: wp.Instellingen, *, kandidaten: frozenset[int]
) -> wp.Ondersteuner:
    """A supporter of the solver's input: their days, and their capacity from their assignment."""
    return wp.Ondersteuner(
        id=o.pk,
        naam=o.gebruiker.naam,
        capaciteit_blokken=cijfers.capaciteit_blokken(
            beschikbaar_per_week=beschikbaar_van(o, envelop).minuten_per_week,
            cyclus_weken=instellingen.cyclus_weken,
        ),
        werkdagen=frozenset(o.werkdagen or range(5)),
        onbeschikbaar=frozenset(d for d in o.onbeschikbaar if d < 5 * instellingen.cyclus_weken),
        positie=gemeenten.positie(o.woonplaats),
        kandidaten=kandidaten,
    )


def _invoer_rond(
    *, lsc_id: int, schooljaar: int, instellingen: wp.Instellingen, ids: set[int], bezocht: set[int]
) -> wp.Invoer:
    """The solver's input narrowed to the supporters `ids` (those still active): their days and capacity,
    the schools with a frame among those they visit (`bezocht`) and those they anchor, each school with only
    these supporters as its anchors. What `invoer_voor` says about them, in five queries however large the
    network; without candidates, continuity or pins (what a manual change is not checked against)."""
    verdeling = gepubliceerd(lsc_id=lsc_id, schooljaar=schooljaar)
    if verdeling is None:
        raise WeekplanFout("Er is nog geen verdeling van de tijdskaders gepubliceerd voor dit schooljaar.")
    ondersteuners = actieve_ondersteuners(lsc_id, alleen=ids)
    met_kader = verdeling.tijdskaders.filter(uren__gt=0)
    ankers: dict[int, set[int]] = {}
    for school_id, ondersteuner_id in Ankertoewijzing.objects.filter(
        lsc_id=lsc_id,
        schooljaar=schooljaar,
        ondersteuner_id__in=[o.pk for o in ondersteuners],
        school_id__in=met_kader.values("school_id"),
    ).values_list("school_id", "ondersteuner_id"):
        ankers.setdefault(school_id, set()).add(ondersteuner_id)
    kaders = met_kader.filter(school_id__in=bezocht | set(ankers)).select_related("school")
    return wp.Invoer(
        [_persoon(o, verdeling.envelop, instellingen, kandidaten=frozenset()) for o in ondersteuners],
        [
            _school(k, verdeling.envelop, instellingen, ankers=frozenset(ankers.get(k.school_id, ())))
            for k in kaders
        ],
        instellingen,
    )


# ------------------------------------------------------------------------------------------------ writes


@transaction.atomic
def weekplan_voorstellen(
    *, door, lsc_id: int, schooljaar: int, instellingen: dict, van: Weekplan | None = None
):
    """A new proposal: the settings, the pins of `van` (the proposal being reviewed), then the solver job."""
    waarden = {**STANDAARD, **instellingen}
    invoer = invoer_voor(
        lsc_id=lsc_id, schooljaar=schooljaar, instellingen=instellingen_uit(waarden)
    )  # fails early and clearly when there is nothing to plan
    if not invoer.scholen:
        raise WeekplanFout("Geen enkele school heeft een tijdskader in de gepubliceerde verdeling.")
    plan = Weekplan.objects.create(
        lsc_id=lsc_id, schooljaar=schooljaar, instellingen=waarden, aangemaakt_door=door
    )
    if van is not None:
        _regels_schrijven(plan, van.regels.filter(vastgezet=True), vastgezet=True)
    log_actie(
        door=door, actie="capaciteit.weekplan.voorgesteld", obj=plan, wijzigingen={"instellingen": waarden}
    )
    na_commit(LOS_OP, plan.pk)  # without Redis the sweep queues it later
    return plan


def _regels_schrijven(plan: Weekplan, regels, *, vastgezet: bool = False) -> None:
    """The plan's lines, in one statement, from rows that name a supporter, a school, a day and blocks."""
    Planregel.objects.bulk_create(
        Planregel(
            weekplan=plan,
            ondersteuner_id=r.ondersteuner_id,
            school_id=r.school_id,
            dag=r.dag,
            blokken=r.blokken,
            vastgezet=vastgezet,
        )
        for r in regels
    )


def weekplan_oplossen(*, weekplan_id: int) -> Weekplan:
    """The job, once per plan at a time: a plan left half-solved by a worker that died is solved anew."""
    with _oplosslot(weekplan_id) as vrij:
        plan = Weekplan.objects.get(pk=weekplan_id)
        if not vrij or plan.status not in ONAF:
            return plan  # being solved elsewhere, or solved already (a redelivered task)
        return _oplossen(plan)


def onderbroken_hervatten() -> int:
    """Queues every plan that waits for the solver and that no worker is solving (its nudge lost while
    Redis was down, or its worker killed mid-search); returns how many. A plan queued twice is solved once."""
    aantal = 0
    for plan_id in Weekplan.objects.filter(status__in=ONAF).values_list("pk", flat=True):
        with _oplosslot(plan_id) as vrij:
            pass
        if vrij:
            in_wachtrij(LOS_OP, plan_id)
            aantal += 1
    return aantal


@contextlib.contextmanager
def _oplosslot(plan_id: int) -> Iterator[bool]:
    """A PostgreSQL session lock held while a plan is solved: it dies with the worker's connection, so a
    plan marked as being solved without a holder is known to be abandoned."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s::int, %s::int)", [_SLOTKLASSE, plan_id])
        vrij = cursor.fetchone()[0]
    try:
        yield vrij
    finally:
        if vrij:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s::int, %s::int)", [_SLOTKLASSE, plan_id])


def _oplossen(plan: Weekplan) -> Weekplan:
    """Builds the input with the plan's pins, searches while writing the progress, stores the result."""
    instellingen = instellingen_uit(plan.instellingen)
    pins = [
        wp.Pin(r.ondersteuner_id, r.school_id, r.dag, r.blokken) for r in plan.regels.filter(vastgezet=True)
    ]
    try:
        invoer = invoer_voor(
            lsc_id=plan.lsc_id, schooljaar=plan.schooljaar, instellingen=instellingen, pins=pins
        )
    except WeekplanFout as fout:
        Weekplan.objects.filter(pk=plan.pk).update(
            status=Weekplan.Status.MISLUKT, redenen=[str(fout)], klaar_op=timezone.now()
        )
        return Weekplan.objects.get(pk=plan.pk)
    Weekplan.objects.filter(pk=plan.pk).update(
        status=Weekplan.Status.BEZIG, begonnen_op=timezone.now(), objectief=None, grens=None, oplossingen=0
    )
    uitkomst = _zoek_met_voortgang(plan.pk, invoer)
    with transaction.atomic():
        plan = Weekplan.objects.select_for_update().get(pk=plan.pk)
        if uitkomst.heeft_plan:
            vast = {(p.ondersteuner_id, p.school_id, p.dag) for p in pins}
            _regels_schrijven(
                plan, [r for r in uitkomst.regels if (r.ondersteuner_id, r.school_id, r.dag) not in vast]
            )
            plan.status = Weekplan.Status.VOORSTEL
        else:
            plan.status = Weekplan.Status.ONHAALBAAR
        plan.uitkomst = uitkomst.status
        plan.redenen = list(uitkomst.redenen)
        plan.objectief, plan.grens = uitkomst.objectief, uitkomst.grens
        plan.oplossingen = uitkomst.oplossingen
        plan.klaar_op = timezone.now()
        plan.kengetallen = {
            "plan": wp.kengetallen(invoer, uitkomst.regels) if uitkomst.heeft_plan else {},
            "basislijn": wp.kengetallen(invoer, wp.basislijn(invoer)),
            "seconden": round(uitkomst.seconden, 1),
        }
        plan.save()
    return plan


def _zoek_met_voortgang(plan_id: int, invoer: wp.Invoer) -> wp.Uitkomst:
    """Solves in a thread; this thread writes the progress to the plan twice a second, so the coordinator's
    page can show it (CP-SAT calls back from its own threads).

    When the setting HONINGRAAT_WEEKPLAN_PER_TEAM is on (it is off: see the settings), a network of more than
    one regio team is solved per team, the teams side by side (`los_op_per_team`), given a time limit of at
    least `PER_TEAM_VANAF_S`;
    while the teams are solved there is no plan of the whole network, so only the bound and how many teams
    have a plan are written (`kengetallen` holds `teams` and `teams_klaar` until the plan's own figures
    replace them), the objective once the joined plan exists. One team: one search (`los_op`), whose every
    better plan and bound is written."""
    stand: dict = {}
    uitkomst: list[wp.Uitkomst] = []
    slot = threading.Lock()

    def voortgang(objectief: int | None, grens: int, _seconden: float) -> None:
        with slot:
            stand["grens"] = grens
            if objectief is not None:
                stand.update(objectief=objectief, oplossingen=stand.get("oplossingen", 0) + 1)

    def teams_klaar(klaar: int, totaal: int) -> None:
        with slot:
            stand["kengetallen"] = {"teams": totaal, "teams_klaar": klaar}

    indeling = wp.teams(invoer)
    if (
        settings.HONINGRAAT_WEEKPLAN_PER_TEAM
        and len(indeling) > 1
        and invoer.instellingen.tijdslimiet_s >= PER_TEAM_VANAF_S
    ):

        def zoek() -> wp.Uitkomst:
            return wp.los_op_per_team(invoer, voortgang=voortgang, indeling=indeling, teams_klaar=teams_klaar)
    else:

        def zoek() -> wp.Uitkomst:
            return wp.los_op(invoer, voortgang=voortgang)

    zoeker = threading.Thread(target=lambda: uitkomst.append(zoek()))
    zoeker.start()
    geschreven: dict = {}
    while zoeker.is_alive():
        zoeker.join(timeout=SCHRIJF_ELKE_S)
        with slot:
            nu = dict(stand)
        if nu and nu != geschreven:
            geschreven = nu
            Weekplan.objects.filter(pk=plan_id).update(**geschreven)
    return uitkomst[0]


def _regel_van(plan_regel: Planregel) -> Planregel:
    regel = Planregel.objects.select_for_update().select_related("weekplan").get(pk=plan_regel.pk)
    if regel.weekplan.status != Weekplan.Status.VOORSTEL:
        raise WeekplanFout("Enkel een voorstel kan nog wijzigen; een gepubliceerd plan blijft zoals het is.")
    return regel


@transaction.atomic
def regel_vastzetten(*, door, regel: Planregel, vast: bool) -> Planregel:
    regel = _regel_van(regel)
    regel.vastgezet = vast
    regel.save(update_fields=["vastgezet"])
    if vast:
        log_actie(door=door, actie="capaciteit.weekplan.vastgezet", obj=regel.weekplan)
    else:
        log_actie(door=door, actie="capaciteit.weekplan.losgemaakt", obj=regel.weekplan)
    return regel


def _als_regels(rijen, vervang: dict[int, tuple[int, int]] | None = None) -> list[wp.Regel]:
    """Rows of (visit id, supporter, school, day, blocks) as the pure module's rows, changed by `vervang`."""
    vervang = vervang or {}
    regels = []
    for pk, o, school, dag, blokken in rijen:
        o, dag = vervang.get(pk, (o, dag))
        regels.append(wp.Regel(o, school, dag, blokken))
    return regels


def _harde_regels(plan: Weekplan, vervang: dict[int, tuple[int, int]]) -> None:
    """Refuses a manual change that breaks a hard rule the plan kept (at most 2 schools a day, working days,
    the day's and the assignment's hours, every anchor at their school), naming each in Dutch.

    Only the supporters the change involves are read (each moved visit's supporter before and after, with
    all their visits): a change leaves everyone else's days, hours and anchor visits as they were, so it
    breaks nothing new for them."""
    nieuw = {o for o, _dag in vervang.values()}
    oud = plan.regels.filter(pk__in=vervang).values("ondersteuner_id")
    rijen = list(
        plan.regels.filter(Q(ondersteuner_id__in=nieuw) | Q(ondersteuner_id__in=oud)).values_list(
            "pk", "ondersteuner_id", "school_id", "dag", "blokken"
        )
    )
    betrokken = nieuw | {o for pk, o, _s, _d, _b in rijen if pk in vervang}
    invoer = _invoer_rond(
        lsc_id=plan.lsc_id,
        schooljaar=plan.schooljaar,
        instellingen=instellingen_uit(plan.instellingen),
        ids=betrokken,
        bezocht={rij[2] for rij in rijen},
    )
    fouten = nieuwe_schendingen(invoer, _als_regels(rijen), _als_regels(rijen, vervang), soorten=HANDMATIG)
    if fouten:
        raise WeekplanFout("Dat kan niet: " + " ".join(f.tekst for f in fouten))


def _ondersteuner_van_lsc(plan: Weekplan, ondersteuner_id: int) -> None:
    if not Ondersteuner.objects.filter(
        pk=ondersteuner_id, lsc_id=plan.lsc_id, gebruiker__is_active=True
    ).exists():
        raise WeekplanFout("Die ondersteuner hoort niet bij dit leersteuncentrum.")


def _plaats(regel: Planregel, ondersteuner_id: int, dag: int) -> Planregel:
    """Puts a visit at a supporter and day, pinned; the same visit already there (same supporter, school and
    day) becomes one longer visit."""
    bestaand = (
        regel.weekplan.regels.filter(ondersteuner_id=ondersteuner_id, school_id=regel.school_id, dag=dag)
        .exclude(pk=regel.pk)
        .first()
    )
    if bestaand is not None:
        bestaand.blokken += regel.blokken
        bestaand.vastgezet = True
        bestaand.save(update_fields=["blokken", "vastgezet"])
        if regel.pk is not None:
            regel.delete()
        return bestaand
    regel.ondersteuner_id, regel.dag, regel.vastgezet = ondersteuner_id, dag, True
    regel.save()
    return regel


@transaction.atomic
def regel_verplaatsen(*, door, regel: Planregel, dag: int, ondersteuner_id: int | None = None) -> Planregel:
    """Moves a visit to another day and/or supporter, if that breaks no hard rule the plan kept; it is pinned
    there so the next solve keeps it."""
    regel = _regel_van(regel)
    plan = regel.weekplan
    if not 0 <= dag < 5 * plan.cyclus_weken:
        raise WeekplanFout("Die dag bestaat niet in de cyclus.")
    ondersteuner_id = ondersteuner_id or regel.ondersteuner_id
    _ondersteuner_van_lsc(plan, ondersteuner_id)
    if (ondersteuner_id, dag) == (regel.ondersteuner_id, regel.dag):
        raise WeekplanFout("Het bezoek staat al op die dag bij die ondersteuner.")
    _harde_regels(plan, {regel.pk: (ondersteuner_id, dag)})
    voor = {"dag": regel.dag, "ondersteuner": regel.ondersteuner_id}
    regel = _plaats(regel, ondersteuner_id, dag)
    log_actie(
        door=door,
        actie="capaciteit.weekplan.verplaatst",
        obj=plan,
        wijzigingen={"dag": [voor["dag"], dag], "ondersteuner": [voor["ondersteuner"], ondersteuner_id]},
    )
    return regel


@transaction.atomic
def regels_ruilen(*, door, regel: Planregel, met: Planregel) -> tuple[Planregel, Planregel]:
    """Two visits of a proposal change places: each goes to the other's supporter and day (the schools stay
    with their visit), if that breaks no hard rule the plan kept; both are pinned."""
    regel, met = _regel_van(regel), _regel_van(met)
    if regel.weekplan_id != met.weekplan_id:
        raise WeekplanFout("Je kunt enkel bezoeken van hetzelfde plan ruilen.")
    if regel.pk == met.pk or (regel.ondersteuner_id, regel.dag) == (met.ondersteuner_id, met.dag):
        raise WeekplanFout("Die twee bezoeken staan al bij dezelfde ondersteuner op dezelfde dag.")
    a, b = (regel.ondersteuner_id, regel.dag), (met.ondersteuner_id, met.dag)
    _harde_regels(regel.weekplan, {regel.pk: b, met.pk: a})
    # One row at a time would meet the other on its way (one visit per supporter, school and day): the
    # second is written anew once the first has moved.
    tweede = Planregel(weekplan=met.weekplan, school_id=met.school_id, blokken=met.blokken)
    met.delete()
    regel = _plaats(regel, *b)
    met = _plaats(tweede, *a)
    log_actie(
        door=door,
        actie="capaciteit.weekplan.geruild",
        obj=regel.weekplan,
        wijzigingen={"bezoeken": [[a[0], a[1]], [b[0], b[1]]]},
    )
    return regel, met


@transaction.atomic
def week_vastzetten(*, door, weekplan: Weekplan, ondersteuner_id: int, vast: bool) -> int:
    """Pins (or unpins) every visit of a supporter in a proposal: the next solve keeps their whole week.
    Returns how many visits changed."""
    plan = Weekplan.objects.select_for_update().get(pk=weekplan.pk)
    if plan.status != Weekplan.Status.VOORSTEL:
        raise WeekplanFout("Enkel een voorstel kan nog wijzigen; een gepubliceerd plan blijft zoals het is.")
    aantal = (
        plan.regels.filter(ondersteuner_id=ondersteuner_id).exclude(vastgezet=vast).update(vastgezet=vast)
    )
    log_actie(
        door=door,
        actie="capaciteit.weekplan.week_vastgezet" if vast else "capaciteit.weekplan.week_losgemaakt",
        obj=plan,
        wijzigingen={"ondersteuner": ondersteuner_id, "bezoeken": aantal},
    )
    return aantal


@transaction.atomic
def weekplan_publiceren(*, door, weekplan: Weekplan) -> Weekplan:
    """The proposal becomes the LSC's plan, as its next version; the previous one is kept as replaced."""
    plan = Weekplan.objects.select_for_update().get(pk=weekplan.pk)
    if plan.status != Weekplan.Status.VOORSTEL:
        raise WeekplanFout("Enkel een voorstel kan gepubliceerd worden.")
    vorige = Weekplan.objects.select_for_update().filter(
        lsc_id=plan.lsc_id, schooljaar=plan.schooljaar, status=Weekplan.Status.GEPUBLICEERD
    )
    _wijzigingen_overnemen(van=list(vorige), naar=plan)
    vorige.update(status=Weekplan.Status.VERVANGEN)
    hoogste = Weekplan.objects.filter(lsc_id=plan.lsc_id, schooljaar=plan.schooljaar).aggregate(
        m=Max("versie")
    )
    plan.versie = (hoogste["m"] or 0) + 1
    plan.status = Weekplan.Status.GEPUBLICEERD
    plan.gepubliceerd_op, plan.gepubliceerd_door = timezone.now(), door
    plan.save(update_fields=["versie", "status", "gepubliceerd_op", "gepubliceerd_door"])
    log_actie(
        door=door, actie="capaciteit.weekplan.gepubliceerd", obj=plan, wijzigingen={"versie": plan.versie}
    )
    return plan


def _wijzigingen_overnemen(*, van: list[Weekplan], naar: Weekplan) -> None:
    """The one-day changes from today on of the plan being replaced, carried to the same visit (supporter,
    school, day of the cycle) of the new version; a change whose visit the new version no longer has ends
    with the old plan. Two queries and one insert."""
    vandaag = timezone.localdate()
    nieuw = {(r.ondersteuner_id, r.school_id, r.dag): r.pk for r in naar.regels.all()}
    overgenomen = []
    for oud in Planwijziging.objects.filter(weekplan__in=van, datum__gte=vandaag).select_related("planregel"):
        regel = oud.planregel
        if (doel := nieuw.get((regel.ondersteuner_id, regel.school_id, regel.dag))) is not None:
            oud.pk, oud.weekplan, oud.planregel_id = None, naar, doel
            overgenomen.append(oud)
    Planwijziging.objects.bulk_create(overgenomen, ignore_conflicts=True)


@transaction.atomic
def agendasleutel_maken(*, door, ondersteuner: Ondersteuner) -> str:
    """A new secret for the supporter's calendar feed; the old one's URL stops working. The key is returned
    for the one page that shows it: only its hash is stored."""
    sleutel, sleutel_hash = nieuwe_linksleutel()
    agendasleutel, gemaakt = Agendasleutel.objects.update_or_create(
        ondersteuner=ondersteuner, defaults={"sleutel_hash": sleutel_hash, "aangemaakt_op": timezone.now()}
    )
    if gemaakt:
        log_actie(door=door, actie="capaciteit.agendasleutel.gemaakt", obj=agendasleutel)
    else:
        log_actie(door=door, actie="capaciteit.agendasleutel.vernieuwd", obj=agendasleutel)
    return sleutel
