"""What the records inside a package must look like before the upper level believes a word of them.

A good signature proves who sent a file, not that the sender's program wrote sensible data: every field
is checked for its type and size here, so that the merge and the area's tables can rely on them, and a
wrong file is refused whole with the member, row and field named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from desktop.domain.birth import BirthDateError, parse_birth
from desktop.domain.cccd import CccdError, parse_cccd
from desktop.domain.criteria import CriteriaError, read_group_defs
from desktop.domain.cycle import Status
from desktop.domain.groups import MAX_GROUPS, SHIPPED, GroupDef
from desktop.domain.models387 import Model
from desktop.exchange.package import ALLOWED_MEMBERS, FORMAT_VERSION, PackageError, shown

Check = Callable[[Any], bool]


def _text(limit: int) -> Check:
    return lambda v: isinstance(v, str) and len(v) <= limit


def clean_text(v: Any) -> bool:
    """Text as the office would have stored it: NFC, no control or unassigned characters."""
    return isinstance(v, str) and unicodedata.is_normalized("NFC", v) and \
        not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in v)


def _words(limit: int, required: bool = True) -> Check:
    """A name or a place: clean text, within the column, not blank where the office requires it."""
    return lambda v: clean_text(v) and len(v) <= limit and (bool(v.strip()) or not required)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _uuid(v: Any) -> bool:
    return isinstance(v, str) and bool(_UUID.match(v))


def _birth(v: Any) -> bool:
    """'05/03/1980' or '1980', a real date, as the office prints it."""
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}|\d{2}/\d{2}/\d{4}", v):
        return False
    try:
        parse_birth(v, date(2100, 12, 31))
    except BirthDateError:
        return False
    return True


def _cccd(v: Any) -> bool:
    """None, or 12 digits with a province code, a sex/century digit and a birth year (domain/cccd.py)."""
    if v is None:
        return True
    if not isinstance(v, str) or len(v) != 12:
        return False
    try:
        parse_cccd(v)
    except CccdError:
        return False
    return True


def _int(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _optional(check: Check) -> Check:
    return lambda v: v is None or check(v)


def _one_of(values: set[str]) -> Check:
    return lambda v: isinstance(v, str) and v in values


def _bool(v: Any) -> bool:
    return isinstance(v, bool)


COUNT = _int(0, 100_000_000)
GROUP = _int(1, MAX_GROUPS)  # and one of the groups the package's summary defines (check_summary)

# the columns the area keeps (desktop/db/models.py AreaPerson, AreaEnrolment), at their sizes there
PERSON: dict[str, Check] = {
    "uuid": _uuid, "version": _int(1, 2**31 - 1), "full_name": _words(100), "birth": _birth,
    "sex": _one_of({"M", "F"}), "cccd": _cccd, "village": _words(100), "group": GROUP, "deleted": _bool,
}
ENROLMENT: dict[str, Check] = {
    "uuid": _uuid, "person": _int(0, 100_000_000), "group": GROUP, "status": _one_of({s.value for s in Status}),
    "total": _optional(_int(0, 1000)), "passed": _optional(_bool),
}
SUMMARY_GROUP: dict[str, Check] = {"group": GROUP, "registered": COUNT, "assessed": COUNT, "recognized": COUNT,
                                   "total": COUNT, "total_from_register": _optional(_bool)}
AREA_ROW: dict[str, Check] = {"office_code": _int(1, 99_999_999), "office_name": _words(200), "group": GROUP,
                               "recognized": COUNT, "total": COUNT, "registered": COUNT, "assessed": COUNT}
MODELS = {m.value for m in Model}
MODEL_ROW: dict[str, Check] = {
    "model": _one_of(MODELS), "uuid": _uuid, "subject_uuid": _uuid, "name": _words(200),
    "village": _words(100, required=False),
    "status": _one_of({s.value for s in Status}), "total": _optional(_int(0, 1000)), "passed": _optional(_bool)}
SUMMARY_MODEL: dict[str, Check] = {"model": _one_of(MODELS), "total": COUNT, "registered": COUNT, "assessed": COUNT,
                                   "recognized": COUNT}
AREA_MODEL_ROW: dict[str, Check] = {"office_code": _int(1, 99_999_999), "office_name": _words(200),
                                     **SUMMARY_MODEL}
SENDER: dict[str, Check] = {"code": _int(1, 99_999_999), "name": _words(200), "kind": _one_of({"commune", "upper"})}
SENDING: dict[str, Check] = {"year": _int(2000, 2100), "sequence": _int(1, 1_000_000)}


def check_rows(rows: list[dict[str, Any]], fields: dict[str, Check], what: str, member: str = "") -> None:
    """Every row, every field; the first wrong one refuses the package, named by member, row and field."""
    where = f" ({member})" if member else ""
    for number, row in enumerate(rows, 1):
        for name, ok in fields.items():
            if not ok(row.get(name)):
                raise PackageError(f"Dữ liệu {what}{where} trong gói sai ở dòng {number}, trường “{name}” "
                                   f"({shown(row.get(name))}): gói bị từ chối.")


def check_summary(doc: Any, version: int = FORMAT_VERSION) -> tuple[list[dict[str, Any]], tuple[GroupDef, ...]]:
    """The groups of summary.json, each with its counts, and their definitions (version 2 names them; version 1
    had the programme's three): every group once, none missing, none unknown, recognized ≤ registered, and
    assessed ≤ registered (what a commune's figures must satisfy)."""
    groups = doc.get("groups") if isinstance(doc, dict) else None
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        raise PackageError("Bảng tổng hợp (summary.json) của gói không đúng dạng: gói bị từ chối.")
    defs = SHIPPED
    if version >= 2:
        if doc.get("group_definitions") is None:
            raise PackageError("Bảng tổng hợp (summary.json) thiếu các nhóm đối tượng (“group_definitions”): gói bị "
                               "từ chối.")
        try:
            defs = read_group_defs(doc.get("group_definitions"))
        except CriteriaError as e:
            raise PackageError(f"Bảng tổng hợp (summary.json), các nhóm đối tượng: {e} Gói bị từ chối.") from None
    check_rows(groups, SUMMARY_GROUP, "bảng tổng hợp", "summary.json")
    listed, defined = [g["group"] for g in groups], sorted(d.number for d in defs)
    if sorted(listed) != defined:
        twice = sorted({n for n in listed if listed.count(n) > 1})
        missing = sorted(set(defined) - set(listed))
        unknown = sorted(set(listed) - set(defined))
        raise PackageError("Bảng tổng hợp (summary.json) phải có mỗi nhóm đối tượng đúng một lần: "
                           + "; ".join(([f"nhóm {', '.join(map(str, twice))} ghi hai lần"] if twice else [])
                                       + ([f"thiếu nhóm {', '.join(map(str, missing))}"] if missing else [])
                                       + ([f"nhóm {', '.join(map(str, unknown))} không được định nghĩa"]
                                          if unknown else []))
                           + ". Gói bị từ chối.")
    for g in groups:
        if not g["recognized"] <= g["registered"] or not g["assessed"] <= g["registered"]:
            raise PackageError(f"Bảng tổng hợp (summary.json), nhóm {g['group']}: số được công nhận "
                               f"({g['recognized']}) hay đã chấm ({g['assessed']}) lớn hơn số đăng ký "
                               f"({g['registered']}). Gói bị từ chối.")
    return groups, defs


def check_groups(rows: list[dict[str, Any]], defs: tuple[GroupDef, ...], what: str, member: str) -> None:
    """Every row's group is one the package's summary defines."""
    defined = {d.number for d in defs}
    for number, row in enumerate(rows, 1):
        if row["group"] not in defined:
            raise PackageError(f"Dữ liệu {what} ({member}) sai ở dòng {number}: nhóm {row['group']} không có trong "
                               "các nhóm đối tượng của gói. Gói bị từ chối.")


def sender_code(manifest: dict[str, Any]) -> int:
    """The one field read before the signature is checked: whose key to check it with."""
    sender = manifest.get("sender")
    code = sender.get("code") if isinstance(sender, dict) else None
    if not SENDER["code"](code):
        raise PackageError("Bản kê của gói không có mã đơn vị gửi hợp lệ: gói bị từ chối.")
    return code


_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MEMBER: dict[str, Check] = {"path": lambda v: isinstance(v, str) and v in ALLOWED_MEMBERS,
                            "sha256": lambda v: isinstance(v, str) and bool(_SHA256.match(v)),
                            "size": _int(0, 1_000_000_000)}


def check_manifest(manifest: dict[str, Any]) -> None:
    """The signed manifest's whole shape, before any field is used: sender, recipient, year, sequence and
    the list of members (each a known path once, with its hash and size)."""
    sender = manifest.get("sender")
    recipient = manifest.get("recipient")
    if not isinstance(sender, dict) or not isinstance(recipient, dict) or not isinstance(
            recipient.get("age_recipient"), str) or len(recipient["age_recipient"]) > 100:
        raise PackageError("Bản kê của gói thiếu thông tin đơn vị gửi hoặc đơn vị nhận.")
    check_rows([sender], SENDER, "đơn vị gửi trong bản kê")
    check_rows([manifest], SENDING, "năm và lần gửi trong bản kê")
    members = manifest.get("members")
    if not isinstance(members, list) or not 1 <= len(members) <= len(ALLOWED_MEMBERS) or \
            not all(isinstance(m, dict) for m in members):
        raise PackageError(f"Danh sách thành phần trong bản kê không đúng dạng ({shown(members)}): gói bị từ chối.")
    check_rows(members, MEMBER, "thành phần", "manifest.json")
    paths = [m["path"] for m in members]
    if len(set(paths)) != len(paths):
        raise PackageError("Bản kê liệt kê một thành phần hai lần: gói bị từ chối.")


def check_area(rows: list[dict[str, Any]], summary: list[dict[str, Any]], defs: tuple[GroupDef, ...] = SHIPPED) -> None:
    """An upper level's package (communes.json: each commune's figures per group): every field, each
    commune once with each group once, recognized ≤ registered ≤ total and assessed ≤ registered, and the
    sums equal to its summary. Its figures are its own report: nothing below them can be recomputed."""
    check_rows(rows, AREA_ROW, "các xã", "records/communes.json")
    seen: dict[int, list[int]] = {}
    for number, row in enumerate(rows, 1):
        seen.setdefault(row["office_code"], []).append(row["group"])
        if not row["recognized"] <= row["registered"] <= row["total"] or not row["assessed"] <= row["registered"]:
            raise PackageError(f"Dữ liệu các xã (records/communes.json) sai ở dòng {number}: cần được công nhận ≤ đã "
                               f"đăng ký ≤ tổng số và đã chấm ≤ đã đăng ký (ghi {row['recognized']}, "
                               f"{row['registered']}, {row['total']}, {row['assessed']}). Gói bị từ chối.")
    defined = sorted(d.number for d in defs)
    for code, groups in seen.items():
        if sorted(groups) != defined:
            raise PackageError(f"Dữ liệu các xã (records/communes.json): đơn vị mã {code} phải có mỗi nhóm đúng một "
                               f"lần (đang có nhóm {', '.join(map(str, sorted(groups)))}). Gói bị từ chối.")
    for g in summary:
        for key in ("recognized", "total", "registered", "assessed"):
            added = sum(r[key] for r in rows if r["group"] == g["group"])
            if added != g[key]:
                raise PackageError(f"Bảng tổng hợp không khớp với số liệu các xã: nhóm {g['group']}, “{key}” ghi "
                                   f"{g[key]} nhưng cộng các xã được {added}. Gói bị từ chối.")


def check_unique(rows: list[dict[str, Any]], field: str, what: str, member: str, skip: Callable[[dict], bool]
                 = lambda row: False) -> None:
    """One row per value of `field` (a UUID, a CCCD): a register never holds the same twice."""
    first: dict[Any, int] = {}
    for number, row in enumerate(rows, 1):
        value = row.get(field)
        if value is None or skip(row):
            continue
        if value in first:
            raise PackageError(f"Dữ liệu {what} ({member}): “{field}” {shown(value)} ghi hai lần (dòng "
                               f"{first[value]} và {number}). Gói bị từ chối.")
        first[value] = number


def check_model_summary(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """summary.json's learning models (version 2): each model once, recognized ≤ registered ≤ total and
    assessed ≤ registered. A package without them (version 1) has none."""
    models = doc.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, dict) for m in models):
        raise PackageError("Bảng tổng hợp (summary.json), các mô hình học tập không đúng dạng: gói bị từ chối.")
    check_rows(models, SUMMARY_MODEL, "các mô hình học tập", "summary.json")
    listed = [m["model"] for m in models]
    if len(set(listed)) != len(listed):
        raise PackageError("Bảng tổng hợp (summary.json) ghi một mô hình học tập hai lần: gói bị từ chối.")
    for m in models:
        _ordered(m, f"Bảng tổng hợp (summary.json), mô hình {m['model']}")
    return models


def check_models(rows: list[dict[str, Any]], summary: list[dict[str, Any]]) -> None:
    """A commune's records/models.json: every field, each household (clan, village, unit) once a model, and
    the registered, assessed and recognized counts recomputed from the rows equal to the summary."""
    check_rows(rows, MODEL_ROW, "mô hình học tập", "records/models.json")
    check_unique(rows, "uuid", "mô hình học tập", "records/models.json")
    seen = set()
    for number, row in enumerate(rows, 1):
        if (row["model"], row["subject_uuid"]) in seen:
            raise PackageError(f"Dữ liệu mô hình học tập (records/models.json) sai ở dòng {number}: một hộ, dòng họ, "
                               "thôn hay đơn vị đăng ký hai lần trong năm. Gói bị từ chối.")
        seen.add((row["model"], row["subject_uuid"]))
    by_model = {m["model"]: m for m in summary}
    for model in MODELS:
        mine = [r for r in rows if r["model"] == model]
        counted = {"registered": sum(r["status"] != Status.WITHDRAWN.value for r in mine),
                   "assessed": sum(r["status"] != Status.WITHDRAWN.value and r["passed"] is not None for r in mine),
                   "recognized": sum(r["status"] == Status.RECOGNIZED.value for r in mine)}
        said = by_model.get(model, {"registered": 0, "assessed": 0, "recognized": 0})
        for key, n in counted.items():
            if said[key] != n:
                raise PackageError(f"Bảng tổng hợp không khớp với dữ liệu: mô hình {model}, “{key}” ghi {said[key]} "
                                   f"nhưng dữ liệu có {n}. Gói bị từ chối.")


def check_area_models(rows: list[dict[str, Any]], summary: list[dict[str, Any]]) -> None:
    """An upper level's records/communes_models.json: every field, each office once a model, the figures in
    order, and the sums equal to its summary."""
    check_rows(rows, AREA_MODEL_ROW, "mô hình học tập của các xã", "records/communes_models.json")
    seen = set()
    for number, row in enumerate(rows, 1):
        if (row["office_code"], row["model"]) in seen:
            raise PackageError(f"Dữ liệu các xã (records/communes_models.json) ghi đơn vị mã {row['office_code']} "
                               f"hai lần cho mô hình {row['model']}: gói bị từ chối.")
        seen.add((row["office_code"], row["model"]))
        _ordered(row, f"Dữ liệu các xã (records/communes_models.json), dòng {number}")
    for m in summary:
        for key in ("recognized", "total", "registered", "assessed"):
            added = sum(r[key] for r in rows if r["model"] == m["model"])
            if added != m[key]:
                raise PackageError(f"Bảng tổng hợp không khớp với số liệu các xã: mô hình {m['model']}, “{key}” ghi "
                                   f"{m[key]} nhưng cộng các xã được {added}. Gói bị từ chối.")


def _ordered(m: dict[str, Any], where: str) -> None:
    if not m["recognized"] <= m["registered"] <= m["total"] or not m["assessed"] <= m["registered"]:
        raise PackageError(f"{where}: cần được công nhận ≤ đã đăng ký ≤ tổng số và đã chấm ≤ đã đăng ký (ghi "
                           f"{m['recognized']}, {m['registered']}, {m['total']}, {m['assessed']}). Gói bị từ chối.")
