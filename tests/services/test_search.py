import dataclasses
import unicodedata

import pytest

from desktop.db.citizen_queries import CitizenFilter
from desktop.domain.groups import CitizenGroup
from desktop.domain.sex import Sex
from tests.conftest import add, village_id

PEOPLE = [
    ("Nguyễn Văn An", Sex.MALE, "Thôn Phú Lập", "060080000001"),
    ("Nguyễn Thị Ánh", Sex.FEMALE, "Thôn Phú Lập", "060180000002"),
    ("Trần Đức Anh", Sex.MALE, "Thôn Đông", "079080000003"),
    ("Đặng Thị Hường", Sex.FEMALE, "Thôn Đông", ""),
    ("Lê Đức", Sex.MALE, "Khu phố 3", "001080000005"),
    ("Huỳnh Ngọc Dung", Sex.FEMALE, "Khu phố 3", ""),
    ("Phạm Anh Tuấn", Sex.MALE, "Thôn Phú Lập", ""),
]


@pytest.fixture
def people(office):
    ids = {}
    for name, sex, village, cccd in PEOPLE:
        group = CitizenGroup.OFFICIAL if "Tuấn" in name else CitizenGroup.FARMER
        ids[name] = add(office, name, sex=sex, village=village, cccd=cccd, birth="1980", group=group)
    return office, ids


def names(register, text="", **kw):
    return [r.full_name for r in register.citizens.page(CitizenFilter(text, **kw), 0, 100)]


def nfd(s):
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize("query", ["Đặng Thị Hường", "dang thi huong", "DANG THI HUONG", "huong dang",
                                   nfd("Đặng Thị Hường"), "hương", "huo", "dan hu"])
def test_with_or_without_diacritics_any_order_prefixes(people, query):
    register, _ = people
    assert names(register, query) == ["Đặng Thị Hường"]


def test_d_and_dj_are_the_same_letter(people):
    register, _ = people
    assert set(names(register, "duc")) == {"Trần Đức Anh", "Lê Đức"}
    assert set(names(register, "Đức")) == {"Trần Đức Anh", "Lê Đức"}
    assert names(register, "dung") == ["Huỳnh Ngọc Dung"]


def test_best_first_given_name_then_whole_words_then_prefixes(people):
    register, _ = people
    # "anh": Trần Đức Anh (given name), Phạm Anh Tuấn (whole word), then Ánh... no: "anh" also folds Ánh.
    assert names(register, "anh") == ["Trần Đức Anh", "Nguyễn Thị Ánh", "Phạm Anh Tuấn"]
    assert names(register, "an")[:1] == ["Nguyễn Văn An"]
    assert names(register, "an")[1:] == ["Trần Đức Anh", "Nguyễn Thị Ánh", "Phạm Anh Tuấn"]


def test_cccd_prefix(people):
    register, _ = people
    assert names(register, "0600") == ["Nguyễn Văn An"]
    assert names(register, "060") == ["Nguyễn Văn An", "Nguyễn Thị Ánh"]
    assert names(register, "001080000005") == ["Lê Đức"]


def test_filters_and_no_match(people):
    register, _ = people
    assert names(register, village_id=village_id(register, "Thôn Đông")) == ["Trần Đức Anh", "Đặng Thị Hường"]
    assert names(register, "anh", group=int(CitizenGroup.OFFICIAL)) == ["Phạm Anh Tuấn"]
    assert names(register, "xyz") == []
    assert names(register, "  !!! ") == names(register)
    assert register.citizens.count(CitizenFilter("nguyen")) == 2


def test_whole_list_in_vietnamese_order(people):
    register, _ = people
    assert names(register) == ["Nguyễn Văn An", "Trần Đức Anh", "Nguyễn Thị Ánh", "Huỳnh Ngọc Dung", "Lê Đức",
                               "Đặng Thị Hường", "Phạm Anh Tuấn"]


def test_index_follows_edits_and_deletes(people):
    register, ids = people
    cid = ids["Lê Đức"]
    rec = register.citizens.get(cid)
    register.citizens.update(cid, rec.version, dataclasses.replace(rec.draft, full_name="Lê Minh Khôi"))
    assert names(register, "khoi") == ["Lê Minh Khôi"]
    assert names(register, "duc") == ["Trần Đức Anh"]
    register.citizens.delete(cid, "Nhập nhầm")
    assert names(register, "khoi") == []
    assert names(register, "khoi", deleted=True) == ["Lê Minh Khôi"]


def test_paging_is_stable(office):
    for i in range(30):
        add(office, f"Nguyễn Văn {chr(ord('A') + i % 26)}{'a' * (i // 26)}", birth=str(1950 + i))
    first = office.citizens.page(CitizenFilter("nguyen"), 0, 20)
    rest = office.citizens.page(CitizenFilter("nguyen"), 20, 20)
    assert len(first) == 20 and len(rest) == 10
    assert not {r.id for r in first} & {r.id for r in rest}


def test_broad_results_come_in_name_order_page_by_page(people, monkeypatch):
    from desktop.db import citizen_queries

    register, ids = people
    register.citizens.delete(ids["Nguyễn Văn An"], "Nhập trùng")
    ranked = names(register, "an")
    monkeypatch.setattr(citizen_queries, "RANKED_LIMIT", 1)
    walked = names(register, "an")
    assert walked == ["Trần Đức Anh", "Nguyễn Thị Ánh", "Phạm Anh Tuấn"]  # the deleted left out
    assert sorted(walked) == sorted(ranked)
    total = register.citizens.count(CitizenFilter("an"))
    first = register.citizens.page(CitizenFilter("an"), 0, 2, total)
    rest = register.citizens.page(CitizenFilter("an"), 2, 2, total)
    assert [r.full_name for r in first + rest] == walked


def test_counts_agree_with_rows_under_every_filter(people):
    register, ids = people
    register.citizens.delete(ids["Lê Đức"], "Chuyển đi nơi khác")
    for flt in [CitizenFilter("duc"), CitizenFilter("duc", deleted=True), CitizenFilter("an", group=1),
                CitizenFilter("thi", village_id=village_id(register, "Thôn Đông")), CitizenFilter(),
                CitizenFilter(deleted=True), CitizenFilter("060")]:
        assert register.citizens.count(flt) == len(register.citizens.page(flt, 0, 100)), flt


HUONG = ["Nguyễn Thị Hương", "Trần Thị Hương", "Lê Thị Hương", "Phạm Thị Hương", "Vũ Thị Hương", "Đỗ Thị Hương",
         "Nguyễn Thị Hưởng", "Nguyễn Thị Hường", "Bùi Thị Hương", "Hồ Thị Hương", "Ngô Thị Hương", "Dương Thị Hương",
         "Nguyễn Thị Huơng"]


@pytest.fixture
def huongs(office):
    for i, name in enumerate(HUONG):
        add(office, name, sex=Sex.FEMALE, birth=str(1970 + i))
    return office


@pytest.mark.parametrize("typed", ["nguyễn thị hường", "hường", "Hường", "HƯỜNG", nfd("hường"), "hườ"])
def test_what_was_typed_with_marks_comes_first(huongs, typed):
    from desktop.domain.names import fold

    found = names(huongs, typed)
    assert found[0] == "Nguyễn Thị Hường", found
    assert sorted(found) == sorted(names(huongs, fold(typed)))  # the same people, only the order differs


def test_marks_first_also_when_the_search_is_broad(huongs, monkeypatch):
    """Beyond RANKED_LIMIT the rows are walked in name order: the marked names first, page by page."""
    from desktop.db import citizen_queries

    monkeypatch.setattr(citizen_queries, "RANKED_LIMIT", 1)
    total = huongs.citizens.count(CitizenFilter("hưởng"))
    pages = [huongs.citizens.page(CitizenFilter("hưởng"), o, 2, total) for o in range(0, total, 2)]
    walked = [r.full_name for p in pages for r in p]
    assert walked[0] == "Nguyễn Thị Hưởng" and len(walked) == total == len(set(walked)) == len(HUONG)
    assert walked[1:] == [n for n in names(huongs, "huong") if n != "Nguyễn Thị Hưởng"]  # then name order


def test_without_marks_nothing_changes(huongs):
    assert names(huongs, "huong") == names(huongs, "HUONG")
    assert len(names(huongs, "huong")) == len(HUONG)


def test_the_years_list_puts_marked_names_first_too(huongs):
    from desktop.db.enrolment_queries import EnrolmentFilter

    huongs.enrolments.register_all(2026)
    rows = huongs.enrolments.page(EnrolmentFilter(2026, "hường"), 0, 50)
    assert rows[0].full_name == "Nguyễn Thị Hường" and len(rows) == len(HUONG)


def test_the_written_out_search_ranks_as_the_expressions_do(office):
    """On SQLite a narrow search runs as SQL written out (desktop/db/citizen_queries._ranked_on_sqlite):
    the same rows in the same order as SQLAlchemy's expressions give, for what clerks type."""
    from desktop.bench.search import queries
    from desktop.db import citizen_queries
    from desktop.services.demo import fill_demo

    fill_demo(office, 1500, seed=7)
    typed = queries(office, 150) + ["nguyễn thị", "thị hường", "an", "ANH", "văn a", "0601", "lan   ng", ""]
    checked = 0
    with office.db.reader() as s:
        for text in typed:
            for flt in (CitizenFilter(text), CitizenFilter(text, village_id=village_id(office, "Thôn Đông")),
                        CitizenFilter(text, group=int(CitizenGroup.FARMER))):
                total = citizen_queries.count(s, flt)
                if not 0 < total <= citizen_queries.RANKED_LIMIT and text:
                    continue
                assert citizen_queries.first_page(s, flt, 40) == (total, citizen_queries.page(
                    s, flt, 0, 40, total, written_out=False))
                for offset in (0, 5):
                    fast = citizen_queries.page(s, flt, offset, 40, total)
                    slow = citizen_queries.page(s, flt, offset, 40, total, written_out=False)
                    assert fast == slow, (text, flt, offset)
                checked += 1
    assert checked > 200


def test_a_broad_search_counted_and_walked_in_one_call(office, monkeypatch):
    """first_page() of a search past RANKED_LIMIT matches: all counted, the first page in name order, as
    count() and page() give them apart."""
    from desktop.db import citizen_queries
    from desktop.services.demo import fill_demo

    fill_demo(office, 400, seed=3)
    monkeypatch.setattr(citizen_queries, "RANKED_LIMIT", 20)
    with office.db.reader() as s:
        for text in ("nguyen", "thi", "van", "an", "0"):
            flt = CitizenFilter(text)
            total = citizen_queries.count(s, flt)
            assert total > 20, text
            assert citizen_queries.first_page(s, flt, 50) == (total, citizen_queries.page(s, flt, 0, 50, total))
