"""Engines and sessions.

A database is named by a URL (``sqlite:///path``, ``postgresql+psycopg://…``) or a bare path,
which means SQLite. SQLite runs with WAL, foreign keys on and a busy timeout so the nightly
report can read while the app writes. Sessions are short: one per unit of work.

A path that is not a SQLite database (a folder, a device, a text file, a 1-byte file) is refused
before SQLite sees it, and left untouched. A database file the desk creates is private (0600; SQLite
gives its -wal and -shm the file's mode). ``read_only`` engines open the file with ``mode=ro``:
nothing, not even an empty file, is written through them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlmodel import Session, create_engine

from ..errors import InvalidValue
from . import guard
from .dbfile import BUSY_TIMEOUT_MS, DB_FILE_MODE, SQLITE_MAGIC, check_sqlite_file, resolve_url

__all__ = [
    "BUSY_TIMEOUT_MS",
    "DB_FILE_MODE",
    "SQLITE_MAGIC",
    "check_sqlite_file",
    "resolve_url",
]


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _sqlite_pragmas(dbapi_connection, _record, read_only: bool = False) -> None:  # pragma: no cover
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not read_only:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


#: PostgreSQL settings of every zhixing session. ``jit=off``: the server compiles a statement whose
#: estimated cost passes ``jit_above_cost`` to machine code first, and zhixing's statistics (a
#: correlated look-up a case, estimated in the millions) passed it — 1.0 of the 1.3 s the 统计
#: screen's cases' statement took at 100,000 cases went into LLVM, not the query (issue 17).
POSTGRES_SETTINGS = {"jit": "off"}


def _postgres_options(url) -> dict:
    """``connect_args`` giving each connection :data:`POSTGRES_SETTINGS` at its start (libpq's
    ``options``, after any the URL gives): no statement, nothing rolled back with a transaction."""
    given = url.query.get("options", "")
    if isinstance(given, tuple):
        given = " ".join(given)
    ours = " ".join(f"-c {name}={value}" for name, value in POSTGRES_SETTINGS.items())
    return {"options": f"{given} {ours}".strip()}


def _create_private(path: Path) -> None:
    """Create the database file owner-only before SQLite does (it would follow the umask: 0644)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, DB_FILE_MODE))
    except FileExistsError:
        pass


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for ``url``; SQLite connections get WAL, foreign keys and a busy timeout.

    A URL no installed driver serves, or a SQLite path that is not a database, is an InvalidValue.
    ``read_only`` opens SQLite with ``mode=ro`` (other engines: the caller only reads)."""
    try:
        u = make_url(url)
        backend = u.get_backend_name()
    except ArgumentError:
        raise _bad_url(url) from None
    try:
        if backend == "sqlite":
            path = sqlite_path(url)
            connect_args: dict = {"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000}
            if path is not None:
                check_sqlite_file(path, read_only=read_only)
                if read_only:
                    url = f"sqlite:///file:{quote(str(path))}?mode=ro&uri=true"
                else:
                    _create_private(path)
            engine = create_engine(url, connect_args=connect_args)
            event.listen(engine, "connect", partial(_sqlite_pragmas, read_only=read_only))
        else:
            options = _postgres_options(u) if backend == "postgresql" else {}
            engine = create_engine(url, pool_pre_ping=True, connect_args=options)
    except (NoSuchModuleError, ImportError, ArgumentError):
        raise _bad_url(url) from None
    guard.install(engine)  # NUL refused alike on both engines
    return engine


def _bad_url(url: str) -> InvalidValue:
    return InvalidValue(
        f"数据库地址无法识别：{url}。可用：文件路径（SQLite）、sqlite:///路径、"
        "postgresql+psycopg://用户@主机:端口/库名",
        field="--db",
        value=url,
    )


def advance_sequences(connection: Connection) -> None:
    """After rows were inserted with explicit ids (the demo builder), move every PostgreSQL
    sequence behind an integer ``id`` past the largest id, so the next ordinary insert does not
    collide with them. SQLite needs nothing (its rowid follows the largest id)."""
    if connection.dialect.name != "postgresql":
        return
    from .models import metadata  # every table (storage.models defines some on first use)

    for table in metadata.sorted_tables:
        column = table.c.get("id")
        if column is None or not column.primary_key or column.autoincrement is False:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:t, 'id'), COALESCE(MAX(id), 0) + 1, false) "
                f'FROM "{table.name}"'
            ),
            {"t": table.name},
        ).all()


@contextmanager
def session_scope(engine: Engine | Connection) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error. On a connection already in a
    transaction the commit is left to its owner, and a rollback undoes the whole of it."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


#: rows of each index ``ANALYZE`` reads after a bulk load (SQLite's ``analysis_limit``): enough for
#: the planner's choices, a fraction of a second on a county's database
BULK_SAMPLE = 1000


#: PostgreSQL's autovacuum thresholds for ANALYZE (its defaults): a table's statistics are stale
#: once this many rows plus this share of the rows they describe have changed
STALE_ROWS = 50
STALE_SHARE = 0.1


def statistics_stale(engine: Engine, table: str, changed: int = 0) -> bool:
    """Whether ``table``'s planner statistics no longer describe it, by PostgreSQL's own default
    rule for ANALYZE: its rows now, or the ``changed`` rows a caller updated, differ from the row
    count the statistics hold (``pg_class.reltuples``; never analysed: none) by at least
    :data:`STALE_ROWS` + :data:`STALE_SHARE` of it. The count is the table's own, so loads too
    small one by one add up until one of them refreshes. SQLite: always (its sampled ``ANALYZE``
    costs ~50 ms at 100,000 cases)."""
    if engine.dialect.name == "sqlite":
        return True
    with engine.connect() as conn:
        estimate = conn.exec_driver_sql(
            "SELECT reltuples FROM pg_class WHERE oid = to_regclass(%(t)s)", {"t": table}
        ).scalar()
        rows = conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()
    if estimate is None or estimate < 0:  # never analysed (PostgreSQL 14+: -1)
        return rows > 0
    return max(abs(rows - estimate), changed) >= STALE_ROWS + STALE_SHARE * estimate


def optimize(engine: Engine, *, sample: int = 0, bulk: bool = False) -> None:
    """Refresh the query planner's statistics after the data changed in bulk (an upgrade, the
    demo, an import), so the planner keeps choosing the indexes the read queries were written
    for. SQLite: ``ANALYZE`` (every table and index, into ``sqlite_stat1``) then
    ``PRAGMA optimize``; ``sample`` > 0 reads about that many rows of each index instead of all
    (``PRAGMA analysis_limit``: a second instead of many on a county's database, for a bulk
    import that should not wait). PostgreSQL: ``ANALYZE``; after a ``bulk`` load (the demo, an
    import) ``VACUUM (ANALYZE)``, which also marks the new rows' pages all-visible: without it
    (and with autovacuum off, as on this project's servers) every index-only scan the read
    queries were written for fetches each row from the table again — 超期预警's counts read
    35,000 table pages for 37,000 open nodes at 100,000 cases (issue 17). Outside any
    transaction of the caller."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA analysis_limit={int(sample)}")
            conn.exec_driver_sql("ANALYZE")
            conn.exec_driver_sql("PRAGMA optimize")
            conn.commit()
        return
    with engine.connect() as conn:
        # VACUUM cannot run in a transaction block
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE)" if bulk else "ANALYZE"
        )
