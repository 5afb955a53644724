"""Reads for capacity: the key's inputs from the schools' figures, and the published time frames."""

from functools import reduce
from operator import add

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, F, OuterRef, QuerySet, Sum
from django.db.models.functions import JSONObject

from capaciteit.models import Envelop, Tijdskader, Verdeling, Weekplan
from capaciteit.verdeling import Invoer
from netwerk.models import Ondersteuner
from scholen.models import Bediening, School, Schooljaarcijfers

VELD_PER_SOORT = {"gc": "gc_verslagen", "iac": "iac_verslagen", "ov4": "ov4_verslagen"}


def invoer_voor(envelop: Envelop) -> list[Invoer]:
    """Per school the LSC serves: pupils in the reference year, reports per year of the window (one query:
    each school carries its figures of those years as a JSON array)."""
    venster = range(envelop.schooljaar - envelop.venster_jaren, envelop.schooljaar)
    jaren = {envelop.referentie, *venster}
    verslagen = reduce(add, (F(VELD_PER_SOORT[s]) for s in (envelop.verslagsoorten or ["gc"])))
    cijfers = (
        Schooljaarcijfers.objects.filter(school=OuterRef("pk"), schooljaar__in=jaren)
        .order_by("schooljaar")
        .values(json=JSONObject(jaar="schooljaar", leerlingen="leerlingen", verslagen=verslagen))
    )
    scholen = (
        School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=envelop.lsc_id)))
        .annotate(jaarcijfers=ArraySubquery(cijfers))
        .order_by("instellingsnummer")
        .values_list("instellingsnummer", "naam", "jaarcijfers")
    )
    invoer = []
    for nummer, naam, rijen in scholen:
        leerlingen = next((r["leerlingen"] for r in rijen if r["jaar"] == envelop.referentie), None)
        per_jaar = [r["verslagen"] for r in rijen if r["jaar"] in venster]
        invoer.append(Invoer(nummer, naam, leerlingen, per_jaar))
    return invoer


def school_ids_per_nummer(envelop: Envelop) -> dict[str, int]:
    return dict(School.objects.filter(bedieningen__lsc=envelop.lsc_id).values_list("instellingsnummer", "pk"))


def gepubliceerd(*, lsc_id: int, schooljaar: int) -> Verdeling | None:
    return (
        Verdeling.objects.filter(envelop__lsc=lsc_id, envelop__schooljaar=schooljaar)
        .select_related("envelop")
        .order_by("-versie")
        .first()
    )


def gepubliceerd_weekplan(*, lsc_id: int, schooljaar: int) -> Weekplan | None:
    return (
        Weekplan.objects.filter(lsc_id=lsc_id, schooljaar=schooljaar, status=Weekplan.Status.GEPUBLICEERD)
        .order_by("-versie")
        .first()
    )


def in_laatste_versie() -> Exists:
    """A filter on frames: only those of their envelope's latest published version."""
    nieuwer = Verdeling.objects.filter(
        envelop=OuterRef("verdeling__envelop"), versie__gt=OuterRef("verdeling__versie")
    )
    return ~Exists(nieuwer)


def tijdskaders_van(verdeling: Verdeling) -> QuerySet[Tijdskader]:
    return verdeling.tijdskaders.select_related("school").order_by("school__naam")


def uren_uit_personeel(envelop: Envelop) -> int | None:
    """Assignment % of the LSC's supporters × the yearly hours of a full-time job for the brede types."""
    if not envelop.uren_per_voltijdse:
        return None
    procent = (
        Ondersteuner.objects.filter(lsc=envelop.lsc_id, gebruiker__is_active=True).aggregate(
            totaal=Sum("opdracht_procent")
        )["totaal"]
        or 0
    )
    return procent * envelop.uren_per_voltijdse // 100
