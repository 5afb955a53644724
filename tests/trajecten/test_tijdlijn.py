"""The trajectory's timeline tells a change in words: a stored date reads as a Dutch date, in any field."""

import pytest
from django.utils import translation

from trajecten.tijdlijn import _waarde


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("einde", "2027-02-01", "1 februari 2027"),  # a focus part's end
        ("datum", "2026-12-07", "7 december 2026"),
        ("volgende_evaluatie", "2026-03-02", "2 maart 2026"),
        ("notitie", "2026-12-07 bij de leerkracht", "2026-12-07 bij de leerkracht"),  # text stays text
    ],
)
def test_een_datum_leest_als_een_datum(veld, waarde, tekst):
    with translation.override("nl"):
        assert _waarde("focusvraag", veld, waarde) == tekst
