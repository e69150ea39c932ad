"""Opening the register: the database brought up to date, and the services over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop import config
from desktop.db import migrate
from desktop.db.engine import Database
from desktop.services.citizens import CitizenService
from desktop.services.criteria import CriteriaService
from desktop.services.enrolments import EnrolmentService
from desktop.services.office import OfficeService
from desktop.services.recognition import RecognitionService
from desktop.services.year_stats import YearStatsService


class OpenError(RuntimeError):
    """The register cannot be opened; the message is for the clerk."""


@dataclass
class Register:
    folder: Path
    db: Database
    office: OfficeService
    citizens: CitizenService
    criteria: CriteriaService
    enrolments: EnrolmentService
    recognition: RecognitionService
    stats: YearStatsService
    problems: list[str]  # found while opening (a broken criteria file); the program goes on

    def close(self) -> None:
        self.db.dispose()


def open_register(folder: Path, url: str | None = None, today: Callable[[], date] = date.today) -> Register:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = Database(config.database_url(folder, url))
    try:
        migrate.upgrade(db.engine, config.backup_dir(folder))
    except migrate.NewerDatabaseError as e:
        db.dispose()
        raise OpenError(str(e)) from e
    except Exception as e:
        db.dispose()
        raise OpenError(f"Không mở được cơ sở dữ liệu {db.engine.url.render_as_string()}: {e}") from e
    office = OfficeService(db)
    actor = office.clerk_name
    criteria = CriteriaService(db, actor)
    problems = criteria.sync_shipped()
    enrolments = EnrolmentService(db, criteria, actor, today)
    return Register(folder, db, office, CitizenService(db, actor, today), criteria, enrolments,
                    RecognitionService(db, enrolments, actor), YearStatsService(db, actor), problems)
