"""Fixtures of the window tests."""

from pathlib import Path

import pytest

from desktop.exchange.keys import KeyStore
from desktop.ui import messages

PASS = "mat-khau-dai-1"


@pytest.fixture
def quiet_messages(monkeypatch):
    """Information and warning boxes recorded instead of shown (a modal box would wait for a click)."""
    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    return said


@pytest.fixture(scope="module")
def key_files(tmp_path_factory) -> Path:
    """A commune's keys and its province's (passphrase PASS), made once a file (scrypt takes a second each);
    copied where a test needs them."""
    root = tmp_path_factory.mktemp("khoa")
    KeyStore(root / "xa").create(PASS)
    KeyStore(root / "tinh").create(PASS)
    return root
