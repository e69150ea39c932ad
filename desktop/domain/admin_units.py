"""Vietnam's provinces and communes/wards after 1 July 2025 (from the vietnam-provinces package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from desktop.domain.names import collation_key, nfc, search_key


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


def bare_name(name: str) -> str:
    """'Thành phố Hà Nội' -> 'Hà Nội', 'Xã Hàm Thuận' -> 'Hàm Thuận': sort by the proper name."""
    for prefix in ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


VILLAGE_KINDS = ["Tổ dân phố", "Khu dân cư", "Khu phố", "Thôn", "Ấp", "Bản", "Buôn", "Làng", "Xóm", "Sóc", "Plei"]


def tidy_village_name(raw: str) -> str:
    """'thôn  phú lập' -> 'Thôn Phú Lập', 'khu phố 3' -> 'Khu phố 3': the kind as written in documents,
    the proper name capitalised word by word."""
    words = nfc(raw).split()
    if not words:
        return ""
    text = " ".join(words)
    for kind in VILLAGE_KINDS:
        if search_key(text).startswith(search_key(kind) + " ") or search_key(text) == search_key(kind):
            rest = words[len(kind.split()):]
            return " ".join([kind, *(w[:1].upper() + w[1:] for w in rest)])
    return text[:1].upper() + text[1:]
