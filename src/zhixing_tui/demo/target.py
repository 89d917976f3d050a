"""Where ``zhixing demo`` writes: never over a database the demo did not create, and never half a demo.
SQLite: built in a temporary file beside the target and renamed into place. PostgreSQL: the
database must be empty; schema, roster, cases and the sequences past their ids are written in
one transaction (:func:`one_transaction`), so a kill leaves the database empty as it was.

- :func:`check_target`: a file that is not a demo database (no demo marker in its settings) is
  refused, ``--force`` or not; a demo database is replaced only with ``--force``.
- :func:`scratch_for`: the temporary file (``.<name>.<random>.tmp``), after removing the ones an
  earlier, killed run left.
- :func:`one_transaction`: the PostgreSQL desk that builds inside one transaction.
- :func:`install`: folds the temporary file's WAL in, keeps the replaced demo in ``backups/`` (a
  hard link, or a copy) and renames the new file over the target in one step.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from .. import clock
from ..errors import Conflict, InvalidValue
from ..i18n import setup as setup_text
from ..locations import backups_dir_for
from ..services.desk import Desk, default_operator
from ..storage.db import make_engine
from ..storage.migrate import upgrade_on

__all__ = [
    "DEMO_MARKER",
    "DEMO_MARKER_KEY",
    "check_target",
    "discard",
    "install",
    "is_demo",
    "one_transaction",
    "scratch_for",
]

#: the setting a demo database carries (written with demo_as_of, demo_seed and demo_cases)
DEMO_MARKER_KEY = "demo_marker"
DEMO_MARKER = "zhixing demo"
_SIDE = ("-wal", "-shm", "-journal")


def is_demo(path: Path) -> bool:
    """Does the SQLite file at ``path`` say it was made by ``zhixing demo``? (read-only look)"""
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            rows = dict(
                con.execute(
                    "SELECT key, value FROM desk_setting WHERE key IN (?, ?, ?)",
                    (DEMO_MARKER_KEY, "demo_seed", "demo_as_of"),
                ).fetchall()
            )
        finally:
            con.close()
    except sqlite3.Error:
        return False  # not SQLite, or not a zhixing database: not ours
    # databases made before the marker carry demo_seed and demo_as_of, which only the demo writes
    return rows.get(DEMO_MARKER_KEY) == DEMO_MARKER or {"demo_seed", "demo_as_of"} <= rows.keys()


def check_target(path: Path, force: bool, shown: str) -> None:
    """Refuse a target that is not a demo database, and a demo database without ``force``."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return
    if not path.is_file() or not is_demo(path):
        raise Conflict(setup_text.NOT_DEMO.format(db=shown))
    if not force:
        raise Conflict(setup_text.EXISTS.format(db=shown))


def scratch_for(path: Path) -> Path:
    """A new empty temporary file beside ``path``; stale ones from killed runs are removed first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        discard(stale)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def discard(tmp: Path) -> None:
    """Remove a temporary database and its side files."""
    for p in (tmp, *(Path(f"{tmp}{s}") for s in _SIDE)):
        p.unlink(missing_ok=True)


def _fold_wal(path: Path) -> None:
    con = sqlite3.connect(path, timeout=60)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def install(tmp: Path, path: Path) -> Path | None:
    """Put the finished ``tmp`` in place of ``path``; return where the replaced demo was kept."""
    _fold_wal(tmp)
    for s in _SIDE:
        Path(f"{tmp}{s}").unlink(missing_ok=True)
    backup = None
    if path.exists() and path.stat().st_size > 0:
        _fold_wal(path)
        folder = backups_dir_for(path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = clock.WALL.now().strftime("%Y%m%d-%H%M%S")
        backup = folder / f"{path.stem}-{stamp}-before-demo{path.suffix}"
        try:
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
    os.replace(tmp, path)
    for s in _SIDE:  # the replaced file's side files (folded in above) must not meet the new one
        Path(f"{path}{s}").unlink(missing_ok=True)
    return backup


@contextmanager
def one_transaction(url: str, operator: str | None, as_of: date | None) -> Iterator[Desk]:
    """A desk on the (empty) PostgreSQL database ``url`` whose every change runs inside one
    transaction, committed when the block ends and rolled back when it fails or the process dies.

    The schema is created in that transaction too (PostgreSQL's DDL is transactional), so a killed
    demo leaves no tables, no roster and no sequences behind, and the next demo finds the database
    empty. The builder moves the id sequences past the ids it inserts in the same transaction."""
    engine = make_engine(url)
    try:
        try:
            conn = engine.connect()
        except DBAPIError as exc:
            shown = engine.url.render_as_string(hide_password=True)
            raise InvalidValue(
                f"无法打开数据库 {shown}：{str(exc.orig).strip().splitlines()[0]}", field="--db"
            ) from None
        with conn:
            with conn.begin():
                # one demo at a time on a database: the second waits, then finds the tables
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('zhixing demo'))"))
                if inspect(conn).get_table_names():
                    raise Conflict(setup_text.NOT_EMPTY.format(url=engine.url.render_as_string()))
                upgrade_on(conn)
                desk = Desk(engine=engine, operator=default_operator(operator), clock=clock.Clock.on(as_of))
                desk.bind = conn
                yield desk
            desk.bind = None  # committed: the desk now opens sessions of its own
    finally:
        engine.dispose()
