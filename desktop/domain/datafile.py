"""The checks every reader of a criteria file makes (citizens' sets and the learning models' sets): a
fault raises CriteriaError with its place named, in Vietnamese."""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.names import nfc


class CriteriaError(ValueError):
    """A criteria file that cannot be used; the message says where and what."""


MAX_FILE_BYTES = 1_000_000


def load_json(raw: bytes | str) -> Any:
    """A criteria file's JSON document, or CriteriaError saying why it is not one."""
    if isinstance(raw, bytes):
        need(len(raw) <= MAX_FILE_BYTES, "Tệp bộ tiêu chí quá lớn (hơn 1 MB): không phải tệp bộ tiêu chí.")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CriteriaError("Tệp bộ tiêu chí không phải văn bản UTF-8 (JSON).") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise CriteriaError(f"Tệp bộ tiêu chí hỏng: lỗi cú pháp JSON ở dòng {e.lineno}, cột {e.colno}.") from None


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text_field(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    need(isinstance(value, str) and value.strip(), f"{where}: thiếu “{key}”.")
    return nfc(" ".join(value.split()))


def need(condition: bool, message: str) -> None:
    if not condition:
        raise CriteriaError(message)
