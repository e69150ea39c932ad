"""Reading citizens: the list behind the table, search, and the look-ups the checks need.

Search on SQLite uses the FTS5 index over the folded name and CCCD (see the first migration);
other databases fall back to LIKE on the same folded key, which needs no model change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from desktop.db.models import Citizen, Village
from desktop.domain.names import query_words


@dataclass(frozen=True)
class CitizenFilter:
    text: str = ""
    village_id: int | None = None
    group: int | None = None
    deleted: bool = False  # False: the living register; True: the deleted people


@dataclass(frozen=True)
class CitizenRow:
    """One line of the citizen table."""

    id: int
    full_name: str
    birth_year: int
    birth_month: int | None
    birth_day: int | None
    sex: str
    cccd: str | None
    village: str
    group: int
    occupation: str
    phone: str


_ROW_COLUMNS = (Citizen.id, Citizen.full_name, Citizen.birth_year, Citizen.birth_month, Citizen.birth_day,
                Citizen.sex, Citizen.cccd, Village.name, Citizen.group, Citizen.occupation, Citizen.phone)


def _fts_ids(match: str):  # noqa: ANN202
    return select(literal_column("rowid")).select_from(text("citizen_fts")).where(
        text("citizen_fts MATCH :m").bindparams(bindparam("m", match, unique=True)))


def _word_condition(session: Session, words: list[str], exact: bool) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{w}"' if exact else f'"{w}"*' for w in words)
        return Citizen.id.in_(_fts_ids(match))
    spaced = func.concat(" ", Citizen.name_key, " ")
    parts = []
    for w in words:
        in_name = spaced.like(f"% {w} %") if exact else spaced.like(f"% {w}%")
        in_cccd = Citizen.cccd == w if exact else Citizen.cccd.like(f"{w}%")
        parts.append(or_(in_name, in_cccd))
    return and_(*parts)


def _filtered(session: Session, flt: CitizenFilter, columns) -> tuple[Select, list[str]]:  # noqa: ANN001
    stmt = select(*columns).select_from(Citizen)
    stmt = stmt.where(Citizen.deleted_at.is_not(None) if flt.deleted else Citizen.deleted_at.is_(None))
    if flt.village_id is not None:
        stmt = stmt.where(Citizen.village_id == flt.village_id)
    if flt.group is not None:
        stmt = stmt.where(Citizen.group == flt.group)
    words = query_words(flt.text)
    if words:
        stmt = stmt.where(_word_condition(session, words, exact=False))
    return stmt, words


def page(session: Session, flt: CitizenFilter, offset: int, limit: int) -> list[CitizenRow]:
    """Rows in display order, best first: every word typed in full and one of them the given name,
    then every word in full, then prefixes; within each, Vietnamese name order."""
    stmt, words = _filtered(session, flt, _ROW_COLUMNS)
    stmt = stmt.join(Village, Village.id == Citizen.village_id)
    order = [Citizen.sort_key, Citizen.id]
    if words:
        exact = _word_condition(session, words, exact=True)
        given = or_(*(Citizen.name_key.like(f"% {w}") for w in words if not w.isdigit()), false())
        order.insert(0, case((and_(exact, given), 0), (exact, 1), else_=2))
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit))
    return [CitizenRow(*r) for r in rows]


def count(session: Session, flt: CitizenFilter) -> int:
    stmt, _ = _filtered(session, flt, (func.count(),))
    return session.execute(stmt).scalar_one()


def by_cccd(session: Session, cccd: str) -> Citizen | None:
    return session.scalars(select(Citizen).where(Citizen.cccd == cccd)).first()


def possible_duplicates(session: Session, name_key: str, birth_year: int, birth_month: int | None,
                        birth_day: int | None, village_id: int, exclude_id: int | None) -> list[Citizen]:
    """Same folded name, birth year and village; full dates must agree where both records have one."""
    stmt = select(Citizen).where(Citizen.name_key == name_key, Citizen.birth_year == birth_year,
                                 Citizen.village_id == village_id, Citizen.deleted_at.is_(None))
    if exclude_id is not None:
        stmt = stmt.where(Citizen.id != exclude_id)
    found = []
    for other in session.scalars(stmt):
        if birth_day is not None and other.birth_day is not None and \
                (other.birth_month, other.birth_day) != (birth_month, birth_day):
            continue
        found.append(other)
    return found
