"""Numbers written the Vietnamese way: 12.345 people, 30,6 %."""

from __future__ import annotations


def vn_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def vn_percent(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x * 100:.{digits}f}".replace(".", ",") + "%"
