"""Importing a village roster: a dry run that says, row by row, what would happen (new, already on the
register, possible duplicate, error), then the import of the good rows in one transaction."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy import func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from desktop.db.base import UTCDateTime, new_uuid, utcnow
from desktop.db.engine import is_sqlite
from desktop.db.models import AuditEntry, Citizen
from desktop.domain.cccd import parse_cccd
from desktop.domain.citizen import CitizenData, CitizenDraft, check_draft
from desktop.domain.groups import CitizenGroup
from desktop.domain.names import search_key, sort_key
from desktop.domain.sex import Sex
from desktop.services.backups import BackupError, backup_beside
from desktop.services.register import Register
from desktop.sheets.roster_read import FIELD_HEADERS, RosterFileError, RosterSheet, read_roster

FIELD_OF_CHECK = {"village_id": "village"}  # the domain's field names that differ from the sheet's


class Outcome(StrEnum):
    NEW = "Mới"
    PRESENT = "Đã có trong sổ"
    DUPLICATE = "Có thể trùng"
    ERROR = "Lỗi"


@dataclass
class RowResult:
    number: int
    full_name: str
    outcome: Outcome
    messages: list[str] = field(default_factory=list)
    data: CitizenData | None = None


@dataclass
class DryRun:
    path: Path
    sheet: RosterSheet
    results: list[RowResult]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome is outcome)

    def notes(self) -> dict[int, tuple[str, bool]]:
        """For the error copy: row number -> (what was found, is it an error)."""
        return {r.number: ("; ".join(r.messages) or r.outcome.value, r.outcome is Outcome.ERROR)
                for r in self.results if r.messages or r.outcome is not Outcome.NEW}

    def summary(self) -> str:
        return (f"{len(self.results)} dòng: {self.count(Outcome.NEW)} người mới, {self.count(Outcome.PRESENT)} đã có "
                f"trong sổ, {self.count(Outcome.DUPLICATE)} có thể trùng, {self.count(Outcome.ERROR)} dòng lỗi.")


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int


class RosterError(ValueError):
    """The import could not be done; nothing was saved. The message is for the clerk."""


class RosterService:
    def __init__(self, register: Register, today: Callable[[], date] = date.today) -> None:
        self.r = register
        self._today = today

    def dry_run(self, path: Path, default_village_id: int | None = None,
                default_group: CitizenGroup | None = None) -> DryRun:
        """Read and check every row; nothing is written."""
        sheet = read_roster(path)
        villages = self.r.office.villages()
        if not villages:
            raise RosterFileError("Xã chưa có thôn, khu phố nào nên chưa nhập được danh sách: hãy thêm các thôn, khu "
                                  "phố trước (Danh mục → Thôn, khu phố), rồi nhập lại tệp này.")
        by_key = {search_key(v.name): v.id for v in villages}
        taken: dict[str, str] = {}  # the CCCDs on the register, the deleted's too, with their names
        people: dict[tuple[str, int, int], list[tuple[int | None, int | None]]] = defaultdict(list)  # the living
        c = Citizen.__table__.c  # one pass over the table, as plain rows (not the ORM's)
        with self.r.db.reader() as s:
            for cccd, key, year, village, month, day, deleted in s.execute(
                    select(c.cccd, c.name_key, c.birth_year, c.village_id, c.birth_month, c.birth_day,
                           c.deleted_at.is_not(None))):
                if cccd is not None:
                    taken[cccd] = key
                if not deleted:
                    people[(key, year, village)].append((month, day))
        today = self._today()
        seen_cccd: dict[str, int] = {}
        seen_person: dict[tuple, int] = {}
        results = []
        for row in sheet.rows:
            v = row.values
            result = RowResult(row.number, v.get("full_name", ""), Outcome.NEW)
            errors: list[tuple[str, str]] = []

            def cell(name: str, r=row) -> str:  # noqa: ANN001
                column = r.columns.get(name)
                where = f" ({column}{r.number})" if column else ""
                return f"dòng {r.number}, cột “{FIELD_HEADERS[name]}”{where}"

            village_id = _village(v.get("village", ""), by_key, default_village_id)
            if village_id is None:
                errors.append(("village", f"“{v.get('village', '')}” không có trong danh sách thôn/khu phố của xã"
                               if v.get("village") else "chưa có thôn/khu phố"))
            sex = _sex(v.get("sex", ""))
            if sex is None:
                errors.append(("sex", f"“{v.get('sex', '')}” không phải Nam/Nữ" if v.get("sex") else "chưa có giới tính"))
            group = _group(v.get("group", "")) or default_group
            if group is None:
                errors.append(("group", f"“{v.get('group', '')}” không phải nhóm 1, 2 hay 3" if v.get("group")
                               else "chưa có nhóm đối tượng"))
            typed = v.get("cccd", "")
            # a CCCD typed into a number cell lost its leading zeros (every province code starts with 0)
            padded = typed.zfill(12) if "cccd" in row.numbers and typed.isdigit() and len(typed) in (10, 11) else ""
            draft = CitizenDraft(v.get("full_name", ""), v.get("birth", ""), sex, padded or typed, village_id,
                                 group, v.get("occupation", ""), v.get("phone", ""), v.get("note", ""),
                                 v.get("address", ""))
            check = check_draft(draft, today)
            restored = ""
            if padded and check.data is not None:
                facts = parse_cccd(padded)
                if (facts.sex, facts.birth_year) == (check.data.sex, check.data.birth.year):
                    restored = (f"{cell('cccd')}: ô kiểu số làm mất số 0 ở đầu ({typed}); đã khôi phục thành "
                                f"{padded} vì giới tính và năm sinh trong số khớp với dòng này")
                else:
                    errors.append(("cccd", f"{typed} chỉ có {len(typed)} chữ số (ô kiểu số bỏ mất số 0 ở đầu?), và "
                                           f"thêm số 0 thành {padded} thì giới tính, năm sinh trong số không khớp với "
                                           "dòng này: hãy gõ lại đủ 12 chữ số (định dạng ô là Văn bản)"))
            for finding in check.errors:
                name = FIELD_OF_CHECK.get(finding.field, finding.field)
                if name not in {e[0] for e in errors}:
                    errors.append((name, finding.message))
            result.messages = [f"{cell(name)}: {message}" for name, message in errors]
            if result.messages:
                result.outcome = Outcome.ERROR
                results.append(result)
                continue
            data = check.data
            assert data is not None
            result.full_name, result.data = data.full_name, data
            result.messages += ([restored] if restored else []) + [f"dòng {row.number}: {w.message}"
                                                                     for w in check.warnings]
            key = search_key(data.full_name)
            if data.cccd:
                if data.cccd in seen_cccd:
                    result.outcome = Outcome.ERROR
                    result.messages.insert(0, f"{cell('cccd')}: số CCCD {data.cccd} trùng với dòng "
                                              f"{seen_cccd[data.cccd]} của tệp")
                elif data.cccd in taken:
                    if taken[data.cccd] == key:
                        result.outcome = Outcome.PRESENT
                    else:
                        result.outcome = Outcome.ERROR
                        result.messages.insert(0, f"{cell('cccd')}: số CCCD {data.cccd} đã có trong sổ cho người khác")
                seen_cccd.setdefault(data.cccd, row.number)
            if result.outcome is Outcome.NEW:
                person = (key, data.birth.year, data.village_id)
                same = [(m, d) for m, d in people.get(person, [])
                        if data.birth.day is None or d is None or (m, d) == (data.birth.month, data.birth.day)]
                if same:
                    result.outcome = Outcome.DUPLICATE
                    result.messages.insert(0, f"dòng {row.number}: có thể trùng với người cùng họ tên, năm sinh, "
                                              "thôn đã có trong sổ")
                elif person in seen_person:
                    result.outcome = Outcome.DUPLICATE
                    result.messages.insert(0, f"dòng {row.number}: có thể trùng với dòng {seen_person[person]}")
                seen_person.setdefault(person, row.number)
            results.append(result)
        return DryRun(path, sheet, results)

    def import_rows(self, dry: DryRun, include_duplicates: bool = False) -> ImportResult:
        """The new rows (and the possible duplicates, if the clerk says so) in one transaction."""
        wanted = {Outcome.NEW, Outcome.DUPLICATE} if include_duplicates else {Outcome.NEW}
        chosen = [r for r in dry.results if r.outcome in wanted and r.data is not None]
        if not chosen:
            return ImportResult(0, len(dry.results))
        actor, now = self.r.office.clerk_name(), utcnow()
        self.r.db.ensure_sound()  # before the backup: a damaged file is neither copied nor written into
        with ExitStack() as stack:
            backed_up = None
            if is_sqlite(self.r.db.engine):
                try:
                    backed_up = stack.enter_context(backup_beside(self.r.db, self.r.folder, "truoc-nhap-excel"))
                except BackupError as e:
                    raise RosterError(f"Chưa nhập (không sao lưu được trước khi nhập): {e}") from None
            self._insert(dry, chosen, actor, now, backed_up)
        self.r.db.analyze("citizen", "audit_entry")
        return ImportResult(len(chosen), len(dry.results) - len(chosen))

    def _insert(self, dry: DryRun, chosen: list[RowResult], actor: str, now, backed_up) -> None:  # noqa: ANN001
        """The rows and their audit lines in one transaction, committed only once the backup is written."""
        try:
            with self.r.db.session() as s:
                last_id = s.scalar(select(func.max(Citizen.id))) or 0
                s.execute(insert(Citizen.__table__), [_row(r.data, now) for r in chosen if r.data])
                changes = json.dumps({"Nguồn": [None, f"{dry.path.name}, trang {dry.sheet.sheet_name}"]},
                                     ensure_ascii=False)
                s.execute(insert(AuditEntry.__table__).from_select(
                    ["at", "actor", "action", "entity", "entity_id", "entity_uuid", "summary", "changes"],
                    select(literal(now, UTCDateTime()), literal(actor), literal("create"), literal("citizen"),
                           Citizen.id, Citizen.uuid, literal("Thêm ") + Citizen.full_name + literal(" vào sổ (nhập từ Excel)"),
                           literal(changes))
                    # created_at too: on a shared server another clerk's new person may land beside this batch
                    .where(Citizen.id > last_id, Citizen.created_at == now)))
                if backed_up is not None:
                    try:
                        backed_up()  # the ZIP written while the rows went in: now the batch may commit
                    except BackupError as e:
                        raise RosterError(f"Chưa nhập (không sao lưu được trước khi nhập): {e}") from None
        except IntegrityError:
            # nothing was imported: backup_beside removes the copy taken before it (the register as it is)
            raise RosterError("Trong lúc kiểm tra, có người khác vừa được nhập trùng số CCCD: chưa lưu gì. "
                              "Hãy kiểm tra lại tệp.") from None


def _row(data: CitizenData, now) -> dict:  # noqa: ANN001
    return {"uuid": new_uuid(), "version": 1, "full_name": data.full_name, "name_key": search_key(data.full_name),
            "sort_key": sort_key(data.full_name), "birth_year": data.birth.year, "birth_month": data.birth.month,
            "birth_day": data.birth.day, "sex": data.sex.value, "cccd": data.cccd, "village_id": data.village_id,
            "citizen_group": int(data.group), "occupation": data.occupation, "phone": data.phone, "note": data.note,
            "address": data.address,
            "deleted_reason": "", "created_at": now, "updated_at": now}


def _village(text: str, by_key: dict[str, int], default: int | None) -> int | None:
    key = search_key(text)
    if not key:
        return default
    if key in by_key:
        return by_key[key]
    # "Phú Lập" for "Thôn Phú Lập", "thon 3" for "Thôn 3"
    found = [vid for name, vid in by_key.items() if name.endswith(" " + key) or key.endswith(" " + name)]
    return found[0] if len(found) == 1 else None


def _sex(text: str) -> Sex | None:
    key = search_key(text)
    if key in ("nam", "m", "male", "trai", "1"):
        return Sex.MALE
    if key in ("nu", "f", "female", "gai", "2"):
        return Sex.FEMALE
    return None


def _group(text: str) -> CitizenGroup | None:
    key = search_key(text)
    if not key:
        return None
    first = key.split()[-1] if key.startswith("nhom") else key.split()[0]
    if first.isdigit():
        try:
            return CitizenGroup(int(first))
        except ValueError:
            return None
    for group in CitizenGroup:  # a group's own names, as the criteria set writes them
        if key in (search_key(group.short_label), search_key(group.label), group.definition.code.replace("-", " ")):
            return group
    for words, number in ((("nong dan", "lao dong nong thon", "nong nghiep"), 1),
                          (("cong nhan", "tho", "thu cong", "tieu thu cong"), 2),
                          (("can bo", "cong chuc", "vien chuc", "doanh nhan", "nhan vien", "quan ly"), 3)):
        if any(key.startswith(w) or f" {w}" in f" {key}" for w in words):
            return CitizenGroup(number)  # the programme's three, as clerks write them
    return None
