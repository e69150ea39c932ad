"""Validly signed and encrypted packages from a registered commune, with hostile content (hypothesis).

For each: a clear refusal (one line, no traceback) and the upper level's database unchanged, or a merge
whose figures stay sane (recognized ≤ registered) and whose exports do not crash; and the next good
file of a batch is still received."""

import hashlib
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desktop.db.models import AreaEnrolment, AreaPerson, ReceivedPackage
from desktop.exchange.package import PackageError, build
from tests.exchange.conftest import PASS, YEAR

SEQUENCE = itertools.count(1000)  # each accepted file a new sequence, so none is refused as a replay
HOSTILE_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70), st.floats(allow_nan=True),
    st.text(max_size=30), st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Co", "Zl"]),
                                  min_size=1, max_size=5),
    st.just("x" * 100_000), st.just("1' OR '1'='1"), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


def dump(upper) -> str:
    """A logical dump of what the upper level holds: any change shows."""
    with upper.db.reader() as s:
        rows = [tuple(r) for model in (ReceivedPackage, AreaPerson, AreaEnrolment)
                for r in s.execute(select(*model.__table__.columns).order_by(model.__table__.c.id))]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def good_members(area):
    return area.a.sending._commune_members(YEAR)


def manifest(area, sequence: int, **sender) -> dict:
    info = area.a.office.info()
    return {"sender": {"code": info.commune_code, "name": info.association_name, "kind": "commune", **sender},
            "recipient": {"name": "x", "age_recipient": area.upper.keys.public().age_recipient},
            "year": YEAR, "sequence": sequence, "previous_sha256": None}


def receive(area, tmp_path, members: dict, head: dict | None = None) -> str:
    """Check and (if it passes) merge one file; returns "refused: …" or "merged"."""
    path = tmp_path / "goi.age"
    path.write_bytes(build(head or manifest(area, next(SEQUENCE)), members, area.a.keys.store.signer(PASS),
                           area.upper.keys.public().age_recipient))
    before = dump(area.upper)
    try:
        check = area.upper.receiving.check(path, PASS)
    except PackageError as e:
        message = str(e)
        assert message and "\n" not in message and "Traceback" not in message and len(message) < 600
        assert dump(area.upper) == before  # nothing stored on a refusal
        return f"refused: {message}"
    area.upper.receiving.merge(check)
    report = area.upper.area.report(YEAR)
    for office in report.offices:
        for g in office.groups:
            assert 0 <= g["recognized"] <= g["registered"], g
    area.upper.area.workbook(YEAR)  # no export may crash on what was received
    area.upper.area.duplicates(YEAR)
    return "merged"


def then_a_good_file_is_received(area, tmp_path, good_members):
    assert receive(area, tmp_path, dict(good_members)) == "merged"


@FAST
@given(row=st.integers(0, 30), field=st.sampled_from(["uuid", "version", "full_name", "birth", "sex", "cccd",
                                                       "village", "group", "deleted"]), value=HOSTILE_VALUES)
def test_a_hostile_value_in_a_person(area, tmp_path, good_members, row, field, value):
    members = dict(good_members)
    people = json.loads(members["records/citizens.json"])
    people["rows"][row][people["columns"].index(field)] = value
    members["records/citizens.json"] = json.dumps(people).encode()
    outcome = receive(area, tmp_path, members)
    if outcome == "merged":  # only a value the office itself could have typed gets through
        assert isinstance(value, str | int | bool) or value is None


@FAST
@given(row=st.integers(0, 30), field=st.sampled_from(["uuid", "person", "group", "status", "total", "passed"]),
       value=HOSTILE_VALUES)
def test_a_hostile_value_in_an_enrolment(area, tmp_path, good_members, row, field, value):
    members = dict(good_members)
    enrolments = json.loads(members["records/enrolments.json"])
    enrolments["rows"][row][enrolments["columns"].index(field)] = value
    members["records/enrolments.json"] = json.dumps(enrolments).encode()
    receive(area, tmp_path, members)


@FAST
@given(groups=st.lists(st.integers(0, 5), max_size=6), scale=st.integers(-5, 10**12),
       key=st.sampled_from(["registered", "assessed", "recognized", "total"]))
def test_a_summary_with_wrong_groups_or_figures(area, tmp_path, good_members, groups, scale, key):
    members = dict(good_members)
    summary = json.loads(members["summary.json"])
    by_group = {g["group"]: g for g in summary["groups"]}
    summary["groups"] = [{**by_group.get(n, by_group[1]), "group": n} for n in groups] or summary["groups"]
    summary["groups"][0][key] = scale
    members["summary.json"] = json.dumps(summary).encode()
    outcome = receive(area, tmp_path, members)
    if outcome == "merged":  # then it was the truth: every group once, figures as the records say
        assert sorted(g["group"] for g in summary["groups"]) == [1, 2, 3]


@FAST
@given(people=st.integers(1, 3))
def test_the_same_person_twice(area, tmp_path, good_members, people):
    members = dict(good_members)
    doc = json.loads(members["records/citizens.json"])
    doc["rows"] += doc["rows"][:people]  # the same UUIDs again
    members["records/citizens.json"] = json.dumps(doc).encode()
    outcome = receive(area, tmp_path, members)
    assert outcome.startswith("refused:") and "hai lần" in outcome, outcome
    then_a_good_file_is_received(area, tmp_path, good_members)


@FAST
@given(name=HOSTILE_VALUES, kind=st.sampled_from(["commune", "upper", "xa", ""]))
def test_a_hostile_sender(area, tmp_path, good_members, name, kind):
    head = manifest(area, next(SEQUENCE))
    head["sender"]["name"], head["sender"]["kind"] = name, kind
    outcome = receive(area, tmp_path, dict(good_members), head)
    if outcome == "merged":
        assert kind == "commune" and isinstance(name, str)
    then_a_good_file_is_received(area, tmp_path, good_members)


def test_one_person_enrolled_twice_in_a_year(area, tmp_path, good_members):
    members = dict(good_members)
    doc = json.loads(members["records/enrolments.json"])
    twice = list(doc["rows"][0])
    twice[doc["columns"].index("uuid")] = "7d0f6d4e-95c1-4c58-9a8e-0f1c2b3a4d5e"
    doc["rows"].append(twice)
    members["records/enrolments.json"] = json.dumps(doc).encode()
    outcome = receive(area, tmp_path, members)
    assert outcome.startswith("refused:") and "“person”" in outcome and "ghi hai lần (dòng 1 và" in outcome, outcome
