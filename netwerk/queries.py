"""Reads for the organisation's pages, scoped to the user who asks."""

from django.db.models import Count, Q, QuerySet

from netwerk.models import Leersteuncentrum, Ondersteuner, Regioteam
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing


def regioteams_met_tellingen(regioteams: QuerySet[Regioteam]) -> QuerySet[Regioteam]:
    return (
        regioteams.select_related("coach")
        .annotate(
            aantal_ondersteuners=Count("ondersteuners", distinct=True),
            aantal_scholen=Count("bedieningen", distinct=True),
        )
        .order_by("naam")
    )


def lsc_tellingen(lsc: Leersteuncentrum) -> dict[str, int]:
    return Leersteuncentrum.objects.filter(pk=lsc.pk).aggregate(
        scholen=Count("bedieningen", distinct=True),
        ondersteuners=Count("ondersteuners", distinct=True),
        regioteams=Count("regioteams", distinct=True),
    )


def ankerscholen_van(ondersteuner: Ondersteuner) -> QuerySet[Ankertoewijzing]:
    return (
        Ankertoewijzing.objects.filter(ondersteuner=ondersteuner, schooljaar=huidig_schooljaar())
        .select_related("school", "lsc")
        .order_by("school__naam")
    )


def lsc_overzicht() -> QuerySet[Leersteuncentrum]:
    return Leersteuncentrum.objects.annotate(
        aantal_scholen=Count("bedieningen", distinct=True),
        aantal_ondersteuners=Count("ondersteuners", distinct=True),
        aantal_medewerkers=Count("medewerkers", filter=Q(medewerkers__is_active=True), distinct=True),
    ).order_by("naam")
