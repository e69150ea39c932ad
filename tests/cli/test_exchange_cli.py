"""The exchange from the command line, as the upper level's batch work would run it."""

from desktop.__main__ import main
from desktop.services.desk import open_register
from desktop.services.office import OfficeSetup


def test_keys_export_receive_receipt_and_certificate_check(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SO_CDHT_PASSPHRASE", "mat-khau-dai-du")
    xa, tinh = str(tmp_path / "xa"), str(tmp_path / "tinh")
    main(["--data-dir", xa, "demo", "--citizens", "40", "--year", "2026"])
    upper = open_register(tmp_path / "tinh")
    upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng", "Trần Văn B",
                                    "Trung ương Hội", (), kind="upper"))
    upper.close()
    for folder, label in ((xa, "xa"), (tinh, "tinh")):
        assert main(["--data-dir", folder, "keys", "init"]) == 0
        assert main(["--data-dir", folder, "keys", "export-public", str(tmp_path / "pub" / label)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", xa, "keys", "import-upper", str(tmp_path / "pub/tinh/ky-so.pub"),
                 str(tmp_path / "pub/tinh/giai-ma.pub")]) == 0
    assert main(["--data-dir", tinh, "keys", "register", "23059", "Hội Khuyến học xã Hàm Thuận",
                 str(tmp_path / "pub/xa/ky-so.pub")]) == 0
    assert "Dấu vân tay" in capsys.readouterr().out
    (tmp_path / "out").mkdir()
    assert main(["--data-dir", xa, "export", "--year", "2026", "--out", str(tmp_path / "out")]) == 0
    package = tmp_path / "out" / "cdht-23059-2026-01.age"
    assert package.exists()
    assert main(["--data-dir", tinh, "receive", str(package), "--dry-run"]) == 0
    assert "Chạy thử: chưa gộp gói nào." in capsys.readouterr().out
    assert main(["--data-dir", tinh, "receive", str(package), "--receipts", str(tmp_path / "bn")]) == 0
    assert "40 người, 40 mới" in capsys.readouterr().out
    (tmp_path / "hong.age").write_bytes(package.read_bytes()[:-10])
    assert main(["--data-dir", tinh, "receive", str(tmp_path / "hong.age")]) == 1
    assert "TỪ CHỐI hong.age" in capsys.readouterr().out
    assert main(["--data-dir", xa, "import-receipt", str(tmp_path / "bn" / "bien-nhan-23059-2026-01.zip")]) == 0
    assert "Cấp trên đã nhận" in capsys.readouterr().out
    assert main(["--data-dir", xa, "print", "giay-cong-nhan", "--sign", "--out", str(tmp_path / "gcn.pdf")]) == 0
    register = open_register(tmp_path / "xa")
    from desktop.exchange.certificate_code import CertificateFacts, make_code
    code = make_code(CertificateFacts(23059, 2026, "CDHT-23059-2026-00001", "Lê Văn Thử", 1980, "1/QĐ-HKH"),
                     register.keys.store.signer("mat-khau-dai-du"))
    register.close()
    capsys.readouterr()
    assert main(["--data-dir", tinh, "check-certificate", code]) == 0
    assert capsys.readouterr().out.startswith("CHỮ KÝ THẬT: giấy công nhận số CDHT-23059-2026-00001")
    assert main(["--data-dir", tinh, "check-certificate", code.replace("Lê Văn Thử", "Lê Văn Giả")]) == 1


def test_no_passphrase_without_a_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SO_CDHT_PASSPHRASE", raising=False)
    main(["--data-dir", str(tmp_path), "demo", "--citizens", "5", "--no-year"])
    assert main(["--data-dir", str(tmp_path), "keys", "init"]) == 2
    assert "cần mật khẩu khoá" in capsys.readouterr().err
