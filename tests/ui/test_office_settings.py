"""The issuing body and the signer's authority are set in a dialog, with a preview of what prints."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop.ui.office_settings_dialog import OfficeSettingsDialog


def test_the_committee_signing_for_its_chairman(qtbot, office):
    dialog = OfficeSettingsDialog(office.office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.body.setCurrentIndex(dialog.body.findData("ubnd"))
    assert dialog.symbol.text() == "QĐ-UBND"  # the usual symbol follows the body
    dialog.authority.setCurrentIndex(dialog.authority.findData("KT."))
    assert dialog.principal.text() == "Chủ tịch" and dialog.principal.isEnabled()
    dialog.title.setText("Phó Chủ tịch")  # (QTest cannot type letters beyond Latin-1 such as ủ)
    dialog.name.setText("Trần Văn Bình")
    assert dialog.preview.text().startswith("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    dialog.bases.setPlainText("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh;\n\n")
    save = next(b for b in dialog.findChildren(QPushButton) if b.objectName() == "primary")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    info = office.office.info()
    assert (info.issuing_body, info.signer_authority, info.signer_principal, info.signer_title) == \
        ("ubnd", "KT.", "Chủ tịch", "Phó Chủ tịch")
    assert info.legal_bases == ("Căn cứ Kế hoạch số 45/KH-UBND ngày 10/3/2026 của Ủy ban nhân dân tỉnh",)


def test_a_basis_that_is_not_one_is_refused_in_place(qtbot, office):
    dialog = OfficeSettingsDialog(office.office)
    qtbot.addWidget(dialog)
    dialog.bases.setPlainText("Theo kế hoạch của tỉnh")
    dialog.save()
    assert "Căn cứ" in dialog.error.text() and office.office.info().legal_bases == ()
