"""Reading citizens: the list behind the table, search, and the look-ups the checks need.

On SQLite, search uses the FTS5 index of the first migration (folded names and CCCDs of the people on
the register). A few thousand matches are ranked (best first); more than that means the clerk typed
something as common as "nguyen", and the rows then come in name order straight off the name index,
which stays fast at any size. Deleted people, and databases other than SQLite, are searched with
LIKE on the same folded key, which needs no model change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
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
from desktop.domain.names import fold, nfc, query_words, search_key

RANKED_LIMIT = 3000  # at most this many matches are ranked; beyond, name order


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
    deleted_reason: str


_ROW_COLUMNS = (Citizen.id, Citizen.full_name, Citizen.birth_year, Citizen.birth_month, Citizen.birth_day,
                Citizen.sex, Citizen.cccd, Village.name, Citizen.group, Citizen.occupation, Citizen.phone,
                Citizen.deleted_reason)


def _uses_fts(session: Session, flt: CitizenFilter) -> bool:
    return not flt.deleted and session.get_bind().dialect.name == "sqlite"


def _fts_match(words: list[str], exact: bool) -> str:
    return " ".join(f'"{w}"' if exact else f'"{w}"*' for w in words)


def _fts_ids(match: str, unindexed: bool = False) -> ColumnElement[bool]:
    # "+citizen.id" keeps SQLite from driving the query from the match list: used when walking the
    # name index in order is cheaper than sorting every match.
    column = "+citizen.id" if unindexed else "citizen.id"
    return text(f"{column} IN (SELECT rowid FROM citizen_fts WHERE citizen_fts MATCH :m)").bindparams(
        bindparam("m", match, unique=True))


# written out, not bound: PostgreSQL uses an index on an expression only when the query spells it the same
_SPACE = literal_column("' '", String)


def _like_words(words: list[str], exact: bool) -> ColumnElement[bool]:
    spaced = _SPACE + Citizen.name_key + _SPACE  # the expression of ix_search_name_trgm (migration 0005)
    parts = []
    for w in words:
        in_name = spaced.like(f"% {w} %") if exact else spaced.like(f"% {w}%")
        in_cccd = Citizen.cccd == w if exact else Citizen.cccd.like(f"{w}%")
        parts.append(or_(in_name, in_cccd))
    return and_(*parts)


def _words_condition(session: Session, flt: CitizenFilter, words: list[str], exact: bool,
                     unindexed: bool = False) -> ColumnElement[bool]:
    if _uses_fts(session, flt):
        return _fts_ids(_fts_match(words, exact), unindexed)
    return _like_words(words, exact)


def _marked_words(typed: str) -> list[str]:
    """The typed words that carry Vietnamese marks (or đ): the clerk meant exactly those letters."""
    return [w for w in nfc(typed).lower().split() if w.isalpha() and fold(w) != w]


def marks_condition(typed: str) -> ColumnElement[bool] | None:
    """Names that carry the marks typed ("hường" is Hường, not Hương), word by word from its start; None
    when nothing typed has a mark. Names are stored NFC and capitalised; SQLite's LIKE ignores case for
    ASCII letters only and PostgreSQL's not at all, so each word is matched as typed, capitalised and in
    capitals."""
    words = _marked_words(typed)
    if not words:
        return None
    spaced = _SPACE + Citizen.full_name
    return and_(*(or_(*(spaced.like(f"% {v}%") for v in dict.fromkeys((w, w[:1].upper() + w[1:], w.upper()))))
                  for w in words))


def living_name_condition(session: Session, typed: str) -> ColumnElement[bool] | None:
    """Citizens on the register whose name or CCCD matches what was typed (None: nothing typed)."""
    words = query_words(typed)
    if not words:
        return None
    return _words_condition(session, CitizenFilter(typed), words, exact=False)


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def scanned_uuid(typed: str) -> str | None:
    """The record id a USB scanner types from a sheet's QR code (a person's or an enrolment's UUID)."""
    text = typed.strip().lower()
    return text if _UUID.match(text) else None


def _base(flt: CitizenFilter, columns, fts: bool) -> Select:  # noqa: ANN001
    stmt = select(*columns).select_from(Citizen)
    if flt.deleted:
        stmt = stmt.where(Citizen.deleted_at.is_not(None))
    elif not fts:  # the FTS index holds only the living
        stmt = stmt.where(Citizen.deleted_at.is_(None))
    if flt.village_id is not None:
        stmt = stmt.where(Citizen.village_id == flt.village_id)
    if flt.group is not None:
        stmt = stmt.where(Citizen.group == flt.group)
    return stmt


def _scanned(session: Session, flt: CitizenFilter, columns) -> Select | None:  # noqa: ANN001
    uuid = scanned_uuid(flt.text)
    if uuid is None:
        return None
    from desktop.db.models import Enrolment

    return _base(flt, columns, fts=False).where(or_(
        Citizen.uuid == uuid, Citizen.id.in_(select(Enrolment.citizen_id).where(Enrolment.uuid == uuid))))


def count(session: Session, flt: CitizenFilter) -> int:
    scanned = _scanned(session, flt, (func.count(),))
    if scanned is not None:
        return session.execute(scanned).scalar_one()
    words = query_words(flt.text)
    fts = bool(words) and _uses_fts(session, flt)
    if fts and flt.village_id is None and flt.group is None:
        return session.execute(text("SELECT count(*) FROM citizen_fts WHERE citizen_fts MATCH :m"),
                               {"m": _fts_match(words, exact=False)}).scalar_one()
    stmt = _base(flt, (func.count(),), fts)
    if words:
        stmt = stmt.where(_words_condition(session, flt, words, exact=False))
    return session.execute(stmt).scalar_one()


def page(session: Session, flt: CitizenFilter, offset: int, limit: int, total: int | None = None) -> list[CitizenRow]:
    """Rows in display order. With typed words and at most RANKED_LIMIT matches, best first: every word
    typed in full and one of them the given name, then every word in full, then prefixes; within each,
    and for larger results throughout, Vietnamese name order. Words typed with their marks put the names
    that carry those marks before all others. `total` (from count()) saves a query."""
    scanned = _scanned(session, flt, _ROW_COLUMNS)
    if scanned is not None:
        rows = session.execute(scanned.join(Village, Village.id == Citizen.village_id).offset(offset).limit(limit))
        return [CitizenRow(*r) for r in rows]
    words = query_words(flt.text)
    fts = bool(words) and _uses_fts(session, flt)
    stmt = _base(flt, _ROW_COLUMNS, fts).join(Village, Village.id == Citizen.village_id)
    # the living: the columns of ix_citizen_sort, so that a database can walk it (deleted_at is NULL for all)
    order: list = [Citizen.sort_key, Citizen.id] if flt.deleted else [Citizen.deleted_at, Citizen.sort_key, Citizen.id]
    if words:
        if total is None:
            total = count(session, flt)
        # on PostgreSQL its planner cannot tell a broad LIKE from a narrow one and sorts the matches
        walk = fts and total > RANKED_LIMIT
        stmt = stmt.where(_words_condition(session, flt, words, exact=False, unindexed=walk))
        marks = marks_condition(flt.text)
        if walk:  # broad: walk the name-order index and stop after a page
            stmt = stmt.where(Citizen.deleted_at.is_(None))
            if marks is not None:
                return _marked_first(session, stmt, order, marks, offset, limit)
        else:
            order[:0] = best_first(session, flt.text)
    rows = session.execute(stmt.order_by(*order).offset(offset).limit(limit))
    return [CitizenRow(*r) for r in rows]


def best_first(session: Session, typed: str) -> list[ColumnElement[int]]:
    """The ranking of a narrow search, for ORDER BY before name order: names that carry the marks typed,
    then the whole name typed in its order, then every word typed in full with one of them the given
    name, then every word in full, then prefixes."""
    words = query_words(typed)
    exact = _words_condition(session, CitizenFilter(typed), words, exact=True)
    given = or_(*(Citizen.name_key.like(f"% {w}") for w in words if not w.isdigit()), false())
    whole = Citizen.name_key == search_key(typed)  # the whole name, typed in its order
    ranks = [case((whole, 0), (and_(exact, given), 1), (exact, 2), else_=3)]
    marks = marks_condition(typed)
    if marks is not None:
        ranks.insert(0, case((marks, 0), else_=1))
    return ranks


def _marked_first(session: Session, stmt: Select, order: list, marks: ColumnElement[bool], offset: int,
                  limit: int) -> list[CitizenRow]:
    """A broad search typed with marks: the names that carry them, then the rest, each walked in name
    order (no sort of every match); the first page needs no count."""
    n_marked = None
    if offset:
        n_marked = session.execute(select(func.count()).select_from(stmt.where(marks).subquery())).scalar_one()
    rows: list[CitizenRow] = []
    if n_marked is None or offset < n_marked:
        rows = [CitizenRow(*r) for r in session.execute(stmt.where(marks).order_by(*order).offset(offset).limit(limit))]
    if len(rows) < limit:
        if n_marked is None:
            n_marked = len(rows)  # the first page: every marked name is on it
        rest = stmt.where(~marks).order_by(*order).offset(max(offset - n_marked, 0)).limit(limit - len(rows))
        rows += [CitizenRow(*r) for r in session.execute(rest)]
    return rows


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
