"""Criteria sets: the indicators each group is scored on and the pass rule, read from a JSON file.

A set is data (resources/criteria/ ships one; an office imports its province's own). Reading checks
everything a scoring screen relies on and names the place of any fault in Vietnamese.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.datafile import CriteriaError, load_json  # noqa: F401 - CriteriaError read from here too
from desktop.domain.datafile import is_int as _is_int
from desktop.domain.datafile import need as _need
from desktop.domain.datafile import text_field as _text
from desktop.domain.groups import MAX_GROUPS, SHIPPED, GroupDef

FORMAT = "so-cong-dan-hoc-tap/bo-tieu-chi"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Indicator:
    code: str          # "2.3": competence 2, indicator 3, as printed on the paper sheet
    competence: str
    text: str
    max_points: int
    min_points: int | None = None  # a criterion that must be met with at least this (else the rule's min_each)
    digital: bool = False          # the indicator of digital skills: its score proposes a holder's level (677)

    def minimum(self, rule: PassRule) -> int:
        return rule.min_each if self.min_points is None else self.min_points


@dataclass(frozen=True)
class PassRule:
    min_total: int
    min_each: int


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    name: str
    year_from: int
    year_to: int
    pass_rule: PassRule
    competences: dict[str, str]
    groups: dict[int, tuple[Indicator, ...]]   # by group number
    group_defs: tuple[GroupDef, ...] = SHIPPED

    def indicators(self, group: int) -> tuple[Indicator, ...]:
        return self.groups[int(group)]

    def covers(self, year: int) -> bool:
        return self.year_from <= year <= self.year_to


def parse_criteria(raw: bytes | str) -> tuple[CriteriaSet, dict[str, Any]]:
    """The set and the JSON document it came from (kept as stored). Raises CriteriaError."""
    doc = load_json(raw)
    return _read(doc), doc


def _read(doc: Any) -> CriteriaSet:
    _need(isinstance(doc, dict), "Tệp bộ tiêu chí phải là một đối tượng JSON.")
    _need(doc.get("format") == FORMAT, f"Không phải tệp bộ tiêu chí (trường “format” phải là “{FORMAT}”).")
    _need(doc.get("format_version") == FORMAT_VERSION,
          f"Phiên bản định dạng {doc.get('format_version')!r} chưa được hỗ trợ (cần {FORMAT_VERSION}).")
    set_id = _text(doc, "id", "bộ tiêu chí")
    name = _text(doc, "name", "bộ tiêu chí")
    years = doc.get("years")
    _need(isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years)
          and 2000 <= years[0] <= years[1] <= 2100,
          "Trường “years” phải là [năm đầu, năm cuối], ví dụ [2023, 2030].")
    rule = doc.get("pass_rule")
    _need(isinstance(rule, dict) and _is_int(rule.get("min_total")) and _is_int(rule.get("min_each")),
          "Trường “pass_rule” phải có “min_total” và “min_each” là số nguyên.")
    pass_rule = PassRule(rule["min_total"], rule["min_each"])
    comps = doc.get("competences")
    _need(isinstance(comps, list) and comps, "Thiếu danh sách năng lực (“competences”).")
    competences: dict[str, str] = {}
    for i, c in enumerate(comps, 1):
        _need(isinstance(c, dict), f"Năng lực thứ {i} không đúng dạng.")
        code = _text(c, "code", f"năng lực thứ {i}")
        _need(code not in competences, f"Mã năng lực {code} bị lặp.")
        competences[code] = _text(c, "name", f"năng lực {code}")
    groups_doc = doc.get("groups")
    _need(isinstance(groups_doc, dict), "Thiếu các nhóm đối tượng (“groups”).")
    defs = read_group_defs(doc.get("group_definitions"))
    groups: dict[int, tuple[Indicator, ...]] = {}
    for d in defs:
        items = groups_doc.get(str(d.number))
        where = f"nhóm {d.number} ({d.short})"
        _need(isinstance(items, list) and items, f"Thiếu các chỉ số của {where}.")
        groups[d.number] = _indicators(items, where, competences, pass_rule)
    extra = set(groups_doc) - {str(d.number) for d in defs}
    _need(not extra, f"Nhóm đối tượng {', '.join(sorted(extra))} có chỉ số nhưng chưa được định nghĩa "
                     "(trong “group_definitions”).")
    return CriteriaSet(set_id, name, years[0], years[1], pass_rule, competences, groups, defs)


def read_group_defs(items: Any) -> tuple[GroupDef, ...]:
    """The set's groups: its own `group_definitions`, or (a set without them) the three of the programme."""
    if items is None:
        return SHIPPED
    _need(isinstance(items, list) and 1 <= len(items) <= MAX_GROUPS,
          f"“group_definitions” phải là danh sách từ 1 đến {MAX_GROUPS} nhóm đối tượng.")
    found: list[GroupDef] = []
    for i, item in enumerate(items, 1):
        where = f"nhóm đối tượng thứ {i}"
        _need(isinstance(item, dict), f"{where} không đúng dạng.")
        number = item.get("number")
        _need(_is_int(number) and 1 <= number <= MAX_GROUPS, f"{where}: “number” phải là số từ 1 đến {MAX_GROUPS}.")
        where = f"nhóm đối tượng {number}"
        _need(all(d.number != number for d in found), f"{where} bị định nghĩa hai lần.")
        code = _text(item, "code", where)
        _need(code.isascii() and all(ch.isalnum() or ch == "-" for ch in code),
              f"{where}: mã “{code}” chỉ gồm chữ không dấu, số và dấu gạch ngang.")
        _need(all(d.code != code for d in found), f"{where}: mã “{code}” bị lặp.")
        officials = item.get("officials", False)
        _need(isinstance(officials, bool), f"{where}: “officials” phải là true hoặc false.")
        found.append(GroupDef(number, code, _text(item, "name", where), _text(item, "short", where), officials))
    return tuple(sorted(found, key=lambda d: d.number))


def _indicators(items: list[Any], where: str, competences: dict[str, str], rule: PassRule) -> tuple[Indicator, ...]:
    found: list[Indicator] = []
    for i, item in enumerate(items, 1):
        _need(isinstance(item, dict), f"{where}: chỉ số thứ {i} không đúng dạng.")
        code = _text(item, "code", f"{where}, chỉ số thứ {i}")
        here = f"{where}, chỉ số {code}"
        _need(all(c.code != code for c in found), f"{where}: mã chỉ số {code} bị lặp.")
        competence = _text(item, "competence", here)
        _need(competence in competences, f"{here}: năng lực “{competence}” không có trong danh sách năng lực.")
        max_points = item.get("max")
        _need(_is_int(max_points) and 1 <= max_points <= 100, f"{here}: điểm tối đa phải là số nguyên từ 1 đến 100.")
        _need(rule.min_each <= max_points, f"{here}: điểm tối đa {max_points} nhỏ hơn mức tối thiểu {rule.min_each}.")
        digital = item.get("digital", False)
        _need(isinstance(digital, bool), f"{here}: “digital” phải là true hoặc false.")
        found.append(Indicator(code, competence, _text(item, "text", here), max_points, digital=digital))
    total = sum(i.max_points for i in found)
    _need(rule.min_total <= total, f"{where}: tổng điểm tối đa {total} nhỏ hơn mức đạt {rule.min_total}.")
    return tuple(found)
