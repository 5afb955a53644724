"""Reads for the organisation's pages, scoped to the user who asks."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from netwerk.models import Gebruiker, Leersteuncentrum, Ondersteuner, Regioteam
from netwerk.schooljaar import huidig_schooljaar
from scholen.models import Ankertoewijzing, Bediening


def aantal(queryset: QuerySet) -> Coalesce:
    """A COUNT as a scalar subquery: several of them in one SELECT multiply no rows (no join fan-out)."""
    telling = (
        queryset.order_by().annotate(_groep=Value(1)).values("_groep").annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(telling, output_field=IntegerField()), 0)


def regioteams_met_tellingen(regioteams: QuerySet[Regioteam]) -> QuerySet[Regioteam]:
    return (
        regioteams.select_related("coach")
        .annotate(
            aantal_ondersteuners=aantal(Ondersteuner.objects.filter(regioteam=OuterRef("pk"))),
            aantal_scholen=aantal(Bediening.objects.filter(regioteam=OuterRef("pk"))),
        )
        .order_by("naam")
    )


def met_tellingen(lscs: QuerySet[Leersteuncentrum]) -> QuerySet[Leersteuncentrum]:
    return lscs.annotate(
        aantal_scholen=aantal(Bediening.objects.filter(lsc=OuterRef("pk"))),
        aantal_ondersteuners=aantal(Ondersteuner.objects.filter(lsc=OuterRef("pk"))),
        aantal_regioteams=aantal(Regioteam.objects.filter(lsc=OuterRef("pk"))),
        aantal_medewerkers=aantal(Gebruiker.objects.filter(lsc=OuterRef("pk"), is_active=True)),
    ).order_by("naam")


def ankerscholen_van(ondersteuner: Ondersteuner) -> QuerySet[Ankertoewijzing]:
    return (
        Ankertoewijzing.objects.filter(ondersteuner=ondersteuner, schooljaar=huidig_schooljaar())
        .select_related("school", "lsc")
        .order_by("school__naam")
    )


def ondersteuners_met_belasting(ondersteuners: QuerySet[Ondersteuner]) -> QuerySet[Ondersteuner]:
    """Each supporter with the number of schools they anchor this school year."""
    return (
        ondersteuners.select_related("gebruiker", "regioteam")
        .annotate(
            aantal_ankerscholen=aantal(
                Ankertoewijzing.objects.filter(ondersteuner=OuterRef("pk"), schooljaar=huidig_schooljaar())
            )
        )
        .order_by("gebruiker__naam")
    )
