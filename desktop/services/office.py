"""The office itself (set up once at first start) and its list of villages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.db import audit
from desktop.db.base import utcnow
from desktop.db.engine import Database
from desktop.db.models import Citizen, Office, Village
from desktop.domain.issuer import Authority, Issuer, IssuingBody
from desktop.domain.names import search_key, tidy_name
from desktop.domain.villages import tidy_village_name


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
    issuing_body: str = IssuingBody.ASSOCIATION.value
    signer_authority: str = Authority.OWN.value
    signer_principal: str = ""
    legal_bases: tuple[str, ...] = ()

    @property
    def is_upper(self) -> bool:
        return self.kind == "upper"

    def issuer(self, signer_title: str | None = None) -> Issuer:
        """Who issues the documents; `signer_title`: a decision's own, where it differs from today's."""
        return Issuer(IssuingBody(self.issuing_body), self.association_name, self.commune_name,
                      self.upper_level_name or f"Hội Khuyến học {self.province_name}",
                      Authority(self.signer_authority), self.signer_principal,
                      self.signer_title if signer_title is None else signer_title)


@dataclass(frozen=True)
class VillageInfo:
    id: int
    name: str
    citizens: int | None = None  # people on the register there, when asked for (villages(with_counts=True))


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
        with self.db.reader() as s:  # the table's row, not the mapped class's (asked at start: services/criteria.py)
            o = s.execute(select(Office.__table__)).first()
            if o is None:
                return None
            return OfficeInfo(o.province_name, o.commune_name, o.association_name, o.clerk_name,
                              o.upper_level_name, o.commune_code, o.signer_title, o.signer_name, o.decision_symbol,
                              o.kind, o.upper_recipient, o.upper_signing_key, o.issuing_body, o.signer_authority,
                              o.signer_principal, tuple(line for line in o.legal_bases.splitlines() if line.strip()))

    def set_signer(self, actor: str, title: str, name: str, decision_symbol: str, *,
                   issuing_body: str | None = None, authority: str | None = None, principal: str | None = None,
                   legal_bases: str | None = None) -> None:
        """Who signs decisions and certificates, and how (practice varies by province): the symbol in
        decision numbers, the issuing body, TM./KT./Q. and whom it names, the office's own legal bases (one
        a line). A keyword left None keeps what is set."""
        values: dict[str, str] = {"signer_title": " ".join(title.split()), "signer_name": tidy_name(name),
                                  "decision_symbol": "".join(decision_symbol.split())}
        if not values["signer_title"] or not values["decision_symbol"]:
            raise OfficeError("Cần nhập chức danh người ký và ký hiệu quyết định.")
        if issuing_body is not None:
            values["issuing_body"] = IssuingBody(issuing_body).value
        if authority is not None:
            values["signer_authority"] = Authority(authority).value
        if principal is not None:
            values["signer_principal"] = " ".join(principal.split())
        if values.get("signer_authority") and Authority(values["signer_authority"]).needs_principal \
                and not values.get("signer_principal", "x"):
            raise OfficeError(f"Ký {values['signer_authority']} cần ghi thay mặt ai (ví dụ: Ban Chấp hành, "
                              "Ủy ban nhân dân, Chủ tịch).")
        if legal_bases is not None:
            lines = [" ".join(line.split()).rstrip(";.") for line in legal_bases.splitlines()]
            bad = [line for line in lines if line and not line.startswith("Căn cứ")]
            if bad:
                raise OfficeError(f"Mỗi dòng căn cứ bắt đầu bằng “Căn cứ”: “{bad[0][:60]}”.")
            values["legal_bases"] = "\n".join(line for line in lines if line)
        labels = {"signer_title": "Chức danh người ký", "signer_name": "Người ký",
                  "decision_symbol": "Ký hiệu quyết định", "issuing_body": "Cơ quan ban hành",
                  "signer_authority": "Thẩm quyền ký", "signer_principal": "Ký thay mặt/ký thay",
                  "legal_bases": "Căn cứ riêng của đơn vị"}
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

    def villages(self, with_counts: bool = False) -> list[VillageInfo]:
        """The office's villages in their order; with_counts: and how many people each has (a count over the
        whole register: 10 ms at 100,000 people, which the window's start does not pay for its lists)."""
        with self.db.reader() as s:
            counts = dict(s.execute(
                select(Citizen.village_id, func.count()).where(Citizen.deleted_at.is_(None))
                .group_by(Citizen.village_id)).all()) if with_counts else {}
            villages = Village.__table__  # as info() above
            rows = s.execute(select(villages.c.id, villages.c.name).where(villages.c.deleted_at.is_(None))
                             .order_by(villages.c.position, villages.c.id))
            return [VillageInfo(i, name, counts.get(i, 0) if with_counts else None) for i, name in rows]

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
