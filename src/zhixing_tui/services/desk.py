"""The Desk: one handle on a database for a named operator.

Every use case takes a Desk. Reads open a short session; each change runs in one transaction
(``desk.transaction()``) and writes its audit entries inside it. The Desk is safe to share
between threads: it holds an engine, never a session.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, select

from .. import clock as clock_module
from ..clock import Clock
from ..defaults import PROFILE_KEY, default_as_of, default_operator
from ..errors import InvalidValue, ZhixingError, busy_error
from ..storage.db import make_engine, resolve_url, session_scope, sqlite_path
from ..storage.migrate import (
    current_revision,
    ensure_schema,
    file_head,
    head_revision,
    known_revisions,
    stored_revision,
)
from ..storage.models import DeskSetting
from ..storage.reader import Reader
from . import actors  # noqa: F401  (fills the staff id of every act a session flushes)

#: how long a change waits for SQLite's one write lock before it says 数据库正忙: longer than the
#: longest write (a 50,000-row import writes in one transaction of some seconds on a slow machine)
LOCK_WAIT_SECONDS = 120.0


def _take_write_lock(s: Session, started: float) -> None:
    """Start the transaction with SQLite's write lock (``BEGIN IMMEDIATE``), waiting for it.

    A deferred transaction that reads first and then writes cannot wait: when another desk wrote
    in between, SQLite refuses it at once ("database is locked"). Taking the lock first makes
    every change queue behind the one writing, each attempt waiting the connection's busy timeout,
    until :data:`LOCK_WAIT_SECONDS` have passed."""
    while True:
        try:
            s.connection().exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            waited = time.monotonic() - started
            busy = busy_error(exc, waited)
            if busy is None:
                raise
            if waited >= LOCK_WAIT_SECONDS:
                raise busy from exc
            s.rollback()


#: the longest operator name the audit trail keeps (AuditEntry.operator)
OPERATOR_MAX = 40


def check_operator_name(name: str) -> None:
    """An operator name every engine can store: at most OPERATOR_MAX characters, no control
    characters (NUL included) — refused before anything is written, alike on SQLite and PostgreSQL."""
    if len(name) > OPERATOR_MAX:
        raise InvalidValue(
            f"操作人姓名过长：最多 {OPERATOR_MAX} 个字符，现为 {len(name)} 个",
            field="操作人",
            value=name[:60],
        )
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise InvalidValue("操作人姓名含有控制字符（如空字符），请重新输入", field="操作人")


def _shown(url: str) -> str:
    """A URL as a person reads it: the file of a SQLite URL, else the URL without its password."""
    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


def _upgrade_for_reading(engine: Engine, url: str) -> object:
    """Refuse a database that is not zhixing's; upgrade an older one through a writing engine."""
    head = file_head()
    if head is not None and stored_revision(engine) == head:
        return None  # at the head already: no alembic import at all
    revision = current_revision(engine)
    if revision is None:
        raise InvalidValue(
            f"{_shown(url)} 不是 zhixing 数据库（没有结构版本；空文件？），未作任何改动", field="--db"
        )
    if revision == head_revision():
        return None
    if revision not in known_revisions():
        raise InvalidValue(
            f"数据库 {_shown(url)} 的结构版本 {revision} 比本程序新：请升级 zhixing", field="--db"
        )
    writer = make_engine(url)
    try:
        return ensure_schema(writer)
    finally:
        writer.dispose()


@dataclass
class Desk:
    """``operator`` is the name changes are recorded under; ``operator_id`` the staff id the
    person logged in as (CLI password check, the app's login screen). A desk without an id
    (a tool, a test) is matched to the roster by its (unique) name."""

    engine: Engine
    operator: str
    clock: Clock = field(default=clock_module.WALL)
    backup_made: object = field(default=None, repr=False)
    operator_id: int | None = None
    #: a connection in a transaction of the caller's (the PostgreSQL demo, built in one
    #: transaction): every session and change of the desk runs inside it, nothing is committed
    #: until the caller commits it (:mod:`zhixing_tui.demo.target`)
    bind: Connection | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls,
        db: str | None = None,
        *,
        operator: str | None = None,
        upgrade: bool = True,
        as_of: date | None = None,
        read_only: bool = False,
    ) -> Desk:
        """Open (and, unless told otherwise, upgrade) the database named by ``db``/``ZHIXING_DB``.

        The desk's clock is fixed on ``as_of`` (else ``ZHIXING_AS_OF``), else it is the wall clock.
        ``read_only`` (reports, exports, printing): SQLite is opened with ``mode=ro`` and must be a
        zhixing database already — an empty or foreign file is refused untouched; an older one is
        backed up and upgraded first, as any open would.
        """
        clock = Clock.on(as_of or default_as_of())
        url = resolve_url(db)
        engine = make_engine(url, read_only=read_only)
        try:
            with clock_module.using(clock):
                if read_only:
                    backup = _upgrade_for_reading(engine, url)
                else:
                    backup = ensure_schema(engine) if upgrade else None
        except DBAPIError as exc:
            engine.dispose()
            raise InvalidValue(
                f"无法打开数据库 {_shown(url)}：{str(exc.orig).strip().splitlines()[0]}", field="--db"
            ) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine=engine, operator=default_operator(operator), clock=clock, backup_made=backup)

    @property
    def _bind(self) -> Engine | Connection:
        return self.bind if self.bind is not None else self.engine

    @property
    def url(self) -> str:
        return str(self.engine.url)

    # --- the one clock ----------------------------------------------------------------------
    def today(self) -> date:
        return self.clock.today()

    def now(self) -> datetime:
        """The desk's current moment (naive local, to the second)."""
        return self.clock.now()

    def moment_on(self, day: date) -> datetime:
        """The moment an act done on ``day`` is recorded at (now for today, 09:00 for an earlier day)."""
        return self.clock.moment_on(day)

    @property
    def as_of(self) -> date | None:
        """The fixed date of the desk's clock, or None when it follows the wall clock."""
        return self.clock.as_of

    @as_of.setter
    def as_of(self, day: date | datetime | None) -> None:
        self.clock = Clock.on(day)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (no commit); the desk's clock is the current clock inside it."""
        with clock_module.using(self.clock), Session(self._bind, expire_on_commit=False) as s:
            s.info["desk_operator"] = (self.operator, self.operator_id)
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error. Model defaults stamp the
        desk's moment."""
        if not self.operator:
            raise ZhixingError("未指定操作人")
        check_operator_name(self.operator)
        started = time.monotonic()
        try:
            with clock_module.using(self.clock), session_scope(self._bind) as s:
                s.info["desk_operator"] = (self.operator, self.operator_id)
                if self.engine.dialect.name == "sqlite":
                    _take_write_lock(s, started)
                yield s
        except OperationalError as exc:
            busy = busy_error(exc, time.monotonic() - started)
            if busy is None:
                raise
            raise busy from exc

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        """A read session's connection, for statements written as SQL text (:mod:`..storage.reader`)."""
        with self.session() as s:
            yield Reader.over(s.connection())

    def reads_apart(self) -> bool:
        """True when each session gets a connection of its own to the same database (a file or a
        server; not a desk bound to one connection, nor an in-memory SQLite, whose pool gives
        each thread a database of its own): two statements can then run at once."""
        from sqlalchemy.pool import QueuePool

        return self.bind is None and isinstance(self.engine.pool, QueuePool)

    def orm_desk(self) -> Desk:
        """This desk (a :class:`.stats.read_desk.ReadDesk` opens one on first need)."""
        return self

    def close(self) -> None:
        """Close the engine's connections now, not at the collection at exit."""
        self.engine.dispose()

    # --- settings -------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        with self.session() as s:
            row = s.get(DeskSetting, key)
            return row.value if row else None

    @cached_property
    def profile_id(self) -> str:
        value = self.get_setting(PROFILE_KEY)
        if not value:
            raise ZhixingError("数据库尚未初始化：请先运行 zhixing init --profile 法院 或 zhixing demo")
        return value

    @cached_property
    def profile(self):  # -> Profile (imported lazily: profiles load TOML and pydantic)
        from ..profiles import load_profile

        return load_profile(self.profile_id)

    def settings(self) -> dict[str, str]:
        with self.session() as s:
            return {r.key: r.value for r in s.exec(select(DeskSetting))}
