"""The power goes in the middle of a batch (SIGKILL): reopened, the register is consistent and holds all
of the batch or none of it."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.__main__ import main
from desktop.services.demo import PersonMaker

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL"), pytest.mark.sqlite_only]
ROWS = 15_000


def run_and_kill(args: list[str], ready: str, delay: float) -> int | None:
    """Start `python -m desktop ARGS`, wait for a line containing `ready`, wait `delay`, kill it."""
    env = {**os.environ, "SO_CDHT_PASSPHRASE": "mat-khau-dai-du"}
    proc = subprocess.Popen([sys.executable, "-m", "desktop", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if ready in line:
            break
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    proc.stdout.close()
    return proc.returncode


def consistent(data: Path) -> None:
    with closing(sqlite3.connect(data / "so-cong-dan-hoc-tap.sqlite")) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        c.execute("INSERT INTO citizen_fts(citizen_fts, rank) VALUES('integrity-check', 0)")


def copy_of(template: Path, tmp_path: Path) -> Path:
    """Each kill point works on its own copy of a register built once for the module (no process has it
    open): the batch killed is the same, the building is not repeated."""
    data = tmp_path / "d"
    shutil.copytree(template, data)
    return data


def count(data: Path, sql: str) -> int:
    with closing(sqlite3.connect(data / "so-cong-dan-hoc-tap.sqlite")) as c:
        return c.execute(sql).fetchone()[0]


@pytest.fixture(scope="module")
def roster_commune(tmp_path_factory) -> tuple[Path, Path]:
    """A small commune and a roster of ROWS new people for it."""
    made = tmp_path_factory.mktemp("roster")
    main(["--data-dir", str(made / "d"), "demo", "--citizens", "50", "--no-year"])
    book = Workbook(write_only=True)
    ws = book.create_sheet("Danh sách")
    ws.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Nhóm"])
    maker = PersonMaker(9, date(2026, 11, 25))
    for _ in range(ROWS):
        p = maker.person()
        ws.append([p.full_name, p.birth_year, p.sex.label, "Thôn Phú Lập", int(p.group)])
    book.save(made / "r.xlsx")
    return made / "d", made / "r.xlsx"


@pytest.mark.parametrize("delay", [0.0, 1.0, 1.3, 3.0])  # before, around and after the commit
def test_roster_import(tmp_path, roster_commune, delay):
    template, roster = roster_commune
    data = copy_of(template, tmp_path)
    before = count(data, "SELECT count(*) FROM citizen")
    run_and_kill(["--data-dir", str(data), "import-roster", str(roster)], "dòng:", delay)
    consistent(data)
    after = count(data, "SELECT count(*) FROM citizen")
    assert after == before or after - before > ROWS * 0.9  # all new rows or none (in-file duplicates skipped)
    assert count(data, "SELECT count(*) FROM audit_entry WHERE summary LIKE '%nhập từ Excel%'") == after - before


@pytest.fixture(scope="module")
def big_commune(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("big") / "d"
    main(["--data-dir", str(data), "demo", "--citizens", "20000", "--no-year"])
    return data


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.6, 2.0])
def test_registering_a_year(tmp_path, big_commune, delay):
    data = copy_of(big_commune, tmp_path)
    run_and_kill(["--data-dir", str(data), "register-year", "--year", "2027"], "Đang đăng ký", delay)
    consistent(data)
    enrolled = count(data, "SELECT count(*) FROM enrolment WHERE year = 2027")
    assert enrolled in (0, 20_000)
    assert count(data, "SELECT count(*) FROM audit_entry WHERE entity = 'enrolment'") == enrolled


ASSESSED = 3_000


@pytest.fixture(scope="module")
def assessed_year(tmp_path_factory) -> Path:
    """ASSESSED people registered for 2027, each sheet recorded and confirmed by the branch."""
    from desktop.db.enrolment_queries import EnrolmentFilter
    from desktop.services.desk import open_register

    data = tmp_path_factory.mktemp("assessed") / "d"
    main(["--data-dir", str(data), "demo", "--citizens", str(ASSESSED), "--no-year"])
    register = open_register(data)
    try:
        register.enrolments.register_all(2027)
        rows = register.enrolments.page(EnrolmentFilter(2027), 0, ASSESSED)
        codes = [i.code for i in register.enrolments.sheet(rows[0].id).indicators]
        for n, row in enumerate(rows):
            register.enrolments.record_self(row.id, {c: 9 if n % 4 else 6 for c in codes})  # 3 in 4 pass
            register.enrolments.record_review(row.id, None)  # the branch confirms
    finally:
        register.close()
    return data


@pytest.mark.parametrize("delay", [None, 0.0, 0.8, 2.0, 4.0])  # None: not killed, it must finish
def test_recognizing_a_year(tmp_path, assessed_year, delay):
    """The end-of-year batch over the assessed: the proposal list (one transaction), then the decision
    (another). Killed anywhere: neither, the list alone, or both, each whole."""
    data = copy_of(assessed_year, tmp_path)
    passing = ASSESSED - ASSESSED // 4
    command = ["--data-dir", str(data), "recognize", "--year", "2027", "--number", "5/QĐ-HKH",
               "--signed-on", "20/11/2027", "--signer", "Nguyễn Văn Hùng"]
    if delay is None:
        assert main(command) == 0
    else:
        run_and_kill(command, "Đang lập danh sách", delay)
    consistent(data)
    year = "FROM enrolment WHERE year = 2027 AND status = "
    proposed, recognized = count(data, f"SELECT count(*) {year}'proposed'"), count(data, f"SELECT count(*) {year}'recognized'")
    assert (proposed, recognized) in ((0, 0), (passing, 0), (0, passing))
    if delay is None:
        assert recognized == passing
    assert count(data, "SELECT count(*) FROM decision WHERE year = 2027") == (1 if recognized else 0)
    assert count(data, "SELECT count(*) FROM audit_entry WHERE summary LIKE 'Công nhận theo quyết định%'") == recognized


def test_receiving(tmp_path):
    from desktop.services.desk import open_register
    from desktop.services.office import OfficeSetup

    xa, tinh = tmp_path / "xa", tmp_path / "tinh"
    os.environ["SO_CDHT_PASSPHRASE"] = "mat-khau-dai-du"
    try:
        main(["--data-dir", str(xa), "demo", "--citizens", "8000", "--year", "2026"])
        upper = open_register(tinh)
        upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng", "A",
                                        "B", (), kind="upper"))
        upper.close()
        for folder, name in ((xa, "xa"), (tinh, "tinh")):
            main(["--data-dir", str(folder), "keys", "init"])
            main(["--data-dir", str(folder), "keys", "export-public", str(tmp_path / name)])
        main(["--data-dir", str(xa), "keys", "import-upper", str(tmp_path / "tinh/ky-so.pub"),
              str(tmp_path / "tinh/giai-ma.pub")])
        main(["--data-dir", str(tinh), "keys", "register", "23059", "Xã", str(tmp_path / "xa/ky-so.pub")])
        main(["--data-dir", str(xa), "export", "--out", str(tmp_path)])
    finally:
        del os.environ["SO_CDHT_PASSPHRASE"]
    [package] = tmp_path.glob("*.age")
    run_and_kill(["--data-dir", str(tinh), "receive", str(package)], "Đã sao lưu trước khi nhận", 0.3)
    consistent(tinh)
    packages = count(tinh, "SELECT count(*) FROM received_package")
    people = count(tinh, "SELECT count(*) FROM area_person")
    assert (packages, people) in ((0, 0), (1, 8000))
