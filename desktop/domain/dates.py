"""Dates on administrative documents, as Decree 30/2020/NĐ-CP writes them: a leading zero only for days
below 10 and for months 1 and 2 ("ngày 05 tháng 3 năm 2027", "ngày 15 tháng 01 năm 2027")."""

from __future__ import annotations

from datetime import date


def _day(d: date) -> str:
    return f"{d.day:02d}"


def _month(d: date) -> str:
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def in_words(d: date) -> str:
    """"ngày 05 tháng 3 năm 2027": the place-and-date line and references in running text."""
    return f"ngày {_day(d)} tháng {_month(d)} năm {d.year}"


def in_figures(d: date) -> str:
    """"05/3/2027": a decision cited by number and date ("Quyết định số 677/QĐ-TTg ngày 03/6/2022")."""
    return f"{_day(d)}/{_month(d)}/{d.year}"
