"""The checks every reader of a criteria file makes (citizens' sets and the learning models' sets): a
fault raises CriteriaError with its place named, in Vietnamese."""

from __future__ import annotations

from typing import Any

from desktop.domain.names import nfc


class CriteriaError(ValueError):
    """A criteria file that cannot be used; the message says where and what."""


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_field(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    need(isinstance(value, str) and value.strip(), f"{where}: thiếu “{key}”.")
    return nfc(" ".join(value.split()))


def need(condition: bool, message: str) -> None:
    if not condition:
        raise CriteriaError(message)
