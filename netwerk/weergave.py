"""What the pages show, without Django's per-item costs: select lists and choice labels.

Django's form renderer, with `<select>` lists built in Python instead of one template per option.

The trajectory overview's filters list an LSC's schools, regio teams and supporters: some 350 options, each
of which Django renders through its own template include (`select_option.html` and `attrs.html`). That was
a third of the page's server time (docs/BENCHMARKS.md). Here a select list comes out byte for byte as
Django's templates write it (tests/netwerk/test_weergave.py compares both on every select of every form);
every other widget, and a select with another option template, goes through the templates as before.
"""

import functools

from django.forms.renderers import DjangoTemplates
from django.utils.encoding import force_str
from django.utils.formats import localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape
from django.utils.translation import get_language

SELECT = "django/forms/widgets/select.html"
OPTIE = "django/forms/widgets/select_option.html"


def _tekst(waarde) -> str:
    """`{{ waarde|stringformat:'s' }}` under autoescape: safe strings stay as they are."""
    return conditional_escape(waarde if isinstance(waarde, str) else str(waarde))


def _attributen(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False left out, True as a bare name, in the dict's order."""
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        delen.append(
            f" {conditional_escape(naam)}"
            if waarde is True
            else f' {conditional_escape(naam)}="{_tekst(waarde)}"'
        )
    return "".join(delen)


def keuzelijst(widget: dict) -> str:
    delen = [f'<select name="{conditional_escape(widget["name"])}"{_attributen(widget["attrs"])}>']
    for groep, opties, _index in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{conditional_escape(groep)}">')
        for optie in opties:
            label = optie["label"]
            label = conditional_escape(label if isinstance(label, str) else localize(label))
            waarde, attributen = _tekst(optie["value"]), _attributen(optie["attrs"])
            delen.append(f'\n  <option value="{waarde}"{attributen}>{label}</option>\n')
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return "".join(delen)  # the widget marks it safe, as it does the template's output


class Weergever(DjangoTemplates):
    """FORM_RENDERER: Django's own, but for select lists whose options use Django's option template."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT and all(
            optie["template_name"] == OPTIE
            for _groep, opties, _index in context["widget"]["optgroups"]
            for optie in opties
        ):
            return keuzelijst(context["widget"])
        return super().render(template_name, context, request)


@functools.lru_cache(maxsize=512)
def _labels(veld, taal: str | None) -> dict:
    return {make_hashable(waarde): force_str(label, strings_only=True) for waarde, label in veld.flatchoices}


class SnelleLabels:
    """Model mixin: `get_FOO_display()` as Django's, with the labels translated once per field and language.
    Django's own builds a dict of every choice on each call, translating each lazy label: on the overview
    (a type and a status per row) that was some 500 translations per page."""

    def _get_FIELD_display(self, field):
        waarde = getattr(self, field.attname)
        return _labels(field, get_language()).get(make_hashable(waarde), force_str(waarde, strings_only=True))
