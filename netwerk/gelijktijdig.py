"""Optimistic locking for what several people edit: the form carries what its editor saw, the service
compares it under a row lock and refuses to save over a change the editor did not see.

`stand_van` fingerprints stored values for a hidden field. A service raises `Verouderd`, with the hidden
values the form should carry now. `conflict_tonen` puts that refusal on the form the user filled in:
their input stays, the notice says what is stored now, and the hidden fields get the current values, so
saving again is a deliberate choice to replace what the other person saved.
"""

import enum
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


def _opgeslagen(obj: models.Model, veld: str):
    try:
        return obj._meta.get_field(veld).value_from_object(obj)
    except FieldDoesNotExist:
        return getattr(obj, veld)


def _kanoniek(waarde) -> str:
    """The same stored value, the same text: whether it was just read or just assigned (an enum member, a
    decimal with trailing zeros)."""
    if isinstance(waarde, list | tuple):
        return "[" + ",".join(_kanoniek(w) for w in waarde) + "]"
    if isinstance(waarde, enum.Enum):
        waarde = waarde.value
    if isinstance(waarde, Decimal):
        waarde = waarde.normalize()
    return repr(waarde)


def stand_van(obj: models.Model, velden: Iterable[str], *extra) -> str:
    """A short fingerprint of these fields as stored (in any order), plus `extra` values."""
    waarden = [_kanoniek(_opgeslagen(obj, veld)) for veld in sorted(velden)] + [_kanoniek(w) for w in extra]
    return hashlib.sha256("\x1f".join(waarden).encode()).hexdigest()[:20]


class Verouderd(ValidationError):
    """Someone else saved since the form was opened. `verborgen`: the hidden fields' values now;
    `huidig`: the object as it is stored now, when the form edits one."""

    def __init__(self, melding: str, *, verborgen: dict, huidig: models.Model | None = None):
        super().__init__(melding)
        self.verborgen, self.huidig = verborgen, huidig


def _leeg(waarde) -> bool:
    return waarde is None or waarde == "" or waarde == []


def _als_tekst(veld: forms.Field, waarde) -> str:
    if _leeg(waarde):
        return _("leeg")
    if isinstance(veld, forms.BooleanField):
        return _("ja") if waarde else _("nee")
    if hasattr(veld, "als_tekst") and isinstance(waarde, int):  # a duration (netwerk.invoer.DuurVeld)
        return veld.als_tekst(waarde)
    if isinstance(waarde, models.Model):
        return str(waarde)
    keuzes = {}
    if isinstance(veld, forms.ChoiceField) and not isinstance(veld, forms.ModelChoiceField):
        keuzes = {str(sleutel): label for sleutel, label in veld.choices}
    if isinstance(veld, forms.ModelChoiceField):
        gekozen = veld.queryset.filter(pk=waarde).first()
        return str(gekozen) if gekozen else str(waarde)
    if isinstance(waarde, list | tuple):
        return ", ".join(str(keuzes.get(str(w), w)) for w in waarde)
    return str(keuzes.get(str(waarde), formats.localize(waarde)))


def nu_bewaard(formulier: forms.Form, huidig: models.Model) -> list[tuple[str, str]]:
    """(label, value stored now) for the visible fields where that differs from what the user sent."""
    verschillen = []
    for veld in formulier.visible_fields():
        try:
            opgeslagen = _opgeslagen(huidig, veld.name)
        except AttributeError:
            continue
        nu = _als_tekst(veld.field, opgeslagen)
        ingevuld = formulier.cleaned_data.get(veld.name) if hasattr(formulier, "cleaned_data") else None
        if isinstance(ingevuld, models.Model):
            ingevuld = ingevuld.pk
        if nu != _als_tekst(veld.field, ingevuld):
            verschillen.append((str(veld.label), nu))
    return verschillen


def conflict_tonen(formulier: forms.Form, fout: Verouderd, *, herladen: str) -> None:
    """The refusal above the user's own input, with what is stored now and a link to reload."""
    gegevens = formulier.data.copy()
    for veld, waarde in fout.verborgen.items():
        gegevens[formulier.add_prefix(veld)] = waarde
    formulier.data = gegevens
    verschillen = nu_bewaard(formulier, fout.huidig) if fout.huidig is not None else []
    nu = (
        format_html(
            "<br>{} {}",
            _("Nu bewaard:"),
            format_html_join("; ", "{}: {}", verschillen),
        )
        if verschillen
        else ""
    )
    formulier.add_error(
        None,
        ValidationError(
            format_html(
                '{}{}<br>{} <a href="{}">{}</a>',
                fout.message,
                nu,
                _("Je eigen invoer staat hieronder: bewaar opnieuw om te vervangen wat nu bewaard is, of"),
                herladen,
                _("herlaad de pagina"),
            )
        ),
    )
