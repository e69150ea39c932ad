"""What keeps the clerk's work safe around the window: the crash dialog, the daily backup, the check of
the database at start, backing up and restoring from the menu, and the notice of a second window."""

from __future__ import annotations

import logging
import signal
import socket
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.logs import mark_ended, mark_running
from desktop.services import backups, claims, failures
from desktop.services.desk import DamagedRegister, Desk
from desktop.ui import file_dialogs, messages

log = logging.getLogger("desktop.ui")
HOUR_MS = 3_600_000


_data: Path | None = None  # the data folder and database address of this run, for the messages
_url: str | None = None


def explain(error: BaseException) -> str | None:
    """A plain message for the failures a clerk can do something about; None for the unexpected."""
    if plain := failures.explain(error, _data or Path.home(), _url):
        return plain
    if isinstance(error, FileNotFoundError):
        return f"Không tìm thấy tệp: {error.filename}."
    if isinstance(error, PermissionError):
        return f"Không có quyền ghi vào {error.filename}: chọn thư mục khác."
    return None


def install_crash_dialog(log_path: Path, data: Path | None = None, url: str | None = None) -> None:
    """Any error the window did not expect: logged, then a Vietnamese dialog saying what to do (never the
    error's own text: it can hold a row's personal data)."""
    global _data, _url
    _data, _url = data, url

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Lỗi không mong muốn:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        plain = explain(error)
        if plain:
            messages.warn(None, "Chưa làm được", plain)
            return
        messages.warn(None, "Đã xảy ra lỗi", "Chương trình gặp một lỗi không mong muốn. Dữ liệu đã lưu trước đó vẫn "
                                             "còn nguyên.\n\nHãy đóng cửa sổ này, làm lại việc vừa làm; nếu lỗi lặp lại, "
                                             f"gửi tệp nhật ký cho người hỗ trợ:\n{log_path}\n\n(mã lỗi: "
                                             f"{type(error).__name__})")

    sys.excepthook = hook


class DailyBackup(QObject):
    """A backup a few seconds after start and then every hour if the day has none yet."""

    def __init__(self, register: Desk, parent: QObject) -> None:
        super().__init__(parent)
        self._register = register
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.run)
        QTimer.singleShot(5_000, self.run)
        self.timer.start(HOUR_MS)
        self.last: Path | None = None

    def run(self) -> None:
        try:
            made = backups.daily_backup_if_due(self._register.db, self._register.folder)
        except (backups.BackupError, OSError) as e:
            log.warning("Sao lưu hằng ngày không làm được: %s", e)
            return
        if made:
            self.last = made
            log.info("Đã sao lưu hằng ngày: %s", made)


class SignalStop(QObject):
    """SIGTERM (the system shutting down, `kill`) and SIGINT (Ctrl+C where the program was started) end the run
    as closing the window does: any open form or question closes without asking (nobody is there to answer;
    what was saved stays, what was typed and not saved is lost, as on a power cut), running work is
    cancelled, the window closes (its size and place kept) and the caller then closes the register, so the
    next start reports no abnormal end.

    Python runs a signal's handler only when the interpreter gets control, and Qt's event loop keeps it in C++:
    the signal's byte written to a socket pair (signal.set_wakeup_fd) wakes the loop through a socket notifier,
    and that call into Python runs the handler."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.requested = False
        self._app = app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._old_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._old = {sig: signal.signal(sig, self._caught) for sig in (signal.SIGTERM, signal.SIGINT)}

    def _caught(self, signum: int, frame: object) -> None:
        # any Python line may be running: the stop itself waits for the event loop
        log.info("Nhận tín hiệu %s: đóng chương trình.", signal.Signals(signum).name)
        self.requested = True
        QTimer.singleShot(0, self._stop)

    def _woken(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except OSError:  # drained (BlockingIOError)
            pass

    def _stop(self) -> None:
        from desktop.ui.worker import Background

        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for w in windows:
            for job in w.findChildren(Background):
                if job.running:
                    job.cancel()
                    job.thread.quit()
                    job.thread.wait(10_000)
        for w in windows:
            if isinstance(w, QDialog):
                w.done(QDialog.DialogCode.Rejected)  # not reject(): a form with typed data would ask
        for w in windows:
            if not isinstance(w, QDialog) and w.isVisible():
                w.close()
        self._app.exit(0)  # every event loop, the nested ones of dialogs too

    def restore(self) -> None:
        """Python's own handling again (for a caller that goes on after the window)."""
        for sig, old in self._old.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(self._old_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def second_window_notice(folder: Path) -> QLockFile | None:
    """Tell the clerk when the register is already open in another window; both stay safe (SQLite
    locks each write; an edit made on a stale copy is refused)."""
    lock = QLockFile(str(folder / ".dang-mo.lock"))
    lock.setStaleLockTime(0)
    if lock.tryLock(100):
        return lock
    messages.inform(None, "Sổ đang mở ở cửa sổ khác", "Sổ này đang mở ở một cửa sổ khác trên máy. Có thể làm việc ở cả "
                                                   "hai: mỗi lần ghi đều an toàn, và sửa trên bản cũ sẽ được báo để "
                                                   "mở lại. Nên đóng bớt một cửa sổ.")
    return None


def abnormal_end_notice(data: Path) -> QLockFile | None:
    """The window's claim on the register: the second-window notice, then, for the window that holds the
    register, what the previous run left if it never reached its end (a crash, a power cut, a kill)."""
    lock = second_window_notice(data)
    if lock is None:
        return None
    ended = mark_running(data)
    if ended is not None:
        what = "Chương trình gặp lỗi nghiêm trọng và tự đóng" if ended.fatal else \
            "Chương trình đã bị tắt đột ngột (mất điện, tắt máy hoặc bị buộc đóng)"
        messages.inform(None, "Lần trước chương trình dừng bất thường",
                        f"{what} trong lần chạy bắt đầu lúc {ended.started}.\n\nMọi người và phiếu đã lưu trước đó vẫn "
                        "còn nguyên trong sổ; chỉ những gì đang gõ dở mà chưa lưu mới bị mất. Hãy kiểm tra lại "
                        f"phiếu cuối cùng đang nhập.\n\nNếu việc này lặp lại, gửi nhật ký cho người hỗ trợ:\n{ended.log}")
    return lock


def release(data: Path, lock: QLockFile | None) -> None:
    """A clean end: the next start will not report an abnormal one."""
    if lock is not None:
        mark_ended(data)
        lock.unlock()


def backup_now(parent: QWidget, register: Desk) -> Path | None:
    folder = file_dialogs.choose_folder(parent, "backup", "Chọn nơi sao lưu (ví dụ USB)")
    if folder is None:
        return None
    try:
        path = backups.make_backup(register.db, register.folder, folder)
    except backups.BackupError as e:
        messages.warn(parent, "Không sao lưu được", str(e))
        return None
    messages.inform(parent, "Đã sao lưu", f"Đã sao lưu sổ và khoá vào:\n{path}")
    return path


def restore_from(parent: QWidget | None, register: Desk | None, path: Path | None = None,
                 folder: Path | None = None, damaged: bool = False) -> bool:
    """Preview, confirm, restore; the window then closes and the clerk opens the program again. Works on
    the file level: `register` may be None when the register is too damaged to open."""
    folder = register.folder if register is not None else folder
    assert folder is not None
    if path is None:
        path = file_dialogs.open_file(parent, "backup", "Chọn bản sao lưu", "Sao lưu (*.zip)",
                                      fallback=backups.backup_folder(folder))
        if path is None:
            return False
    try:
        p = backups.preview(path, folder)
    except backups.BackupError as e:
        messages.warn(parent, "Không khôi phục được", str(e))
        return False
    if n := claims.others(folder, (register.claim if register is not None else None,)):
        messages.warn(parent, "Chưa khôi phục được", f"Sổ đang mở ở {n} cửa sổ khác trên máy này. Hãy đóng các cửa sổ "
                                                     "đó trước: những gì chúng lưu sau khi khôi phục sẽ bị mất.")
        return False
    now = ("Sổ hiện tại bị hỏng: tệp hỏng sẽ được đổi tên và giữ lại bên cạnh (không xoá), rồi thay bằng bản này."
           if damaged else "Sổ hiện tại sẽ được sao lưu trước, rồi thay bằng bản này.")
    intro = ("Sổ bị hỏng: tệp cơ sở dữ liệu không còn nguyên vẹn, chương trình không mở nó.\n\n"
             "Bản sao lưu tốt gần nhất" if damaged else "Bản sao lưu")
    if not messages.confirm(parent, "Sổ bị hỏng: khôi phục bản sao lưu" if damaged else "Khôi phục bản sao lưu",
                            f"{intro} lúc {p.made_at}: {p.office}, {p.citizens} người trong sổ, {p.enrolments} "
                            f"lượt đăng ký, thay đổi cuối {p.last_change}.\n\n{now} Chương trình sẽ đóng; hãy mở "
                            "lại sau đó.", yes="Khôi phục"):
        return False
    if register is not None:
        register.close()
    try:
        done = backups.restore(path, folder)
    except backups.BackupError as e:
        messages.warn(parent, "Không khôi phục được", f"{e}\n\nChương trình sẽ đóng; hãy mở lại.")
        return True  # the register is closed either way: the window must close
    messages.inform(parent, "Đã khôi phục", f"Đã khôi phục bản sao lưu lúc {p.made_at}. {done.describe()}\n\n"
                                            "Hãy mở lại chương trình.")
    return True


def offer_restore(error: DamagedRegister, folder: Path) -> None:
    """At start, a register too damaged to open: say so and offer the newest backup that is sound."""
    log.error("Sổ hỏng khi mở: %s", folder)
    if error.good is None:
        messages.warn(None, "Sổ bị hỏng", str(error))
        return
    restore_from(None, None, error.good.path, folder=folder, damaged=True)


def add_backup_menu(window, register: Desk) -> None:  # noqa: ANN001 - a QMainWindow
    from PySide6.QtGui import QAction

    menu = window.menuBar().addMenu("&Sao lưu")
    for text, slot in (("Sao lưu ngay vào thư mục hoặc USB…", lambda: backup_now(window, register)),
                       ("Khôi phục từ bản sao lưu…", lambda: restore_from(window, register) and window.close())):
        action = QAction(text, window)
        action.triggered.connect(slot)
        menu.addAction(action)
