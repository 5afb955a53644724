import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netwerk.schooljaar import als_tekst, schooljaar_van, uit_tekst


@pytest.mark.parametrize(
    ("datum", "jaar"),
    [(dt.date(2026, 8, 31), 2025), (dt.date(2026, 9, 1), 2026), (dt.date(2027, 1, 15), 2026)],
)
def test_schooljaar_loopt_van_1_september_tot_31_augustus(datum, jaar):
    assert schooljaar_van(datum) == jaar


@given(st.integers(min_value=1990, max_value=2100))
def test_tekst_heen_en_terug(jaar):
    assert uit_tekst(als_tekst(jaar)) == jaar


@pytest.mark.parametrize("fout", ["2025", "2025-2027", "25-26", "2025 2026", "", "abcd-efgh", "1900-1901"])
def test_foute_schooljaren_geven_een_nederlandse_melding(fout):
    with pytest.raises(ValueError, match="schooljaar"):
        uit_tekst(fout)
