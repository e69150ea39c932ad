"""A village's household list from Excel, with the same dry run first as a roster: each member a row with the
household's number and the relation to its head; every person found in the citizen register (by CCCD, or by
name and birth year in the village), nobody in two households. Then the new households in one transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from desktop.db.models import Citizen
from desktop.db.models387 import Household, HouseholdMember
from desktop.domain.names import search_key
from desktop.services.model_registers import HouseholdDraft, ModelError
from desktop.services.register import Register
from desktop.sheets.roster_read import RosterFileError, RosterSheet, read_roster

HEAD_WORDS = ("chu ho", "chu", "ch")


class Outcome(StrEnum):
    NEW = "Hộ mới"
    PRESENT = "Đã có trong sổ"
    ERROR = "Lỗi"


@dataclass
class PlannedHousehold:
    key: str                      # the household's number as the sheet writes it
    rows: list[int]
    outcome: Outcome = Outcome.NEW
    messages: list[str] = field(default_factory=list)
    draft: HouseholdDraft | None = None


@dataclass
class HouseholdDryRun:
    path: Path
    sheet: RosterSheet
    plans: list[PlannedHousehold]

    def count(self, outcome: Outcome) -> int:
        return sum(1 for p in self.plans if p.outcome is outcome)

    def summary(self) -> str:
        return (f"{len(self.plans)} hộ: {self.count(Outcome.NEW)} hộ mới, {self.count(Outcome.PRESENT)} đã có trong "
                f"sổ, {self.count(Outcome.ERROR)} hộ có lỗi.")


class HouseholdImport:
    def __init__(self, register: Register) -> None:
        self.r = register

    def dry_run(self, path: Path) -> HouseholdDryRun:
        sheet = read_roster(path)
        if "household" not in sheet.columns:
            raise RosterFileError(f"{path.name} không có cột “Số hộ”: danh sách hộ cần số hộ ở mỗi dòng (các thành "
                                  "viên cùng hộ cùng một số).")
        villages = {search_key(v.name): v.id for v in self.r.office.villages()}
        with self.r.db.reader() as s:
            people = s.execute(select(Citizen.id, Citizen.full_name, Citizen.name_key, Citizen.birth_year,
                                      Citizen.village_id, Citizen.cccd).where(Citizen.deleted_at.is_(None))).all()
            housed = dict(s.execute(select(HouseholdMember.citizen_id, Household.name)
                                    .join(Household, Household.id == HouseholdMember.household_id)).all())
        names = {p.id: p.full_name for p in people}
        by_cccd = {p.cccd: p for p in people if p.cccd}
        by_name: dict[tuple[str, int], list] = defaultdict(list)
        for p in people:
            by_name[(p.name_key, p.birth_year)].append(p)
        groups: dict[str, list] = defaultdict(list)
        plans: list[PlannedHousehold] = []
        loose = []
        for row in sheet.rows:
            key = row.values.get("household", "").strip()
            if key:
                groups[key].append(row)
            else:
                loose.append(row)
        for row in loose:
            plans.append(PlannedHousehold("", [row.number], Outcome.ERROR,
                                          [f"dòng {row.number}: thiếu số hộ (ô {row.columns['household']}{row.number})"]))
        for key, rows in groups.items():
            plan = PlannedHousehold(key, [r.number for r in rows])
            members: dict[int, str] = {}
            head_id = None
            village_id = None
            for row in rows:
                found = self._find(row, by_cccd, by_name, villages, plan.messages)
                if found is None:
                    continue
                relation = row.values.get("relation", "").strip()
                if found.id in members:
                    plan.messages.append(f"dòng {row.number}: người này đã ghi ở dòng khác của hộ")
                    continue
                members[found.id] = relation
                if search_key(relation) in HEAD_WORDS and head_id is None:
                    head_id = found.id
                village_id = village_id or found.village_id
            if head_id is None and members:
                head_id = next(iter(members))  # no row says "chủ hộ": the household's first
            elsewhere = [f"{names[cid]} đã ở “{housed[cid]}”" for cid in members if cid in housed]
            if plan.messages:
                plan.outcome = Outcome.ERROR
            elif elsewhere and len(elsewhere) == len(members):
                plan.outcome = Outcome.PRESENT
                plan.messages.append(f"hộ số {key}: mọi người đã có hộ trong sổ")
            elif elsewhere:
                plan.outcome = Outcome.ERROR
                plan.messages.append(f"hộ số {key}: " + "; ".join(elsewhere) + " (mỗi người chỉ ở một hộ)")
            elif members:
                plan.draft = HouseholdDraft(f"Hộ {names[head_id]}", village_id, head_id,
                                            {cid: ("Chủ hộ" if cid == head_id else rel) for cid, rel in members.items()})
            else:
                plan.outcome = Outcome.ERROR
            plans.append(plan)
        return HouseholdDryRun(path, sheet, plans)

    def import_plans(self, dry: HouseholdDryRun) -> int:
        """The new households, all in one transaction; returns how many."""
        drafts = [p.draft for p in dry.plans if p.outcome is Outcome.NEW and p.draft is not None]
        if not drafts:
            return 0
        try:
            ids = self.r.households.save_all(drafts)
        except ModelError as e:
            raise ModelError(f"Chưa nhập hộ nào: {e}") from None
        return len(ids)

    @staticmethod
    def _find(row, by_cccd: dict, by_name: dict, villages: dict, messages: list[str]):  # noqa: ANN001, ANN205
        """The person of the register a row names: by CCCD, else by name and birth year (in the village)."""
        v = row.values
        cccd = "".join(ch for ch in v.get("cccd", "") if ch.isdigit())
        if cccd:
            if cccd in by_cccd:
                return by_cccd[cccd]
            messages.append(f"dòng {row.number}: không có ai số CCCD {cccd} trong sổ (nhập người này vào sổ trước)")
            return None
        name, birth = search_key(v.get("full_name", "")), v.get("birth", "")
        year = int(birth[-4:]) if birth[-4:].isdigit() else None
        candidates = by_name.get((name, year), []) if year else []
        village = villages.get(search_key(v.get("village", "")))
        if village is not None and len(candidates) > 1:
            candidates = [c for c in candidates if c.village_id == village]
        if len(candidates) == 1:
            return candidates[0]
        who = f"{v.get('full_name', '')} ({birth or 'không rõ năm sinh'})"
        messages.append(f"dòng {row.number}: " + (f"có {len(candidates)} người {who} trong sổ: ghi số CCCD để phân biệt"
                                                  if candidates else f"không tìm thấy {who} trong sổ"))
        return None

