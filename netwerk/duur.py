"""Time as supporters write it, and as every page shows it: hours and minutes. Minutes stay the stored unit.

Pure (no Django), so it is tested exhaustively with Hypothesis.

Reading (`lees_duur`), case and spaces aside:
- hours and minutes: "1u30", "1 u 30", "1h30", "1u30min", "1 uur 30 minuten", "2u", "1:30";
- decimal hours, with a comma or a point: "1,5", "1.5", "0,75", "1,5u";
- minutes: "90 min", "45m", "45 minuten";
- a bare whole number ("90", "2") is read in the one unit in which it fits between `minimum` and `maximum`:
  with a logbook line's 5 minutes to 10 hours, "2" is 2 hours and "90" is 90 minutes; "5" to "10" fit
  both, so they are refused with the question which one is meant, never guessed.
- Two decimals that could also be minutes ("1,30": 1u30 or 1,3 uur?) are refused with that question too;
  two that cannot ("0,75") are read as decimal hours.
A refusal is a `DuurFout` whose Dutch message quotes what was typed.

Showing (`als_uren`): "45 min" under an hour, then "1u", "1u30", "12u05"; every text it writes reads back
to the same number of minutes.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

MAX_TEKENS = 20  # longer is no duration; a form field says so before this module is asked

_UUR = r"(?:u|uur|uren|h)"
_MIN = r"(?:m|min|minuut|minuten)"
_UREN_MINUTEN = re.compile(rf"(?P<uren>[0-9]+) ?{_UUR} ?(?:(?P<minuten>[0-9]+) ?(?P<eenheid>{_MIN})?)?")
_DUBBELPUNT = re.compile(r"(?P<uren>[0-9]+):(?P<minuten>[0-9]{2})")
_MINUTEN = re.compile(rf"(?P<minuten>[0-9]+) ?{_MIN}")
_DECIMAAL = re.compile(rf"(?P<uren>[0-9]*)[.,](?P<decimalen>[0-9]+) ?(?:{_UUR})?")
_GETAL = re.compile(r"[0-9]+")
_VOORBEELD = "Schrijf bijvoorbeeld 1u30, 1,5 of 45 min."


class DuurFout(ValueError):
    """Text that is no duration, or one outside the limits; the message is Dutch and names the text."""


def als_uren(minuten: int) -> str:
    """90 → "1u30", 120 → "2u", 45 → "45 min", 0 → "0u"."""
    if minuten < 0:
        return "-" + als_uren(-minuten)
    if 0 < minuten < 60:
        return f"{minuten} min"
    uren, rest = divmod(minuten, 60)
    return f"{uren}u{rest:02d}" if rest else f"{uren}u"


def lees_duur(tekst: str, *, minimum: int, maximum: int) -> int:
    """The minutes that `tekst` writes, from `minimum` to `maximum`; a DuurFout otherwise."""
    getypt = tekst.strip()
    if not getypt:
        raise DuurFout("Vul een duur in. " + _VOORBEELD)
    if len(getypt) > MAX_TEKENS:
        raise DuurFout(f"Dit is geen duur: hoogstens {MAX_TEKENS} tekens. " + _VOORBEELD)
    genormaliseerd = re.sub(r"\s+", " ", getypt.lower())
    minuten = _lees(genormaliseerd, getypt, minimum=minimum, maximum=maximum)
    if minuten == 0:
        raise DuurFout(f"‘{getypt}’ is geen tijd: minstens {als_uren(minimum)}.")
    if minuten < minimum:
        raise DuurFout(f"‘{getypt}’ is {als_uren(minuten)}: te kort, minstens {als_uren(minimum)}.")
    if minuten > maximum:
        raise DuurFout(f"‘{getypt}’ is te lang: hoogstens {als_uren(maximum)}.")
    return minuten


def _lees(tekst: str, getypt: str, *, minimum: int, maximum: int) -> int:
    if gevonden := _UREN_MINUTEN.fullmatch(tekst):
        minuten = gevonden["minuten"]
        if minuten is None:
            return _getal(gevonden["uren"]) * 60
        if len(minuten) == 1 and gevonden["eenheid"] is None:
            raise DuurFout(
                f"‘{getypt}’: schrijf de minuten met twee cijfers "
                f"({gevonden['uren']}u0{minuten}) of de uren met een komma ({gevonden['uren']},{minuten})."
            )
        return _uren_en_minuten(gevonden["uren"], minuten, getypt)
    if gevonden := _DUBBELPUNT.fullmatch(tekst):
        return _uren_en_minuten(gevonden["uren"], gevonden["minuten"], getypt)
    if gevonden := _MINUTEN.fullmatch(tekst):
        return _getal(gevonden["minuten"])
    if gevonden := _DECIMAAL.fullmatch(tekst):
        return _decimale_uren(gevonden["uren"] or "0", gevonden["decimalen"], getypt)
    if _GETAL.fullmatch(tekst):
        return _los_getal(_getal(tekst), getypt, minimum=minimum, maximum=maximum)
    raise DuurFout(f"‘{getypt}’ is geen duur. " + _VOORBEELD)


def _getal(cijfers: str) -> int:
    # At most MAX_TEKENS digits: int() takes them at once, and any such number is checked against the maximum.
    return int(cijfers)


def _uren_en_minuten(uren: str, minuten: str, getypt: str) -> int:
    if _getal(minuten) >= 60:
        raise DuurFout(f"‘{getypt}’: na de uren komen minuten, van 00 tot 59.")
    return _getal(uren) * 60 + _getal(minuten)


def _decimale_uren(uren: str, decimalen: str, getypt: str) -> int:
    if len(decimalen) > 2:
        raise DuurFout(f"‘{getypt}’: schrijf hoogstens twee cijfers na de komma.")
    minuten = _als_minuten(uren, decimalen)
    if len(decimalen) == 2 and 0 < int(decimalen) < 60:
        # "1,30": 1u30 or 1u18? People write both, and a wrong guess would go unnoticed: ask.
        tijd = als_uren(int(uren) * 60 + int(decimalen))
        if minuten is None:
            raise DuurFout(f"‘{getypt}’: bedoel je {tijd}? Schrijf dan {tijd}.")
        raise DuurFout(f"‘{getypt}’: bedoel je {tijd} of {als_uren(minuten)}? Schrijf het zo, zonder komma.")
    if minuten is None:
        afgerond = int((Decimal(f"{int(uren)}.{decimalen}") * 60).to_integral_value(ROUND_HALF_UP))
        raise DuurFout(f"‘{getypt}’ is geen geheel aantal minuten: bedoel je {als_uren(afgerond)}?")
    return minuten


def _als_minuten(uren: str, decimalen: str) -> int | None:
    """Decimal hours in whole minutes, or None when they are not whole minutes (0,66 uur)."""
    minuten = Decimal(f"{int(uren)}.{decimalen}") * 60
    return int(minuten) if minuten == minuten.to_integral_value() else None


def _los_getal(getal: int, getypt: str, *, minimum: int, maximum: int) -> int:
    als_minuten = minimum <= getal <= maximum
    als_uren_ = 0 < getal * 60 <= maximum and getal * 60 >= minimum
    if als_minuten and als_uren_:
        raise DuurFout(
            f"‘{getypt}’: bedoel je {getal} uur of {getal} minuten? Schrijf {getal}u of {getal} min."
        )
    if als_uren_:
        return getal * 60
    return getal
