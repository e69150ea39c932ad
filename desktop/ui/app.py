"""Starting the window: the Qt application, the register, the first-start wizard, the main window."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog

from desktop import APP_NAME, __version__, config
from desktop.resources import resource
from desktop.services.desk import DamagedRegister, OpenError, open_register
from desktop.ui import messages

BENCH_T0 = "SO_CDHT_BENCH_T0"  # set by the bench command: the moment it started this process
# Libraries the first window does not need: printing, workbooks, the exchange's cryptography, QR codes,
# charts, PDF preview, migrations (a register at the newest schema), the state's list of units, demo names.
# They load on first use; `bench` reports any that the start loaded, and tests/ui/test_start.py fails then.
# SQLAlchemy's PostgreSQL dialect (40 ms) too, on a register in an SQLite file.
SERVER_DIALECT = "sqlalchemy.dialects.postgresql"
NOT_AT_START = ("reportlab", "openpyxl", "lxml", "PIL", "python_calamine", "cryptography", "minisign", "pyrage",
                "zxingcpp", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "alembic",
                "vietnam_provinces", "faker", SERVER_DIALECT)


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "so-cdht.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    from desktop.ui.translation import install_vietnamese

    install_vietnamese(app)
    return app


def run_window(args: argparse.Namespace) -> int:
    app = make_app()
    folder = config.data_dir(args.data_dir)
    from desktop.logs import setup_logging, watch_fatal_errors
    from desktop.ui import safety

    stop = safety.SignalStop(app)  # SIGTERM, SIGINT: a clean close, not an abnormal end at the next start
    safety.install_crash_dialog(setup_logging(folder), folder, config.database_url(folder, args.db_url))
    watch_fatal_errors(folder)
    try:
        register = open_register(folder, args.db_url)
    except DamagedRegister as e:
        safety.offer_restore(e, folder)
        return 2
    except OpenError as e:
        messages.warn(None, "Không mở được sổ", str(e))
        return 2
    lock = safety.abnormal_end_notice(folder) if not args.bench_window else None
    from desktop.services.clock import clock_warning

    if warning := clock_warning(register):
        messages.warn(None, "Đồng hồ máy tính bị sai", warning)
    info = register.office.info()
    if info is None:
        from desktop.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(register.office, keys=register.keys,
                             restore=lambda parent: safety.restore_from(parent, register))
        if wizard.exec() != QDialog.DialogCode.Accepted:
            register.close()
            safety.release(folder, lock)
            return 0
        info = register.office.info()
    assert info is not None
    if stop.requested:  # during the start's questions: no window
        register.close()
        safety.release(folder, lock)
        return 0
    if info.is_upper:
        from desktop.ui.upper_window import UpperWindow

        upper = UpperWindow(register)
        upper.show()
        upper.daily_backup = safety.DailyBackup(register, upper)
        code = app.exec()
        register.close()
        safety.release(folder, lock)
        return code
    if register.problems:  # a broken criteria file: say so, then go on with the sets already held
        messages.warn(None, "Cảnh báo khi mở sổ", "\n\n".join(register.problems))
    from desktop.ui.main_window import MainWindow

    # the window on screen first, then the register's rows in it
    window = MainWindow(register, load=False)
    window.show()
    window.daily_backup = safety.DailyBackup(register, window)
    if args.bench_window:
        # first rows as the benchmark's floor counts them (desktop/ui/bare_window.py): from a window on screen
        # to the page's rows painted in it; the window's own making is in the start's figure
        app.processEvents()
        opening = time.perf_counter()
        window.citizens.apply_filter()
        app.processEvents()
        first_rows_ms = (time.perf_counter() - opening) * 1000
        QTimer.singleShot(0, lambda: _report_bench(app, window, first_rows_ms))
    else:
        QTimer.singleShot(0, window.citizens.apply_filter)
    code = app.exec()
    register.close()
    safety.release(folder, lock)
    return code


def _report_bench(app: QApplication, window, first_rows_ms: float) -> None:  # noqa: ANN001
    """For `bench`: time to a usable window, then memory after searching and scrolling far."""
    app.processEvents()
    started = float(os.environ.get(BENCH_T0, "0") or 0)
    ready_s = time.time() - started
    on_server = window.register.db.engine.dialect.name != "sqlite"
    loaded = sorted(m for m in NOT_AT_START if m in sys.modules and not (on_server and m == SERVER_DIALECT))
    page = window.citizens
    for text in ("nguyen", "thi", "lan", "tran van", "0600", ""):
        page.search.setText(text)
        page.apply_filter()
    for _ in range(20):
        page.table.scrollToBottom()
        app.processEvents()
    rss_mb = _rss_mb()
    print(json.dumps({"ready_s": ready_s, "first_rows_ms": first_rows_ms, "rss_mb": rss_mb,
                      "rows_loaded": page.model.rowCount(), "loaded_at_start": loaded}), flush=True)
    app.quit()


def _rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
