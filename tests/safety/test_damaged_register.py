"""A register damaged on disk (truncated, zeroed, bits flipped): never written into, told in Vietnamese with
the newest good backup, and restored from the window and the command line without the damaged file ever
having to open; the damaged file is kept aside."""

from __future__ import annotations

import pytest

from desktop import config
from desktop.__main__ import main
from desktop.db.citizen_queries import CitizenFilter
from desktop.db.integrity import DamagedDatabase, file_problem
from desktop.services import failures
from desktop.services.desk import DamagedRegister, open_register
from tests.safety.conftest import NAMES, damage, damaged_folder

pytestmark = pytest.mark.sqlite_only
HOW = ["truncated", "zeroed", "flipped"]
ENGLISH = ("Traceback", "DatabaseError", "MultipleResultsFound", "file is not a database", "malformed", "sqlite3")


def people(folder) -> int:  # noqa: ANN001
    r = open_register(folder)
    try:
        return r.citizens.count(CitizenFilter())
    finally:
        r.close()


def clean(text: str) -> None:
    assert not any(word in text for word in ENGLISH), text


@pytest.mark.parametrize("how", HOW)
def test_the_command_line_refuses_then_restores(backed_up, how, capsys):
    backup = backed_up.backup
    folder, damaged_bytes = damaged_folder(backed_up, how)
    assert file_problem(folder / config.DB_FILE) is not None
    for command in (["search", "an"], ["register-year", "--year", "2026"], ["backup"]):
        assert main(["--data-dir", str(folder), *command]) == 2
        err = capsys.readouterr().err
        assert "Sổ bị hỏng" in err and str(backup) in err and "restore" in err, err
        clean(err)
    assert (folder / config.DB_FILE).read_bytes() == damaged_bytes  # nothing was written into it
    assert main(["--data-dir", str(folder), "self-test"]) == 1
    out = capsys.readouterr().out
    assert "Sổ bị hỏng" in out and str(backup) in out
    clean(out)
    assert main(["--data-dir", str(folder), "restore"]) == 0
    assert "(bản tốt mới nhất)" in capsys.readouterr().out
    assert main(["--data-dir", str(folder), "restore", str(backup), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out and "được giữ lại" in out
    aside = [p for p in folder.iterdir() if p.name.startswith(config.DB_FILE + ".hong-")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes  # kept, never deleted
    assert people(folder) == len(NAMES)
    assert main(["--data-dir", str(folder), "self-test"]) == 0


@pytest.mark.parametrize("how", HOW)
def test_the_window_offers_the_newest_good_backup(backed_up, how, monkeypatch):
    from desktop.cli import build_parser
    from desktop.ui import app, messages

    backup = backed_up.backup
    folder, damaged_bytes = damaged_folder(backed_up, how)
    asked, told = [], []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: asked.append((title, text)) or True)
    monkeypatch.setattr(messages, "inform", lambda _p, title, text: told.append((title, text)))
    monkeypatch.setattr(messages, "warn", lambda _p, title, text: told.append((title, text)))
    hook = __import__("sys").excepthook
    try:
        assert app.run_window(build_parser().parse_args(["--data-dir", str(folder)])) == 2
    finally:
        __import__("sys").excepthook = hook
    assert len(asked) == 1 and "Sổ bị hỏng" in asked[0][1] and "giữ lại bên cạnh" in asked[0][1]
    assert told[-1][0] == "Đã khôi phục" and "được giữ lại" in told[-1][1]
    for _title, text in asked + told:
        clean(text)
    assert people(folder) == len(NAMES)
    assert any(p.read_bytes() == damaged_bytes for p in folder.glob(config.DB_FILE + ".hong-*"))
    assert backup.exists()


def test_no_good_backup_says_what_to_do(office, capsys):
    folder, _ = damaged_folder(office, "zeroed")
    with pytest.raises(DamagedRegister) as caught:
        open_register(folder)
    assert caught.value.good is None and "Chưa có bản sao lưu nào dùng được" in str(caught.value)
    assert main(["--data-dir", str(folder), "search", "an"]) == 2
    assert "sao chép cả thư mục dữ liệu" in capsys.readouterr().err


def test_a_damaged_newest_backup_is_passed_over(backed_up):
    """The daily backup after the damage copied it: the offer is the one before."""
    from desktop.services import backups

    good = backed_up.backup
    bad = backups.make_backup(backed_up.db, backed_up.folder, reason="hang-ngay")
    import zipfile

    with zipfile.ZipFile(bad) as z:
        inside = z.read(config.DB_FILE)
    (backed_up.folder / "x.sqlite").write_bytes(inside)
    damage(backed_up.folder / "x.sqlite", "flipped")
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr(config.DB_FILE, (backed_up.folder / "x.sqlite").read_bytes())
    (backed_up.folder / "x.sqlite").unlink()
    assert backups.newest_good(backed_up.folder).path == good


def test_damage_while_open_stops_every_batch(backed_up):
    """The file is damaged under an open register (a failing disk): batch writes are refused before a row
    is written, with the clerk's message."""
    from desktop.services.roster import RosterService

    dry = _dry(backed_up)
    file = backed_up.folder / config.DB_FILE
    backed_up.db.engine.dispose()  # let the WAL go into the file, as at any quiet moment
    damage(file, "flipped")
    before = file.read_bytes()
    for batch in (lambda: backed_up.enrolments.register_all(2026),
                  lambda: RosterService(backed_up).import_rows(dry),
                  lambda: backed_up.recognition.propose(range(1, 201))):
        with pytest.raises(DamagedDatabase) as caught:
            batch()
        message = failures.explain(caught.value, backed_up.folder)
        assert message and "Sổ bị hỏng" in message and str(backed_up.backup) in message
        clean(message)
    assert file.read_bytes() == before


def _dry(register):  # noqa: ANN001, ANN202
    from openpyxl import Workbook

    from desktop.services.roster import RosterService

    book = Workbook()
    book.active.append(["Họ và tên", "Năm sinh", "Giới tính", "Thôn", "Nhóm"])
    book.active.append(["Lê Văn Mới", 1980, "Nam", "Thôn Đông", 1])
    book.save(register.folder / "r.xlsx")
    return RosterService(register).dry_run(register.folder / "r.xlsx")


def test_a_register_left_sound_opens_without_the_check_and_any_change_brings_it_back(office, monkeypatch):
    """After a clean close the file's state is stamped: the next start skips the quick check (0.3 s at
    100,000 people) while the file is untouched, and checks again once anything changed it, even a flip
    of bits that keeps its size and, set back by hand, its modification time (the change time moves)."""
    import os

    from desktop.db import integrity
    from desktop.services import register as opening

    add_people(office)
    folder, file = office.folder, office.folder / config.DB_FILE
    office.close()
    stamp = file.with_name(file.name + ".da-kiem-tra")
    assert stamp.exists() and integrity.known_sound(file)
    checked = []
    monkeypatch.setattr(opening, "file_problem", lambda path, full=False: checked.append(path))
    people(folder)
    assert checked == []  # unchanged since the clean close: no check
    monkeypatch.undo()
    before = file.stat()
    damage(file, "flipped")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (file.stat().st_size, file.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert not integrity.known_sound(file)
    with pytest.raises(DamagedRegister):
        open_register(folder)
    assert not stamp.exists() or not integrity.known_sound(file)


def test_a_write_left_by_a_killed_run_is_checked_at_start(office):
    """A write-ahead log left beside the file (a run killed after writing) means the stamp says nothing."""
    from desktop.db import integrity

    add_people(office)
    file = office.folder / config.DB_FILE
    office.close()
    assert integrity.known_sound(file)
    log = file.with_name(file.name + "-wal")
    log.write_bytes(b"x" * 32)
    assert not integrity.known_sound(file)
    log.unlink()


def add_people(register) -> None:  # noqa: ANN001
    from tests.conftest import add

    for name in NAMES:
        add(register, name, birth="1980")
