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
    if not exact and not flt.deleted and session.get_bind().dialect.name == "postgresql":
        return _server_words(words)
    return _like_words(words, exact)


def _server_words(words: list[str]) -> ColumnElement[bool]:
    """PostgreSQL: every word a prefix of a word of the folded name or of the CCCD, through the GIN index of
    the words (migration 0013; the living only)."""
    return text("citizen.search_words @@ to_tsquery('simple', :q)").bindparams(
        bindparam("q", " & ".join(f"{w}:*" for w in words), unique=True))


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
        return _raw(session, "SELECT count(*) FROM citizen_fts WHERE citizen_fts MATCH :m",
                    {"m": _fts_match(words, exact=False)})[0][0]
    if not words and _uses_fts(session, flt):  # the living, by ix_citizen_counts
        where, params = _living_filters(flt)
        return _raw(session, f"SELECT count(*) FROM citizen c WHERE {' AND '.join(where)}", params)[0][0]
    stmt = _base(flt, (func.count(),), fts)
    if words:
        stmt = stmt.where(_words_condition(session, flt, words, exact=False))
    return session.execute(stmt).scalar_one()


def page(session: Session, flt: CitizenFilter, offset: int, limit: int, total: int | None = None,
         written_out: bool = True) -> list[CitizenRow]:
    """Rows in display order. With typed words and at most RANKED_LIMIT matches, best first: every word
    typed in full and one of them the given name, then every word in full, then prefixes; within each,
    and for larger results throughout, Vietnamese name order. Words typed with their marks put the names
    that carry those marks before all others. `total` (from count()) saves a query. written_out=False: the
    same rows through SQLAlchemy's expressions only (the written-out SQLite query is checked against it)."""
    scanned = _scanned(session, flt, _ROW_COLUMNS)
    if scanned is not None:
        rows = session.execute(scanned.join(Village, Village.id == Citizen.village_id).offset(offset).limit(limit))
        return [CitizenRow(*r) for r in rows]
    words = query_words(flt.text)
    fts = bool(words) and _uses_fts(session, flt)
    if not words and not flt.deleted and written_out and session.get_bind().dialect.name == "sqlite":
        return _listed_on_sqlite(session, flt, offset, limit)
    if fts and total is None:
        total = count(session, flt)
    if fts and written_out and total is not None and total <= RANKED_LIMIT:
        return [CitizenRow(*r[:-1]) for r in _ranked_on_sqlite(session, flt, words, offset, limit)]
    stmt = _base(flt, _ROW_COLUMNS, fts).join(Village, Village.id == Citizen.village_id)
    # the living: the columns of ix_citizen_sort, so that a database can walk it (deleted_at is NULL for all)
    order: list = [Citizen.sort_key, Citizen.id] if flt.deleted else [Citizen.deleted_at, Citizen.sort_key, Citizen.id]
    if words:
        if total is None:
            total = count(session, flt)
        # broad: the name-order index walked, the words checked on the way (PostgreSQL's planner knows a broad
        # tsquery from a narrow one by the words' statistics)
        walk = total > RANKED_LIMIT and (fts or (not flt.deleted and session.get_bind().dialect.name == "postgresql"))
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


_ROW_SQL = ("c.id, c.full_name, c.birth_year, c.birth_month, c.birth_day, c.sex, c.cccd, v.name, c.citizen_group, "
            "c.occupation, c.phone, c.deleted_reason")
_ROWS_SQL = f"SELECT {_ROW_SQL} FROM citizen c JOIN village v ON v.id = c.village_id"


def _raw(session: Session, sql: str, params: dict) -> list[tuple]:
    """SQL written out, run by the driver: the clerk's search at each pause in typing is a few queries whose
    building and compiling by SQLAlchemy took as long as SQLite took to answer them."""
    return session.connection().exec_driver_sql(sql, params).fetchall()


def _ranked_on_sqlite(session: Session, flt: CitizenFilter, words: list[str], offset: int, limit: int,
                      bound: int | None = None) -> list[tuple]:
    """page() of a narrow search on SQLite (at most RANKED_LIMIT matches), written out: one FTS5 match,
    then best_first()'s ranking computed on the matched rows alone (a word typed in full is a whole word
    of the folded name, or the CCCD). Rows as tuples, each ending with the number of matches; none when
    more than RANKED_LIMIT matched (`bound` > RANKED_LIMIT: only so many are looked at to know it)."""
    params: dict = {"match": _fts_match(words, exact=False), "whole": search_key(flt.text), "limit": limit,
                    "offset": offset, "bound": -1 if bound is None else bound}
    # the matches once (at most `bound`), counted first: past RANKED_LIMIT of them no row is read or ranked
    where = ["found.n <= :ranked"]
    filters, more = _living_filters(flt)
    where += filters[1:]  # the index of the matches holds only the living
    params.update(more)
    exact, given = [], []
    for i, w in enumerate(words):
        params[f"w{i}"], params[f"sw{i}"], params[f"gw{i}"] = w, f"% {w} %", f"% {w}"
        exact.append(f"((' ' || c.name_key || ' ') LIKE :sw{i} OR c.cccd = :w{i})")
        if not w.isdigit():
            given.append(f"c.name_key LIKE :gw{i}")
    every = " AND ".join(exact)
    order = [f"CASE WHEN c.name_key = :whole THEN 0 WHEN {every} AND ({' OR '.join(given) or '0'}) THEN 1 "
             f"WHEN {every} THEN 2 ELSE 3 END"]
    marked = []
    for i, w in enumerate(_marked_words(flt.text)):
        forms = list(dict.fromkeys((w, w[:1].upper() + w[1:], w.upper())))
        marked.append("(" + " OR ".join(f"(' ' || c.full_name) LIKE :m{i}_{k}" for k in range(len(forms))) + ")")
        params.update({f"m{i}_{k}": f"% {form}%" for k, form in enumerate(forms)})
    if marked:
        order.insert(0, f"CASE WHEN {' AND '.join(marked)} THEN 0 ELSE 1 END")
    params["ranked"] = RANKED_LIMIT
    sql = (f"WITH hits AS MATERIALIZED (SELECT rowid AS id FROM citizen_fts WHERE citizen_fts MATCH :match "
           f"LIMIT :bound), found AS (SELECT count(*) AS n FROM hits) SELECT {_ROW_SQL}, found.n FROM found "
           "CROSS JOIN hits JOIN citizen c ON c.id = hits.id JOIN village v ON v.id = c.village_id "
           f"WHERE {' AND '.join(where)} ORDER BY {', '.join(order)}, c.sort_key, c.id LIMIT :limit OFFSET :offset")
    return _raw(session, sql, params)


def _listed_on_sqlite(session: Session, flt: CitizenFilter, offset: int, limit: int) -> list[CitizenRow]:
    """page() of the register in name order, nothing typed, written out (the rows come off ix_citizen_sort)."""
    where, params = _living_filters(flt)
    sql = (f"{_ROWS_SQL} WHERE {' AND '.join(where)} ORDER BY c.deleted_at, c.sort_key, c.id "
           "LIMIT :limit OFFSET :offset")
    return [CitizenRow(*r) for r in _raw(session, sql, {**params, "limit": limit, "offset": offset})]


def _living_filters(flt: CitizenFilter) -> tuple[list[str], dict]:
    where, params = ["c.deleted_at IS NULL"], {}
    if flt.village_id is not None:
        where.append("c.village_id = :village")
        params["village"] = flt.village_id
    if flt.group is not None:
        where.append("c.citizen_group = :group")
        params["group"] = flt.group
    return where, params


def first_page(session: Session, flt: CitizenFilter, limit: int) -> tuple[int, list[CitizenRow]]:
    """count() and the first page() together, as the list asks for them at each pause in typing. On SQLite
    a search of the whole register is one query: ranked and counted at once when it is narrow; when its
    first RANKED_LIMIT + 1 matches say it is broad, it is counted and walked in name order as page() does."""
    words = query_words(flt.text)
    if words and _uses_fts(session, flt) and flt.village_id is None and flt.group is None and \
            scanned_uuid(flt.text) is None:
        rows = _ranked_on_sqlite(session, flt, words, 0, limit, bound=RANKED_LIMIT + 1)
        if rows:
            return rows[0][-1], [CitizenRow(*r[:-1]) for r in rows]
        # none ranked: nothing matched, or too much to rank (then counted and walked below)
        if not _raw(session, "SELECT 1 FROM citizen_fts WHERE citizen_fts MATCH :m LIMIT 1",
                    {"m": _fts_match(words, exact=False)}):
            return 0, []
    total = count(session, flt)
    return total, page(session, flt, 0, limit, total) if total else []


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
