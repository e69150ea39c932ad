"""Fuzzing the roster door: workbooks with any values in any cell, and damaged .xlsx files. The dry run
answers every row or refuses the file with a Vietnamese message (RosterFileError); it never crashes and
never writes; an import writes the good rows and nothing else."""

import io
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.db.models import AuditEntry, Citizen
from desktop.services.roster import Outcome, RosterError, RosterService
from desktop.sheets.roster_read import RosterFileError
from tests.fuzz.mutate import examples, mutated

HEADERS = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn", "Nhóm", "Nghề nghiệp", "Điện thoại"]
# what a cell can hold (openpyxl refuses control characters, as Excel does)
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
cells = st.one_of(
    st.none(), text, st.sampled_from(["Nam", "Nữ", "nu", "1", "2", "3", "Thôn Đông", "31/02/1980", "1980",
                                      "060180123456", "0601801234567", "Nguyễn Văn An", "  ", "=1+1"]),
    st.integers(-10**13, 10**13), st.floats(allow_nan=True, allow_infinity=False, width=32), st.booleans(),
    st.datetimes(datetime(1800, 1, 1), datetime(2200, 1, 1)), st.dates(date(1800, 1, 1), date(2200, 1, 1)),
    st.times(time(0), time(23, 59)))
rows = st.lists(st.lists(cells, min_size=0, max_size=len(HEADERS) + 2), max_size=12)
title_rows = st.lists(st.lists(text, max_size=3), max_size=3)


def workbook(titles, body) -> bytes:  # noqa: ANN001
    book = Workbook()
    for t in titles:
        book.active.append(t)
    book.active.append(HEADERS)
    for r in body:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def held(register) -> tuple[int, int]:  # noqa: ANN001
    with register.db.reader() as s:
        return (s.scalar(select(func.count()).select_from(Citizen)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


def dry_run(register, raw: bytes):  # noqa: ANN001
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "danh-sach.xlsx"
        path.write_bytes(raw)
        return RosterService(register).dry_run(path)


@given(title_rows, rows)
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_values_in_any_cell(office, titles, body):
    before = held(office)
    dry = dry_run(office, workbook(titles, body))
    assert held(office) == before  # a dry run writes nothing
    for r in dry.results:
        assert r.outcome in Outcome
        if r.outcome is Outcome.ERROR:
            assert r.messages and all(m for m in r.messages)
    new = dry.count(Outcome.NEW)
    try:
        done = RosterService(office).import_rows(dry)
    except RosterError:
        assert held(office) == before
    else:
        assert done.added == new and held(office)[0] == before[0] + new


GOOD = workbook([["DANH SÁCH NGƯỜI DÂN THÔN ĐÔNG"]],
                [["Lê Thị Hoa", "12/05/1985", "Nữ", "", "Thôn Đông", 1, "Nông dân", "0912345678"],
                 ["Trần Văn Bình", 1979, "Nam", 60179001234, "Thôn Phú Lập", 2, "Thợ mộc", ""]])


@given(mutated(GOOD, max_edits=3))
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_damaged_workbooks(office, raw):
    before = held(office)
    try:
        dry_run(office, raw)
    except RosterFileError as e:
        assert str(e)
    assert held(office) == before
