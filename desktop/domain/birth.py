"""Birth dates as the paper records have them: a full date (dd/mm/yyyy) or a birth year alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

EARLIEST_YEAR = 1900
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")


class BirthDateError(ValueError):
    """The typed text is not a usable birth date; the message is for the clerk."""


@dataclass(frozen=True, order=True)
class BirthDate:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        if self.day is not None and self.month is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year:04d}"
        return f"{self.year:04d}"

    def age_on(self, today: date) -> int:
        """Completed years; with a year alone, the age reached during the current year."""
        age = today.year - self.year
        if self.day is not None and self.month is not None and (today.month, today.day) < (self.month, self.day):
            age -= 1
        return age


def parse_birth(text: str, today: date) -> BirthDate:
    """'05/03/1980', '5-3-1980', '05031980' or '1980'. Raises BirthDateError with a Vietnamese message."""
    raw = text.strip()
    if not raw:
        raise BirthDateError("Chưa nhập ngày sinh hoặc năm sinh.")
    if _YEAR.match(raw):
        year = int(raw)
        _check_year(year, raw, today)
        if year > today.year:
            raise BirthDateError(f"Năm sinh {raw} ở tương lai.")
        return BirthDate(year)
    m = _DATE.match(raw) or _COMPACT.match(raw)
    if not m:
        raise BirthDateError(f"“{raw}” không phải ngày sinh: nhập dd/mm/yyyy hoặc chỉ năm sinh (yyyy).")
    day, month, year = (int(g) for g in m.groups())
    _check_year(year, raw, today)
    try:
        born = date(year, month, day)
    except ValueError:
        raise BirthDateError(f"{day:02d}/{month:02d}/{year} không phải là một ngày có thật.") from None
    if born > today:
        raise BirthDateError(f"Ngày sinh {born:%d/%m/%Y} ở tương lai.")
    return BirthDate(year, month, day)


def _check_year(year: int, raw: str, today: date) -> None:
    if year < EARLIEST_YEAR:
        raise BirthDateError(f"Năm sinh {year} quá xa (trước {EARLIEST_YEAR}).")
    if year > today.year:
        raise BirthDateError(f"“{raw}”: năm sinh {year} ở tương lai.")
