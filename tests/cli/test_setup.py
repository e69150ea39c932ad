"""`setup`: the first-start wizard's choices from the command line."""

from desktop.__main__ import main
from desktop.services.desk import open_register


def test_setup_by_name_without_marks_or_by_code(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SO_CDHT_PASSPHRASE", "mat-khau-dai-du")
    folder = str(tmp_path / "xa")
    assert main(["--data-dir", folder, "setup", "--province", "lam dong", "--commune", "23059", "--clerk",
                 "nguyễn thị lan", "--village", "thôn phú lập", "--village", "Thôn 2"]) == 0
    assert "Đã thiết lập Hội Khuyến học xã Hàm Thuận (Xã Hàm Thuận" in capsys.readouterr().out
    register = open_register(tmp_path / "xa")
    try:
        info = register.office.info()
        assert (info.commune_code, info.clerk_name, info.kind) == (23059, "Nguyễn Thị Lan", "commune")
        assert [v.name for v in register.office.villages()] == ["Thôn Phú Lập", "Thôn 2"]
        assert register.keys.store.exists()
    finally:
        register.close()
    # never over an office already set up
    assert main(["--data-dir", folder, "setup", "--province", "68", "--commune", "ham thuan", "--clerk", "X"]) == 1
    assert "đã thiết lập đơn vị" in capsys.readouterr().err


def test_setup_refusals_are_plain(tmp_path, capsys):
    folder = str(tmp_path / "x")
    assert main(["--data-dir", folder, "setup", "--province", "khong co", "--clerk", "X", "--no-keys"]) == 2
    assert "Không có tỉnh, thành phố nào tên hay mã “khong co”" in capsys.readouterr().err
    assert main(["--data-dir", folder, "setup", "--province", "lam dong", "--clerk", "X", "--no-keys"]) == 2
    assert "cần --commune" in capsys.readouterr().err
    assert main(["--data-dir", folder, "setup", "--province", "lam dong", "--commune", "ham thuan", "--clerk", "X",
                 "--no-keys"]) == 1  # a commune needs its villages
    assert "ít nhất một thôn" in capsys.readouterr().err
    assert main(["--data-dir", folder, "setup", "--kind", "upper", "--province", "lam dong", "--clerk", "Trần Văn B",
                 "--no-keys"]) == 0
    assert "Đã thiết lập Hội Khuyến học tỉnh Lâm Đồng (" in capsys.readouterr().out
