"""The registers of Programme 387's learning models: households (with their members, people of the citizen
register, each in at most one), clans (with their households) and organisations (with their staff). Every
change is audited, an edit on a stale copy is refused, nothing is hard-deleted; names are found as one
types, without diacritics."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.engine import Database
from desktop.db.models import Citizen, Village
from desktop.db.models387 import Clan, ClanHousehold, Household, HouseholdMember, ModelEnrolment, Organisation
from desktop.domain.cycle import Status
from desktop.domain.names import search_key
from desktop.domain.text import printable
from desktop.services.enrolments import STALE

ORGANISATION_KINDS = {"co-quan": "Cơ quan", "truong-hoc": "Trường học", "doanh-nghiep": "Doanh nghiệp",
                      "to-chuc": "Tổ chức khác"}


class ModelError(ValueError):
    """A refused change; the message is for the clerk and names what is wrong."""


@dataclass(frozen=True)
class Found:
    id: int
    name: str
    detail: str      # village, head, kind: what tells two of the same name apart
    version: int


@dataclass
class HouseholdDraft:
    name: str
    village_id: int
    head_id: int | None = None
    members: dict[int, str] = field(default_factory=dict)  # citizen id -> relation to the head
    address: str = ""
    note: str = ""


@dataclass
class ClanDraft:
    name: str                 # family name and branch: "Họ Nguyễn Văn (chi trưởng)"
    contact: str = ""         # the head or contact, with a phone if the office keeps one
    households: list[int] = field(default_factory=list)
    note: str = ""


@dataclass
class OrganisationDraft:
    name: str
    kind: str = "co-quan"
    headcount: int | None = None
    village_id: int | None = None
    staff: list[int] = field(default_factory=list)  # citizen ids
    note: str = ""


R = TypeVar("R", Household, Clan, Organisation)


class _Register(Generic[R]):
    """What the three registers share: names, finding, deletion with a reason, the audit, stale edits."""

    table: type[R]
    model: str  # the learning model its records are enrolled as (models387.Model's value)
    entity: str
    what: str  # "hộ", "dòng họ", "đơn vị": in messages

    def __init__(self, db: Database, actor: Callable[[], str]) -> None:
        self.db = db
        self._actor = actor

    def find(self, text: str = "", limit: int = 50) -> list[Found]:
        """By name as one types (no diacritics needed); every word must start a word of the name."""
        words = search_key(text).split()
        with self.db.reader() as s:
            stmt = select(self.table).where(self.table.deleted_at.is_(None))
            for w in words:
                stmt = stmt.where((self.table.name_key.like(f"{w}%")) | (self.table.name_key.like(f"% {w}%")))
            rows = s.scalars(stmt.order_by(self.table.name_key, self.table.id).limit(limit)).all()
            details = self._details(s, [r.id for r in rows])
            return [Found(r.id, r.name, details.get(r.id, ""), r.version) for r in rows]

    def names(self, ids: list[int]) -> dict[int, str]:
        with self.db.reader() as s:
            return dict(s.execute(select(self.table.id, self.table.name).where(self.table.id.in_(ids))).all())

    def details(self, ids: list[int]) -> dict[int, str]:
        """What tells each apart (its village and head, its households, its kind and staff), by id."""
        with self.db.reader() as s:
            return self._details(s, ids)

    def count(self) -> int:
        with self.db.reader() as s:
            return s.scalar(select(func.count()).select_from(self.table).where(self.table.deleted_at.is_(None))) or 0

    def delete(self, record_id: int, reason: str) -> None:
        reason = " ".join(reason.split())
        if not reason:
            raise ModelError(f"Cần ghi lý do xoá {self.what} (ví dụ: chuyển đi, nhập trùng).")
        with self.db.session(ModelError(STALE)) as s:
            r = s.get_one(self.table, record_id)
            if r.deleted_at is not None:
                raise ModelError(f"{r.name} đã bị xoá trước đó.")
            r.deleted_at, r.deleted_reason = utcnow(), reason
            r.version += 1
            self._release(s, r)
            self._withdraw_open_years(s, r, reason)
            audit.record(s, actor=self._actor(), action="delete", entity=self.entity, entity_id=r.id,
                         entity_uuid=r.uuid, summary=f"Xoá {self.what} {r.name}", changes={"Lý do xoá": [None, reason]})

    def _save(self, record_id: int | None, expected_version: int | None, name: str, note: str,
              apply: Callable[[Session, R], dict[str, list]], session: Session | None = None) -> int:
        """In its own transaction, or in `session` (a batch: an import's households all or none)."""
        name, note = _clean(name, f"Tên {self.what}", 200), _clean(note, "Ghi chú", 2000, required=False)
        with nullcontext(session) if session is not None else self.db.session(ModelError(STALE)) as s:
            if record_id is None:
                r = self.table(name=name, name_key=search_key(name), note=note)
                s.add(r)
                with s.no_autoflush:  # flushed by `apply` once its own required columns are set
                    changes = apply(s, r)
                audit.record(s, actor=self._actor(), action="create", entity=self.entity, entity_id=r.id,
                             entity_uuid=r.uuid, summary=f"Thêm {self.what} {name}",
                             changes={"Tên": [None, name], **changes})
                return r.id
            r = s.get_one(self.table, record_id)
            if expected_version is not None and r.version != expected_version:
                raise ModelError(STALE)
            if r.deleted_at is not None:
                raise ModelError(f"{r.name} đã bị xoá: không sửa được.")
            changes = {"Tên": [r.name, name]} if r.name != name else {}
            if r.note != note:
                changes["Ghi chú"] = [r.note, note]
            r.name, r.name_key, r.note = name, search_key(name), note
            with s.no_autoflush:
                changes.update(apply(s, r))
            if changes:
                r.version += 1
                audit.record(s, actor=self._actor(), action="update", entity=self.entity, entity_id=r.id,
                             entity_uuid=r.uuid, summary=f"Sửa {self.what} {name}", changes=changes)
            return r.id

    def _withdraw_open_years(self, s: Session, r: R, reason: str) -> None:
        """A deleted household (clan, unit) leaves the years it had not finished: withdrawn with the deletion's
        reason, so the year's counts no longer hold it; a decided year stays as it was decided (a record)."""
        open_steps = [st.value for st in Status if not st.decided and st is not Status.WITHDRAWN]
        for e in s.scalars(select(ModelEnrolment).where(ModelEnrolment.model == self.model,
                                                        ModelEnrolment.subject_id == r.id,
                                                        ModelEnrolment.status.in_(open_steps))):
            before = Status(e.status)
            e.withdrawn_from, e.withdrawn_reason = before.value, f"Xoá khỏi sổ: {reason}"[:200]
            e.status = Status.WITHDRAWN.value
            e.version += 1
            audit.record(s, actor=self._actor(), action="update", entity="model_enrolment", entity_id=e.id,
                         entity_uuid=e.uuid, summary=f"Rút tên khỏi năm {e.year} vì xoá {self.what} {r.name}",
                         changes={"Bước": [before.label, Status.WITHDRAWN.label], "Lý do": [None, reason]})

    def _details(self, s: Session, ids: list[int]) -> dict[int, str]:
        """What tells the found apart, for all of them in one query (one query each took 16 ms a search)."""
        raise NotImplementedError

    def _release(self, s: Session, r: R) -> None:
        """What a deleted record held is let go (members, households, staff), so others may take them."""


class HouseholdService(_Register[Household]):
    table, entity, what, model = Household, "household", "hộ", "family"

    def from_register(self, village_id: int | None = None) -> list[HouseholdDraft]:
        """Households proposed from the register: the people of a village at one address (as the entry form
        or the roster gives it) who are in no household yet; the head the oldest man, else the oldest."""
        with self.db.reader() as s:
            stmt = (select(Citizen.id, Citizen.full_name, Citizen.sex, Citizen.birth_year, Citizen.village_id,
                           Citizen.address)
                    .where(Citizen.deleted_at.is_(None), Citizen.address != "",
                           Citizen.id.not_in(select(HouseholdMember.citizen_id)))
                    .order_by(Citizen.village_id, Citizen.id))
            if village_id is not None:
                stmt = stmt.where(Citizen.village_id == village_id)
            groups: dict[tuple[int, str], list] = {}
            for p in s.execute(stmt):
                groups.setdefault((p.village_id, search_key(p.address)), []).append(p)
        drafts = []
        for (village, _), people in groups.items():
            head = min(people, key=lambda p: (p.sex != "M", p.birth_year, p.id))
            drafts.append(HouseholdDraft(f"Hộ {'ông' if head.sex == 'M' else 'bà'} {head.full_name}", village, head.id,
                                         {p.id: "" for p in people if p.id != head.id}, people[0].address))
        return drafts

    def save_all(self, drafts: Sequence[HouseholdDraft]) -> list[int]:
        """New households in one transaction (an imported list: all of it or none)."""
        with self.db.batch(ModelError(STALE)) as s:
            return [self.save(d, session=s) for d in drafts]

    def save(self, draft: HouseholdDraft, household_id: int | None = None, expected_version: int | None = None,
             session: Session | None = None) -> int:
        def apply(s: Session, h: Household) -> dict[str, list]:
            village = s.get(Village, draft.village_id)
            if village is None or village.deleted_at is not None:
                raise ModelError("Chọn thôn, khu phố của hộ.")
            members = dict(draft.members)
            if draft.head_id is not None:
                members.setdefault(draft.head_id, "Chủ hộ")
            people = _people(s, members)
            changes: dict[str, list] = {}
            if h.village_id != village.id:
                changes["Thôn"] = [None if h.village_id is None else s.get_one(Village, h.village_id).name, village.name]
            if h.head_id != draft.head_id:
                changes["Chủ hộ"] = [_name(s, h.head_id), _name(s, draft.head_id)]
            address = _clean(draft.address, "Địa chỉ", 200, required=False)
            if h.address != address:
                changes["Địa chỉ"] = [h.address or None, address or None]
            h.village_id, h.head_id, h.address = village.id, draft.head_id, address
            s.flush()  # a new household has its id from here
            taken = s.execute(select(HouseholdMember.citizen_id, Household.name)
                              .join(Household, Household.id == HouseholdMember.household_id)
                              .where(HouseholdMember.citizen_id.in_(members), HouseholdMember.household_id != h.id)
                              ).all()
            if taken:
                raise ModelError("; ".join(f"{people[cid].full_name} đã ở “{name}”" for cid, name in taken)
                                 + ": mỗi người chỉ ở một hộ.")
            before = _members(s, h.id)
            relations = {cid: _clean(rel, "Quan hệ với chủ hộ", 50, required=False) for cid, rel in members.items()}
            if before != relations:
                s.execute(delete(HouseholdMember).where(HouseholdMember.household_id == h.id))
                s.flush()
                s.add_all(HouseholdMember(household_id=h.id, citizen_id=cid, relation=rel)
                          for cid, rel in relations.items())
                changes["Thành viên"] = [_listed(s, before), _listed(s, relations)]
            return changes

        return self._save(household_id, expected_version, draft.name, draft.note, apply, session)

    def get(self, household_id: int) -> tuple[HouseholdDraft, int]:
        """A household as its form shows it, and its version (for the stale-edit check)."""
        with self.db.reader() as s:
            h = s.get_one(Household, household_id)
            return HouseholdDraft(h.name, h.village_id, h.head_id, _members(s, h.id), h.address, h.note), h.version

    def member_names(self, household_id: int) -> list[tuple[int, str, str]]:
        """(citizen id, full name with birth year, relation) of each member, in the order they were entered."""
        with self.db.reader() as s:
            return [(cid, f"{name} ({year})", rel) for cid, name, year, rel in s.execute(
                select(Citizen.id, Citizen.full_name, Citizen.birth_year, HouseholdMember.relation)
                .join(HouseholdMember, HouseholdMember.citizen_id == Citizen.id)
                .where(HouseholdMember.household_id == household_id).order_by(HouseholdMember.id))]

    def members(self, household_id: int) -> dict[int, str]:
        with self.db.reader() as s:
            return _members(s, household_id)

    def of_citizen(self, citizen_id: int) -> int | None:
        with self.db.reader() as s:
            return s.scalar(select(HouseholdMember.household_id).where(HouseholdMember.citizen_id == citizen_id))

    def _details(self, s: Session, ids: list[int]) -> dict[int, str]:
        rows = s.execute(select(Household.id, Village.name, Citizen.full_name)
                         .join(Village, Village.id == Household.village_id)
                         .outerjoin(Citizen, Citizen.id == Household.head_id).where(Household.id.in_(ids)))
        return {hid: village + (f", chủ hộ {head}" if head else "") for hid, village, head in rows}

    def _release(self, s: Session, h: Household) -> None:
        s.execute(delete(HouseholdMember).where(HouseholdMember.household_id == h.id))
        s.execute(delete(ClanHousehold).where(ClanHousehold.household_id == h.id))


class ClanService(_Register[Clan]):
    table, entity, what, model = Clan, "clan", "dòng họ", "clan"

    def save(self, draft: ClanDraft, clan_id: int | None = None, expected_version: int | None = None) -> int:
        def apply(s: Session, c: Clan) -> dict[str, list]:
            wanted = list(dict.fromkeys(draft.households))
            found = {h.id: h for h in s.scalars(select(Household).where(Household.id.in_(wanted),
                                                                         Household.deleted_at.is_(None)))}
            if missing := [i for i in wanted if i not in found]:
                raise ModelError(f"Không có hộ số {', '.join(map(str, missing))} trong sổ (hoặc đã bị xoá).")
            taken = s.execute(select(ClanHousehold.household_id, Clan.name)
                              .join(Clan, Clan.id == ClanHousehold.clan_id)
                              .where(ClanHousehold.household_id.in_(wanted), ClanHousehold.clan_id != c.id)).all()
            if taken:
                raise ModelError("; ".join(f"“{found[hid].name}” đã thuộc “{name}”" for hid, name in taken)
                                 + ": mỗi hộ thuộc một dòng họ.")
            changes: dict[str, list] = {}
            contact = _clean(draft.contact, "Người liên hệ", 200, required=False)
            if c.contact != contact:
                changes["Trưởng họ, người liên hệ"] = [c.contact or None, contact or None]
            c.contact = contact
            s.flush()
            before = set(s.scalars(select(ClanHousehold.household_id).where(ClanHousehold.clan_id == c.id)))
            if before != set(wanted):
                s.execute(delete(ClanHousehold).where(ClanHousehold.clan_id == c.id))
                s.flush()
                s.add_all(ClanHousehold(clan_id=c.id, household_id=i) for i in wanted)
                changes["Các hộ"] = [len(before), len(wanted)]
            return changes

        return self._save(clan_id, expected_version, draft.name, draft.note, apply)

    def get(self, clan_id: int) -> tuple[ClanDraft, int]:
        """The clan as a draft to edit, and the version read (a save made on it elsewhere meanwhile is refused)."""
        with self.db.reader() as s:
            c = s.get_one(Clan, clan_id)
            return ClanDraft(c.name, c.contact, self._households(s, clan_id), c.note), c.version

    def households(self, clan_id: int) -> list[int]:
        with self.db.reader() as s:
            return self._households(s, clan_id)

    @staticmethod
    def _households(s: Session, clan_id: int) -> list[int]:
        return list(s.scalars(select(ClanHousehold.household_id).where(ClanHousehold.clan_id == clan_id)
                              .order_by(ClanHousehold.household_id)))

    def _details(self, s: Session, ids: list[int]) -> dict[int, str]:
        rows = s.execute(select(Clan.id, Clan.contact, func.count(ClanHousehold.id))
                         .outerjoin(ClanHousehold, ClanHousehold.clan_id == Clan.id)
                         .where(Clan.id.in_(ids)).group_by(Clan.id, Clan.contact))
        return {cid: f"{n} hộ" + (f", liên hệ {contact}" if contact else "") for cid, contact, n in rows}

    def _release(self, s: Session, c: Clan) -> None:
        s.execute(delete(ClanHousehold).where(ClanHousehold.clan_id == c.id))


class OrganisationService(_Register[Organisation]):
    table, entity, what, model = Organisation, "organisation", "đơn vị", "unit"

    def save(self, draft: OrganisationDraft, organisation_id: int | None = None,
             expected_version: int | None = None) -> int:
        def apply(s: Session, o: Organisation) -> dict[str, list]:
            if draft.kind not in ORGANISATION_KINDS:
                raise ModelError("Chọn loại đơn vị: " + ", ".join(ORGANISATION_KINDS.values()) + ".")
            staff = list(dict.fromkeys(draft.staff))
            _people(s, dict.fromkeys(staff, ""))
            if draft.headcount is not None and not 0 <= draft.headcount <= 1_000_000:
                raise ModelError("Số cán bộ, người lao động phải từ 0 trở lên.")
            if draft.headcount is not None and len(staff) > draft.headcount:
                raise ModelError(f"Đơn vị ghi {draft.headcount} người nhưng đang gắn {len(staff)} người trong sổ: "
                                 "sửa số người của đơn vị hoặc bớt người.")
            changes: dict[str, list] = {}
            for label, attr, value in (("Loại", "kind", draft.kind), ("Số người", "headcount", draft.headcount),
                                       ("Thôn", "village_id", draft.village_id)):
                if getattr(o, attr) != value:
                    changes[label] = [getattr(o, attr), value]
                    setattr(o, attr, value)
            s.flush()
            before = set(s.scalars(select(Citizen.id).where(Citizen.organisation_id == o.id)))
            if before != set(staff):
                # bulk updates of the link: a person's own version is not touched (the link is the unit's record)
                s.execute(update(Citizen).where(Citizen.organisation_id == o.id).values(organisation_id=None)
                          .execution_options(synchronize_session=False))
                if staff:
                    s.execute(update(Citizen).where(Citizen.id.in_(staff)).values(organisation_id=o.id)
                              .execution_options(synchronize_session=False))
                changes["Cán bộ, người lao động trong sổ"] = [len(before), len(staff)]
            return changes

        return self._save(organisation_id, expected_version, draft.name, draft.note, apply)

    def staff(self, organisation_id: int) -> list[int]:
        with self.db.reader() as s:
            return list(s.scalars(select(Citizen.id).where(Citizen.organisation_id == organisation_id,
                                                           Citizen.deleted_at.is_(None)).order_by(Citizen.sort_key)))

    def workplace_texts(self) -> list[tuple[str, int]]:
        """The workplaces typed as free text by people not yet linked to a unit, with how many people each:
        for the clerk to match, once, to the units."""
        with self.db.reader() as s:
            return [(t, n) for t, n in s.execute(
                select(Citizen.occupation, func.count()).where(Citizen.deleted_at.is_(None), Citizen.occupation != "",
                                                               Citizen.organisation_id.is_(None))
                .group_by(Citizen.occupation).order_by(func.count().desc(), Citizen.occupation))]

    def link_workplace(self, text: str, organisation_id: int) -> int:
        """Everyone whose workplace reads `text` (and no unit yet) joins the unit; returns how many."""
        with self.db.session(ModelError(STALE)) as s:
            o = s.get_one(Organisation, organisation_id)
            ids = list(s.scalars(select(Citizen.id).where(Citizen.occupation == text, Citizen.deleted_at.is_(None),
                                                          Citizen.organisation_id.is_(None))))
            if ids:
                s.execute(update(Citizen).where(Citizen.id.in_(ids)).values(organisation_id=o.id)
                          .execution_options(synchronize_session=False))
                audit.record(s, actor=self._actor(), action="update", entity=self.entity, entity_id=o.id,
                             entity_uuid=o.uuid, summary=f"Gắn người làm ở “{text}” vào đơn vị {o.name}",
                             changes={"Cán bộ, người lao động trong sổ": [None, len(ids)]})
            return len(ids)

    def _details(self, s: Session, ids: list[int]) -> dict[int, str]:
        rows = s.execute(select(Organisation.id, Organisation.kind, Organisation.headcount, func.count(Citizen.id))
                         .outerjoin(Citizen, (Citizen.organisation_id == Organisation.id) & Citizen.deleted_at.is_(None))
                         .where(Organisation.id.in_(ids))
                         .group_by(Organisation.id, Organisation.kind, Organisation.headcount))
        return {oid: f"{ORGANISATION_KINDS.get(kind, kind)}, {n} người trong sổ"
                + (f" / {headcount}" if headcount is not None else "") for oid, kind, headcount, n in rows}

    def _release(self, s: Session, o: Organisation) -> None:
        s.execute(update(Citizen).where(Citizen.organisation_id == o.id).values(organisation_id=None)
                  .execution_options(synchronize_session=False))


def _clean(text: str, what: str, longest: int, required: bool = True) -> str:
    text = printable(" ".join((text or "").split()))
    if required and not text:
        raise ModelError(f"{what}: chưa nhập.")
    if len(text) > longest:
        raise ModelError(f"{what}: dài quá {longest} ký tự.")
    return text


def _people(s: Session, ids: dict[int, str] | Sequence[int]) -> dict[int, Citizen]:
    found = {c.id: c for c in s.scalars(select(Citizen).where(Citizen.id.in_(list(ids)), Citizen.deleted_at.is_(None)))}
    if missing := [i for i in ids if i not in found]:
        raise ModelError(f"Không có người số {', '.join(map(str, missing))} trong sổ (hoặc đã bị xoá).")
    return found


def _members(s: Session, household_id: int | None) -> dict[int, str]:
    if household_id is None:
        return {}
    return dict(s.execute(select(HouseholdMember.citizen_id, HouseholdMember.relation)
                          .where(HouseholdMember.household_id == household_id)
                          .order_by(HouseholdMember.id)).all())


def _name(s: Session, citizen_id: int | None) -> str | None:
    return None if citizen_id is None else s.get_one(Citizen, citizen_id).full_name


def _listed(s: Session, members: dict[int, str]) -> str | None:
    if not members:
        return None
    names = dict(s.execute(select(Citizen.id, Citizen.full_name).where(Citizen.id.in_(list(members)))).all())
    return "; ".join(f"{names[cid]}" + (f" ({rel})" if rel else "") for cid, rel in members.items())
