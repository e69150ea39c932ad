"""Shared fixtures: every test gets its own data folder; Qt runs offscreen."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.domain.citizen import CitizenDraft  # noqa: E402
from desktop.domain.groups import CitizenGroup  # noqa: E402
from desktop.domain.sex import Sex  # noqa: E402
from desktop.services.office import OfficeSetup  # noqa: E402
from desktop.services.register import Register, open_register  # noqa: E402

TODAY = date(2026, 11, 25)
VILLAGES = ("Thôn Phú Lập", "Thôn Đông", "Khu phố 3")


@pytest.fixture
def register(tmp_path: Path) -> Register:
    """A fresh, empty register (no office yet)."""
    r = open_register(tmp_path / "data", today=lambda: TODAY)
    yield r
    r.close()


@pytest.fixture
def office(register: Register) -> Register:
    """A register with its office and three villages set up."""
    register.office.set_up(OfficeSetup(
        province_code=68, province_name="Lâm Đồng", commune_code=23059, commune_name="Xã Hàm Thuận",
        association_name="Hội Khuyến học xã Hàm Thuận", clerk_name="Nguyễn Thị Lan",
        upper_level_name="Hội Khuyến học tỉnh Lâm Đồng", villages=VILLAGES))
    return register


def village_id(register: Register, name: str) -> int:
    return next(v.id for v in register.office.villages() if v.name == name)


def draft(register: Register, full_name: str = "Trần Văn Đức", birth: str = "05/03/1980", sex: Sex = Sex.MALE,
          cccd: str = "", village: str = "Thôn Phú Lập", group: CitizenGroup = CitizenGroup.FARMER,
          **extra: str) -> CitizenDraft:
    return CitizenDraft(full_name=full_name, birth=birth, sex=sex, cccd=cccd,
                        village_id=village_id(register, village), group=group, **extra)


def add(register: Register, full_name: str, **kw) -> int:  # noqa: ANN003
    result = register.citizens.register(draft(register, full_name, **kw), accept_warnings=True)
    assert result.saved, result.check.errors
    assert result.citizen_id is not None
    return result.citizen_id
