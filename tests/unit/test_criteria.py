import copy
import json
from pathlib import Path

import pytest

from desktop.domain.criteria import CriteriaError, parse_criteria
from desktop.domain.groups import CitizenGroup

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "criteria" / "khung-2023.json"


def shipped_doc():
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_shipped_set_has_three_groups_of_ten_in_three_competences():
    cs, _ = parse_criteria(SHIPPED.read_bytes())
    assert (cs.id, cs.year_from, cs.year_to) == ("khung-2023", 2023, 2030)
    assert (cs.pass_rule.min_total, cs.pass_rule.min_each) == (80, 5)
    assert list(cs.competences) == ["1", "2", "3"]
    texts = set()
    for group in CitizenGroup:
        indicators = cs.indicators(group)
        assert [i.code for i in indicators] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
        assert sum(i.max_points for i in indicators) == 100
        texts |= {i.text for i in indicators}
    assert len(texts) == 30  # each group has its own wording


def broken(change) -> str:
    doc = shipped_doc()
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format="khac"), "Không phải tệp bộ tiêu chí"),
    (lambda d: d.update(years=[2030, 2023]), "“years”"),
    (lambda d: d["groups"].pop("2"), "Thiếu các chỉ số của nhóm 2"),
    (lambda d: d["groups"]["1"][3].update(text="  "), "nhóm 1 (Nông dân, lao động nông thôn), chỉ số 1.4: thiếu “text”"),
    (lambda d: d["groups"]["3"][0].update(max="10"), "chỉ số 1.1: điểm tối đa phải là số nguyên"),
    (lambda d: d["groups"]["2"][1].update(code="1.1"), "mã chỉ số 1.1 bị lặp"),
    (lambda d: d["groups"]["2"][1].update(competence="9"), "năng lực “9” không có"),
    (lambda d: d["pass_rule"].update(min_total=120), "nhỏ hơn mức đạt 120"),
    (lambda d: d["groups"].update({"4": []}), "Nhóm đối tượng 4 có chỉ số nhưng chưa được định nghĩa"),
    (lambda d: d["group_definitions"].append(dict(d["group_definitions"][0])), "nhóm đối tượng 1 bị định nghĩa hai lần"),
    (lambda d: d["group_definitions"][1].update(number=12), "“number” phải là số từ 1 đến 9"),
    (lambda d: d["group_definitions"][1].update(code="công nhân"), "chỉ gồm chữ không dấu"),
    (lambda d: d["group_definitions"][2].update(officials="có"), "“officials” phải là true hoặc false"),
    (lambda d: d["group_definitions"][0].update(short=" "), "nhóm đối tượng 1: thiếu “short”"),
    (lambda d: d.update(group_definitions=[]), "danh sách từ 1 đến 9"),
])
def test_broken_sets_name_the_place(change, message):
    with pytest.raises(CriteriaError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_criteria(broken(change))


@pytest.mark.parametrize(("raw", "message"), [
    (b"\xff\xfe garbage", "không phải văn bản UTF-8"),
    (b'{"format": ', "lỗi cú pháp JSON ở dòng 1"),
    (b"[1, 2]", "phải là một đối tượng JSON"),
    (b"PK\x03\x04" + b"\x00" * 2_000_000, "quá lớn"),
])
def test_files_that_are_not_criteria(raw, message):
    with pytest.raises(CriteriaError, match=message):
        parse_criteria(raw)


def test_a_province_set_with_other_wording_and_points():
    doc = shipped_doc()
    other = copy.deepcopy(doc)
    other["id"] = "lam-dong-2026"
    other["groups"]["1"][0]["text"] = "Đọc sách báo ở thư viện thôn ít nhất mỗi tháng một lần."
    cs, stored = parse_criteria(json.dumps(other, ensure_ascii=False))
    assert cs.id == "lam-dong-2026"
    assert cs.indicators(CitizenGroup.FARMER)[0].text.startswith("Đọc sách báo")
    assert stored["id"] == "lam-dong-2026"


def four_group_doc() -> dict:
    """The shipped set with a fourth group (as the national site is reported to offer): its own wording."""
    doc = shipped_doc()
    doc["id"] = "bon-nhom-2026"
    doc["group_definitions"].append({"number": 4, "code": "nguoi-cao-tuoi", "name": "Người cao tuổi, nội trợ",
                                     "short": "Người cao tuổi", "officials": False})
    doc["groups"]["4"] = copy.deepcopy(doc["groups"]["1"])
    for item in doc["groups"]["4"]:
        item["text"] = "Người cao tuổi: " + item["text"]
    return doc


def test_a_set_without_definitions_has_the_programmes_three():
    doc = shipped_doc()
    del doc["group_definitions"]
    cs, _ = parse_criteria(json.dumps(doc, ensure_ascii=False))
    assert [d.short for d in cs.group_defs] == ["Nông dân, lao động nông thôn", "Công nhân, thợ nghề",
                                                "Cán bộ, công chức, doanh nhân"]


def test_a_set_with_four_groups():
    cs, _ = parse_criteria(json.dumps(four_group_doc(), ensure_ascii=False))
    assert [d.number for d in cs.group_defs] == [1, 2, 3, 4]
    assert cs.indicators(4)[0].text.startswith("Người cao tuổi: ")
    assert [d.officials for d in cs.group_defs] == [False, False, True, False]
