"""A citizen's record as the clerk types it, and the checks that need no database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.birth import BirthDate, BirthDateError, parse_birth
from desktop.domain.cccd import CccdError, cccd_warnings, normalize_cccd, parse_cccd
from desktop.domain.groups import CitizenGroup
from desktop.domain.names import nfc, tidy_name
from desktop.domain.sex import Sex

MIN_TARGET_AGE = 15
MAX_NAME_LENGTH = 100
_PHONE = re.compile(r"^\+?\d{9,12}$")
_NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ \-'][^\W\d_]+)*$")

# Field names shared by the checks, the services and the entry dialog.
FIELD_LABELS = {
    "full_name": "Họ và tên",
    "birth": "Ngày sinh",
    "sex": "Giới tính",
    "cccd": "Số CCCD",
    "village_id": "Thôn/khu phố",
    "group": "Nhóm đối tượng",
    "occupation": "Nghề nghiệp, nơi làm việc",
    "phone": "Điện thoại",
    "note": "Ghi chú",
    "address": "Địa chỉ (số nhà, xóm, tổ)",
}


@dataclass
class CitizenDraft:
    """What the entry form holds: text as typed, choices as chosen."""

    full_name: str = ""
    birth: str = ""
    sex: Sex | None = None
    cccd: str = ""
    village_id: int | None = None
    group: CitizenGroup | None = None
    occupation: str = ""
    phone: str = ""
    note: str = ""
    address: str = ""


@dataclass(frozen=True)
class CitizenData:
    """A checked record, tidied and ready to store."""

    full_name: str
    birth: BirthDate
    sex: Sex
    cccd: str | None
    village_id: int
    group: CitizenGroup
    occupation: str
    phone: str
    note: str
    address: str = ""   # within the village: people at one address make a household (learning families)


@dataclass(frozen=True)
class Finding:
    field: str
    message: str
    other_citizen_id: int | None = None  # the existing person a duplicate finding points to


@dataclass
class CitizenCheck:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    data: CitizenData | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def error_for(self, field_name: str) -> str | None:
        return next((f.message for f in self.errors if f.field == field_name), None)


def check_draft(draft: CitizenDraft, today: date) -> CitizenCheck:
    """All checks that need no database; returns tidied data only if there is no error."""
    check = CitizenCheck()
    err = check.errors.append
    warn = check.warnings.append

    name = tidy_name(draft.full_name)
    if not name:
        err(Finding("full_name", "Chưa nhập họ và tên."))
    elif len(name) > MAX_NAME_LENGTH:
        err(Finding("full_name", f"Họ và tên dài quá {MAX_NAME_LENGTH} ký tự."))
    elif not _NAME_CHARS.match(name):
        err(Finding("full_name", "Họ và tên chỉ gồm chữ cái (không có chữ số hay ký hiệu)."))
    elif len(name.split()) == 1:
        warn(Finding("full_name", "Họ và tên chỉ có một chữ: kiểm tra lại đã nhập đủ họ, đệm, tên chưa."))
    if name and name.isascii() and not check.errors:  # certificates print the name exactly as typed
        warn(Finding("full_name", f"Họ và tên “{name}” không có dấu tiếng Việt: giấy công nhận sẽ in đúng như đã "
                                  "gõ. Kiểm tra lại với phiếu giấy."))

    birth: BirthDate | None = None
    try:
        birth = parse_birth(draft.birth, today)
    except BirthDateError as e:
        err(Finding("birth", str(e)))
    if birth is not None and birth.age_on(today) < MIN_TARGET_AGE:
        warn(Finding("birth", f"Người này mới {birth.age_on(today)} tuổi, chưa thuộc đối tượng của mô hình "
                              f"(từ {MIN_TARGET_AGE} tuổi)."))

    if draft.sex is None:
        err(Finding("sex", "Chưa chọn giới tính."))

    cccd: str | None = normalize_cccd(draft.cccd) or None
    if cccd is not None:
        try:
            facts = parse_cccd(cccd)
        except CccdError as e:
            err(Finding("cccd", str(e)))
        else:
            for message in cccd_warnings(facts, draft.sex, birth.year if birth else None):
                warn(Finding("cccd", message))

    if draft.village_id is None:
        err(Finding("village_id", "Chưa chọn thôn/khu phố."))
    if draft.group is None:
        err(Finding("group", "Chưa chọn nhóm đối tượng."))

    if len(_tidy_text(draft.address)) > 200:
        err(Finding("address", "Địa chỉ dài quá 200 ký tự."))
    phone = re.sub(r"[\s.\-()]", "", draft.phone)
    if phone and not _PHONE.match(phone):
        err(Finding("phone", f"Số điện thoại “{draft.phone.strip()}” không hợp lệ (9–12 chữ số)."))

    if check.ok:
        assert birth is not None and draft.sex is not None
        assert draft.village_id is not None and draft.group is not None
        check.data = CitizenData(
            full_name=name, birth=birth, sex=draft.sex, cccd=cccd, village_id=draft.village_id,
            group=draft.group, occupation=_tidy_text(draft.occupation), phone=phone,
            note=_tidy_text(draft.note, keep_lines=True), address=_tidy_text(draft.address),
        )
    return check


def _tidy_text(text: str, keep_lines: bool = False) -> str:
    if not text:  # most optional fields of most rows (a roster's 30,000 rows: 120,000 calls)
        return ""
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in nfc(text).strip().splitlines())
    return " ".join(nfc(text).split())
