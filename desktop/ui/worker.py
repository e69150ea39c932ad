"""The one way long work leaves the window's thread: a job runs in a QThread, reports progress through
signals, and stops at the next step when the clerk cancels. No widget is touched from the job."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Job = Callable[[Callable[[int, int], bool]], Any]  # receives progress(done, total) -> go on?


class _Runner(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.cancelled = threading.Event()

    @Slot()
    def run(self) -> None:
        def progress(done: int, total: int) -> bool:
            self.progressed.emit(done, total)
            return not self.cancelled.is_set()

        try:
            result = self._job(progress)
        except BaseException as e:  # noqa: BLE001 - handed to the window, which explains it
            self.failed.emit(e)
            return
        self.finished.emit(result)


class Background(QObject):
    """Run `job` with a progress dialog that can be cancelled; `done(result)` or `error(exc)` on the
    window's thread afterwards."""

    def __init__(self, parent: QWidget, title: str, job: Job, done: Callable[[Any], None],
                 error: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(title, "Huỷ", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread = QThread(self)
        self.runner = _Runner(job)
        self.runner.moveToThread(self.thread)
        self.thread.started.connect(self.runner.run)
        self._done, self._error = done, error
        # bound methods of this object (which lives on the window's thread): Qt queues the calls there
        self.runner.progressed.connect(self._progress)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.dialog.canceled.connect(self.runner.cancelled.set)
        self.running = True

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.runner.cancelled.set()

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._end()
        self._done(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._end()
        self._error(exc)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self.dialog.wasCanceled():  # the Cancel button, Esc, or closing the dialog
            self.runner.cancelled.set()
            return
        if total and done >= total:  # every item drawn; writing the file is left: a moving bar, not a frozen 100%
            self.dialog.setMaximum(0)
            self.dialog.setValue(0)
            self.dialog.setLabelText(f"{self.dialog.windowTitle()}: đã xong {total}/{total}, đang hoàn tất tệp…")
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"{self.dialog.windowTitle()}: {done}/{total}")

    def _end(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()
        self.running = False
