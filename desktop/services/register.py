"""Opening the register: the database brought up to date, and the services over it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
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

    # the exchange's services, made when first used (they need the register itself)
    @cached_property
    def keys(self):  # noqa: ANN201
        from desktop.services.exchange_keys import KeyService

        return KeyService(self.db, self.folder, self.office.clerk_name)

    @cached_property
    def sending(self):  # noqa: ANN201
        from desktop.services.sending import SendingService

        return SendingService(self, self.keys)

    @cached_property
    def receiving(self):  # noqa: ANN201
        from desktop.services.receiving import ReceivingService

        return ReceivingService(self, self.keys)

    @cached_property
    def area(self):  # noqa: ANN201
        from desktop.services.area import AreaService

        return AreaService(self)

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
