"""`{{ minuten|uren }}`: stored minutes as every page shows time, "45 min", "1u30" (netwerk/duur.py)."""

from django import template

from netwerk.duur import als_uren

register = template.Library()


@register.filter
def uren(minuten) -> str:
    return "" if minuten is None or minuten == "" else als_uren(int(minuten))
