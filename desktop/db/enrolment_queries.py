"""Reading a year's enrolments: the list behind the cycle screens and the proposal list."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.db.citizen_queries import (
    RANKED_LIMIT,
    best_first,
    living_name_condition,
    marks_condition,
    scanned_uuid,
)
from desktop.db.models import Citizen, Enrolment, Village
from desktop.domain.names import query_words


@dataclass(frozen=True)
class EnrolmentFilter:
    year: int
    text: str = ""
    village_id: int | None = None
    group: int | None = None
    statuses: tuple[str, ...] = ()  # empty: every status


@dataclass(frozen=True)
class EnrolmentRow:
    id: int
    citizen_id: int
    full_name: str
    birth_year: int
    village: str
    group: int
    status: str
    total: int | None
    passed: bool | None
    verdict: str
    occupation: str


_COLUMNS = (Enrolment.id, Citizen.id, Citizen.full_name, Citizen.birth_year, Village.name, Enrolment.group,
            Enrolment.status, Enrolment.total, Enrolment.passed, Enrolment.verdict, Citizen.occupation)


def _filtered(session: Session, flt: EnrolmentFilter, columns) -> Select:  # noqa: ANN001
    stmt = (select(*columns).select_from(Enrolment).join(Citizen, Citizen.id == Enrolment.citizen_id)
            .where(Enrolment.year == flt.year, Citizen.deleted_at.is_(None)))
    if flt.village_id is not None:
        stmt = stmt.where(Citizen.village_id == flt.village_id)
    if flt.group is not None:
        stmt = stmt.where(Enrolment.group == flt.group)
    if flt.statuses:
        stmt = stmt.where(Enrolment.status.in_(flt.statuses))
    uuid = scanned_uuid(flt.text)
    if uuid is not None:
        return stmt.where(or_(Enrolment.uuid == uuid, Citizen.uuid == uuid))
    condition = living_name_condition(session, flt.text)
    if condition is not None:
        stmt = stmt.where(condition)
    return stmt


def page(session: Session, flt: EnrolmentFilter, offset: int, limit: int,
         total: int | None = None) -> list[EnrolmentRow]:
    """Rows in name order; a narrow search (at most RANKED_LIMIT matches) best first, as the register's."""
    stmt = _filtered(session, flt, _COLUMNS).join(Village, Village.id == Citizen.village_id)
    order: list = [Citizen.sort_key, Citizen.id]
    if query_words(flt.text) and scanned_uuid(flt.text) is None:
        if total is None:
            total = count(session, flt)
        if total <= RANKED_LIMIT:
            order[:0] = best_first(session, flt.text)
        elif (marks := marks_condition(flt.text)) is not None:
            order.insert(0, case((marks, 0), else_=1))
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit))
    return [EnrolmentRow(*r) for r in rows]


def count(session: Session, flt: EnrolmentFilter) -> int:
    return session.execute(_filtered(session, flt, (func.count(),))).scalar_one()
