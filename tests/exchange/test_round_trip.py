import json
import zipfile

import pytest

from desktop import __version__
from desktop.exchange.package import PackageError
from tests.exchange.conftest import PASS, YEAR


def send(commune, tmp_path):
    """The next package of the year, written where the email attachment would land."""
    name, data = commune.sending.export(YEAR, PASS)
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_commune_to_province_and_back(area, tmp_path):
    path_a, path_b = send(area.a, tmp_path), send(area.b, tmp_path)
    assert path_a.name == "cdht-23059-2026-01.age" and path_a.stat().st_size < 10_000_000
    check = area.upper.receiving.check(path_a, PASS)
    assert check.office_name == "Hội Khuyến học xã hàm thuận" and check.sequence == 1
    assert check.counts["people"] == 61 and check.counts["new"] == 61
    assert "61 người, 61 mới" in check.describe()
    area.upper.receiving.merge(check)
    again = area.upper.receiving.check(path_a, PASS)
    assert again.already_held and "đã nhận gói này rồi" in again.describe()
    area.upper.receiving.merge(area.upper.receiving.check(path_b, PASS))

    report = area.upper.area.report(YEAR)
    assert [o.office_code for o in sorted(report.offices, key=lambda o: o.office_code)] == [23059, 23060]
    expected = sum(r.stats.compute(YEAR).total.recognized for r in (area.a, area.b))
    assert report.total["recognized"] == expected
    [dupe] = area.upper.area.duplicates(YEAR)
    assert dupe.cccd == "060170555555" and {p[1] for p in dupe.places} == {"Võ Thị Mai"}

    name, receipt = area.upper.receiving.receipt(check, PASS)
    (tmp_path / name).write_bytes(receipt)
    with zipfile.ZipFile(tmp_path / name) as z:
        assert json.loads(z.read("receipt.json"))["program_version"] == __version__
    note = area.a.sending.import_receipt(tmp_path / name)
    assert note.startswith("Cấp trên đã nhận ngày")
    assert area.a.sending.sent()[0].receipt == note
    with pytest.raises(PackageError, match="không dành cho đơn vị này"):
        area.b.sending.import_receipt(tmp_path / name)


def test_corrections_and_stale_files(area, tmp_path):
    first, second, third = (send(area.b, tmp_path) for _ in range(3))
    upper = area.upper.receiving
    held = max(p.sequence for p in area.upper.area.report(YEAR).offices if p.office_code == 23060)
    check = upper.check(third, PASS)
    assert "Thiếu lần gửi" in check.describe()  # the second never arrived
    upper.merge(check)
    with pytest.raises(PackageError, match="Gói cũ"):
        upper.check(second, PASS)
    with pytest.raises(PackageError, match="Gói cũ"):
        upper.check(first, PASS)
    assert held < 4


def test_the_upper_level_sends_its_own_file_further_up(area, tmp_path):
    from desktop.services.desk import open_register
    from desktop.services.office import OfficeSetup

    # the province has the communes' files; the central association receives the province's
    for commune in (area.a, area.b):
        path = send(commune, tmp_path)
        check = area.upper.receiving.check(path, PASS)
        area.upper.receiving.merge(check)
    central = open_register(tmp_path / "trung-uong")
    try:
        central.office.set_up(OfficeSetup(1, "Thành phố Hà Nội", 1, "Trung ương", "Trung ương Hội Khuyến học Việt Nam",
                                          "Phạm Văn C", "", (), kind="upper"))
        central.keys.create(PASS)
        area.upper.keys.import_upper(*central.keys.write_public_files(tmp_path / "khoa-tw"))
        central.keys.register(68, "Hội Khuyến học tỉnh Lâm Đồng",
                              area.upper.keys.write_public_files(tmp_path / "khoa-tinh")[0], kind="upper")
        name, data = area.upper.sending.export(YEAR, PASS)
        (tmp_path / name).write_bytes(data)
        check = central.receiving.check(tmp_path / name, PASS)
        assert check.office_kind == "upper" and check.office_code == 68
        central.receiving.merge(check)
        [province] = central.area.report(YEAR).offices
        assert province.total["recognized"] == area.upper.area.report(YEAR).total["recognized"]
    finally:
        central.close()


def test_the_register_is_checked_sound_once_a_batch_not_once_a_package(area, tmp_path, monkeypatch):
    """The check reads the whole file: once a package, a province's merge grew with the square of its size.
    Each batch still starts with it (a damaged register is never written into), however it is begun."""
    checks = []
    db = area.upper.db
    real = db.ensure_sound
    monkeypatch.setattr(db, "ensure_sound", lambda full=False: checks.append(full) or real(full))
    receiving = area.upper.receiving
    receiving.batch_done()  # the module's earlier tests merged without ending their batch
    checks.clear()
    first = [send(area.a, tmp_path), send(area.b, tmp_path)]
    for path in first:
        receiving.merge(receiving.check(path, PASS))
    receiving.batch_done()
    assert len(checks) == 1
    receiving.merge(receiving.check(send(area.a, tmp_path), PASS))  # the next batch, begun without a backup
    assert len(checks) == 2
    receiving.batch_done()
    receiving.backup_before_merging()  # the window's and the command's way to begin one
    checks.clear()
    receiving.merge(receiving.check(send(area.b, tmp_path), PASS))
    assert checks == [False]
