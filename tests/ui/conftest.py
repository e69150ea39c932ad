"""Fixtures of the window tests."""

import pytest

from desktop.ui import messages


@pytest.fixture
def quiet_messages(monkeypatch):
    """Information and warning boxes recorded instead of shown (a modal box would wait for a click)."""
    said: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(messages, "warn", lambda parent, title, text: said.append(text))
    return said
