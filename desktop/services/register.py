"""Opening the register: the database brought up to date, and the services over its tables.

The services that work on a whole register (sending, receiving, the upper level's area) take a `Register`
and are composed over it in desk.py, which nothing in this layer imports."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from desktop import config
from desktop.db import migrate
from desktop.db.engine import Database
from desktop.db.integrity import file_problem, known_sound, looks_damaged, record_sound
from desktop.services import backups, claims, failures
from desktop.services.citizens import CitizenService
from desktop.services.claims import Claim
from desktop.services.criteria import CriteriaService
from desktop.services.enrolments import EnrolmentService
from desktop.services.office import OfficeService
from desktop.services.recognition import RecognitionService
from desktop.services.year_stats import YearStatsService

log = logging.getLogger(__name__)
R = TypeVar("R", bound="Register")


class OpenError(RuntimeError):
    """The register cannot be opened; the message is for the clerk."""


class DamagedRegister(OpenError):
    """The register's file fails SQLite's check; `good` is the newest backup that passes it (or None)."""

    def __init__(self, message: str, good) -> None:  # noqa: ANN001 - a backups.BackupPreview or None
        super().__init__(message)
        self.good = good


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
    claim: Claim | None = None  # this opening's hold on the folder (a restore waits for every other to close)

    # the office's keys, made when first used (the exchange, and the signed codes on paper)
    @cached_property
    def keys(self):  # noqa: ANN201
        from desktop.services.exchange_keys import KeyService

        return KeyService(self.db, self.folder, self.office.clerk_name)

    # the registers of Programme 387's learning models
    @cached_property
    def households(self):  # noqa: ANN201
        from desktop.services.model_registers import HouseholdService

        return HouseholdService(self.db, self.office.clerk_name)

    @cached_property
    def clans(self):  # noqa: ANN201
        from desktop.services.model_registers import ClanService

        return ClanService(self.db, self.office.clerk_name)

    @cached_property
    def organisations(self):  # noqa: ANN201
        from desktop.services.model_registers import OrganisationService

        return OrganisationService(self.db, self.office.clerk_name)

    @cached_property
    def model_criteria(self):  # noqa: ANN201
        from desktop.services.model_cycle import ModelCriteriaService

        return ModelCriteriaService(self.db, self.office.clerk_name)

    def model_cycle(self, model):  # noqa: ANN001, ANN201 - a domain.models387.Model
        from desktop.services.model_cycle import ModelCycleService

        return ModelCycleService(self.db, self.model_criteria, model, self.office.clerk_name,
                                 self.enrolments.today)  # the same clock as the citizens' cycle

    @cached_property
    def model_stats(self):  # noqa: ANN201
        from desktop.services.model_stats import ModelStatsService

        return ModelStatsService(self.db, self.office.clerk_name)

    def close(self) -> None:
        self.db.dispose()
        if (file := sqlite_file(self.db.engine.url.render_as_string(hide_password=False))) and not (
                self.claim is not None and claims.others(self.folder, (self.claim,))):
            record_sound(file)  # checked now, while no one waits: the next start need not check it
        if self.claim is not None:
            self.claim.release()


def open_services(folder: Path, url: str | None, today: Callable[[], date], kind: type[R]) -> R:
    """The register in `folder` (or at `url`), opened as `kind` (Register or a composition over it)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if claims.restoring(folder):
        raise OpenError("Sổ đang được khôi phục từ bản sao lưu (ở một cửa sổ hoặc lệnh khác): chờ xong rồi mở lại.")
    claim = Claim(folder)
    try:
        if not claims.others(folder, (claim,)):
            backups.remove_leftovers(folder)
        db = _open_database(folder, config.database_url(folder, url))
    except BaseException:
        claim.release()
        raise
    office = OfficeService(db)
    actor = office.clerk_name
    criteria = CriteriaService(db, actor)
    problems = criteria.sync_shipped()
    enrolments = EnrolmentService(db, criteria, actor, today)
    register = kind(folder, db, office, CitizenService(db, actor, today), criteria, enrolments,
                        RecognitionService(db, enrolments, actor), YearStatsService(db, actor), problems, claim)
    register.problems += register.model_criteria.sync_shipped()
    return register


def _open_database(folder: Path, url: str) -> Database:
    """The database, checked (an SQLite file with SQLite's quick check, before the engine touches it) and
    brought up to date."""
    file = sqlite_file(url)
    if file and file.exists() and file.stat().st_size and not known_sound(file) and (problem := file_problem(file)):
        log.error("Sổ hỏng: %s: %s", file, problem)
        raise _damaged(folder)
    db = Database(url)
    try:
        migrate.upgrade(db.engine, config.backup_dir(folder))
    except migrate.NewerDatabaseError as e:
        db.dispose()
        raise OpenError(str(e)) from e
    except Exception as e:
        db.dispose()
        log.exception("Không mở được cơ sở dữ liệu %s", db.engine.url.render_as_string())
        if isinstance(e, DBAPIError) and looks_damaged(e):
            raise _damaged(folder) from None
        plain = failures.explain(e, folder, url)
        raise OpenError(plain or f"Không mở được cơ sở dữ liệu {db.engine.url.render_as_string()} (chi tiết trong "
                                 "nhật ký của chương trình).") from None
    return db


def sqlite_file(url: str) -> Path | None:
    file = Path(make_url(url).database or "") if url.startswith("sqlite") else None
    return file if file and file.name else None


def _damaged(folder: Path) -> DamagedRegister:
    good = backups.newest_good(folder)
    return DamagedRegister(failures.damaged_text(folder, good), good)
