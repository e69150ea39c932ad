"""The yearly cycle of one person's enrolment, and the only moves allowed between its steps.

registered -> self-assessed -> reviewed -> proposed -> recognized, or not recognized (by the decision);
withdrawn from any step before the decision, and back again. After the decision only a correction
moves a person, and the verdict it recomputes decides where.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.scoring import Verdict


class Status(StrEnum):
    REGISTERED = "registered"
    SELF_ASSESSED = "self_assessed"
    REVIEWED = "reviewed"
    PROPOSED = "proposed"
    RECOGNIZED = "recognized"
    NOT_RECOGNIZED = "not_recognized"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def decided(self) -> bool:
        return self in (Status.RECOGNIZED, Status.NOT_RECOGNIZED)


_LABELS = {
    Status.REGISTERED: "Đã đăng ký",
    Status.SELF_ASSESSED: "Đã tự đánh giá",
    Status.REVIEWED: "Chi hội đã xét",
    Status.PROPOSED: "Đã đề nghị công nhận",
    Status.RECOGNIZED: "Được công nhận",
    Status.NOT_RECOGNIZED: "Không được công nhận",
    Status.WITHDRAWN: "Đã rút tên",
}


class Action(StrEnum):
    SELF_ASSESS = "self_assess"
    REVIEW = "review"
    PROPOSE = "propose"
    UNPROPOSE = "unpropose"
    RECOGNIZE = "recognize"
    REJECT = "reject"
    CORRECT = "correct"
    WITHDRAW = "withdraw"
    REINSTATE = "reinstate"


class TransitionError(ValueError):
    """A move the cycle does not allow; the message is for the clerk."""


_BEFORE_DECISION = (Status.REGISTERED, Status.SELF_ASSESSED, Status.REVIEWED, Status.PROPOSED)


def transition(status: Status, action: Action, verdict: Verdict | None, *, review_required: bool = True,
               reviewed: bool = False, withdrawn_from: Status | None = None) -> Status:
    """The status after `action`, given the verdict of the scores that will then stand."""
    def refuse(why: str) -> TransitionError:
        return TransitionError(f"Không thể {_ACTION_TEXT[action]} khi hồ sơ ở bước “{status.label}”: {why}.")

    match action:
        case Action.SELF_ASSESS:
            if status not in (Status.REGISTERED, Status.SELF_ASSESSED):
                raise refuse("phiếu tự đánh giá chỉ nhập trước khi chi hội xét")
            return Status.SELF_ASSESSED
        case Action.REVIEW:
            if status not in (Status.SELF_ASSESSED, Status.REVIEWED, Status.PROPOSED):
                raise refuse("chi hội xét sau khi có phiếu tự đánh giá và trước quyết định")
            _need_complete(verdict, refuse)
            return Status.REVIEWED
        case Action.PROPOSE:
            allowed = (Status.REVIEWED,) if review_required else (Status.SELF_ASSESSED, Status.REVIEWED)
            if status not in allowed:
                raise refuse("chỉ đề nghị người đã được chi hội xét" if review_required
                             else "chỉ đề nghị người đã có điểm")
            _need_pass(verdict, refuse)
            return Status.PROPOSED
        case Action.UNPROPOSE:
            if status is not Status.PROPOSED:
                raise refuse("người này không có trong danh sách đề nghị")
            return Status.REVIEWED if reviewed else Status.SELF_ASSESSED
        case Action.RECOGNIZE:
            if status is not Status.PROPOSED:
                raise refuse("quyết định chỉ công nhận người trong danh sách đề nghị")
            _need_pass(verdict, refuse)
            return Status.RECOGNIZED
        case Action.REJECT:
            if status not in (Status.SELF_ASSESSED, Status.REVIEWED):
                raise refuse("chỉ kết luận không công nhận người đã có điểm, chưa có quyết định")
            _need_complete(verdict, refuse)
            assert verdict is not None
            if verdict.passed:
                raise refuse("điểm của người này đạt")
            return Status.NOT_RECOGNIZED
        case Action.CORRECT:
            if not status.decided:
                raise refuse("trước quyết định thì sửa điểm ở bước xét của chi hội")
            _need_complete(verdict, refuse)
            assert verdict is not None
            if verdict.passed:
                # a recognition stands; someone who now passes waits for the next decision
                return Status.RECOGNIZED if status is Status.RECOGNIZED else Status.REVIEWED
            return Status.NOT_RECOGNIZED
        case Action.WITHDRAW:
            if status not in _BEFORE_DECISION:
                raise refuse("sau quyết định không rút tên được")
            return Status.WITHDRAWN
        case Action.REINSTATE:
            if status is not Status.WITHDRAWN or withdrawn_from is None:
                raise refuse("người này không ở trạng thái đã rút tên")
            return withdrawn_from
    raise AssertionError(action)


def _need_complete(verdict: Verdict | None, refuse) -> None:  # noqa: ANN001
    if verdict is None or not verdict.complete:
        raise refuse("chưa có đủ điểm của mười chỉ số")


def _need_pass(verdict: Verdict | None, refuse) -> None:  # noqa: ANN001
    _need_complete(verdict, refuse)
    assert verdict is not None
    if not verdict.passed:
        raise refuse(verdict.text)


_ACTION_TEXT = {
    Action.SELF_ASSESS: "nhập phiếu tự đánh giá",
    Action.REVIEW: "ghi kết quả xét của chi hội",
    Action.PROPOSE: "đưa vào danh sách đề nghị",
    Action.UNPROPOSE: "bỏ khỏi danh sách đề nghị",
    Action.RECOGNIZE: "công nhận",
    Action.REJECT: "kết luận không công nhận",
    Action.CORRECT: "đính chính điểm",
    Action.WITHDRAW: "rút tên",
    Action.REINSTATE: "khôi phục",
}
