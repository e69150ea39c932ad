"""The README's pictures of the upper level's window: three demo communes, two files merged.
Run under Xvfb from the project folder: xvfb-run -a .venv/bin/python scripts/upper_screenshots.py"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop.services.desk import open_register  # noqa: E402
from desktop.services.office import OfficeSetup  # noqa: E402
from desktop.ui.app import make_app  # noqa: E402
from desktop.ui.upper_window import UpperWindow  # noqa: E402
from tests.exchange.conftest import PASS, YEAR, setup_commune  # noqa: E402

COMMUNES = ((23059, "Xã Hàm Thuận"), (23060, "Xã Hàm Liêm"), (23061, "Xã Hàm Kiệm"))


def main() -> None:
    root = Path(tempfile.mkdtemp())
    app = make_app()
    upper = open_register(root / "tinh")
    upper.office.set_up(OfficeSetup(68, "Lâm Đồng", 68, "Tỉnh Lâm Đồng", "Hội Khuyến học tỉnh Lâm Đồng",
                                    "Trần Văn Tỉnh", "Trung ương Hội Khuyến học Việt Nam", (), kind="upper"))
    upper.keys.create(PASS)
    for i, (code, name) in enumerate(COMMUNES):
        commune = setup_commune(root / str(code), code, name, i + 1)
        commune.keys.import_upper(*upper.keys.write_public_files(root / "khoa-tinh"))
        upper.keys.register(code, commune.office.info().association_name,
                            commune.keys.write_public_files(root / f"khoa-{code}")[0])
        file_name, data = commune.sending.export(YEAR, PASS)
        (root / file_name).write_bytes(data)
        if i < 2:
            upper.receiving.merge(upper.receiving.check(root / file_name, PASS))
        commune.close()
    window = UpperWindow(upper, year=YEAR)
    window.show()

    def after_check() -> None:
        if window.receive.job.running:
            QTimer.singleShot(200, after_check)
            return
        app.processEvents()
        window.grab().save("docs/cap-tren-nhan.png")
        window.tabs.setCurrentWidget(window.area)
        window.area.refresh()
        window.resize(1180, 900)
        app.processEvents()
        window.grab().save("docs/cap-tren-dia-ban.png")
        app.quit()

    def start() -> None:
        window.receive.check_files(sorted(root.glob("*.age")), PASS)
        QTimer.singleShot(200, after_check)

    QTimer.singleShot(300, start)
    app.exec()
    upper.close()


if __name__ == "__main__":
    main()
