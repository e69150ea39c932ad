"""Vietnam's provinces and communes/wards after 1 July 2025 (from the vietnam-provinces package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from desktop.domain.names import collation_key, search_key


@dataclass(frozen=True)
class Unit:
    code: int
    name: str
    kind: str  # tỉnh, thành phố trung ương, xã, phường, đặc khu


@cache
def provinces() -> list[Unit]:
    units = [Unit(int(p.code), p.name, p.division_type.value) for p in Province.iter_all()]
    return sorted(units, key=lambda u: collation_key(bare_name(u.name)))


@cache
def communes(province_code: int) -> list[Unit]:
    units = [Unit(int(w.code), w.name, w.division_type.value)
             for w in Ward.iter_all() if int(w.province_code) == province_code]
    return sorted(units, key=lambda u: collation_key(bare_name(u.name)))


def province(code: int) -> Unit:
    return next(u for u in provinces() if u.code == code)


def commune(province_code: int, code: int) -> Unit:
    return next(u for u in communes(province_code) if u.code == code)


def in_a_sentence(unit: Unit) -> str:
    """The unit with its kind, as it reads inside a name: "xã Hàm Thuận", "tỉnh Lâm Đồng"."""
    if bare_name(unit.name) != unit.name:  # the kind is in the name: "Xã Hàm Thuận", "Thành phố Cần Thơ"
        return unit.name[:1].lower() + unit.name[1:]
    return f"{unit.kind} {unit.name}"


def bare_name(name: str) -> str:
    """'Thành phố Hà Nội' -> 'Hà Nội', 'Xã Hàm Thuận' -> 'Hàm Thuận': sort by the proper name."""
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


class UnitNotFound(ValueError):
    """No unit, or several, answer to what was typed; the message says which were meant."""


def find(units: list[Unit], typed: str, what: str) -> Unit:
    """A province or commune by its official code or its name, typed with or without diacritics and with
    or without its kind ("lam dong", "Tỉnh Lâm Đồng", "68"; "ham thuan", "xa ham thuan")."""
    text = typed.strip()
    if text.isdigit():
        found = [u for u in units if u.code == int(text)]
    else:
        key = search_key(text)
        found = [u for u in units if key in (search_key(u.name), search_key(bare_name(u.name)))]
    if len(found) == 1:
        return found[0]
    if found:
        raise UnitNotFound(f"“{typed}” là tên của nhiều {what}: "
                           + "; ".join(f"{u.name} (mã {u.code})" for u in found[:5]) + ". Hãy ghi mã.")
    raise UnitNotFound(f"Không có {what} nào tên hay mã “{typed}”.")
