"""The log file: in the data folder, rotated, UTF-8; the window and the command line both write to it."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop import PRODUCER

LOG_FOLDER = "nhat-ky"
LOG_FILE = "so-cdht.log"


def setup_logging(data: Path) -> Path:
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
