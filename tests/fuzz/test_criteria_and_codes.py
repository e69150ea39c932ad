"""Fuzzing the doors that take a short text: criteria-set files and certificate QR codes. Whatever comes
in, the answer is a clear refusal (CriteriaError, a 'not genuine' check), never a crash; a refused file
leaves the database as it was."""

import json
from pathlib import Path

import minisign
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.criteria import CriteriaError, parse_criteria
from desktop.exchange.certificate_code import CertificateFacts, check_code, make_code
from desktop.exchange.keys import Signer
from tests.fuzz.mutate import examples, json_values, mutated, replace_at

SHIPPED = (Path(__file__).parents[2] / "resources" / "criteria" / "khung-2023.json").read_bytes()
SHIPPED_DOC = json.loads(SHIPPED)


def parses_or_refuses(raw: bytes | str) -> None:
    try:
        parse_criteria(raw)
    except CriteriaError as e:
        assert str(e)  # a message for the clerk


@given(mutated(SHIPPED))
@settings(max_examples=examples(300), deadline=None)
def test_mutated_criteria_files(raw):
    parses_or_refuses(raw)


@given(st.binary(max_size=2000))
def test_any_bytes_as_a_criteria_file(raw):
    parses_or_refuses(raw)


@given(st.lists(st.integers(0, 50), max_size=6), json_values)
@settings(max_examples=examples(300), deadline=None)
def test_well_formed_json_with_wrong_values(path, value):
    parses_or_refuses(json.dumps(replace_at(SHIPPED_DOC, path, value)))


@given(st.lists(st.integers(0, 50), max_size=6), json_values)
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_refused_criteria_file_changes_nothing(office, tmp_path, path, value):
    before = office.criteria.sets()
    file = tmp_path / "bo-tieu-chi.json"
    file.write_text(json.dumps(replace_at(SHIPPED_DOC, path, value)), encoding="utf-8")
    try:
        office.criteria.import_file(file)
    except CriteriaError:
        assert office.criteria.sets() == before


_PAIR = minisign.KeyPair.generate()
_KEYS = {23059: (_PAIR.public_key.to_base64().decode(), "Hội Khuyến học xã Hàm Thuận")}
_FACTS = CertificateFacts(23059, 2026, "CDHT-23059-2026-00001", "Trần Văn Đức", 1980, "12/QĐ-HKH")
VALID_CODE = make_code(_FACTS, Signer(_PAIR.secret_key))


def test_the_unharmed_code_is_genuine():
    assert check_code(VALID_CODE, _KEYS.get).genuine


@given(st.one_of(st.text(max_size=300), mutated(VALID_CODE.encode()).map(lambda b: b.decode("utf-8", "replace"))))
@settings(max_examples=examples(400), deadline=None)
def test_any_text_as_a_certificate_code(code):
    result = check_code(code, _KEYS.get)
    assert result.message
    if result.genuine:  # only a code that still says exactly what was signed (spaces around it are trimmed)
        assert result.facts == _FACTS
