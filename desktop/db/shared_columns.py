"""Columns the citizens' tables and the learning models' share: a stored criteria file, a cycle's state."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column


class StoredSet:
    """A criteria file as stored (the citizens' or a learning model's): its code, name, years, the JSON."""

    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int] = mapped_column(Integer)
    content: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300))


class CycleState:
    """Where one enrolment (a person's or a model's) stands in its year: the step, the verdict computed from
    the standing scores, the review, a withdrawal."""

    status: Mapped[str] = mapped_column(String(20))
    registered_on: Mapped[date] = mapped_column(Date)
    total: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    passed: Mapped[bool | None] = mapped_column(default=None)
    verdict: Mapped[str] = mapped_column(String(200), default="")
    reviewed: Mapped[bool] = mapped_column(default=False)
    withdrawn_from: Mapped[str | None] = mapped_column(String(20), default=None)
    withdrawn_reason: Mapped[str] = mapped_column(String(200), default="")
