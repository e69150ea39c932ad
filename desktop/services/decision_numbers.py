"""One office, one series of decision numbers: a number given to a decision on citizens or on any learning
model is not given again in the same year, whichever of them asks."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Decision
from desktop.db.models387 import ModelDecision
from desktop.domain.models387 import Model


def taken_by(s: Session, year: int, number: str) -> str | None:
    """What the number already stands for in the year ("công nhận Công dân học tập"), or None if it is free."""
    if s.scalar(select(func.count()).where(Decision.year == year, Decision.number == number)):
        return "công nhận Công dân học tập"
    model = s.scalar(select(ModelDecision.model).where(ModelDecision.year == year, ModelDecision.number == number))
    return f"công nhận {Model(model).title}" if model else None


def refusal(s: Session, year: int, number: str) -> str | None:
    what = taken_by(s, year, number)
    return None if what is None else (f"Số {number} đã dùng cho quyết định {what} năm {year}: mỗi quyết định của "
                                      "đơn vị một số riêng.")
