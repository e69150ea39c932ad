"""The window of an upper level (a provincial or district association): receive the communes' files,
see the area's figures, manage the communes' keys, send its own file further up."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSpinBox, QTabWidget

from desktop import PRODUCER
from desktop.services.desk import Desk
from desktop.ui.area_page import AreaPage
from desktop.ui.exchange_pages import CheckCertificateDialog, ReceivePage, SendDialog
from desktop.ui.geometry import fit
from desktop.ui.keys_dialog import KeysDialog
from desktop.ui.passphrase import PassphraseKeeper
from desktop.ui.safety import add_backup_menu

FIRST_YEAR = 2021


class UpperWindow(QMainWindow):
    def __init__(self, register: Desk, year: int | None = None) -> None:
        super().__init__()
        self.register = register
        info = register.office.info()
        assert info is not None and info.is_upper
        self.setWindowTitle(f"{PRODUCER} — {info.association_name} (cấp trên)")
        fit(self, "cap-tren", 1180, 800)
        self.keeper = PassphraseKeeper()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, 2100)
        self.year.setValue(year or date.today().year)
        self.year.setPrefix("Năm ")
        toolbar = self.addToolBar("Năm")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(" Năm học tập: "))
        toolbar.addWidget(self.year)
        self.receive = ReceivePage(register, self.keeper)
        self.area = AreaPage(register, self.year.value())
        self.tabs = QTabWidget()
        self.tabs.addTab(self.receive, "Nhận tệp của các xã")
        self.tabs.addTab(self.area, "Tổng hợp địa bàn")
        self.setCentralWidget(self.tabs)
        self.year.valueChanged.connect(self.area.set_year)
        self.tabs.currentChanged.connect(lambda _: self.area.refresh() if self.tabs.currentWidget() is self.area else None)
        menu = self.menuBar()
        exchange = menu.addMenu("&Trao đổi")
        for text, slot, key in (("Khoá của đơn vị và của các xã…", self.show_keys, None),
                                ("Gửi tệp tổng hợp lên cấp trên…", self.send_up, None),
                                ("Kiểm tra giấy công nhận…", self.check_certificate, None),
                                ("Thoát", self.close, "Ctrl+Q")):
            action = QAction(text, self)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            exchange.addAction(action)
        add_backup_menu(self, register)
        self.statusBar().showMessage(f"{info.province_name} · dữ liệu: {register.folder}")
        self.statusBar().setContentsMargins(6, 0, 12, 0)  # its words off the screen's edge when maximized

    def show_keys(self) -> None:
        KeysDialog(self.register, self.keeper, self).exec()

    def send_up(self) -> None:
        SendDialog(self.register, self.year.value(), self.keeper, self).exec()

    def check_certificate(self) -> None:
        CheckCertificateDialog(self.register, self).exec()
