"""The registers of Programme 387's learning models beside the citizens: households (learning families) with
their members, clans with their households, and organisations (learning units) whose staff are people of
the register. Village communities are the office's villages (models.Village). And their yearly cycle: criteria
sets, enrolments, score sheets and decisions of their own, beside the citizens'."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base, Record, UTCDateTime
from desktop.db.shared_columns import CycleState, StoredSet


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


class ModelCriteriaSetRecord(StoredSet, Record, Base):
    """A learning model's criteria set as stored (the JSON of the file): the shipped ones and a province's."""

    __tablename__ = "model_criteria_set"

    model: Mapped[str] = mapped_column(String(12))


class ModelDecision(Record, Base):
    """A recognition decision for one model and year (its annex: the enrolments it names)."""

    __tablename__ = "model_decision"

    model: Mapped[str] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(50))
    signed_on: Mapped[date] = mapped_column(Date)
    signer_name: Mapped[str] = mapped_column(String(100))
    signer_title: Mapped[str] = mapped_column(String(200))

    __table_args__ = (Index("ix_model_decision_year", "model", "year"),)


class ModelEnrolment(CycleState, Record, Base):
    """One household, clan, village or organisation in one year's cycle; the verdict columns are computed
    from the standing scores, as a citizen's."""

    __tablename__ = "model_enrolment"

    version: Mapped[int] = mapped_column(Integer, default=1)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012
    model: Mapped[str] = mapped_column(String(12))
    subject_id: Mapped[int] = mapped_column(Integer)  # household, clan, village or organisation, by `model`
    year: Mapped[int] = mapped_column(Integer)
    criteria_set_id: Mapped[int] = mapped_column(ForeignKey("model_criteria_set.id"))
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("model_decision.id"), default=None)

    __table_args__ = (Index("ix_model_enrolment_subject", "model", "subject_id", "year", unique=True),
                      Index("ix_model_enrolment_year", "year", "model", "status"))


class ModelAssessment(Base):
    """A score sheet as entered: the self-assessment, the branch's review, a correction."""

    __tablename__ = "model_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("model_enrolment.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    scores: Mapped[str] = mapped_column(Text)
    total: Mapped[int] = mapped_column(SmallInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(100))


class ModelTarget(Record, Base):
    """The office's own 2030 target for a model (provinces set them: one uses 80 / 75 / 75 / 90%)."""

    __tablename__ = "model_target"

    model: Mapped[str] = mapped_column(String(12), unique=True)
    percent_2030: Mapped[int] = mapped_column(Integer)


class ModelCertificate(Record, Base):
    """A learning model's certificate: its serial, unique within the office, the model and the year."""

    __tablename__ = "model_certificate"

    enrolment_id: Mapped[int] = mapped_column(ForeignKey("model_enrolment.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    serial: Mapped[str] = mapped_column(String(50), unique=True)
    printed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reprints: Mapped[int] = mapped_column(Integer, default=0)
