"""Extra questions on the school's closing form, asked for by an app above this one.

The school answers the closing questions through its one-time link (views/afsluiting.py). An app higher in
the layers (overleg: the school's free suggestions to the LSC) adds a field to that form and keeps its answer
in its own table; this app may not import it, so the app registers its field when Django starts
(overleg/apps.py). The answer is saved in the transaction of the answers themselves (`bewaren`), so the
link is used once for all of it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class Extravraag:
    naam: str
    veld: Callable[[], forms.Field]
    bewaren: Callable[..., None]  # (afsluitvraag, tekst) inside the answer's transaction
    lezen: Callable[[list[int]], dict[int, str]]  # trajectory ids -> answer, for the pupil's file


_extra: list[Extravraag] = []


def registreren(vraag: Extravraag) -> None:
    if all(bestaand.naam != vraag.naam for bestaand in _extra):
        _extra.append(vraag)


def extravragen() -> list[Extravraag]:
    return list(_extra)
