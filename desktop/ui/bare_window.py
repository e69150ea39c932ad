"""The benchmark's floor for the window (desktop/bench/window.py runs it in a process of its own): a bare
PySide6 window, then a bare table of the register's first 200 rows from a raw query. Prints one JSON line."""

from __future__ import annotations

import json
import os
import sqlite3
import time


def main() -> None:
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([])
    window = QMainWindow()
    window.resize(1180, 720)
    window.show()
    app.processEvents()
    ready = time.time() - float(os.environ["SO_CDHT_BENCH_T0"])
    opening = time.perf_counter()
    db = sqlite3.connect(os.environ["SO_CDHT_BENCH_DB"])
    model = QStandardItemModel()
    for row in db.execute("SELECT full_name, birth_year, cccd FROM citizen WHERE deleted_at IS NULL "
                          "ORDER BY deleted_at, sort_key LIMIT 200"):
        model.appendRow([QStandardItem(str(v)) for v in row])
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    app.processEvents()
    first_rows_ms = (time.perf_counter() - opening) * 1000
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))
    print(json.dumps({"ready_s": ready, "first_rows_ms": first_rows_ms, "rss_mb": rss}))


if __name__ == "__main__":
    main()
