"""Two communes and their province association, each with its own data folder and keys."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from desktop.services.demo import fill_demo
from desktop.services.demo_year import fill_demo_year
from desktop.services.desk import Desk, open_register
from desktop.services.office import OfficeSetup

YEAR = 2026
PASS = "mat-khau-thu-nghiem"


@dataclass
class Area:
    upper: Desk
    a: Desk
    b: Desk
    keys: Path  # public key files as they travel


def setup_commune(folder: Path, code: int, name: str, seed: int) -> Desk:
    r = open_register(folder, today=lambda: date(2026, 11, 25))
    r.office.set_up(OfficeSetup(68, "Lâm Đồng", code, name, f"Hội Khuyến học {name.lower()}", "Nguyễn Thị Lan",
                                "Hội Khuyến học tỉnh Lâm Đồng", ("Thôn 1", "Thôn 2")))
    fill_demo(r, 60, seed=seed)
    fill_demo_year(r, YEAR, seed=seed)
    r.keys.create(PASS)
    return r


@pytest.fixture(scope="module")
def area(tmp_path_factory) -> Area:
    root = tmp_path_factory.mktemp("area")
    upper = open_register(root / "tinh")
    upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng",
                                    "Trần Văn Tỉnh", "Trung ương Hội Khuyến học Việt Nam", (), kind="upper"))
    upper.keys.create(PASS)
    a = setup_commune(root / "xa-a", 23059, "Xã Hàm Thuận", 1)
    b = setup_commune(root / "xa-b", 23060, "Xã Hàm Liêm", 2)
    keys = root / "khoa-gui-di"
    upper_files = upper.keys.write_public_files(keys / "tinh")
    for commune in (a, b):
        commune.keys.import_upper(*upper_files)
        sign_file, _ = commune.keys.write_public_files(keys / str(commune.office.info().commune_code))
        info = commune.office.info()
        upper.keys.register(info.commune_code, info.association_name, sign_file)
    # one person registered in both communes (moved, and nobody took her off the first register)
    from desktop.domain.citizen import CitizenDraft

    for commune in (a, b):
        village = commune.office.villages()[0].id
        commune.citizens.register(CitizenDraft("Võ Thị Mai", "1970", Sex.FEMALE, "060170555555", village,
                                               CitizenGroup.FARMER), accept_warnings=True)
    yield Area(upper, a, b, keys)
    for r in (upper, a, b):
        r.close()
