from datetime import date

import pytest

from desktop.domain.birth import BirthDate, BirthDateError, parse_birth

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("text", "expected"), [
    ("05/03/1980", BirthDate(1980, 3, 5)),
    ("5/3/1980", BirthDate(1980, 3, 5)),
    ("05-03-1980", BirthDate(1980, 3, 5)),
    ("05.03.1980", BirthDate(1980, 3, 5)),
    ("05031980", BirthDate(1980, 3, 5)),
    (" 1975 ", BirthDate(1975)),
    ("29/02/2000", BirthDate(2000, 2, 29)),
])
def test_accepted_forms(text, expected):
    assert parse_birth(text, TODAY) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("", "Chưa nhập ngày sinh"),
    ("31/02/1980", "31/02/1980 không phải là một ngày có thật"),
    ("29/02/1999", "không phải là một ngày có thật"),
    ("13/13/1980", "không phải là một ngày có thật"),
    ("01/12/2026", "ở tương lai"),
    ("2027", "ở tương lai"),
    ("1850", "quá xa"),
    ("năm 80", "không phải ngày sinh"),
    ("80", "không phải ngày sinh"),
])
def test_refused_with_vietnamese_message(text, message):
    with pytest.raises(BirthDateError, match=message):
        parse_birth(text, TODAY)


def test_display_and_age():
    assert str(BirthDate(1980, 3, 5)) == "05/03/1980"
    assert str(BirthDate(1980)) == "1980"
    assert BirthDate(2011, 11, 26).age_on(TODAY) == 14
    assert BirthDate(2011, 11, 25).age_on(TODAY) == 15
    assert BirthDate(2011).age_on(TODAY) == 15
