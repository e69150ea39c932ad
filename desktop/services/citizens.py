"""Registering, correcting, deleting and restoring citizens, with every check and an audit row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError

from desktop.db import audit, citizen_queries
from desktop.db.base import utcnow
from desktop.db.citizen_queries import CitizenFilter, CitizenRow
from desktop.db.engine import Database
from desktop.db.models import Citizen, Village
from desktop.domain.birth import BirthDate
from desktop.domain.citizen import FIELD_LABELS, CitizenCheck, CitizenData, CitizenDraft, Finding, check_draft
from desktop.domain.groups import CitizenGroup
from desktop.domain.names import search_key, sort_key
from desktop.domain.sex import Sex

ENTITY = "citizen"


class CitizenError(ValueError):
    """A refused action; the message is for the clerk."""


STALE = "Hồ sơ này vừa được sửa ở nơi khác: chưa lưu gì. Hãy đóng và mở lại để xem bản mới nhất rồi sửa tiếp."


@dataclass(frozen=True)
class CitizenRecord:
    """One person as the entry dialog and the history need them."""

    id: int
    uuid: str
    version: int
    draft: CitizenDraft
    village_name: str
    deleted: bool
    deleted_reason: str


@dataclass(frozen=True)
class SaveResult:
    check: CitizenCheck
    citizen_id: int | None = None

    @property
    def saved(self) -> bool:
        return self.citizen_id is not None


@dataclass(frozen=True)
class HistoryLine:
    at_local: str
    actor: str
    summary: str
    details: list[str]


class CitizenService:
    def __init__(self, db: Database, actor: Callable[[], str], today: Callable[[], date] = date.today) -> None:
        self.db = db
        self._actor = actor
        self._today = today

    # reading -------------------------------------------------------------------------------------

    def page(self, flt: CitizenFilter, offset: int, limit: int, total: int | None = None) -> list[CitizenRow]:
        """A page of the list; pass `total` from count() when it is known, to spare a query."""
        with self.db.reader() as s:
            return citizen_queries.page(s, flt, offset, limit, total)

    def first_page(self, flt: CitizenFilter, limit: int) -> tuple[int, list[CitizenRow]]:
        """The number of people the filter finds and the first `limit` of them, in one reading."""
        with self.db.reader() as s:
            return citizen_queries.first_page(s, flt, limit)

    def count(self, flt: CitizenFilter) -> int:
        with self.db.reader() as s:
            return citizen_queries.count(s, flt)

    def get(self, citizen_id: int) -> CitizenRecord:
        with self.db.reader() as s:
            c = s.get_one(Citizen, citizen_id)
            return _record(c)

    def history(self, citizen_id: int) -> list[HistoryLine]:
        with self.db.reader() as s:
            rows = audit.history(s, ENTITY, citizen_id)
        return [HistoryLine(r.at.astimezone().strftime("%d/%m/%Y %H:%M"), r.actor, r.summary,
                            [_change_line(k, v) for k, v in r.changes.items()]) for r in rows]

    # checking and saving -------------------------------------------------------------------------

    def check(self, draft: CitizenDraft, citizen_id: int | None = None) -> CitizenCheck:
        """Every check: the domain's, then those that look at the register (CCCD taken, duplicates)."""
        check = check_draft(draft, self._today())
        if check.data is None:
            return check
        data = check.data
        with self.db.reader() as s:
            if s.get(Village, data.village_id) is None:
                check.errors.append(Finding("village_id", "Thôn/khu phố đã chọn không còn trong danh sách."))
            if data.cccd:
                other = citizen_queries.by_cccd(s, data.cccd)
                if other is not None and other.id != citizen_id:
                    where = " (trong danh sách người đã xoá: hãy khôi phục người đó)" if other.deleted_at else ""
                    check.errors.append(Finding(
                        "cccd", f"Số CCCD {data.cccd} đã có trong sổ: {other.full_name}, sinh "
                                f"{_birth(other)}, {other.village.name}{where}.", other.id))
            for other in citizen_queries.possible_duplicates(
                    s, search_key(data.full_name), data.birth.year, data.birth.month, data.birth.day,
                    data.village_id, citizen_id):
                check.warnings.append(Finding(
                    "full_name", f"Có thể trùng với {other.full_name}, sinh {_birth(other)}, "
                                 f"{other.village.name}, đã có trong sổ.", other.id))
        if check.errors:
            check.data = None
        return check

    def register(self, draft: CitizenDraft, accept_warnings: bool = False) -> SaveResult:
        check = self.check(draft)
        if check.data is None or (check.warnings and not accept_warnings):
            return SaveResult(check)
        data = check.data
        try:
            with self.db.session() as s:
                c = Citizen()
                _apply(c, data)
                s.add(c)
                s.flush()
                values = _readable(s, data)
                audit.record(s, actor=self._actor(), action="create", entity=ENTITY, entity_id=c.id,
                             entity_uuid=c.uuid, summary=f"Thêm {data.full_name} vào sổ",
                             changes={k: [None, v] for k, v in values.items() if v not in ("", None)})
                return SaveResult(check, c.id)
        except IntegrityError:
            return SaveResult(self._taken(check))

    def update(self, citizen_id: int, expected_version: int, draft: CitizenDraft,
               accept_warnings: bool = False) -> SaveResult:
        check = self.check(draft, citizen_id)
        if check.data is None or (check.warnings and not accept_warnings):
            return SaveResult(check)
        data = check.data
        try:
            with self.db.session(CitizenError(STALE)) as s:
                c = s.get_one(Citizen, citizen_id)
                if c.version != expected_version:
                    raise CitizenError(STALE)
                if c.deleted_at is not None:
                    raise CitizenError(f"{c.full_name} đã bị xoá khỏi sổ: khôi phục trước khi sửa.")
                before = _readable(s, _data_of(c))
                after = _readable(s, data)
                changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
                if changes:
                    _apply(c, data)
                    c.version += 1
                    audit.record(s, actor=self._actor(), action="update", entity=ENTITY, entity_id=c.id,
                                 entity_uuid=c.uuid, summary=f"Sửa hồ sơ {data.full_name}", changes=changes)
                return SaveResult(check, c.id)
        except IntegrityError:
            return SaveResult(self._taken(check))

    def delete(self, citizen_id: int, reason: str) -> None:
        reason = " ".join(reason.split())
        if not reason:
            raise CitizenError("Cần ghi lý do xoá (ví dụ: chuyển đi nơi khác, nhập trùng).")
        with self.db.session(CitizenError(STALE)) as s:
            c = s.get_one(Citizen, citizen_id)
            if c.deleted_at is not None:
                raise CitizenError(f"{c.full_name} đã bị xoá trước đó.")
            c.deleted_at, c.deleted_reason = utcnow(), reason
            c.version += 1
            audit.record(s, actor=self._actor(), action="delete", entity=ENTITY, entity_id=c.id,
                         entity_uuid=c.uuid, summary=f"Xoá {c.full_name} khỏi sổ",
                         changes={"Lý do xoá": [None, reason]})

    def restore(self, citizen_id: int) -> None:
        with self.db.session(CitizenError(STALE)) as s:
            c = s.get_one(Citizen, citizen_id)
            if c.deleted_at is None:
                raise CitizenError(f"{c.full_name} đang có trong sổ, không cần khôi phục.")
            reason = c.deleted_reason
            c.deleted_at, c.deleted_reason = None, ""
            c.version += 1
            audit.record(s, actor=self._actor(), action="restore", entity=ENTITY, entity_id=c.id,
                         entity_uuid=c.uuid, summary=f"Khôi phục {c.full_name} vào sổ",
                         changes={"Lý do xoá": [reason, None]})

    def _taken(self, check: CitizenCheck) -> CitizenCheck:
        """Another save took the CCCD between the check and the write: report it like the check does."""
        check.data = None
        check.errors.append(Finding("cccd", "Số CCCD này vừa được nhập cho người khác."))
        return check


def _apply(c: Citizen, data: CitizenData) -> None:
    c.full_name = data.full_name
    c.name_key = search_key(data.full_name)
    c.sort_key = sort_key(data.full_name)
    c.birth_year, c.birth_month, c.birth_day = data.birth.year, data.birth.month, data.birth.day
    c.sex = data.sex.value
    c.cccd = data.cccd
    c.village_id = data.village_id
    c.group = int(data.group)
    c.occupation, c.phone, c.note, c.address = data.occupation, data.phone, data.note, data.address


def _data_of(c: Citizen) -> CitizenData:
    return CitizenData(c.full_name, BirthDate(c.birth_year, c.birth_month, c.birth_day), Sex(c.sex), c.cccd,
                       c.village_id, CitizenGroup(c.group), c.occupation, c.phone, c.note, c.address)


def _readable(s, data: CitizenData) -> dict[str, Any]:  # noqa: ANN001
    """Field values as the clerk reads them, for the audit."""
    village = s.get(Village, data.village_id)
    return {
        FIELD_LABELS["full_name"]: data.full_name,
        FIELD_LABELS["birth"]: str(data.birth),
        FIELD_LABELS["sex"]: data.sex.label,
        FIELD_LABELS["cccd"]: data.cccd,
        FIELD_LABELS["village_id"]: village.name if village else None,
        FIELD_LABELS["group"]: data.group.label,
        FIELD_LABELS["occupation"]: data.occupation,
        FIELD_LABELS["phone"]: data.phone,
        FIELD_LABELS["note"]: data.note,
        FIELD_LABELS["address"]: data.address,
    }


def _record(c: Citizen) -> CitizenRecord:
    draft = CitizenDraft(full_name=c.full_name, birth=_birth(c), sex=Sex(c.sex), cccd=c.cccd or "",
                         village_id=c.village_id, group=CitizenGroup(c.group), occupation=c.occupation,
                         phone=c.phone, note=c.note, address=c.address)
    return CitizenRecord(c.id, c.uuid, c.version, draft, c.village.name, c.deleted_at is not None,
                         c.deleted_reason)


def _birth(c: Citizen) -> str:
    return str(BirthDate(c.birth_year, c.birth_month, c.birth_day))


def _change_line(label: str, values: list[Any]) -> str:
    before, after = values
    if before in (None, ""):
        return f"{label}: {after}"
    if after in (None, ""):
        return f"{label}: bỏ “{before}”"
    return f"{label}: {before} → {after}"
