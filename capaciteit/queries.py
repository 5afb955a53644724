"""Reads for capacity: the key's inputs from the schools' figures, and the published time frames."""

from collections import defaultdict

from django.db.models import Exists, OuterRef, QuerySet, Sum

from capaciteit.models import Envelop, Tijdskader, Verdeling
from capaciteit.verdeling import Invoer
from netwerk.models import Ondersteuner
from scholen.models import Bediening, School, Schooljaarcijfers

VELD_PER_SOORT = {"gc": "gc_verslagen", "iac": "iac_verslagen", "ov4": "ov4_verslagen"}


def invoer_voor(envelop: Envelop) -> list[Invoer]:
    """Per school the LSC serves: pupils in the reference year, reports per year of the window (2 queries)."""
    scholen = list(
        School.objects.filter(Exists(Bediening.objects.filter(school=OuterRef("pk"), lsc=envelop.lsc_id)))
        .order_by("instellingsnummer")
        .values_list("pk", "instellingsnummer", "naam")
    )
    venster = range(envelop.schooljaar - envelop.venster_jaren, envelop.schooljaar)
    jaren = {envelop.referentie, *venster}
    velden = [VELD_PER_SOORT[s] for s in (envelop.verslagsoorten or ["gc"])]
    leerlingen: dict[int, int] = {}
    verslagen: dict[int, list[int]] = defaultdict(list)
    cijfers = Schooljaarcijfers.objects.filter(school__in=[pk for pk, _, _ in scholen], schooljaar__in=jaren)
    for rij in cijfers.order_by("schooljaar").values("school_id", "schooljaar", "leerlingen", *velden):
        if rij["schooljaar"] == envelop.referentie:
            leerlingen[rij["school_id"]] = rij["leerlingen"]
        if rij["schooljaar"] in venster:
            verslagen[rij["school_id"]].append(sum(rij[veld] for veld in velden))
    return [Invoer(nummer, naam, leerlingen.get(pk), verslagen[pk]) for pk, nummer, naam in scholen]


def school_ids_per_nummer(envelop: Envelop) -> dict[str, int]:
    return dict(School.objects.filter(bedieningen__lsc=envelop.lsc_id).values_list("instellingsnummer", "pk"))


def gepubliceerd(*, lsc_id: int, schooljaar: int) -> Verdeling | None:
    return (
        Verdeling.objects.filter(envelop__lsc=lsc_id, envelop__schooljaar=schooljaar)
        .select_related("envelop")
        .order_by("-versie")
        .first()
    )


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
