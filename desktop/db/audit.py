"""Audit rows: written by the services inside the same transaction as the change they describe."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.base import utcnow
from desktop.db.models import AuditEntry


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    summary: str
    changes: dict[str, list[Any]]


def record(session: Session, *, actor: str, action: str, entity: str, entity_id: int, entity_uuid: str,
           summary: str, changes: dict[str, list[Any]]) -> None:
    session.add(AuditEntry(at=utcnow(), actor=actor, action=action, entity=entity, entity_id=entity_id,
                           entity_uuid=entity_uuid, summary=summary,
                           changes=json.dumps(changes, ensure_ascii=False, default=str)))


def history(session: Session, entity: str, entity_id: int) -> list[AuditRow]:
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return [AuditRow(r.at, r.actor, r.action, r.summary, json.loads(r.changes)) for r in rows]
