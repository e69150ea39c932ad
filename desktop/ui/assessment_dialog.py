"""A citizen's score sheet: the ten indicators of the person's group in the paper sheet's order and numbering,
on the score sheet every assessed subject shares (desktop/ui/score_sheet.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.domain.scoring import judge
from desktop.services.enrolments import CycleError, EnrolmentService
from desktop.ui.score_sheet import ScoreField, ScoreSheetDialog, SheetKind, SheetLine, SheetSpec, saver

__all__ = ["AssessmentDialog", "ScoreField", "SheetKind"]


class AssessmentDialog(ScoreSheetDialog):
    def __init__(self, enrolments: EnrolmentService, enrolment_id: int, kind: SheetKind,
                 parent: QWidget | None = None) -> None:
        sheet = enrolments.sheet(enrolment_id)
        indicators, rule = sheet.indicators, sheet.rule  # the verdict follows each key without the database

        lines, current = [], None
        for i in indicators:
            heading = f"{i.competence}. {sheet.competences[i.competence]}" if i.competence != current else ""
            current = i.competence
            lines.append(SheetLine(i.code, i.text, i.max_points, heading))
        head = (f"<b>{sheet.full_name}</b>, sinh {sheet.birth}, {sheet.village}<br>"
                f"Nhóm {int(sheet.group)}: {sheet.group.label}<br>"
                f"<span style='color:#555'>{sheet.criteria_name}. Mỗi chỉ số từ 0 đến 10 điểm; đạt khi tổng "
                f"từ {rule.min_total} và không chỉ số nào dưới {rule.min_each}.</span>")
        super().__init__(SheetSpec(
            f"{kind.value} — {sheet.full_name}", head, lines,
            sheet.review_scores if kind is not SheetKind.SELF and sheet.review_scores else sheet.self_scores,
            lambda scores: judge(indicators, rule, scores), saver(enrolments, enrolment_id, kind, sheet.version),
            sheet.full_name, kind,
            note=sheet.review_note if kind is SheetKind.REVIEW else "",
            prefilled="Điểm tự đánh giá đã điền sẵn: giữ nguyên để xác nhận, sửa ô nào thì gõ đè."
            if kind is SheetKind.REVIEW and sheet.self_scores else "",
            refusals=(CycleError,)), parent)
