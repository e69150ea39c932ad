"""Digital skills of the title holders, which Decision 677 counts (70% with digital skills and 60%
proficient by 2025; 90% and 80% by 2030): proposed from the score of the set's digital indicator when a
sheet is entered, confirmed or changed by the clerk."""

from __future__ import annotations

from enum import StrEnum

TARGETS = {2025: {"skills": 70, "proficient": 60}, 2030: {"skills": 90, "proficient": 80}}


class DigitalSkill(StrEnum):
    NONE = "khong"
    BASIC = "co"
    PROFICIENT = "thanh-thao"

    @property
    def label(self) -> str:
        return {DigitalSkill.NONE: "Chưa có kỹ năng số", DigitalSkill.BASIC: "Có kỹ năng số",
                DigitalSkill.PROFICIENT: "Thành thạo kỹ năng số"}[self]

    @property
    def has_skills(self) -> bool:
        return self is not DigitalSkill.NONE


def propose(score: int, max_points: int) -> DigitalSkill:
    """From the digital indicator: at least four fifths of its points proficient, at least half some skills.
    The program's own reading of the score (no official rule was found): the clerk confirms or changes it."""
    if score * 5 >= max_points * 4:
        return DigitalSkill.PROFICIENT
    if score * 2 >= max_points:
        return DigitalSkill.BASIC
    return DigitalSkill.NONE
