from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.criteria import parse_criteria
from desktop.domain.cycle import Action, Status, TransitionError, transition
from desktop.domain.groups import CitizenGroup
from desktop.domain.scoring import ScoreError, judge

SET, _ = parse_criteria((Path(__file__).resolve().parents[2] / "resources/criteria/khung-2023.json").read_bytes())
INDICATORS = SET.indicators(CitizenGroup.FARMER)
RULE = SET.pass_rule
CODES = [i.code for i in INDICATORS]


def scores(*values):
    return dict(zip(CODES, values, strict=True))


def test_verdict_texts():
    assert judge(INDICATORS, RULE, scores(9, 9, 8, 9, 8, 8, 9, 9, 9, 8)).text == "đạt: 86 điểm"
    assert judge(INDICATORS, RULE, scores(9, 9, 9, 9, 9, 4, 9, 9, 9, 9)).text == "chưa đạt: chỉ số 2.2 dưới 5 điểm"
    assert judge(INDICATORS, RULE, scores(8, 8, 7, 7, 7, 7, 7, 8, 8, 7)).text == "chưa đạt: tổng 74 < 80"
    both = judge(INDICATORS, RULE, scores(8, 8, 7, 7, 7, 7, 7, 8, 8, 4))
    assert both.text == "chưa đạt: tổng 71 < 80; chỉ số 3.2 dưới 5 điểm"
    partial = judge(INDICATORS, RULE, {"1.1": 9, "1.2": 8})
    assert not partial.complete and not partial.passed
    assert partial.text.startswith("chưa chấm đủ: còn thiếu 8 chỉ số")
    assert judge(INDICATORS, RULE, scores(8, 8, 8, 8, 8, 8, 8, 8, 8, 8)).passed  # exactly 80


def test_scores_outside_the_range_are_refused():
    with pytest.raises(ScoreError, match="Chỉ số 2.3: điểm phải từ 0 đến 10 \\(đang nhập 11\\)"):
        judge(INDICATORS, RULE, scores(9, 9, 9, 9, 9, 9, 11, 9, 9, 9))
    with pytest.raises(ScoreError):
        judge(INDICATORS, RULE, scores(-1, 9, 9, 9, 9, 9, 9, 9, 9, 9))


@pytest.mark.parametrize("bad", [8.5, True, False, "8", [8], 8.0, b"8"])
def test_only_whole_numbers_are_scores(bad):
    """8.5, True and "8" are not points: refused at the domain with the indicator named, never a TypeError."""
    values = [9] * 10
    values[4] = bad
    with pytest.raises(ScoreError, match="Chỉ số 2.1: điểm phải là số nguyên từ 0 đến 10"):
        judge(INDICATORS, RULE, scores(*values))


@given(st.one_of(st.floats(), st.booleans(), st.text(max_size=5), st.integers(-10**30, -1), st.integers(11, 10**30)))
def test_nothing_but_0_to_10_passes_the_boundary(value):
    with pytest.raises(ScoreError):
        judge(INDICATORS, RULE, {"1.1": value})


score_lists = st.lists(st.integers(0, 10), min_size=10, max_size=10)


@given(score_lists)
def test_verdict_always_agrees_with_the_rule(values):
    v = judge(INDICATORS, RULE, scores(*values))
    assert v.complete and v.total == sum(values)
    assert v.passed == (sum(values) >= 80 and min(values) >= 5)
    assert v.text.startswith("đạt" if v.passed else "chưa đạt")
    assert set(v.low) == {c for c, x in zip(CODES, values, strict=True) if x < 5}


@given(st.lists(st.tuples(st.sampled_from(list(Action)), score_lists, st.booleans()), max_size=25), st.booleans())
def test_no_path_lets_status_disagree_with_scores(moves, review_required):
    """Whatever the order of moves, a proposed or recognized person passes, a rejected one fails."""
    status, verdict, reviewed, withdrawn_from = Status.REGISTERED, None, False, None
    score_moves = (Action.SELF_ASSESS, Action.REVIEW, Action.CORRECT)
    for action, values, use_scores in moves:
        # only score-entering moves bring new scores; the others are judged on the scores that stand
        candidate = judge(INDICATORS, RULE, scores(*values)) if use_scores and action in score_moves else verdict
        try:
            new = transition(status, action, candidate, review_required=review_required, reviewed=reviewed,
                             withdrawn_from=withdrawn_from)
        except TransitionError:
            continue
        if action in score_moves:
            verdict = candidate
        if action is Action.REVIEW:
            reviewed = True
        if action is Action.WITHDRAW:
            withdrawn_from = status
        status = new
        if status in (Status.PROPOSED, Status.RECOGNIZED):
            assert verdict is not None and verdict.passed
        if status is Status.NOT_RECOGNIZED:
            assert verdict is not None and verdict.complete and not verdict.passed
        if status is Status.PROPOSED and review_required:
            assert reviewed


def test_illegal_moves_say_why():
    good = judge(INDICATORS, RULE, scores(9, 9, 9, 9, 9, 9, 9, 9, 9, 9))
    bad = judge(INDICATORS, RULE, scores(8, 8, 7, 7, 7, 7, 7, 8, 8, 7))
    with pytest.raises(TransitionError, match="chỉ đề nghị người đã được chi hội xét"):
        transition(Status.SELF_ASSESSED, Action.PROPOSE, good)
    assert transition(Status.SELF_ASSESSED, Action.PROPOSE, good, review_required=False) is Status.PROPOSED
    with pytest.raises(TransitionError, match="chưa đạt: tổng 74 < 80"):
        transition(Status.REVIEWED, Action.PROPOSE, bad)
    with pytest.raises(TransitionError, match="sau quyết định không rút tên được"):
        transition(Status.RECOGNIZED, Action.WITHDRAW, good)
    with pytest.raises(TransitionError, match="trước quyết định thì sửa điểm"):
        transition(Status.REVIEWED, Action.CORRECT, good)
    assert transition(Status.RECOGNIZED, Action.CORRECT, bad) is Status.NOT_RECOGNIZED
    assert transition(Status.NOT_RECOGNIZED, Action.CORRECT, good) is Status.REVIEWED
    assert transition(Status.WITHDRAWN, Action.REINSTATE, None, withdrawn_from=Status.REVIEWED) is Status.REVIEWED
