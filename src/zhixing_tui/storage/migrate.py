"""Schema migrations with alembic: upgrade on open, with a backup of an older SQLite file first."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from .. import clock
from ..errors import InvalidValue
from ..locations import backups_dir_for
from .db import DB_FILE_MODE, sqlite_path
from .dbfile import MIGRATIONS_DIR, file_head

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {r.revision for r in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database by plain SQL (None: no version table yet)."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: Engine) -> bool:
    return not inspect(engine).get_table_names()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run alembic upgrade to ``revision`` on ``engine``."""
    with engine.begin() as conn:
        upgrade_on(conn, revision)


def upgrade_on(conn: Connection, revision: str = "head") -> None:
    """Run alembic upgrade to ``revision`` inside ``conn``'s transaction (committed by its owner)."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def backup_sqlite(engine: Engine, reason: str) -> Path | None:
    """Copy the SQLite file to ``backups/`` beside it (checkpointing WAL first)."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists():
        return None
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    target_dir = backups_dir_for(path)
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"{path.stem}-{stamp}-{reason}{path.suffix}"
    shutil.copy2(path, target)
    os.chmod(target, DB_FILE_MODE)  # a backup is as private as a database the desk creates
    return target


def ensure_schema(engine: Engine) -> Path | None:
    """Bring the database to the head revision. An older, non-empty database is backed up first.

    Returns the backup path when one was made.
    """
    head = file_head()
    if head is not None and stored_revision(engine) == head:
        return None  # at the head already: no alembic import at all
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return None
    backup = None
    if not is_empty(engine):
        if current is None:  # tables, but never zhixing's: another program's database
            raise InvalidValue(
                f"{engine.url.database} 不是 zhixing 数据库（有别的数据表，没有结构版本），未作任何改动",
                field="--db",
            )
        if current not in known_revisions():
            raise InvalidValue(f"数据库的结构版本 {current} 比本程序新：请升级 zhixing", field="--db")
        backup = backup_sqlite(engine, f"before-{head}")
    upgrade(engine)
    return backup
