"""Input that Django's form fields do not check on their own: numbers read straight from a request, and
text of one line.

A tampered number is simply no number: the caller falls back as for a missing one, never a server error.
`str.isdigit` will not do: it is true for "²" and "١", and int() refuses the first and reads the second as
1; and a few thousand digits make int() itself refuse.

Text of one line (a name, a place, a cell of an imported file) holds no line break and no control
character. A browser cannot type them into such a field, but a tampered request or a damaged file can:
PostgreSQL refuses NUL outright (a server error at the save), a line break in a school's name breaks the
header of every mail that names the school, and the rest are invisible on every screen. Text areas keep
their line breaks; Django's fields already refuse NUL there.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from netwerk.duur import MAX_TEKENS, DuurFout, als_uren, lees_duur

MAX_CIJFERS = 18  # any id, year or day; still within PostgreSQL's bigint
# C0 and C1 control characters (tab, line feed and carriage return among them) and DEL.
STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def geheel_getal(tekst) -> int | None:
    """The whole number (0 or more) that `tekst` writes in ASCII digits, or None."""
    if isinstance(tekst, str) and 0 < len(tekst) <= MAX_CIJFERS and tekst.isascii() and tekst.isdigit():
        return int(tekst)
    return None


def een_regel(tekst: str) -> None:
    """A validator for text of one line: no line break, no control character; it says where."""
    gevonden = STUURTEKENS.search(tekst)
    if gevonden is None:
        return
    plaats = gevonden.start() + 1
    if gevonden.group() in "\r\n":
        raise ValidationError(
            _("Dit is één regel tekst: haal het regeleinde op plaats %(plaats)s weg."),
            code="regeleinde",
            params={"plaats": plaats},
        )
    raise ValidationError(
        _("De tekst bevat een onzichtbaar stuurteken (U+%(code)04X) op plaats %(plaats)s: haal het weg."),
        code="stuurteken",
        params={"code": ord(gevonden.group()), "plaats": plaats},
    )


def is_een_regel(veld: forms.Field) -> bool:
    return isinstance(veld, forms.CharField) and not isinstance(veld.widget, forms.Textarea)


class Invoerregels:
    """Every form of the apps starts from this: each text field of one line gets `een_regel`, also the
    fields a form adds in its own __init__ (hence at cleaning time, not at construction)."""

    def full_clean(self) -> None:
        for veld in self.fields.values():
            if is_een_regel(veld) and een_regel not in veld.validators:
                veld.validators.append(een_regel)
        super().full_clean()


class DuurVeld(forms.CharField):
    """A duration as people type it ("1u30", "1,5", "90 min"), cleaned to whole minutes from `minimum` to
    `maximum` (netwerk/duur.py); a stored number of minutes is shown in hours."""

    def __init__(self, *, minimum: int, maximum: int, **kwargs):
        kwargs.setdefault("max_length", MAX_TEKENS)
        super().__init__(**kwargs)
        self.minimum, self.maximum = minimum, maximum
        # Letters belong in it ("1u30"): no numeric keypad, no spelling corrections on "min".
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def prepare_value(self, value):
        return self.als_tekst(value) if isinstance(value, int) else value

    def clean(self, value) -> int | None:
        tekst = super().clean(value)
        if tekst in self.empty_values:
            return None
        try:
            return lees_duur(tekst, minimum=self.minimum, maximum=self.maximum)
        except DuurFout as fout:
            raise ValidationError(str(fout), code="duur") from fout

    @staticmethod
    def als_tekst(minuten: int) -> str:
        return als_uren(minuten)


def fouten_op_formulier(formulier: forms.Form, fout: ValidationError) -> None:
    """A service's error goes on the field it names, or above the form when the form has no such field."""
    if not hasattr(fout, "error_dict"):
        formulier.add_error(None, fout.messages)
        return
    for veld, meldingen in fout.message_dict.items():
        formulier.add_error(veld if veld in formulier.fields else None, meldingen)


# A long list of schools or supporters filters as you type (static/js/zoeklijst.js); a plain select without JS
ZOEKLIJST = {"data-zoeklijst": ""}
