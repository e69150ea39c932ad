"""The tables of the register."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, SmallInteger, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.db.base import Base, Record, UTCDateTime
from desktop.db.shared_columns import CycleState, StoredSet


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
    # who signs recognition decisions and certificates: practice differs by province
    signer_title: Mapped[str] = mapped_column(String(200), default="Chủ tịch Hội Khuyến học")
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    decision_symbol: Mapped[str] = mapped_column(String(50), default="QĐ-HKH")
    # Decree 30: the issuing body (domain/issuer.py), TM./KT./Q. and whom it names, own bases one per line
    issuing_body: Mapped[str] = mapped_column(String(10), default="hkh")
    signer_authority: Mapped[str] = mapped_column(String(10), default="")
    signer_principal: Mapped[str] = mapped_column(String(200), default="")
    legal_bases: Mapped[str] = mapped_column(Text, default="")
    # "commune" sends packages up; "upper" (a district or provincial association) receives and merges
    kind: Mapped[str] = mapped_column(String(10), default="commune")
    upper_recipient: Mapped[str] = mapped_column(String(100), default="")    # the upper level's age key
    upper_signing_key: Mapped[str] = mapped_column(String(100), default="")  # to check its receipts


class Village(Record, Base):
    """A thôn, ấp, bản, khu phố or tổ dân phố: the office's own list."""

    __tablename__ = "village"

    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


def is_search_index(name: str, type_: str) -> bool:
    """Made by hand in the migrations, outside these models: the FTS5 tables (SQLite) and the trigram,
    prefix and word indexes and the words' column (PostgreSQL)."""
    return (type_ == "table" and name.startswith("citizen_fts")) or (type_ == "index" and name.startswith("ix_search_")) \
        or (type_ == "column" and name.startswith("search_"))


class Citizen(Record, Base):
    """An adult of the commune. Never hard-deleted; `version` counts edits so a stale edit is refused."""

    __tablename__ = "citizen"

    version: Mapped[int] = mapped_column(Integer, default=1)
    # every ORM update says WHERE version = <the version read>: of two saves at the same instant one wins
    # and the other is refused (StaleEdit), instead of both passing a read-then-write check
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012
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
    address: Mapped[str] = mapped_column(String(200), default="", server_default="")  # within the village
    # the workplace as a real link (a learning unit's staff); `occupation` keeps the text as typed
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), default=None, index=True)

    village: Mapped[Village] = relationship(lazy="joined")

    __table_args__ = (
        Index("ix_citizen_sort", "deleted_at", "sort_key", "id"),
        Index("ix_citizen_village_sort", "village_id", "sort_key"),
        Index("ix_citizen_dup", "name_key", "birth_year"),
        # covering indexes for the year's statistics (counting by village and group, officials by workplace)
        Index("ix_citizen_counts", "deleted_at", "village_id", "citizen_group"),
        Index("ix_citizen_staff", "citizen_group", "deleted_at", "occupation"),
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


class CriteriaSetRecord(StoredSet, Record, Base):
    """A criteria set as imported (its JSON document kept whole, so old years keep their wording)."""

    __tablename__ = "criteria_set"


class YearPlan(Record, Base):
    """The office's choices for one year: the criteria set, whether branch review is a step, its target."""

    __tablename__ = "year_plan"

    year: Mapped[int] = mapped_column(Integer, unique=True)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_set.id"))
    review_required: Mapped[bool] = mapped_column(default=True)
    own_target_percent: Mapped[int | None] = mapped_column(Integer, default=None)


class Population(Record, Base):
    """Adults in a group (per village where the office knows it), from the commune's population figures:
    the denominator of the rates."""

    __tablename__ = "population"

    year: Mapped[int] = mapped_column(Integer)
    group: Mapped[int] = mapped_column("citizen_group", SmallInteger)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id"), default=None)
    adults: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_population_year", "year", "citizen_group", "village_id", unique=True),)


class Decision(Record, Base):
    """A recognition decision (quyết định công nhận) for a batch of people."""

    __tablename__ = "decision"

    year: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[str] = mapped_column(String(50))
    signed_on: Mapped[date] = mapped_column(Date)
    signer_name: Mapped[str] = mapped_column(String(100))
    signer_title: Mapped[str] = mapped_column(String(200))


class Enrolment(CycleState, Record, Base):
    """One person in one year's cycle. The verdict columns are computed from the standing scores."""

    __tablename__ = "enrolment"

    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012 - as Citizen's
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    year: Mapped[int] = mapped_column(Integer)
    group: Mapped[int] = mapped_column("citizen_group", SmallInteger)  # the group the person was scored in
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("criteria_set.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), default=None)
    # 677's digital skills: "" until a sheet scores the digital indicator, then proposed; confirmed by the clerk
    digital_skill: Mapped[str] = mapped_column(String(12), default="", server_default="")
    digital_confirmed: Mapped[bool] = mapped_column(default=False, server_default=false())

    citizen: Mapped[Citizen] = relationship()

    __table_args__ = (
        Index("ix_enrolment_person_year", "citizen_id", "year", unique=True),
        # covers the year's statistics and the status filters without reading the rows
        Index("ix_enrolment_stats", "year", "citizen_id", "citizen_group", "status", "passed"),
    )


class Assessment(Base):
    """A set of ten scores as entered: the self-assessment, the branch review, a later correction."""

    __tablename__ = "assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # self, review, correction
    scores: Mapped[str] = mapped_column(Text)      # JSON {"1.1": 8, ...}
    total: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(100))


class Certificate(Record, Base):
    """A certificate's serial number, unique within the office and year; reprints are counted."""

    __tablename__ = "certificate"

    enrolment_id: Mapped[int] = mapped_column(ForeignKey("enrolment.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(50))
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reprints: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_certificate_year_number", "year", "number", unique=True),)


class TrustedKey(Record, Base):
    """At the upper level: a commune's public signing key, registered after comparing its fingerprint
    with the signed paper key form. A replaced key is kept, marked, never deleted."""

    __tablename__ = "trusted_key"

    office_code: Mapped[int] = mapped_column(Integer, index=True)
    office_name: Mapped[str] = mapped_column(String(200))
    signing_key: Mapped[str] = mapped_column(String(100))
    key_id: Mapped[str] = mapped_column(String(16))
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    kind: Mapped[str] = mapped_column(String(10), default="commune")  # or "upper": what its packages must say


class SentPackage(Record, Base):
    """At a commune: each file it exported, and whether the upper level's receipt came back."""

    __tablename__ = "sent_package"

    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    receipt_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    receipt_note: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_sent_year_seq", "year", "sequence", unique=True),)


class ReceivedPackage(Record, Base):
    """At the upper level: each accepted package; the newest sequence per office and year is the one
    that counts, older ones stay for the record."""

    __tablename__ = "received_package"

    office_code: Mapped[int] = mapped_column(Integer)
    office_name: Mapped[str] = mapped_column(String(200))
    office_kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)      # the package's summary.json
    note: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_received_office_year_seq", "office_code", "year", "sequence", unique=True),)


class AreaPerson(Base):
    """A person as a commune's package described them (the upper level's merged copy)."""

    __tablename__ = "area_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("received_package.id"), index=True)
    office_code: Mapped[int] = mapped_column(Integer)
    uuid: Mapped[str] = mapped_column(String(36))
    full_name: Mapped[str] = mapped_column(String(100))
    birth: Mapped[str] = mapped_column(String(10))
    sex: Mapped[str] = mapped_column(String(1))
    cccd: Mapped[str | None] = mapped_column(String(12))
    village: Mapped[str] = mapped_column(String(100))
    group: Mapped[int] = mapped_column("citizen_group", SmallInteger)
    deleted: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(Integer)

    # the CCCDs held by two offices, read from the index alone (migration 0014); PostgreSQL's spelling of the
    # condition is added by on_server() below
    __table_args__ = (Index("ix_area_person_cccd_office", "cccd", "office_code",
                            sqlite_where=text("cccd IS NOT NULL AND deleted = 0")),)


def on_server() -> None:
    """PostgreSQL's options of the models' indexes, given when a server is opened: naming a postgresql_ option
    makes SQLAlchemy load its whole PostgreSQL dialect (40 ms of every start on SQLite)."""
    index = next(i for i in AreaPerson.__table__.indexes if i.name == "ix_area_person_cccd_office")
    if "postgresql_where" not in index.dialect_kwargs:
        index.dialect_kwargs["postgresql_where"] = text("cccd IS NOT NULL AND deleted = false")


class AreaEnrolment(Base):
    __tablename__ = "area_enrolment"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("received_package.id"), index=True)
    office_code: Mapped[int] = mapped_column(Integer)
    uuid: Mapped[str] = mapped_column(String(36))
    person_uuid: Mapped[str] = mapped_column(String(36))
    group: Mapped[int] = mapped_column("citizen_group", SmallInteger)
    status: Mapped[str] = mapped_column(String(20))
    total: Mapped[int | None] = mapped_column(SmallInteger)


from desktop.db.models387 import Clan, ClanHousehold, Household, HouseholdMember, Organisation  # noqa: E402, F401 - one metadata
