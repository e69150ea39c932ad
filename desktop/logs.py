"""The log file: in the data folder, rotated, UTF-8; the window and the command line both write to it."""

from __future__ import annotations

import faulthandler
import logging
from dataclasses import dataclass
from datetime import datetime
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import PRODUCER

LOG_FOLDER = "nhat-ky"
LOG_FILE = "so-cdht.log"


def setup_logging(data: Path) -> Path:
    # a log that cannot be written (the disk is full) is skipped, never reported on the clerk's screen
    # with a traceback, as the logging module does by default
    logging.raiseExceptions = False
    folder = data / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / LOG_FILE
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == path for h in root.handlers):
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    logging.getLogger("desktop").info("%s, dữ liệu: %s", PRODUCER, data)
    return path


# A fatal error (a crash inside Qt, an abort) kills the process before Python's logging can write:
# faulthandler writes the stack into this file of the log folder, and the run marker tells the next
# start that the last one never reached its end.
FATAL_FILE = "loi-nghiem-trong.log"
RUNNING_FILE = "dang-chay"
_fatal_stream = None  # kept open for the whole run: faulthandler writes to its descriptor


def watch_fatal_errors(data: Path) -> Path:
    global _fatal_stream
    folder = data / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / FATAL_FILE
    if _fatal_stream is None or _fatal_stream.closed or Path(_fatal_stream.name) != path:
        if _fatal_stream is not None and not _fatal_stream.closed:  # another data folder in the same process
            faulthandler.disable()
            _fatal_stream.close()
        _fatal_stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open until the process ends
    faulthandler.enable(_fatal_stream, all_threads=True)
    return path


@dataclass(frozen=True)
class AbnormalEnd:
    started: str         # when the run that did not end began (local time, dd/mm/yyyy hh:mm)
    fatal: str           # what faulthandler wrote of it, if anything
    log: Path


def mark_running(data: Path) -> AbnormalEnd | None:
    """Called when a window takes the register: what the previous run left, then this run's marker."""
    folder = data / LOG_FOLDER
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    marker, fatal_path = folder / RUNNING_FILE, folder / FATAL_FILE
    found = None
    if marker.exists():
        started = marker.read_text(encoding="utf-8", errors="replace").strip()[:40]
        fatal = ""
        if fatal_path.exists() and fatal_path.stat().st_size:
            fatal = fatal_path.read_text(encoding="utf-8", errors="replace")[-20_000:]
        found = AbnormalEnd(started, fatal, folder / LOG_FILE)
        logging.getLogger("desktop").error("Lần chạy trước (bắt đầu %s) đã dừng bất thường.%s", started,
                                           f"\n{fatal}" if fatal else "")
        if fatal:
            fatal_path.write_text("", encoding="utf-8")  # now in the main log; the stream appends at the end
    marker.write_text(datetime.now().strftime("%d/%m/%Y %H:%M"), encoding="utf-8")
    return found


def mark_ended(data: Path) -> None:
    (data / LOG_FOLDER / RUNNING_FILE).unlink(missing_ok=True)
