"""Where the data lives: the --data-dir option, then the environment, then the OS's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

ENV_DATA_DIR = "SO_CDHT_DATA_DIR"
ENV_DB_URL = "SO_CDHT_DB_URL"
DB_FILE = "so-cong-dan-hoc-tap.sqlite"


def data_dir(option: str | None = None) -> Path:
    chosen = option or os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(user_data_dir("SoCongDanHocTap", appauthor=False))


def database_url(folder: Path, option: str | None = None) -> str:
    """A PostgreSQL (or other) URL from the option or environment, else the SQLite file in the folder."""
    url = option or os.environ.get(ENV_DB_URL)
    return url if url else f"sqlite:///{folder / DB_FILE}"


def backup_dir(folder: Path) -> Path:
    return folder / "sao-luu"
