"""The file dialogs, each opening where the clerk last went for the same kind of file (the village rosters'
folder, the USB stick for backups, the folder the packages are mailed from), else in the home folder.

`kind` names what the dialog is for: "roster", "pdf", "package", "receipt", "key", "criteria", "backup",
"households", "excel-out", …; any short name will do. The folders are remembered per user with the windows'
sizes (QSettings; the tests point those at a folder of their own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui.geometry import ORGANISATION

SETTINGS_NAME = "thu-muc"


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, SETTINGS_NAME)


def last_folder(kind: str, fallback: Path | None = None) -> Path:
    """Where the last dialog of this kind went, if that folder is still there (a USB stick may be out);
    else `fallback`, else the home folder."""
    saved = settings().value(f"{kind}/folder")
    if saved:
        folder = Path(str(saved))
        if folder.is_dir():
            return folder
    return fallback if fallback is not None and fallback.is_dir() else Path.home()


def remember(kind: str, folder: Path) -> None:
    settings().setValue(f"{kind}/folder", str(folder))


def open_file(parent: QWidget | None, kind: str, title: str, filter: str, *,  # noqa: A002 - Qt's word
              fallback: Path | None = None) -> Path | None:
    """One file to read, or None when the clerk cancels."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(last_folder(kind, fallback)), filter)
    return _chosen(kind, name)


def open_files(parent: QWidget | None, kind: str, title: str, filter: str, *,  # noqa: A002
               fallback: Path | None = None) -> list[Path]:
    """Files to read (none when the clerk cancels)."""
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(last_folder(kind, fallback)), filter)
    if names:
        remember(kind, Path(names[0]).parent)
    return [Path(n) for n in names]


def save_file(parent: QWidget | None, kind: str, title: str, name: str, filter: str, *,  # noqa: A002
              fallback: Path | None = None) -> Path | None:
    """A file to write: the dialog offers `name` in the remembered folder. None when the clerk cancels."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(last_folder(kind, fallback) / name), filter)
    return _chosen(kind, chosen)


def choose_folder(parent: QWidget | None, kind: str, title: str, *, fallback: Path | None = None) -> Path | None:
    """A folder to write into, or None when the clerk cancels."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(last_folder(kind, fallback)))
    if not folder:
        return None
    remember(kind, Path(folder))
    return Path(folder)


def _chosen(kind: str, name: str) -> Path | None:
    if not name:
        return None
    path = Path(name)
    remember(kind, path.parent)
    return path
