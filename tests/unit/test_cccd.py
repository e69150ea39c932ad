import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.cccd import PLACE_CODES, CccdError, cccd_warnings, make_cccd, normalize_cccd, parse_cccd
from desktop.domain.sex import Sex


def test_parse_reads_sex_and_birth_year():
    facts = parse_cccd("060180123456")
    assert (facts.place_code, facts.sex, facts.birth_year) == ("060", Sex.FEMALE, 1980)
    assert parse_cccd("001203000001").birth_year == 2003
    assert parse_cccd("001203000001").sex == Sex.MALE


def test_spaces_and_dots_are_ignored():
    assert normalize_cccd("060 180.123-456") == "060180123456"
    assert parse_cccd("060 180 123 456").birth_year == 1980


@pytest.mark.parametrize(("raw", "message"), [
    ("06018012345", "đủ 12 chữ số (đang có 11)"),
    ("0601801234567", "đang có 13"),
    ("06018012345a", "chỉ được gồm chữ số"),
    ("", "Chưa nhập số CCCD"),
])
def test_bad_numbers_are_refused_in_vietnamese(raw, message):
    with pytest.raises(CccdError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_cccd(raw)


def test_disagreements_are_warnings():
    facts = parse_cccd("060180123456")
    assert cccd_warnings(facts, Sex.FEMALE, 1980) == []
    found = cccd_warnings(facts, Sex.MALE, 1981)
    assert any("giới tính Nữ, hồ sơ ghi Nam" in w for w in found)
    assert any("năm sinh 1980, hồ sơ ghi 1981" in w for w in found)
    assert any("Mã nơi đăng ký khai sinh 099" in w for w in cccd_warnings(parse_cccd("099180123456"), None, None))


@given(st.sampled_from(sorted(PLACE_CODES)), st.sampled_from(list(Sex)), st.integers(1800, 2299),
       st.integers(0, 999_999))
def test_make_and_parse_round_trip(place, sex, year, serial):
    facts = parse_cccd(make_cccd(place, sex, year, serial))
    assert (facts.place_code, facts.sex, facts.birth_year) == (place, sex, year)
    assert cccd_warnings(facts, sex, year) == []
