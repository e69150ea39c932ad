"""Qt's own words in Vietnamese: file dialogs, the right-click menu of text fields, standard buttons,
the wizard's buttons. Qt ships no Vietnamese translation, so the project keeps one the way Qt projects
do: resources/translations/qt_vi.ts (Qt Linguist), compiled to qt_vi.qm by scripts/setup.sh and
installer/build.sh (pyside6-lrelease), loaded at start."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from desktop.resources import resource

QM = ("translations", "qt_vi.qm")
log = logging.getLogger("desktop.ui")


def install_vietnamese(app: QApplication) -> bool:
    if getattr(app, "_vietnamese", None) is not None:
        return True
    translator = QTranslator(app)
    path = resource(*QM)
    if not translator.load(str(path)):
        log.warning("Không nạp được bản dịch tiếng Việt của Qt (%s): chạy lại scripts/setup.sh", path)
        return False
    app.installTranslator(translator)
    app._vietnamese = translator  # type: ignore[attr-defined]  # a translator lives as long as the app
    return True
