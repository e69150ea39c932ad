"""What the records inside a package must look like before the upper level believes a word of them.

A good signature proves who sent a file, not that the sender's program wrote sensible data: every field
is checked for its type and size here, so that the merge and the area's tables can rely on them, and a
wrong file is refused whole with the member, row and field named.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop.domain.cycle import Status
from desktop.exchange.package import PackageError

Check = Callable[[Any], bool]


def _text(limit: int) -> Check:
    return lambda v: isinstance(v, str) and len(v) <= limit


def _int(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


def _one_of(values: set[str]) -> Check:
    return lambda v: isinstance(v, str) and v in values


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


COUNT = _int(0, 100_000_000)
GROUP = _int(1, 3)

# the columns the area keeps (desktop/db/models.py AreaPerson, AreaEnrolment), at their sizes there
PERSON: dict[str, Check] = {
    "uuid": _text(36), "version": _int(1, 2**31 - 1), "full_name": _text(100), "birth": _text(10),
    "sex": _text(1), "cccd": _optional(_text(12)), "village": _text(100), "group": GROUP, "deleted": _bool,
}
ENROLMENT: dict[str, Check] = {
    "uuid": _text(36), "person": _int(0, 100_000_000), "group": GROUP, "status": _one_of({s.value for s in Status}),
    "total": _optional(_int(0, 1000)), "passed": _optional(_bool),
}
SUMMARY_GROUP: dict[str, Check] = {"group": GROUP, "registered": COUNT, "assessed": COUNT, "recognized": COUNT,
                                   "total": COUNT, "total_from_register": _optional(_bool)}
SENDER: dict[str, Check] = {"code": _int(1, 99_999_999), "name": _text(200), "kind": _one_of({"commune", "upper"})}
SENDING: dict[str, Check] = {"year": _int(2000, 2100), "sequence": _int(1, 1_000_000)}


def check_rows(rows: list[dict[str, Any]], fields: dict[str, Check], what: str) -> None:
    for number, row in enumerate(rows, 1):
        for name, ok in fields.items():
            if not ok(row.get(name)):
                raise PackageError(f"Dữ liệu {what} trong gói sai ở dòng {number}, trường “{name}” "
                                   f"({_shown(row.get(name))}): gói bị từ chối.")


def check_summary(doc: Any) -> list[dict[str, Any]]:
    """The groups of summary.json, each with its counts."""
    groups = doc.get("groups") if isinstance(doc, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        raise PackageError("Bảng tổng hợp (summary.json) của gói không đúng dạng: gói bị từ chối.")
    check_rows(groups, SUMMARY_GROUP, "bảng tổng hợp")
    return groups


def check_manifest(manifest: dict[str, Any]) -> None:
    sender = manifest.get("sender")
    recipient = manifest.get("recipient")
    if not isinstance(sender, dict) or not isinstance(recipient, dict) or not isinstance(
            recipient.get("age_recipient"), str):
        raise PackageError("Bản kê của gói thiếu thông tin đơn vị gửi hoặc đơn vị nhận.")
    check_rows([sender], SENDER, "đơn vị gửi trong bản kê")
    check_rows([manifest], SENDING, "năm và lần gửi trong bản kê")


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"
