"""The verdict: always computed from the scores and the set's pass rule, never typed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.domain.criteria import Indicator, PassRule


class ScoreError(ValueError):
    """A score outside what the indicator allows; the message names the indicator."""


@dataclass(frozen=True)
class Verdict:
    complete: bool
    passed: bool
    total: int
    low: tuple[str, ...]  # codes of indicators below the minimum
    text: str             # as screens and lists show it: "đạt: 86 điểm", "chưa đạt: tổng 74 < 80"


def check_score(indicator: Indicator, value: object) -> None:
    """Whole points from 0 to the indicator's maximum; nothing else (8.5, True, "8") is a score."""
    if isinstance(value, bool) or not isinstance(value, int):
        shown = repr(value)[:40]
        raise ScoreError(f"Chỉ số {indicator.code}: điểm phải là số nguyên từ 0 đến {indicator.max_points} "
                         f"(đang có {shown}).")
    if not 0 <= value <= indicator.max_points:
        raise ScoreError(f"Chỉ số {indicator.code}: điểm phải từ 0 đến {indicator.max_points} (đang nhập {value}).")


def judge(indicators: tuple[Indicator, ...], rule: PassRule, scores: Mapping[str, int | None],
          noun: str = "chỉ số") -> Verdict:
    """Scores by indicator code; a missing score makes the verdict incomplete (neither pass nor fail). `noun`:
    what the set calls its items in the verdict ("chỉ số" for citizens, "tiêu chí" for the learning models)."""
    given = {i.code: scores.get(i.code) for i in indicators}
    for indicator in indicators:
        value = given[indicator.code]
        if value is not None:
            check_score(indicator, value)
    total = sum(v for v in given.values() if v is not None)
    missing = [code for code, v in given.items() if v is None]
    low = tuple(i.code for i in indicators if given[i.code] is not None and given[i.code] < i.minimum(rule))
    if missing:
        text = f"chưa chấm đủ: còn thiếu {len(missing)} {noun} ({', '.join(missing)}); tạm tính {total} điểm"
        return Verdict(False, False, total, low, text)
    reasons = []
    if total < rule.min_total:
        reasons.append(f"tổng {total} < {rule.min_total}")
    by_minimum: dict[int, list[str]] = {}
    for i in indicators:
        if i.code in low:
            by_minimum.setdefault(i.minimum(rule), []).append(i.code)
    for minimum, codes in sorted(by_minimum.items()):
        reasons.append(f"{noun} {', '.join(codes)} dưới {minimum} điểm")
    if reasons:
        return Verdict(True, False, total, low, "chưa đạt: " + "; ".join(reasons))
    return Verdict(True, True, total, low, f"đạt: {total} điểm")
