"""A village's household list from Excel: dry run first (each person found in the register, nobody in two
households, the errors named by row), then the new households in one transaction."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from desktop.services.household_import import HouseholdImport, Outcome
from desktop.sheets.roster_read import RosterFileError
from tests.conftest import add


def sheet(path, rows, header=("Số hộ", "Họ và tên", "Năm sinh", "Số CCCD", "Quan hệ với chủ hộ", "Thôn")):
    book = Workbook()
    book.active.append(["DANH SÁCH HỘ GIA ĐÌNH THÔN ĐÔNG"])  # a title above the header, as villages write
    book.active.append(list(header))
    for r in rows:
        book.active.append(list(r))
    book.save(path)
    return path


def test_a_household_list_dry_run_then_import(office, tmp_path):
    an = add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    add(office, "Trần Thị Bình", birth="1972", village="Thôn Đông")
    add(office, "Nguyễn Văn Cường", birth="1995", village="Thôn Đông", cccd="060095012345")
    add(office, "Lê Văn Dũng", birth="1980", village="Thôn Đông")
    add(office, "Lê Văn Dũng", birth="1980", village="Khu phố 3")  # the same name and year elsewhere
    path = sheet(tmp_path / "ho.xlsx", [
        (1, "Nguyễn Văn An", 1970, None, "Chủ hộ", "Thôn Đông"),
        (1, "Trần Thị Bình", 1972, None, "Vợ", "Thôn Đông"),
        (1, "Nguyễn Văn Cường", 1995, "060095012345", "Con", "Thôn Đông"),
        (2, "Lê Văn Dũng", 1980, None, "Chủ hộ", "Thôn Đông"),
        (3, "Phạm Văn Không", 1960, None, "Chủ hộ", "Thôn Đông"),
        (None, "Đỗ Thị Em", 1990, None, "Con", "Thôn Đông"),
    ])
    service = HouseholdImport(office)
    dry = service.dry_run(path)
    by_key = {p.key: p for p in dry.plans}
    assert by_key["1"].outcome is Outcome.NEW and by_key["1"].draft.head_id == an
    assert by_key["1"].draft.name == "Hộ Nguyễn Văn An" and len(by_key["1"].draft.members) == 3
    assert by_key["2"].outcome is Outcome.NEW  # two of that name, but only one in Thôn Đông
    assert by_key["3"].outcome is Outcome.ERROR and "dòng 7: không tìm thấy Phạm Văn Không (1960)" in by_key["3"].messages[0]
    assert "dòng 8: thiếu số hộ (ô A8)" in by_key[""].messages[0]
    assert dry.summary() == "4 hộ: 2 hộ mới, 0 đã có trong sổ, 2 hộ có lỗi."
    assert office.households.count() == 0  # a dry run saves nothing
    assert service.import_plans(dry) == 2
    assert office.households.count() == 2
    again = service.dry_run(path)
    assert {p.key: p.outcome for p in again.plans}["1"] is Outcome.PRESENT  # imported once only


def test_files_that_are_not_household_lists(office, tmp_path):
    path = sheet(tmp_path / "ds.xlsx", [("Nguyễn Văn An", 1970)], header=("Họ và tên", "Năm sinh"))
    with pytest.raises(RosterFileError, match="không có cột “Số hộ”"):
        HouseholdImport(office).dry_run(path)
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    with pytest.raises(RosterFileError):
        HouseholdImport(office).dry_run(tmp_path / "x.xlsx")


def test_the_command_line_imports_a_household_list(office, tmp_path, capsys):
    from desktop.__main__ import main

    add(office, "Nguyễn Văn An", birth="1970", village="Thôn Đông")
    path = sheet(tmp_path / "ho.xlsx", [(1, "Nguyễn Văn An", 1970, None, "Chủ hộ", "Thôn Đông"),
                                        (2, "Ai Đó", 1950, None, "Chủ hộ", "Thôn Đông")])
    folder = str(office.folder)
    office.close()
    assert main(["--data-dir", folder, "import-households", str(path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Lỗi: dòng 4: không tìm thấy Ai Đó (1950) trong sổ" in out and "Chạy thử: chưa lưu gì." in out
    assert main(["--data-dir", folder, "import-households", str(path)]) == 0
    assert "Đã nhập 1 hộ." in capsys.readouterr().out
