"""Dates on paper, per Decree 30/2020/NĐ-CP: a leading zero only for days below 10 and months 1 and 2."""

from datetime import date

import pytest

from desktop.domain import dates


@pytest.mark.parametrize(("d", "words", "figures"), [
    (date(2027, 3, 5), "ngày 05 tháng 3 năm 2027", "05/3/2027"),
    (date(2027, 1, 15), "ngày 15 tháng 01 năm 2027", "15/01/2027"),
    (date(2026, 11, 20), "ngày 20 tháng 11 năm 2026", "20/11/2026"),
    (date(2026, 2, 9), "ngày 09 tháng 02 năm 2026", "09/02/2026"),
    (date(2022, 6, 3), "ngày 03 tháng 6 năm 2022", "03/6/2022"),
    (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026", "31/12/2026"),
])
def test_decree_30_dates(d, words, figures):
    assert dates.in_words(d) == words
    assert dates.in_figures(d) == figures
