"""The 12-digit citizen ID (căn cước, CCCD).

Digits 1–3: province code of birth registration; digit 4: sex and century (even male, odd female;
0/1 = 1900s, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s); digits 5–6: the last two digits
of the birth year; digits 7–12: a serial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain.sex import Sex

_TWELVE_DIGITS = re.compile(r"^\d{12}$")
_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}

# Codes of the 63 provinces before the 2025 merger: the code of birth registration in every CCCD
# issued so far.
PLACE_CODES = {
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
    "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
    "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
    "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
    "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
}


class CccdError(ValueError):
    """Not a CCCD at all; the message is for the clerk."""


@dataclass(frozen=True)
class CccdFacts:
    place_code: str
    sex: Sex
    birth_year: int


def normalize_cccd(raw: str) -> str:
    """Drop the spaces, dots and dashes people write between digit groups."""
    return re.sub(r"[\s.\-]", "", raw)


def parse_cccd(raw: str) -> CccdFacts:
    number = normalize_cccd(raw)
    if not number:
        raise CccdError("Chưa nhập số CCCD.")
    if not number.isdigit():
        raise CccdError(f"Số CCCD “{raw.strip()}” chỉ được gồm chữ số.")
    if not _TWELVE_DIGITS.match(number):
        raise CccdError(f"Số CCCD phải đủ 12 chữ số (đang có {len(number)}).")
    digit = int(number[3])
    sex = Sex.FEMALE if digit % 2 else Sex.MALE
    return CccdFacts(number[:3], sex, _CENTURY_BY_DIGIT[digit] + int(number[4:6]))


def cccd_warnings(facts: CccdFacts, sex: Sex | None, birth_year: int | None) -> list[str]:
    """Disagreements with the record: warnings, because old records carry mistakes."""
    found: list[str] = []
    if facts.place_code not in PLACE_CODES:
        found.append(f"Mã nơi đăng ký khai sinh {facts.place_code} trong số CCCD không thuộc mã tỉnh nào.")
    if sex is not None and sex != facts.sex:
        found.append(f"Số CCCD là của người giới tính {facts.sex.label}, hồ sơ ghi {sex.label}.")
    if birth_year is not None and birth_year != facts.birth_year:
        found.append(f"Số CCCD cho năm sinh {facts.birth_year}, hồ sơ ghi {birth_year}.")
    return found


def make_cccd(place_code: str, sex: Sex, birth_year: int, serial: int) -> str:
    """A well-formed CCCD (for demo data and tests)."""
    century = birth_year // 100 * 100
    base = {1900: 0, 2000: 2, 2100: 4, 2200: 6, 1800: 8}[century]
    return f"{place_code}{base + (1 if sex is Sex.FEMALE else 0)}{birth_year % 100:02d}{serial:06d}"
