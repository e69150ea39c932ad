"""Asking for the key's passphrase, once a session: the window keeps it in memory only."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget


class PassphraseKeeper:
    def __init__(self) -> None:
        self.value: str | None = None

    def get(self, parent: QWidget, why: str) -> str | None:
        if self.value:
            return self.value
        text, ok = QInputDialog.getText(parent, "Mật khẩu khoá", f"{why}\nMật khẩu bảo vệ khoá của đơn vị:",
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def keep(self, value: str) -> None:
        """Remember it after it unlocked the key once."""
        self.value = value

    def forget(self) -> None:
        self.value = None
