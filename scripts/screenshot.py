"""Take the README's screenshots of the real window (run under Xvfb: see scripts/screenshots.sh)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from desktop.services.register import open_register
from desktop.ui.app import make_app
from desktop.ui.main_window import MainWindow


def main(data_dir: str, out_dir: str) -> None:
    app = make_app()
    out = Path(out_dir)
    register = open_register(Path(data_dir))
    window = MainWindow(register)
    window.show()

    def grab(name: str, widget) -> None:  # noqa: ANN001
        app.processEvents()
        widget.grab().save(str(out / name))

    def shots() -> None:
        page = window.citizens
        page.search.setText("nguyen thi")
        page.apply_filter()
        grab("cua-so-chinh.png", window)
        dialog = page._dialog(None)
        dialog.show()
        dialog.full_name.setText("trần   văn đức")
        dialog.birth.setText("31/02/1980")
        dialog.cccd.setText("06008012345")
        dialog.save()
        grab("nhap-nguoi-dan.png", dialog)
        dialog.close()
        app.quit()

    QTimer.singleShot(300, shots)
    app.exec()
    register.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
