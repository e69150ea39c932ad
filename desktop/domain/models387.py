"""The learning models of Programme 387 (Decision 387/QĐ-TTg, 2022) beside the citizens: learning families,
clans, village communities and units, each recognized yearly against a criteria set of its own.

The official 2021–2030 wording of these criteria could not be obtained: the program ships plain wording of
its own (labelled so), as data; a province imports its official set without a code change. A set: its
model, years, criteria (code, text, maximum points, and for a criterion that must be met, the points it
needs) and a total threshold."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.domain.criteria import Indicator, PassRule
from desktop.domain.datafile import CriteriaError, load_json
from desktop.domain.datafile import is_int as _is_int
from desktop.domain.datafile import need as _need
from desktop.domain.datafile import text_field as _text

FORMAT = "so-cong-dan-hoc-tap/bo-tieu-chi-mo-hinh"
FORMAT_VERSION = 1


class Model(StrEnum):
    FAMILY = "family"
    CLAN = "clan"
    COMMUNITY = "community"
    UNIT = "unit"

    @property
    def title(self) -> str:
        """The title as a certificate and a decision write it."""
        return _TITLES[self]

    @property
    def noun(self) -> str:
        """Whom the title is given to, as a decision's articles say it."""
        return {Model.FAMILY: "hộ gia đình", Model.CLAN: "dòng họ", Model.COMMUNITY: "thôn, khu phố",
                Model.UNIT: "cơ quan, đơn vị"}[self]

    @property
    def unit(self) -> str:
        """What a list's total counts."""
        return {Model.FAMILY: "hộ", Model.CLAN: "dòng họ", Model.COMMUNITY: "thôn, khu phố", Model.UNIT: "đơn vị"}[self]

    @property
    def slug(self) -> str:
        """The model in a file's name, in Vietnamese without marks: giay-cong-nhan-gia-dinh-2026.pdf."""
        return {Model.FAMILY: "gia-dinh", Model.CLAN: "dong-ho", Model.COMMUNITY: "cong-dong", Model.UNIT: "don-vi"}[self]

    @property
    def serial_prefix(self) -> str:
        """A certificate's serial begins with it (a citizen's with CDHT): GDHT-23059-2026-00001."""
        return {Model.FAMILY: "GDHT", Model.CLAN: "DHHT", Model.COMMUNITY: "CDTH", Model.UNIT: "DVHT"}[self]

    @classmethod
    def of_serial(cls, serial: str) -> Model | None:
        return next((m for m in cls if serial.startswith(m.serial_prefix + "-")), None)

    @property
    def target_2025(self) -> int:
        """Decision 387's target for 2025: the share of the commune's families, clans, village communities and
        units recognized."""
        return _TARGETS_2025[self]


_TITLES = {Model.FAMILY: "Gia đình học tập", Model.CLAN: "Dòng họ học tập", Model.COMMUNITY: "Cộng đồng học tập",
           Model.UNIT: "Đơn vị học tập"}
_TARGETS_2025 = {Model.FAMILY: 70, Model.CLAN: 65, Model.COMMUNITY: 65, Model.UNIT: 80}


@dataclass(frozen=True)
class ModelCriteria:
    id: str
    model: Model
    name: str
    year_from: int
    year_to: int
    pass_rule: PassRule           # min_each 0: only the criteria marked with a minimum must be met
    criteria: tuple[Indicator, ...]

    def covers(self, year: int) -> bool:
        return self.year_from <= year <= self.year_to


def parse_model_criteria(raw: bytes | str) -> tuple[ModelCriteria, dict[str, Any]]:
    """The set and its JSON document (kept as stored). Raises CriteriaError naming the place of a fault."""
    doc = load_json(raw)
    _need(isinstance(doc, dict), "Tệp bộ tiêu chí phải là một đối tượng JSON.")
    _need(doc.get("format") == FORMAT, f"Không phải tệp bộ tiêu chí mô hình học tập (“format” phải là “{FORMAT}”).")
    _need(doc.get("format_version") == FORMAT_VERSION,
          f"Phiên bản định dạng {doc.get('format_version')!r} chưa được hỗ trợ (cần {FORMAT_VERSION}).")
    try:
        model = Model(doc.get("model"))
    except ValueError:
        raise CriteriaError("Trường “model” phải là một trong: " + ", ".join(m.value for m in Model) + ".") from None
    years = doc.get("years")
    _need(isinstance(years, list) and len(years) == 2 and all(_is_int(y) for y in years)
          and 2000 <= years[0] <= years[1] <= 2100, "Trường “years” phải là [năm đầu, năm cuối], ví dụ [2026, 2030].")
    rule = doc.get("pass_rule")
    _need(isinstance(rule, dict) and _is_int(rule.get("min_total")) and rule["min_total"] >= 1,
          "Trường “pass_rule” phải có “min_total” là số nguyên dương.")
    items = doc.get("criteria")
    _need(isinstance(items, list) and items, "Thiếu danh sách tiêu chí (“criteria”).")
    criteria: list[Indicator] = []
    for i, item in enumerate(items, 1):
        _need(isinstance(item, dict), f"Tiêu chí thứ {i} không đúng dạng.")
        code = _text(item, "code", f"tiêu chí thứ {i}")
        where = f"tiêu chí {code}"
        _need(all(c.code != code for c in criteria), f"Mã tiêu chí {code} bị lặp.")
        top = item.get("max")
        _need(_is_int(top) and 1 <= top <= 100, f"{where}: điểm tối đa phải là số nguyên từ 1 đến 100.")
        least = item.get("min")
        _need(least is None or (_is_int(least) and 1 <= least <= top),
              f"{where}: điểm phải đạt (“min”) là số nguyên từ 1 đến điểm tối đa {top}.")
        criteria.append(Indicator(code, "", _text(item, "text", where), top, least))
    total = sum(c.max_points for c in criteria)
    _need(rule["min_total"] <= total, f"Tổng điểm tối đa {total} nhỏ hơn mức đạt {rule['min_total']}.")
    return ModelCriteria(_text(doc, "id", "bộ tiêu chí"), model, _text(doc, "name", "bộ tiêu chí"), years[0], years[1],
                         PassRule(rule["min_total"], 0), tuple(criteria)), doc
