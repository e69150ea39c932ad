"""The registers of Programme 387's learning models beside the citizens: households (learning families) with
their members, clans with their households, and organisations (learning units) whose staff are people of
the register. Village communities are the office's villages (models.Village)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, Record, UTCDateTime


class _Kept:
    """Columns every model record has: edits counted (a stale edit refused), never hard-deleted."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # folded, for finding as one types
    note: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    deleted_reason: Mapped[str] = mapped_column(String(200), default="")


class Household(_Kept, Record, Base):
    """A household of the commune (a learning family when recognized): its head, its village, its members."""

    __tablename__ = "household"
    __mapper_args__ = {"version_id_col": _Kept.version, "version_id_generator": False}  # noqa: RUF012

    village_id: Mapped[int] = mapped_column(ForeignKey("village.id"), index=True)
    head_id: Mapped[int | None] = mapped_column(ForeignKey("citizen.id"), default=None)
    address: Mapped[str] = mapped_column(String(200), default="")


class HouseholdMember(Base):
    """A person of the register in a household: a person is in at most one."""

    __tablename__ = "household_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), unique=True)
    relation: Mapped[str] = mapped_column(String(50), default="")  # to the head: vợ, con, cháu…


class Clan(_Kept, Record, Base):
    """A clan of the commune (family name and branch), its head or contact; its households may span villages."""

    __tablename__ = "clan"
    __mapper_args__ = {"version_id_col": _Kept.version, "version_id_generator": False}  # noqa: RUF012

    contact: Mapped[str] = mapped_column(String(200), default="")


class ClanHousehold(Base):
    __tablename__ = "clan_household"

    id: Mapped[int] = mapped_column(primary_key=True)
    clan_id: Mapped[int] = mapped_column(ForeignKey("clan.id"), index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), unique=True)  # one clan a household


class Organisation(_Kept, Record, Base):
    """An agency, school, business or organisation in the commune (a learning unit when recognized): its
    headcount, and its staff as people of the register (citizen.organisation_id)."""

    __tablename__ = "organisation"
    __mapper_args__ = {"version_id_col": _Kept.version, "version_id_generator": False}  # noqa: RUF012

    kind: Mapped[str] = mapped_column(String(20))  # co-quan, truong-hoc, doanh-nghiep, to-chuc
    headcount: Mapped[int | None] = mapped_column(Integer, default=None)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id"), default=None)
