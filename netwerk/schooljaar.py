"""School years run from 1 September to 31 August and are written "2026-2027".

They are stored as the year they start in (2026), so a window of six years is simple arithmetic.
"""

import re

from django.utils import timezone

from netwerk.kalender import (
    als_tekst,
    lees_schooljaar,
    schooljaar_begin,
    schooljaar_einde,
    schooljaar_grenzen,
    schooljaar_van,
)

__all__ = [
    "als_tekst",
    "huidig_schooljaar",
    "schooljaar_begin",
    "schooljaar_einde",
    "schooljaar_grenzen",
    "schooljaar_uit_verzoek",
    "schooljaar_van",
    "uit_tekst",
]

_PATROON = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")


def huidig_schooljaar() -> int:
    return schooljaar_van(timezone.localdate())


def schooljaar_uit_verzoek(request) -> int:
    """The school year a request asks for (`schooljaar`, posted or in the query string; the rule is
    `netwerk.kalender.lees_schooljaar`), else the current one."""
    return lees_schooljaar(
        request.POST.get("schooljaar") or request.GET.get("schooljaar"), huidig=huidig_schooljaar()
    )


def uit_tekst(tekst: str) -> int:
    """Reads "2025-2026"; raises ValueError with a Dutch message otherwise."""
    gevonden = _PATROON.match(str(tekst))
    if not gevonden:
        raise ValueError(f"schooljaar '{tekst}' is niet van de vorm 2025-2026")
    begin, einde = int(gevonden[1]), int(gevonden[2])
    if einde != begin + 1:
        raise ValueError(f"schooljaar '{tekst}': het tweede jaar moet het eerste plus één zijn")
    if not 1990 <= begin <= 2100:
        raise ValueError(f"schooljaar '{tekst}' ligt buiten 1990-2100")
    return begin
