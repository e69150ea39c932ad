"""Who has the register open on this machine. Each opening (a window or a command) holds a lock on its
own small file in the data folder's `.dang-mo/`; a file whose lock can be taken was left by a run that
ended without closing (killed, a power cut) and is removed. A restore holds `khoi-phuc` and refuses while
anyone else holds the register: a window left open would go on saving into a file that is gone."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

FOLDER = ".dang-mo"
RESTORING = "khoi-phuc"


class Held(RuntimeError):
    """The claim is held by another run."""


def _lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: a second opening in this process counts too
    except OSError:
        return False
    return True


class Claim:
    def __init__(self, data: Path, name: str | None = None) -> None:
        folder = data / FOLDER
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = folder / (name or f"{os.getpid()}-{secrets.token_hex(4)}")
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        if not _lock(fd):
            os.close(fd)
            raise Held(self.path.name)
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is None:
            return
        os.close(self._fd)  # the lock goes with the descriptor
        self._fd = None
        self.path.unlink(missing_ok=True)


def others(data: Path, mine: tuple[Claim | None, ...] = ()) -> int:
    """How many other runs hold the register now; files of runs that are gone are removed."""
    folder = data / FOLDER
    if not folder.is_dir():
        return 0
    own = {c.path.name for c in mine if c is not None}
    alive = 0
    for path in folder.iterdir():
        if path.name in own:
            continue
        if _alive(path):
            alive += 1
        else:
            path.unlink(missing_ok=True)
    return alive


def restoring(data: Path) -> bool:
    path = data / FOLDER / RESTORING
    return path.exists() and _alive(path)


def _alive(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    try:
        return not _lock(fd)
    finally:
        os.close(fd)
