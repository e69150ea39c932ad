import sqlite3

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from desktop import config
from desktop.db import migrate
from desktop.db.engine import Database, is_sqlite
from desktop.services.desk import OpenError, open_register
from tests.conftest import blank_database_url


@pytest.fixture
def db(tmp_path):
    """The database of a new data folder, before any migration: an SQLite file, or a new database on the
    test server."""
    database = Database(blank_database_url(tmp_path))
    yield database
    database.dispose()


def test_empty_file_upgrades_to_head(db, tmp_path):
    assert migrate.current_revision(db.engine) is None
    migrate.upgrade(db.engine, tmp_path / "backups")
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert {"office", "village", "citizen", "audit_entry", "enrolment", "area_person"} <= tables
    if is_sqlite(db.engine):
        assert "citizen_fts" in tables
        with db.engine.connect() as c:
            assert c.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert c.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
    # an up-to-date database is left alone, and no backup is taken for a new one
    assert migrate.upgrade(db.engine, tmp_path / "backups") is None
    assert not (tmp_path / "backups").exists()


def test_migrations_form_one_unbroken_chain():
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    known = {r.revision for r in revisions}
    assert sum(1 for r in revisions if r.down_revision is None) == 1
    assert all(r.down_revision is None or r.down_revision in known for r in revisions)


def test_downgrade_and_upgrade_again(db):
    from alembic import command

    migrate.upgrade(db.engine, None)
    cfg = migrate.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "citizen" not in inspect(db.engine).get_table_names()
    migrate.upgrade(db.engine, None)
    assert "citizen" in inspect(db.engine).get_table_names()


def test_database_from_a_newer_program_is_refused(db, tmp_path):
    register = open_register(tmp_path)
    register.close()
    with db.engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    with pytest.raises(OpenError, match="phiên bản mới hơn"):
        open_register(tmp_path)


@pytest.mark.sqlite_only
def test_database_file_is_private(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "database_url", lambda folder, option=None: blank_database_url(folder))
    register = open_register(tmp_path / "d")
    register.close()
    assert (tmp_path / "d" / config.DB_FILE).stat().st_mode & 0o077 == 0


def test_data_dir_option_then_environment_then_default(monkeypatch, tmp_path):
    monkeypatch.setenv(config.ENV_DATA_DIR, str(tmp_path / "env"))
    assert config.data_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    assert config.data_dir(None) == tmp_path / "env"
    monkeypatch.delenv(config.ENV_DATA_DIR)
    assert "SoCongDanHocTap" in str(config.data_dir(None))
    monkeypatch.setenv(config.ENV_DB_URL, "postgresql://u@localhost/x")
    assert config.database_url(tmp_path) == "postgresql://u@localhost/x"


def test_old_file_is_upgraded_after_a_backup(db, tmp_path):
    from alembic import command

    cfg = migrate.alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO office (province_code, province_name, commune_code, commune_name, "
                          "association_name, clerk_name, upper_level_name, uuid, created_at, updated_at) VALUES "
                          "(68, 'Lâm Đồng', 23059, 'Xã Hàm Thuận', 'Hội Khuyến học xã Hàm Thuận', 'Lan', '', "
                          "'u-1', '2026-01-01', '2026-01-01')"))
    db.dispose()
    register = open_register(tmp_path)
    try:
        backups = list((tmp_path / "sao-luu").glob("truoc-nang-cap-*.sqlite"))
        if is_sqlite(register.db.engine):  # a server is backed up by its own tools
            assert len(backups) == 1
            with sqlite3.connect(backups[0]) as old:
                assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert migrate.current_revision(register.db.engine) == migrate.head_revision()
        with register.db.engine.connect() as c:
            assert c.execute(text("SELECT signer_title, decision_symbol FROM office")).one() == (
                "Chủ tịch Hội Khuyến học", "QĐ-HKH")
    finally:
        register.close()


def test_autogenerate_finds_nothing_to_do(db):
    """The models and the migrations describe the same schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from desktop.db.models import Base, is_search_index

    migrate.upgrade(db.engine, None)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "include_object": lambda obj, name, type_, r, c: not is_search_index(name, type_)})
        assert compare_metadata(ctx, Base.metadata) == []


def test_the_head_known_without_alembic_is_alembics_head():
    """A new migration moves migrate.HEAD too (the start-up reads the register's revision without Alembic)."""
    assert migrate.HEAD == migrate.head_revision()
