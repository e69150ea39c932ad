import os
import subprocess
import sys

import pytest

from desktop.__main__ import main


def test_demo_search_and_self_test(tmp_path, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--citizens", "300"]) == 0
    assert "có 300 người" in capsys.readouterr().out
    assert main(["--data-dir", data, "demo", "--citizens", "300", "--if-empty"]) == 0
    assert "đã có dữ liệu" in capsys.readouterr().out
    assert main(["--data-dir", data, "search", "nguyen"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("Nguyễn") or "Nguyễn" in line.split("\t")[0] for line in lines)
    assert main(["--data-dir", data, "self-test"]) == 0
    out = capsys.readouterr().out
    assert "300 người trong sổ" in out and "mọi thứ hoạt động" in out


def test_search_with_no_match_says_so(tmp_path, capsys):
    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "20"])
    capsys.readouterr()
    assert main(["--data-dir", data, "search", "zzzz"]) == 0
    assert "Không tìm thấy ai" in capsys.readouterr().err


@pytest.mark.sqlite_only
def test_self_test_reports_a_broken_database(tmp_path, capsys):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "so-cong-dan-hoc-tap.sqlite").write_bytes(b"this is not a database" * 100)
    assert main(["--data-dir", str(folder), "self-test"]) == 1
    assert "✗" in capsys.readouterr().out


def test_data_dir_from_environment_in_a_real_process(tmp_path):
    env = {**os.environ, "SO_CDHT_DATA_DIR": str(tmp_path / "env")}
    done = subprocess.run([sys.executable, "-m", "desktop", "demo", "--citizens", "5"], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env" / "so-cong-dan-hoc-tap.sqlite").exists()


def test_self_test_after_deletions(tmp_path, capsys):
    from desktop.db.citizen_queries import CitizenFilter
    from desktop.services.desk import open_register

    data = tmp_path / "d"
    main(["--data-dir", str(data), "demo", "--citizens", "30"])
    register = open_register(data)
    first = register.citizens.page(CitizenFilter(), 0, 1)[0]
    register.citizens.delete(first.id, "Nhập trùng")
    register.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "self-test"]) == 0, capsys.readouterr().out


def test_demo_year_and_stats(tmp_path, capsys):
    import json

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--citizens", "400", "--year", "2026"]) == 0
    assert "Năm 2026:" in capsys.readouterr().out
    assert main(["--data-dir", data, "stats", "--year", "2026", "--json", str(tmp_path / "s.json")]) == 0
    out = capsys.readouterr().out
    assert "Nông dân, lao động nông thôn" in out and "Toàn xã" in out and "(theo sổ)" in out
    payload = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [g["group"] for g in payload["groups"]] == [1, 2, 3]
    assert payload["total"]["total"] == 400
    assert payload["targets"]["2025"] == {"adults": 40, "officials": 60}


def test_stats_json_to_the_screen(tmp_path, capsys):
    import json

    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "50", "--year", "2026"])
    capsys.readouterr()
    assert main(["--data-dir", data, "stats", "--year", "2026", "--json"]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out[out.index("{"):])
    assert payload["year"] == 2026 and len(payload["groups"]) == 3


def test_print_every_kind_to_a_file(tmp_path, capsys):
    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "120", "--year", "2026"])
    for kind in ("dang-ky", "dang-ky-trang", "phieu-danh-gia", "de-nghi", "quyet-dinh", "giay-cong-nhan", "bao-cao"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["--data-dir", data, "print", kind, "--year", "2026", "--out", str(out)]) == 0, kind
        assert out.read_bytes().startswith(b"%PDF")
    assert main(["--data-dir", data, "print", "giay", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "không có loại giấy tờ “giay”" in capsys.readouterr().err
    assert main(["--data-dir", data, "print", "de-nghi", "--village", "khong co", "--out", str(tmp_path / "x.pdf")]) == 2
    assert main(["--data-dir", data, "print", "de-nghi", "--year", "2024", "--out", str(tmp_path / "x.pdf")]) == 1
    assert "đang trống" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_roster_template_import_and_report(tmp_path, capsys):
    from openpyxl import load_workbook

    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "10", "--year", "2026"])
    assert main(["--data-dir", data, "roster-template", "--out", str(tmp_path / "mau.xlsx")]) == 0
    wb = load_workbook(tmp_path / "mau.xlsx")
    ws = wb["Danh sách"]
    for row, values in ((3, ["Đinh Văn Long", "1961", "Nam", "", "", "1"]),
                        (4, ["Đinh Văn Sai", "31/02/1961", "Nam", "", "", "1"])):
        for column, value in enumerate(values, 1):
            ws.cell(row=row, column=column, value=value)
    wb.save(tmp_path / "thon.xlsx")
    capsys.readouterr()
    assert main(["--data-dir", data, "import-roster", str(tmp_path / "thon.xlsx"), "--dry-run", "--village",
                 "phu lap", "--errors", str(tmp_path / "loi.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "1 người mới" in out and "1 dòng lỗi" in out and "Chạy thử: chưa lưu gì." in out
    assert load_workbook(tmp_path / "loi.xlsx")["Danh sách"]["K4"].value.startswith("dòng 4, cột “Ngày sinh”")
    assert main(["--data-dir", data, "import-roster", str(tmp_path / "thon.xlsx"), "--village", "phu lap"]) == 0
    assert "Đã nhập 1 người vào sổ" in capsys.readouterr().out
    (tmp_path / "x.xlsx").write_bytes(b"%PDF-1.4")
    assert main(["--data-dir", data, "import-roster", str(tmp_path / "x.xlsx")]) == 2
    assert "là tệp PDF" in capsys.readouterr().err
    assert main(["--data-dir", data, "report", "--year", "2026", "--out", str(tmp_path / "bc.xlsx")]) == 0
    assert load_workbook(tmp_path / "bc.xlsx").sheetnames == ["Theo nhóm", "Theo thôn", "Đơn vị", "Mô hình học tập",
                                                              "Tỉ lệ theo QĐ 677"]


@pytest.mark.sqlite_only
def test_backup_and_restore_commands(tmp_path, capsys):
    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "30", "--no-year"])
    assert main(["--data-dir", data, "backup", "--to", str(tmp_path / "usb")]) == 0
    [path] = (tmp_path / "usb").glob("*.zip")
    main(["--data-dir", data, "demo", "--citizens", "10", "--no-year"])
    capsys.readouterr()
    assert main(["--data-dir", data, "restore", str(path)]) == 0
    out = capsys.readouterr().out
    assert "30 người trong sổ" in out and "chưa khôi phục" in out
    assert main(["--data-dir", data, "restore", str(path), "--yes"]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    main(["--data-dir", data, "self-test"])
    assert "30 người trong sổ" in capsys.readouterr().out
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert main(["--data-dir", data, "restore", str(tmp_path / "x.zip"), "--yes"]) == 1


def test_recognize_refuses_a_wrong_date_and_an_empty_list(tmp_path, capsys):
    data = str(tmp_path / "d")
    main(["--data-dir", data, "demo", "--citizens", "30", "--no-year"])
    assert main(["--data-dir", data, "recognize", "--year", "2027", "--number", "1/QĐ", "--signed-on", "31/02/2027"]) == 1
    assert "ngày ký “31/02/2027” không đúng dạng dd/mm/yyyy" in capsys.readouterr().err
    assert main(["--data-dir", data, "recognize", "--year", "2027", "--number", "1/QĐ", "--signed-on", "20/11/2027"]) == 1
    assert "Danh sách đề nghị năm 2027 đang trống" in capsys.readouterr().err
