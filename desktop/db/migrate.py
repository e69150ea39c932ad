"""Bring a database to the newest schema with Alembic, after a backup; refuse one from a newer program."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from desktop.db.backup import backup_sqlite
from desktop.db.engine import is_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration's revision: a register already there opens without loading Alembic (a tenth of the
# start-up). tests/db/test_migrations.py checks that it is Alembic's head.
HEAD = "0014"


class NewerDatabaseError(RuntimeError):
    pass


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        assert len(versions) <= 1, versions  # one branch: at most one row
        return versions[0] if versions else None


def upgrade(engine: Engine, backup_dir: Path | None) -> str | None:
    """Upgrade to head. Returns the path of the backup taken before an upgrade of an existing file."""
    current = current_revision(engine)
    if current == HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise NewerDatabaseError(
            "Cơ sở dữ liệu này do một phiên bản mới hơn của chương trình tạo ra "
            f"(lược đồ {current}). Hãy cài phiên bản mới nhất của Sổ Công dân học tập."
        )
    backup = None
    if current is not None and backup_dir is not None and is_sqlite(engine):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = str(backup_sqlite(engine, backup_dir / f"truoc-nang-cap-{stamp}.sqlite"))
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
