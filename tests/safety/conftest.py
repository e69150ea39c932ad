"""Registers in trouble: damaged three ways after a good backup, held by a second process."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from desktop import config
from desktop.services import backups
from desktop.services.desk import Desk
from tests.conftest import add

NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường")


def damage(file: Path, how: str) -> None:
    data = bytearray(file.read_bytes())
    if how == "truncated":
        file.write_bytes(bytes(data[: len(data) // 2]))
    elif how == "zeroed":
        file.write_bytes(bytes(len(data)))
    else:  # bit flips in every page after the first (the header stays right: the file still "opens")
        rng = random.Random(7)
        for page in range(4096, len(data), 4096):
            for _ in range(3):
                data[page + rng.randrange(4096)] ^= 1 << rng.randrange(8)
        file.write_bytes(bytes(data))


@pytest.fixture
def backed_up(office: Desk) -> Desk:
    """Three people, a backup of them, then a fourth person saved after it."""
    for name in NAMES:
        add(office, name, birth="1980")
    office.backup = backups.make_backup(office.db, office.folder)  # type: ignore[attr-defined]
    add(office, "Phạm Thị Dung", birth="1981")
    return office


def damaged_folder(register: Desk, how: str) -> tuple[Path, bytes]:
    """The register closed and its file damaged; returns the folder and the damaged bytes."""
    register.close()
    file = register.folder / config.DB_FILE
    for suffix in ("-wal", "-shm"):
        (register.folder / (config.DB_FILE + suffix)).unlink(missing_ok=True)
    damage(file, how)
    return register.folder, file.read_bytes()
