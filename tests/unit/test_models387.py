"""The learning models' criteria sets: the shipped four read, broken files named, and each model's pass rule
at its boundaries (the total threshold, and each criterion that must be met)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.criteria import CriteriaError
from desktop.domain.models387 import Model, parse_model_criteria
from desktop.domain.scoring import judge

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "criteria" / "mo-hinh"
SHIPPED = {Model(json.loads(p.read_text(encoding="utf-8"))["model"]): p for p in FOLDER.glob("*.json")}


def shipped(model: Model):
    return parse_model_criteria(SHIPPED[model].read_bytes())[0]


def test_four_shipped_sets_one_per_model_labelled_as_our_own_wording():
    assert set(SHIPPED) == set(Model)
    for model in Model:
        cs = shipped(model)
        assert cs.model is model and cs.covers(2026) and "lời văn của chương trình" in cs.name
        assert sum(c.max_points for c in cs.criteria) == 100 and cs.pass_rule.min_total == 70
        assert any(c.min_points for c in cs.criteria)  # at least one criterion must be met
    assert [m.title for m in Model] == ["Gia đình học tập", "Dòng họ học tập", "Cộng đồng học tập", "Đơn vị học tập"]
    assert [m.target_2025 for m in Model] == [70, 65, 65, 80]


@pytest.mark.parametrize("model", list(Model))
def test_pass_rule_at_its_boundaries(model):
    cs = shipped(model)
    required = [c for c in cs.criteria if c.min_points]
    full = {c.code: c.max_points for c in cs.criteria}

    def verdict(scores):
        return judge(cs.criteria, cs.pass_rule, scores, noun="tiêu chí")

    # exactly the threshold passes; one point under fails on the total
    at = dict(full)
    free = [c for c in cs.criteria if not c.min_points]
    drop = sum(full.values()) - cs.pass_rule.min_total
    for c in free:
        take = min(drop, c.max_points)
        at[c.code] -= take
        drop -= take
    assert drop == 0
    assert verdict(at).passed and verdict(at).total == cs.pass_rule.min_total
    under = dict(at)
    under[free[0].code] -= 1 if under[free[0].code] else 0
    if under != at:
        v = verdict(under)
        assert not v.passed and f"tổng {cs.pass_rule.min_total - 1} < {cs.pass_rule.min_total}" in v.text
    # a criterion that must be met: its minimum passes, one point under fails whatever the total
    for c in required:
        ok = {**full, c.code: c.min_points}
        assert verdict(ok).passed or verdict(ok).total < cs.pass_rule.min_total
        low = {**full, c.code: c.min_points - 1}
        v = verdict(low)
        assert not v.passed and f"tiêu chí {c.code} dưới {c.min_points} điểm" in v.text
        assert v.total >= cs.pass_rule.min_total  # failed on the criterion alone
    incomplete = dict(full)
    del incomplete[cs.criteria[0].code]
    v = verdict(incomplete)
    assert not v.complete and "còn thiếu 1 tiêu chí" in v.text


def broken(change) -> str:
    doc = json.loads(SHIPPED[Model.FAMILY].read_text(encoding="utf-8"))
    change(doc)
    return json.dumps(doc, ensure_ascii=False)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(format="so-cong-dan-hoc-tap/bo-tieu-chi"), "Không phải tệp bộ tiêu chí mô hình học tập"),
    (lambda d: d.update(model="village"), "“model” phải là một trong: family, clan, community, unit"),
    (lambda d: d.update(years=[2030]), "“years”"),
    (lambda d: d["pass_rule"].update(min_total=0), "“min_total” là số nguyên dương"),
    (lambda d: d["pass_rule"].update(min_total=101), "nhỏ hơn mức đạt 101"),
    (lambda d: d["criteria"][1].update(code="1"), "Mã tiêu chí 1 bị lặp"),
    (lambda d: d["criteria"][2].update(max=0), "tiêu chí 3: điểm tối đa"),
    (lambda d: d["criteria"][0].update(min=25), "tiêu chí 1: điểm phải đạt (“min”)"),
    (lambda d: d["criteria"][3].update(text=""), "tiêu chí 4: thiếu “text”"),
    (lambda d: d.update(criteria=[]), "Thiếu danh sách tiêu chí"),
])
def test_broken_model_sets_name_the_place(change, message):
    with pytest.raises(CriteriaError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_model_criteria(broken(change))
