"""Reads every app's queries use: counts as scalar subqueries."""

from django.db.models import Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def aantal(queryset: QuerySet) -> Coalesce:
    """A COUNT as a scalar subquery: several of them in one SELECT multiply no rows (no join fan-out)."""
    telling = (
        queryset.order_by().annotate(_groep=Value(1)).values("_groep").annotate(n=Count("*")).values("n")
    )
    return Coalesce(Subquery(telling, output_field=IntegerField()), 0)
