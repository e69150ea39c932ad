"""The exchange in the window: keys, sending, receiving, the area, checking a certificate."""

import pytest
from pypdf import PdfReader

from desktop.db.engine import is_sqlite
from desktop.ui import messages
from desktop.ui.area_page import AreaPage
from desktop.ui.exchange_pages import CheckCertificateDialog, ReceivePage, SendDialog
from desktop.ui.keys_dialog import KeysDialog
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.upper_window import UpperWindow
from tests.exchange.conftest import PASS, YEAR


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setattr(messages, "inform", lambda *a: None)


def test_keys_dialog_shows_hands_out_and_prints_the_form(qtbot, area, tmp_path, monkeypatch):
    dialog = KeysDialog(area.a, PassphraseKeeper())
    qtbot.addWidget(dialog)
    fingerprint = area.a.keys.public().fingerprint
    assert fingerprint in dialog.own.text() and not dialog.create_button.isEnabled()
    assert "Cấp trên (Trung ương Hội Khuyến học Việt Nam" not in dialog.other.text()
    assert area.upper.keys.public().fingerprint in dialog.other.text()
    dialog.save_public_to(tmp_path / "khoa")
    assert (tmp_path / "khoa" / "ky-so.pub").read_text(encoding="ascii").splitlines()[1] == area.a.keys.public().signing
    # a folder holding another office's keys (the upper level's just imported): asked before they are overwritten
    theirs = area.upper.keys.write_public_files(tmp_path / "cap-tren")
    before = [p.read_bytes() for p in theirs]
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text, **k: asked.append(text) or False)
    dialog.save_public_to(tmp_path / "cap-tren")
    assert "ky-so.pub, giai-ma.pub" in asked[0] and [p.read_bytes() for p in theirs] == before
    dialog.save_public_to(tmp_path / "khoa")  # its own files again: nothing to ask
    assert len(asked) == 1
    dialog.save_key_form_to(tmp_path / "phieu.pdf")
    text = PdfReader(tmp_path / "phieu.pdf").pages[0].extract_text()
    assert "PHIẾU KHOÁ CÔNG KHAI" in text and fingerprint in text
    upper = KeysDialog(area.upper, PassphraseKeeper())
    qtbot.addWidget(upper)
    assert "23059 — Hội Khuyến học xã hàm thuận" in upper.other.text()
    other_key = area.b.keys.write_public_files(tmp_path / "b")[0]
    assert not upper.register_from(23059, "Xã Hàm Thuận", other_key)  # another key for a registered office
    assert "Thay khoá phải chọn rõ" in upper.error.text()


def test_send_receive_and_see_the_area(qtbot, area, tmp_path):
    keeper = PassphraseKeeper()
    send = SendDialog(area.b, YEAR, keeper)
    qtbot.addWidget(send)
    path = send.export_to(tmp_path, PASS)
    assert path is not None and "Đã xuất" in send.status.text() and keeper.value == PASS
    assert send.table.rowCount() >= 1
    bad = tmp_path / "hong.age"
    bad.write_bytes(path.read_bytes()[:100])

    inbox = ReceivePage(area.upper, PassphraseKeeper())
    qtbot.addWidget(inbox)
    inbox.check_files([path, bad], PASS)
    qtbot.waitUntil(lambda: not inbox.job.running, timeout=30000)
    assert inbox.table.rowCount() == 2
    assert inbox.table.item(1, 1).text().startswith("TỪ CHỐI")
    assert "Chưa gộp gì" in inbox.status.text()
    receipts = tmp_path / "bien-nhan"
    receipts.mkdir()
    assert inbox.merge_into(receipts) == 1
    if is_sqlite(area.upper.db.engine):  # a backup first, as before every change from outside
        assert list((area.upper.folder / "sao-luu" / "truoc-thay-doi").glob("*truoc-nhan-goi.zip"))
    [receipt] = receipts.iterdir()
    send.import_receipt_from(receipt)
    assert send.status.text().startswith("Cấp trên đã nhận")

    name, data = area.a.sending.export(YEAR, PASS)  # the other commune's file too
    (tmp_path / name).write_bytes(data)
    area.upper.receiving.merge(area.upper.receiving.check(tmp_path / name, PASS))
    page = AreaPage(area.upper, YEAR)
    qtbot.addWidget(page)
    assert page.offices.rowCount() >= 1 and page.groups.item(3, 0).text() == "Toàn địa bàn"
    assert page.duplicates.rowCount() == 1 and page.duplicates.item(0, 0).text() == "060170555555"
    assert len(page.chart.chart().series()[0].barSets()) == 3


def test_check_a_certificate_and_the_upper_window(qtbot, area):
    from desktop.exchange.certificate_code import CertificateFacts, make_code

    code = make_code(CertificateFacts(23059, YEAR, "CDHT-23059-2026-00009", "Lê Thị Thật", 1985, "3/QĐ-HKH"),
                     area.a.keys.store.signer(PASS))
    dialog = CheckCertificateDialog(area.upper)
    qtbot.addWidget(dialog)
    dialog.code.setText(code)
    assert dialog.run().genuine and dialog.result.text().startswith("CHỮ KÝ THẬT")
    dialog.code.setText(code.replace("Lê Thị Thật", "Lê Thị Giả"))
    assert not dialog.run().genuine and dialog.result.text().startswith("GIẢ")
    window = UpperWindow(area.upper, year=YEAR)
    qtbot.addWidget(window)
    assert window.windowTitle().endswith("(cấp trên)") and window.tabs.count() == 2
