"""Shared fixtures: every test gets its own data folder; Qt runs offscreen."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# windows remember their size and place (QSettings): the tests' own, never the desk's
from PySide6.QtCore import QSettings  # noqa: E402

QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="so-cdht-cua-so-"))

# CI replays the same examples every run (a red CI must mean a change broke something); at a desk the
# examples are new each run (and SO_CDHT_FUZZ=10 in tests/fuzz draws ten times as many).
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile("ci" if os.environ.get("CI") else "default")

# The URL of a PostgreSQL server (scripts/test.sh starts one): the suite then runs against it, every data
# folder a test opens getting a fresh database of its own there. Unset: SQLite files, as a clerk has them.
PG_SERVER = os.environ.get("SO_CDHT_TEST_PG", "")

from desktop.domain.citizen import CitizenDraft  # noqa: E402
from desktop.domain.groups import CitizenGroup  # noqa: E402
from desktop.domain.sex import Sex  # noqa: E402
from desktop.services.desk import Desk, open_register  # noqa: E402
from desktop.services.office import OfficeSetup  # noqa: E402

TODAY = date(2026, 11, 25)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself (backups of the file, "
                                       "its integrity check, killing a process that writes it)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_SERVER:
        skip = pytest.mark.skip(reason="SQLite only: a PostgreSQL server is backed up by its own tools")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session", autouse=True)
def _new_registers_from_a_template(tmp_path_factory):
    """A new register starts as a copy of one migrated once per test process, not migrated again for each
    test (tests/db/test_migrations.py migrates step by step on purpose, through its own engine). With
    SO_CDHT_TEST_PG: each data folder's register lives in its own new database on that server, made with
    CREATE DATABASE … TEMPLATE; on SQLite the template's file is copied into a folder that has none."""
    from desktop import config
    from desktop.db.server import create_database, drop_database

    real = config.database_url
    made = tmp_path_factory.mktemp("mau")
    template_url = create_database(PG_SERVER, f"mau_{os.getpid()}", exist_ok=True) if PG_SERVER else None
    open_register(made / "data", template_url).close()  # migrated, the shipped criteria sets in
    template_file = made / "data" / config.DB_FILE

    def database_url(folder: Path, option: str | None = None) -> str:
        if option or os.environ.get(config.ENV_DB_URL):
            return real(folder, option)
        if PG_SERVER:
            return create_database(PG_SERVER, server_name(folder), exist_ok=True, template=f"mau_{os.getpid()}")
        file = folder / config.DB_FILE
        if not file.exists():
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copyfile(template_file, file)
            file.chmod(0o600)  # as the program makes it
        return real(folder, option)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(config, "database_url", database_url)
        yield
    if template_url:
        drop_database(template_url)


def server_name(folder: Path) -> str:
    return "t_" + hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:20]


def blank_database_url(folder: Path) -> str:
    """The URL the register of `folder` will have, with nothing in it yet (not even the migrations): for the
    migrations' own tests."""
    from desktop import config
    from desktop.db.server import create_database

    if PG_SERVER:
        return create_database(PG_SERVER, server_name(folder), exist_ok=True)
    return f"sqlite:///{folder / config.DB_FILE}"


VILLAGES = ("Thôn Phú Lập", "Thôn Đông", "Khu phố 3")


@pytest.fixture
def register(tmp_path: Path) -> Desk:
    """A fresh, empty register (no office yet)."""
    r = open_register(tmp_path / "data", today=lambda: TODAY)
    yield r
    r.close()


@pytest.fixture
def office(register: Desk) -> Desk:
    """A register with its office and three villages set up."""
    register.office.set_up(OfficeSetup(
        province_code=68, province_name="Lâm Đồng", commune_code=23059, commune_name="Xã Hàm Thuận",
        association_name="Hội Khuyến học xã Hàm Thuận", clerk_name="Nguyễn Thị Lan",
        upper_level_name="Hội Khuyến học tỉnh Lâm Đồng", villages=VILLAGES))
    return register


def village_id(register: Desk, name: str) -> int:
    return next(v.id for v in register.office.villages() if v.name == name)


def draft(register: Desk, full_name: str = "Trần Văn Đức", birth: str = "05/03/1980", sex: Sex = Sex.MALE,
          cccd: str = "", village: str = "Thôn Phú Lập", group: CitizenGroup = CitizenGroup.FARMER,
          **extra: str) -> CitizenDraft:
    return CitizenDraft(full_name=full_name, birth=birth, sex=sex, cccd=cccd,
                        village_id=village_id(register, village), group=group, **extra)


def add(register: Desk, full_name: str, **kw) -> int:  # noqa: ANN003
    result = register.citizens.register(draft(register, full_name, **kw), accept_warnings=True)
    assert result.saved, result.check.errors
    assert result.citizen_id is not None
    return result.citizen_id


@pytest.fixture(autouse=True)
def _closing_windows_asks_nobody(monkeypatch):
    """pytest-qt closes every window a test left open; a form with typed, unsaved data asks before it
    closes (a modal question nobody would answer here). Tests about that question set their own answer."""
    from desktop.ui import messages

    monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)


@pytest.fixture(scope="session", autouse=True)
def _qt_in_vietnamese(qapp):
    """Qt's own words in Vietnamese, as the program runs (compiled here if scripts/setup.sh has not)."""
    import subprocess
    import sys

    from desktop.resources import resource
    from desktop.ui.translation import QM, install_vietnamese

    qm = resource(*QM)
    if not qm.exists():
        lrelease = Path(sys.executable).with_name("pyside6-lrelease")
        subprocess.run([str(lrelease), "-silent", str(qm.with_suffix(".ts")), "-qm", str(qm)], check=True)
    assert install_vietnamese(qapp)
