"""What the pages of lower apps ask of trajectories, as partials: a school's page shows who works there
without its app importing this one (the layers: scholen below trajecten)."""

from django import template

from trajecten.queries import ondersteuners_op_school

register = template.Library()


@register.inclusion_tag("trajecten/_ondersteuners_op_school.html")
def ondersteuners_aan_het_werk(school) -> dict:
    """The supporters at work at the school now: assigned to one of its open trajectories."""
    return {"ondersteuners": list(ondersteuners_op_school(school_id=school.pk))}
