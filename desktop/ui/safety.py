"""What keeps the clerk's work safe around the window: the crash dialog, the daily backup, the check of
the database at start, backing up and restoring from the menu, and the notice of a second window."""

from __future__ import annotations

import errno
import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLockFile, QObject, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.exc import OperationalError

from desktop.logs import mark_ended, mark_running
from desktop.services import backups
from desktop.services.register import Register
from desktop.ui import messages

log = logging.getLogger("desktop.ui")
HOUR_MS = 3_600_000


def explain(error: BaseException) -> str | None:
    """A plain message for the failures a clerk can do something about; None for the unexpected."""
    text = str(error).lower()
    if isinstance(error, OperationalError) and "locked" in text:
        return "Sổ đang bận (một cửa sổ khác đang ghi). Chờ vài giây rồi làm lại; dữ liệu đã lưu vẫn còn nguyên."
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return "Ổ đĩa đã đầy: hãy xoá bớt tệp không cần rồi làm lại. Dữ liệu đã lưu vẫn còn nguyên."
    if isinstance(error, FileNotFoundError):
        return f"Không tìm thấy tệp: {error.filename}."
    if isinstance(error, PermissionError):
        return f"Không có quyền ghi vào {error.filename}: chọn thư mục khác."
    return None


def install_crash_dialog(log_path: Path) -> None:
    """Any error the window did not expect: logged, then a Vietnamese dialog saying what to do."""
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Lỗi không mong muốn:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        plain = explain(error)
        if plain:
            messages.warn(None, "Chưa làm được", plain)
            return
        messages.warn(None, "Đã xảy ra lỗi", "Chương trình gặp một lỗi không mong muốn. Dữ liệu đã lưu trước đó vẫn "
                                             "còn nguyên.\n\nHãy đóng cửa sổ này, làm lại việc vừa làm; nếu lỗi lặp lại, "
                                             f"gửi tệp nhật ký cho người hỗ trợ:\n{log_path}\n\n({type(error).__name__}: "
                                             f"{error})")

    sys.excepthook = hook


class DailyBackup(QObject):
    """A backup a few seconds after start and then every hour if the day has none yet."""

    def __init__(self, register: Register, parent: QObject) -> None:
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


def backup_now(parent: QWidget, register: Register) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, "Chọn nơi sao lưu (ví dụ USB)", str(Path.home()))
    if not folder:
        return None
    try:
        path = backups.make_backup(register.db, register.folder, Path(folder))
    except backups.BackupError as e:
        messages.warn(parent, "Không sao lưu được", str(e))
        return None
    messages.inform(parent, "Đã sao lưu", f"Đã sao lưu sổ và khoá vào:\n{path}")
    return path


def restore_from(parent: QWidget, register: Register, path: Path | None = None) -> bool:
    """Preview, confirm, restore; the window then closes and the clerk opens the program again."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, "Chọn bản sao lưu", str(backups.backup_folder(register.folder)),
                                              "Sao lưu (*.zip)")
        if not name:
            return False
        path = Path(name)
    try:
        p = backups.preview(path)
    except backups.BackupError as e:
        messages.warn(parent, "Không khôi phục được", str(e))
        return False
    if not messages.confirm(parent, "Khôi phục bản sao lưu",
                            f"Bản sao lưu lúc {p.made_at}: {p.office}, {p.citizens} người trong sổ, {p.enrolments} "
                            f"lượt đăng ký, thay đổi cuối {p.last_change}.\n\nSổ hiện tại sẽ được sao lưu trước, rồi "
                            "thay bằng bản này. Chương trình sẽ đóng; hãy mở lại sau đó.", yes="Khôi phục"):
        return False
    register.close()
    safety = backups.restore(path, register.folder)
    messages.inform(parent, "Đã khôi phục", f"Đã khôi phục. Sổ trước đó được giữ ở:\n{safety}\n\nHãy mở lại chương trình.")
    return True


def check_at_start(register: Register) -> bool:
    """A damaged database: say so and offer the newest backup. Returns True when the window may open."""
    problem = backups.integrity_problem(register.db)
    if problem is None:
        return True
    log.error("Cơ sở dữ liệu hỏng: %s", problem)
    newest = next(iter(backups.backups(register.folder)), None)
    if newest is None:
        messages.warn(None, "Sổ bị hỏng", f"Cơ sở dữ liệu bị hỏng ({problem}) và chưa có bản sao lưu nào. "
                                          "Đừng ghi thêm; hãy nhờ người hỗ trợ sao chép thư mục dữ liệu.")
        return False
    restore_from(None, register, newest)
    return False


def add_backup_menu(window, register: Register) -> None:  # noqa: ANN001 - a QMainWindow
    from PySide6.QtGui import QAction

    menu = window.menuBar().addMenu("&Sao lưu")
    for text, slot in (("Sao lưu ngay vào thư mục hoặc USB…", lambda: backup_now(window, register)),
                       ("Khôi phục từ bản sao lưu…", lambda: restore_from(window, register) and window.close())):
        action = QAction(text, window)
        action.triggered.connect(slot)
        menu.addAction(action)
