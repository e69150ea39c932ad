"""The PC's clock against what the register knows: decisions and certificates are dated by this clock,
and a backup's date decides its rotation, so a clock set back (an old PC's dead battery: 2020) is told
to the clerk once, at start, before anything is dated by it."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import func, select

from desktop.db.models import AuditEntry
from desktop.domain.retention import clock_behind
from desktop.services import backups

log = logging.getLogger(__name__)


def clock_warning(register, now: datetime | None = None) -> str | None:  # noqa: ANN001 - a Register
    now = now or datetime.now()
    known = [stamp for path in backups.backups(register.folder) if (stamp := backups.stamp_of(path))]
    with register.db.reader() as s:
        # the newest thousand saves by their order (max over the whole journal takes 0.15 s on 100,000 people)
        # (of the table, not the mapped class: asked at start, see services/criteria.py)
        journal = AuditEntry.__table__
        recent = select(journal.c.at).order_by(journal.c.id.desc()).limit(1000).subquery()
        saved = s.scalar(select(func.max(recent.c.at)))
    if saved is not None:
        known.append(saved.astimezone().replace(tzinfo=None))
    latest = clock_behind(now, known)
    if latest is None:
        return None
    log.warning("Đồng hồ máy (%s) sớm hơn lần ghi cuối của sổ (%s)", now, latest)
    return (f"Đồng hồ của máy tính đang chỉ {now:%d/%m/%Y %H:%M}, sớm hơn lần ghi gần nhất của sổ "
            f"({latest:%d/%m/%Y %H:%M}). Ngày trên quyết định, giấy công nhận, báo cáo và bản sao lưu lấy từ đồng hồ "
            "này: hãy chỉnh lại ngày giờ của máy (pin đồng hồ trong máy có thể đã hết) trước khi in hoặc ghi quyết "
            "định. Không bản sao lưu nào bị xoá vì đồng hồ sai.")
