"""One-off changes to the published week plan on a date: a visit cancelled, sent to another school, moved to
another date, or made by another supporter (a replacement for an absent colleague).

Each change is checked by the pure calendar (`rekenen.weekplanning.kalender.weigering`) against the plan,
every absence and every change already made, under a lock on the plan so that two coordinators cannot
together break the rule of at most 2 schools a day; refused with the Dutch reason, nothing saved.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from capaciteit import queries
from capaciteit.models import Planregel, Planwijziging, Weekplan
from capaciteit.rekenen.weekplanning import kalender
from capaciteit.services.weekplan import WeekplanFout
from netwerk import services as netwerk_services
from netwerk.audit import log_actie
from netwerk.kalender import als_tekst, schooljaar_van
from netwerk.models import Afwezigheid, Ondersteuner
from scholen.models import Bediening, School


def _gepubliceerd_plan(regel: Planregel) -> Weekplan:
    plan = Weekplan.objects.select_for_update().get(pk=regel.weekplan_id)
    if plan.status != Weekplan.Status.GEPUBLICEERD:
        raise WeekplanFout("Enkel het geldende, gepubliceerde weekplan krijgt wijzigingen op een datum.")
    return plan


@transaction.atomic
def planwijziging_maken(
    *,
    door,
    regel: Planregel,
    datum: dt.date,
    soort: str,
    school_id: int | None = None,
    nieuwe_datum: dt.date | None = None,
    ondersteuner_id: int | None = None,
    reden: str = "",
) -> Planwijziging:
    """Saves one change to `regel`'s visit on `datum`, or raises WeekplanFout with the reason."""
    plan = _gepubliceerd_plan(regel)
    if soort not in Planwijziging.Soort.values:
        raise WeekplanFout("Kies wat er met het bezoek gebeurt.")
    school_id = school_id if soort == Planwijziging.Soort.ANDERE_SCHOOL else None
    nieuwe_datum = nieuwe_datum if soort == Planwijziging.Soort.VERPLAATST else None
    for dag in (datum, nieuwe_datum):
        if dag is not None and schooljaar_van(dag) != plan.schooljaar:
            raise WeekplanFout(
                f"{dag:%d/%m/%Y} valt buiten het schooljaar {als_tekst(plan.schooljaar)} van het weekplan."
            )
    ondersteuner_id = ondersteuner_id if soort == Planwijziging.Soort.ANDERE_ONDERSTEUNER else None
    if (
        school_id is not None
        and not Bediening.objects.filter(lsc_id=plan.lsc_id, school_id=school_id).exists()
    ):
        raise WeekplanFout("Die school wordt niet door dit leersteuncentrum bediend.")
    if (
        ondersteuner_id is not None
        and not Ondersteuner.objects.filter(
            pk=ondersteuner_id, lsc_id=plan.lsc_id, gebruiker__is_active=True
        ).exists()
    ):
        raise WeekplanFout("Die ondersteuner hoort niet bij dit leersteuncentrum.")
    nieuw = kalender.Wijziging(
        regel.pk, datum, kalender.Soort(soort), school_id, nieuwe_datum, ondersteuner_id
    )
    regels = list(plan.regels.all())
    wijzigingen = list(plan.wijzigingen.all())
    dagen = [datum, *([nieuwe_datum] if nieuwe_datum else [])]
    betrokken = (
        {r.ondersteuner_id for r in regels} | {w.ondersteuner_id for w in wijzigingen} | {ondersteuner_id}
    )
    afwezig = queries.afwezigheden_van(betrokken - {None}, van=min(dagen), tot=max(dagen))
    namen = dict(Ondersteuner.objects.filter(pk__in=betrokken - {None}).values_list("pk", "gebruiker__naam"))
    reden_weigering = kalender.weigering(
        nieuw,
        vaste=[queries.als_vast(r) for r in regels],
        cyclus_weken=plan.cyclus_weken,
        afwezigheden=afwezig,
        wijzigingen=[queries.als_wijziging(w) for w in wijzigingen],
        namen={"ondersteuners": namen},
    )
    if reden_weigering is not None:
        raise WeekplanFout(reden_weigering)
    wijziging = Planwijziging(
        weekplan=plan,
        planregel=regel,
        datum=datum,
        soort=soort,
        school_id=school_id,
        nieuwe_datum=nieuwe_datum,
        ondersteuner_id=ondersteuner_id,
        reden=reden.strip()[:200],
        door=door if door and door.is_authenticated else None,
    )
    wijziging.full_clean()
    wijziging.save()
    log_actie(
        door=door,
        actie="capaciteit.planwijziging.gemaakt",
        obj=plan,
        wijzigingen={
            "bezoek": regel.pk,
            "datum": datum.isoformat(),
            "soort": soort,
            "school": school_id,
            "nieuwe_datum": nieuwe_datum.isoformat() if nieuwe_datum else None,
            "ondersteuner": ondersteuner_id,
        },
    )
    return wijziging


@transaction.atomic
def planwijziging_ongedaan(*, door, regel: Planregel, datum: dt.date) -> None:
    """The visit on `datum` goes as the cycle planned it again."""
    plan = _gepubliceerd_plan(regel)
    wijziging = Planwijziging.objects.filter(planregel=regel, datum=datum).first()
    if wijziging is None:
        raise WeekplanFout("Dat bezoek heeft op die datum geen wijziging.")
    wijziging.delete()
    # Undoing a cancellation or a move brings a visit back: it must still fit that day.
    terug = wijziging.datum
    gevonden = kalender.bezoeken(
        [queries.als_vast(r) for r in plan.regels.all()],
        cyclus_weken=plan.cyclus_weken,
        van=terug,
        tot=terug,
        afwezigheden=queries.afwezigheden_van([regel.ondersteuner_id], van=terug, tot=terug),
        wijzigingen=[queries.als_wijziging(w) for w in plan.wijzigingen.all()],
    )
    if (
        len(kalender.scholen_per_dag(gevonden).get((regel.ondersteuner_id, terug), ()))
        > kalender.MAX_SCHOLEN_PER_DAG
    ):
        raise WeekplanFout(
            f"{regel.ondersteuner.gebruiker.naam} zou op {terug:%d/%m/%Y} weer naar meer dan "
            f"{kalender.MAX_SCHOLEN_PER_DAG} scholen gaan: pas eerst een ander bezoek van die dag aan."
        )
    log_actie(
        door=door,
        actie="capaciteit.planwijziging.ongedaan",
        obj=plan,
        wijzigingen={"bezoek": regel.pk, "datum": datum.isoformat(), "soort": wijziging.soort},
    )


ONGEDAAN = "ongedaan"  # the form's choice beside the kinds of change: back to the cycle


def bezoek_op_datum(
    *,
    door,
    regel: Planregel,
    datum: dt.date,
    soort: str,
    school=None,
    nieuwe_datum=None,
    ondersteuner=None,
    reden="",
) -> Planwijziging | None:
    """What the change form asks, as its fields name it: undo the change of that date, or make one."""
    if soort == ONGEDAAN:
        planwijziging_ongedaan(door=door, regel=regel, datum=datum)
        return None
    return planwijziging_maken(
        door=door,
        regel=regel,
        datum=datum,
        soort=soort,
        school_id=school,
        nieuwe_datum=nieuwe_datum,
        ondersteuner_id=ondersteuner,
        reden=reden,
    )


def scholen_van_lsc(lsc_id: int):
    return School.objects.filter(bedieningen__lsc_id=lsc_id).distinct().order_by("naam").only("pk", "naam")


# --------------------------------------------------------------------------------------- absences


def afwezigheid_invoeren(*, door, plan: Weekplan, ondersteuner: Ondersteuner, van, tot, soort) -> Afwezigheid:
    """The team page's leave (`netwerk.services.afwezigheid_registreren`: to ≥ from, no overlap, audited),
    entered on the plan by date: both days within the plan's school year. Raises ValidationError."""
    for dag in (van, tot):
        if schooljaar_van(dag) != plan.schooljaar:
            raise ValidationError(
                f"{dag:%d/%m/%Y} valt buiten het schooljaar {als_tekst(plan.schooljaar)} van het weekplan."
            )
    return netwerk_services.afwezigheid_registreren(
        door=door, ondersteuner=ondersteuner, van=van, tot=tot, soort=soort
    )


def in_de_afwezigheid(plan: Weekplan, afwezigheid: Afwezigheid) -> tuple[int, int]:
    """(visits of the supporter's cycle on the school days of the absence, of which with a change that
    stays when the absence goes, such as an accepted replacement)."""
    regels = [queries.als_vast(r) for r in plan.regels.filter(ondersteuner_id=afwezigheid.ondersteuner_id)]
    gepland = kalender.volgens_cyclus(
        regels, cyclus_weken=plan.cyclus_weken, van=afwezigheid.van, tot=afwezigheid.tot
    )
    gewijzigd = set(
        plan.wijzigingen.filter(
            planregel__ondersteuner_id=afwezigheid.ondersteuner_id,
            datum__range=(afwezigheid.van, afwezigheid.tot),
        ).values_list("planregel_id", "datum")
    )
    return len(gepland), sum((v.regel_id, d) in gewijzigd for d, v in gepland)


@transaction.atomic
def afwezigheid_verwijderen(*, door, afwezigheid: Afwezigheid) -> None:
    """The leave goes: the supporter's visits of those days happen again, changes made meanwhile stay."""
    Afwezigheid.objects.select_for_update().filter(pk=afwezigheid.pk).delete()
    log_actie(
        door=door,
        actie="netwerk.afwezigheid.verwijderd",
        obj=afwezigheid.ondersteuner,
        wijzigingen={
            "soort": [afwezigheid.soort, None],
            "van": [str(afwezigheid.van), None],
            "tot": [str(afwezigheid.tot), None],
        },
    )
