"""What the fuzz tests share: adversarial values per kind of form field, the Hypothesis settings, the
test that a message is Dutch, a savepoint per example, and the tally written to var/test/fuzz.json.

The values come from the fields themselves (their type, limits and choices), so a field added to a form
is fuzzed without anyone writing a strategy for it.
"""

import datetime as dt
import json
import os
import re
from collections import Counter
from contextlib import contextmanager

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.support.omgeving import ROOT

RAPPORT = ROOT / "var" / "test" / "fuzz.json"

# Deterministic for CI (the same examples every run, no example database), sized for a 2-core machine.
# HONINGRAAT_FUZZ_VOORBEELDEN raises the number for a deeper run by hand.
# A form alone costs milliseconds, a request through a view a tenth of a second: views get a quarter of
# the random examples, after a fixed sweep of the sharpest values (SCHERP) through every field at once.
VOORBEELDEN = int(os.environ.get("HONINGRAAT_FUZZ_VOORBEELDEN", "50"))
FUZZ = settings(
    max_examples=VOORBEELDEN,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ_SCHERM = settings(FUZZ, max_examples=max(8, VOORBEELDEN // 4))

# Text that has broken web applications: control characters (PostgreSQL refuses NUL), direction marks,
# zero-width and combining characters, emoji, digits that are not ASCII ("²".isdigit() but int("²") fails),
# numbers beyond every column, impossible dates, markup, formulas, format strings and header injection.
VREEMDE_TEKSTEN = [
    "",
    " ",
    "\t\r\n ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\u202egnp.exe",
    "\u200b\u200d\ufeff",
    "e\u0301\u0301\u0301",
    "🐝🍯" * 3,
    "²",
    "١٢٣",
    "-1",
    "0",
    "-0",
    "1.5",
    "1,5",
    "1e309",
    "NaN",
    "32768",
    "2147483648",
    "9223372036854775808",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "31/12/2024",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "<script>alert(1)</script>",
    "=CMD('/C calc')!A0",
    "' OR 1=1 --",
    "%s %(naam)s {0} {{ x }}",
    "../../etc/passwd",
    "x\r\nSet-Cookie: y=1",
    "a" * 5_000,
]

# The values that break parsers: every field of a view gets each of them in turn, whatever the dice say.
SCHERP = [
    "",
    "\x00",
    "²",
    "١٢٣",
    "-1",
    "9" * 40,
    "1e309",
    "0001-01-01",
    "9999-12-31T23:59",
    "x\r\nSet-Cookie: y=1",
    "%s %(naam)s {0} {{ x }}",
    "a" * 5_000,
]

ENGELS = re.compile(
    r"\b(the|this|that|field|enter|ensure|select|value|valid|invalid|required|characters?|must|"
    r"please|allowed|choice|number|date|file|submitted|empty)\b",
    re.IGNORECASE,
)


def vreemde_tekst(max_size: int = 300) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(VREEMDE_TEKSTEN), st.text(max_size=max_size))


def _gewone_tekst(maximum: int | None, minimum: int = 1) -> st.SearchStrategy[str]:
    """Text a person could type, in any script and with emoji, but no control characters."""
    tekens = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
    lengte = min(maximum or 80, 80)
    return st.text(tekens, min_size=min(minimum, lengte), max_size=lengte).filter(lambda s: s.strip())


def _datum(vandaag: dt.date) -> st.SearchStrategy[dt.date]:
    return st.one_of(
        st.dates(vandaag - dt.timedelta(days=400), vandaag + dt.timedelta(days=400)),
        st.sampled_from([dt.date.min, dt.date.max, dt.date(1900, 1, 1), dt.date(2100, 12, 31)]),
        st.dates(),
    )


def _keuzewaarden(veld: forms.ChoiceField) -> list[str]:
    waarden = []
    for waarde, label in veld.choices:
        if isinstance(label, list | tuple):  # option groups
            waarden.extend(str(w) for w, _label in label)
        else:
            waarden.append(str(waarde))
    return waarden


def goede_waarde(veld: forms.Field) -> st.SearchStrategy:
    """A value as a browser would send it for this field when the person fills it in sensibly."""
    vandaag = timezone.localdate()
    if isinstance(veld, forms.ModelMultipleChoiceField):
        pks = [str(pk) for pk in veld.queryset.values_list("pk", flat=True)[:50]]
        return st.lists(st.sampled_from(pks), unique=True) if pks else st.just([])
    if isinstance(veld, forms.ModelChoiceField):
        pks = [str(pk) for pk in veld.queryset.values_list("pk", flat=True)[:50]]
        return st.sampled_from(pks) if pks else st.just("")
    if isinstance(veld, forms.MultipleChoiceField):
        waarden = [w for w in _keuzewaarden(veld) if w != ""]
        return st.lists(st.sampled_from(waarden), unique=True) if waarden else st.just([])
    if isinstance(veld, forms.ChoiceField):
        waarden = _keuzewaarden(veld)
        return st.sampled_from(waarden) if waarden else st.just("")
    if isinstance(veld, forms.BooleanField):
        return st.sampled_from(["on", ""])
    if isinstance(veld, forms.IntegerField):
        laag = veld.min_value if veld.min_value is not None else -1_000
        hoog = veld.max_value if veld.max_value is not None else max(laag, 0) + 10_000
        return st.integers(laag, hoog).map(str)
    if isinstance(veld, forms.DateTimeField):
        return st.builds(dt.datetime.combine, _datum(vandaag), st.times()).map(
            lambda w: w.strftime("%Y-%m-%dT%H:%M")
        )
    if isinstance(veld, forms.DateField):
        return _datum(vandaag).map(dt.date.isoformat)
    if isinstance(veld, forms.TimeField):  # an hour that may be left empty
        return st.one_of(st.times().map(lambda w: w.strftime("%H:%M")), st.just(""))
    if isinstance(veld, forms.EmailField):
        return st.emails()
    if isinstance(veld, forms.CharField):
        return _gewone_tekst(veld.max_length, veld.min_length or 1)
    if isinstance(veld, forms.FileField):
        return st.just("")
    raise TypeError(f"geen strategie voor {type(veld).__name__}: voeg er een toe in tests/support/fuzz.py")


def slechte_waarde(veld: forms.Field) -> st.SearchStrategy:
    """A value for this field that no form in the browser sends: out of range, wrong type, tampered."""
    algemeen = vreemde_tekst()
    if isinstance(veld, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.one_of(algemeen, st.lists(algemeen, max_size=4))
    if isinstance(veld, forms.ModelChoiceField):
        return st.one_of(algemeen, st.sampled_from(["0", "-1", "999999999", "9" * 25, "1 OR 1=1"]))
    if isinstance(veld, forms.IntegerField):
        grenzen = [g for g in (veld.min_value, veld.max_value) if g is not None]
        rond = st.sampled_from([g + d for g in grenzen for d in (-1, 1)] or [-1])
        return st.one_of(algemeen, rond.map(str), st.integers().map(str))
    if isinstance(veld, forms.CharField) and veld.max_length:
        return st.one_of(algemeen, st.just("ä" * (veld.max_length + 1)))
    return algemeen


@st.composite
def formulierdata(draw, formulier: forms.BaseForm, hints: dict | None = None, vast: dict | None = None):
    """POST data for `formulier`: mostly filled in sensibly with a few fields made adversarial or left
    out, sometimes wholly adversarial. Returns a MultiValueDict with the form's prefix on every name."""
    hints = hints or {}
    namen = list(formulier.fields)
    geheel_vreemd = draw(st.integers(0, 4)) == 0
    bedorven = (
        set(namen) if geheel_vreemd else draw(st.sets(st.sampled_from(namen), max_size=3)) if namen else set()
    )
    data = MultiValueDict()
    for naam in namen:
        veld = formulier.fields[naam]
        if naam in bedorven:
            if draw(st.integers(0, 4)) == 0:
                continue  # left out altogether
            waarde = draw(slechte_waarde(veld))
        else:
            waarde = draw(hints[naam] if naam in hints else goede_waarde(veld))
        sleutel = formulier.add_prefix(naam)
        data.setlist(sleutel, waarde if isinstance(waarde, list) else [waarde])
    for sleutel, waarde in (vast or {}).items():
        data.setlist(sleutel, waarde if isinstance(waarde, list) else [waarde])
    return data


def ingezonden_teksten(data) -> list[str]:
    if isinstance(data, MultiValueDict):
        return [w for _sleutel, lijst in data.lists() for w in lijst if isinstance(w, str)]
    return [w for w in data.values() if isinstance(w, str)]


def is_nederlands(melding: str, ingezonden=()) -> bool:
    """No English word in it once what the user sent is taken out (a message may quote the input)."""
    tekst = str(melding)
    for waarde in sorted((w for w in ingezonden if w), key=len, reverse=True):
        tekst = tekst.replace(waarde, " ")
    return bool(tekst.strip()) and not ENGELS.search(tekst)


def foutmeldingen(formulier: forms.BaseForm) -> list[str]:
    return [str(m) for lijst in formulier.errors.values() for m in lijst]


@contextmanager
def savepoint():
    """One example's writes, undone afterwards: the next example starts from the same world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# The tally for docs/SECURITY.md: which forms and imports were fuzzed, and how many examples ran.
TELLING: dict[str, Counter] = {}
GELDIG = " geldig"


def tel(soort: str, naam: str, aantal: int = 1) -> None:
    TELLING.setdefault(soort, Counter())[naam] += aantal


def rapport_schrijven() -> None:
    """Adds what ran in this process to var/test/fuzz.json, keeping what other runs wrote there.

    A tally named "<part> geldig" (examples the form accepted, which then went through the save path)
    joins its part instead of being a part of its own."""
    if not TELLING:
        return
    RAPPORT.parent.mkdir(parents=True, exist_ok=True)
    try:
        bestaand = json.loads(RAPPORT.read_text())
    except (FileNotFoundError, ValueError):
        bestaand = {}
    for soort, telling in TELLING.items():
        if soort.endswith(GELDIG):
            continue
        bestaand[soort] = {
            "gevallen": len(telling),
            "voorbeelden": sum(telling.values()),
            "per_geval": dict(sorted(telling.items())),
            "max_examples": VOORBEELDEN,
            "gemaakt_op": timezone.now().isoformat(timespec="seconds"),
        }
        if geldig := TELLING.get(soort + GELDIG):
            bestaand[soort]["geldig"] = sum(geldig.values())
    RAPPORT.write_text(json.dumps(bestaand, indent=2, ensure_ascii=False) + "\n")
