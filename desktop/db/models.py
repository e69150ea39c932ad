"""The tables of the register."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.db.base import Base, Record, UTCDateTime


class Office(Record, Base):
    """The office this database belongs to (one row): the commune's association for learning promotion."""

    __tablename__ = "office"

    province_code: Mapped[int] = mapped_column(Integer)
    province_name: Mapped[str] = mapped_column(String(100))
    commune_code: Mapped[int] = mapped_column(Integer)
    commune_name: Mapped[str] = mapped_column(String(100))
    association_name: Mapped[str] = mapped_column(String(200))
    clerk_name: Mapped[str] = mapped_column(String(100))
    upper_level_name: Mapped[str] = mapped_column(String(200), default="")


class Village(Record, Base):
    """A thôn, ấp, bản, khu phố or tổ dân phố: the office's own list."""

    __tablename__ = "village"

    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class Citizen(Record, Base):
    """An adult of the commune. Never hard-deleted; `version` counts edits so a stale edit is refused."""

    __tablename__ = "citizen"

    version: Mapped[int] = mapped_column(Integer, default=1)
    full_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))  # folded: diacritics dropped, đ -> d
    sort_key: Mapped[str] = mapped_column(String(400))  # Vietnamese order, given name first
    birth_year: Mapped[int] = mapped_column(SmallInteger)
    birth_month: Mapped[int | None] = mapped_column(SmallInteger)
    birth_day: Mapped[int | None] = mapped_column(SmallInteger)
    sex: Mapped[str] = mapped_column(String(1))
    cccd: Mapped[str | None] = mapped_column(String(12), unique=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"))
    group: Mapped[int] = mapped_column("citizen_group", SmallInteger)
    occupation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    deleted_reason: Mapped[str] = mapped_column(String(200), default="")

    village: Mapped[Village] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_citizen_sort", "deleted_at", "sort_key"),
        Index("ix_citizen_village_sort", "village_id", "sort_key"),
        Index("ix_citizen_dup", "name_key", "birth_year"),
    )


class AuditEntry(Base):
    """Who changed what and when, written in the same transaction as the change."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete, restore
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_uuid: Mapped[str] = mapped_column(String(36))
    summary: Mapped[str] = mapped_column(String(300))
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [before, after]}

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id", "at"),)
