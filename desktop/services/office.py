"""The office itself (set up once at first start) and its list of villages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.engine import Database
from desktop.db.models import Citizen, Office, Village
from desktop.domain.admin_units import tidy_village_name
from desktop.domain.names import search_key, tidy_name


class OfficeError(ValueError):
    """A refused change; the message is for the clerk."""


@dataclass(frozen=True)
class OfficeSetup:
    province_code: int
    province_name: str
    commune_code: int
    commune_name: str
    association_name: str
    clerk_name: str
    upper_level_name: str
    villages: tuple[str, ...]
    kind: str = "commune"  # or "upper": a district/provincial association that receives communes' files


@dataclass(frozen=True)
class OfficeInfo:
    province_name: str
    commune_name: str
    association_name: str
    clerk_name: str
    upper_level_name: str
    commune_code: int
    signer_title: str = ""
    signer_name: str = ""
    decision_symbol: str = ""
    kind: str = "commune"
    upper_recipient: str = ""
    upper_signing_key: str = ""

    @property
    def is_upper(self) -> bool:
        return self.kind == "upper"


@dataclass(frozen=True)
class VillageInfo:
    id: int
    name: str
    citizens: int


class OfficeService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._clerk: str | None = None

    def clerk_name(self) -> str:
        """Who the audit names for changes made now (cached: asked on every save)."""
        if self._clerk is None:
            info = self.info()
            self._clerk = info.clerk_name if info else "Chưa thiết lập"
        return self._clerk

    def info(self) -> OfficeInfo | None:
        with self.db.reader() as s:
            o = s.scalars(select(Office)).first()
            if o is None:
                return None
            return OfficeInfo(o.province_name, o.commune_name, o.association_name, o.clerk_name,
                              o.upper_level_name, o.commune_code, o.signer_title, o.signer_name, o.decision_symbol,
                              o.kind, o.upper_recipient, o.upper_signing_key)

    def set_signer(self, actor: str, title: str, name: str, decision_symbol: str) -> None:
        """Who signs decisions and certificates, and the symbol in decision numbers (practice varies)."""
        values = {"signer_title": " ".join(title.split()), "signer_name": tidy_name(name),
                  "decision_symbol": "".join(decision_symbol.split())}
        if not values["signer_title"] or not values["decision_symbol"]:
            raise OfficeError("Cần nhập chức danh người ký và ký hiệu quyết định.")
        labels = {"signer_title": "Chức danh người ký", "signer_name": "Người ký",
                  "decision_symbol": "Ký hiệu quyết định"}
        with self.db.session() as s:
            office = s.scalars(select(Office)).one()
            changes = {labels[k]: [getattr(office, k), v] for k, v in values.items() if getattr(office, k) != v}
            if changes:
                for k, v in values.items():
                    setattr(office, k, v)
                audit.record(s, actor=actor, action="update", entity="office", entity_id=office.id,
                             entity_uuid=office.uuid, summary="Đổi người ký quyết định", changes=changes)

    def set_up(self, setup: OfficeSetup) -> None:
        """First start: the office and its first villages, in one transaction."""
        names = _clean_village_names(setup.villages)
        if not names and setup.kind == "commune":
            raise OfficeError("Cần nhập ít nhất một thôn/khu phố.")
        clerk = tidy_name(setup.clerk_name)
        if not clerk:
            raise OfficeError("Chưa nhập tên cán bộ nhập liệu.")
        association = " ".join(setup.association_name.split())
        if not association:
            raise OfficeError("Chưa nhập tên Hội Khuyến học.")
        with self.db.session() as s:
            if s.scalars(select(Office)).first() is not None:
                raise OfficeError("Đơn vị đã được thiết lập.")
            office = Office(province_code=setup.province_code, province_name=setup.province_name,
                            commune_code=setup.commune_code, commune_name=setup.commune_name,
                            association_name=association, clerk_name=clerk,
                            upper_level_name=" ".join(setup.upper_level_name.split()), kind=setup.kind)
            s.add(office)
            s.flush()
            audit.record(s, actor=clerk, action="create", entity="office", entity_id=office.id,
                         entity_uuid=office.uuid, summary=f"Thiết lập đơn vị {association}",
                         changes={"Xã/phường": [None, setup.commune_name],
                                  "Tỉnh/thành phố": [None, setup.province_name],
                                  "Cán bộ nhập liệu": [None, clerk]})
            for position, name in enumerate(names):
                self._add_village(s, clerk, name, position)
        self._clerk = clerk

    def set_clerk(self, actor: str, clerk_name: str) -> None:
        clerk = tidy_name(clerk_name)
        if not clerk:
            raise OfficeError("Chưa nhập tên cán bộ nhập liệu.")
        with self.db.session() as s:
            office = s.scalars(select(Office)).one()
            if office.clerk_name != clerk:
                audit.record(s, actor=actor, action="update", entity="office", entity_id=office.id,
                             entity_uuid=office.uuid, summary="Đổi cán bộ nhập liệu",
                             changes={"Cán bộ nhập liệu": [office.clerk_name, clerk]})
                office.clerk_name = clerk
        self._clerk = clerk

    # villages ------------------------------------------------------------------------------------

    def villages(self) -> list[VillageInfo]:
        with self.db.reader() as s:
            counts = dict(s.execute(
                select(Citizen.village_id, func.count()).where(Citizen.deleted_at.is_(None))
                .group_by(Citizen.village_id)).all())
            rows = s.scalars(select(Village).where(Village.deleted_at.is_(None))
                             .order_by(Village.position, Village.id))
            return [VillageInfo(v.id, v.name, counts.get(v.id, 0)) for v in rows]

    def add_village(self, actor: str, name: str) -> int:
        names = _clean_village_names([name])
        if not names:
            raise OfficeError("Chưa nhập tên thôn/khu phố.")
        with self.db.session() as s:
            position = (s.scalar(select(func.max(Village.position))) or 0) + 1
            return self._add_village(s, actor, names[0], position)

    def rename_village(self, actor: str, village_id: int, name: str) -> None:
        names = _clean_village_names([name])
        if not names:
            raise OfficeError("Chưa nhập tên thôn/khu phố.")
        with self.db.session() as s:
            v = s.get_one(Village, village_id)
            self._refuse_same_name(s, names[0], village_id)
            audit.record(s, actor=actor, action="update", entity="village", entity_id=v.id, entity_uuid=v.uuid,
                         summary=f"Đổi tên {v.name} thành {names[0]}", changes={"Tên": [v.name, names[0]]})
            v.name, v.name_key = names[0], search_key(names[0])

    def remove_village(self, actor: str, village_id: int) -> None:
        with self.db.session() as s:
            v = s.get_one(Village, village_id)
            people = s.scalar(select(func.count()).where(Citizen.village_id == village_id,
                                                         Citizen.deleted_at.is_(None)))
            if people:
                raise OfficeError(f"{v.name} còn {people} người trong sổ: chuyển họ sang thôn khác trước khi xoá.")
            v.deleted_at = utcnow()
            audit.record(s, actor=actor, action="delete", entity="village", entity_id=v.id, entity_uuid=v.uuid,
                         summary=f"Xoá {v.name}", changes={"Tên": [v.name, None]})

    def _add_village(self, s, actor: str, name: str, position: int) -> int:  # noqa: ANN001
        self._refuse_same_name(s, name, None)
        v = Village(name=name, name_key=search_key(name), position=position)
        s.add(v)
        s.flush()
        audit.record(s, actor=actor, action="create", entity="village", entity_id=v.id, entity_uuid=v.uuid,
                     summary=f"Thêm {name}", changes={"Tên": [None, name]})
        return v.id

    @staticmethod
    def _refuse_same_name(s, name: str, village_id: int | None) -> None:  # noqa: ANN001
        same = s.scalars(select(Village).where(Village.name_key == search_key(name),
                                               Village.deleted_at.is_(None))).first()
        if same is not None and same.id != village_id:
            raise OfficeError(f"Đã có “{same.name}” trong danh sách thôn/khu phố.")


def _clean_village_names(raw: list[str] | tuple[str, ...]) -> list[str]:
    """Tidy, capitalise the first letter, and drop blanks and repeats (by folded name)."""
    seen: dict[str, str] = {}
    for line in raw:
        name = tidy_village_name(line)
        if name:
            seen.setdefault(search_key(name), name)
    return list(seen.values())
