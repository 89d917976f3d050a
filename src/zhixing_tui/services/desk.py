"""The Desk: one handle on a database for a named operator.

Every use case takes a Desk. Reads open a short session; each change runs in one transaction
(``desk.transaction()``) and writes its audit entries inside it. The Desk is safe to share
between threads: it holds an engine, never a session.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from ..errors import ZhixingError
from ..storage.db import make_engine, resolve_url, session_scope
from ..storage.migrate import ensure_schema
from ..storage.models import DeskSetting

PROFILE_KEY = "profile"


def default_operator(explicit: str | None = None) -> str:
    """``--operator``, else ``ZHIXING_OPERATOR``, else the login name."""
    if explicit:
        return explicit
    env = os.environ.get("ZHIXING_OPERATOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name in some containers
        return "unknown"


@dataclass
class Desk:
    engine: Engine
    operator: str
    today_override: date | None = None
    backup_made: object = field(default=None, repr=False)

    @classmethod
    def open(cls, db: str | None = None, *, operator: str | None = None, upgrade: bool = True) -> Desk:
        """Open (and, unless told otherwise, upgrade) the database named by ``db``/``ZHIXING_DB``."""
        engine = make_engine(resolve_url(db))
        backup = ensure_schema(engine) if upgrade else None
        return cls(engine=engine, operator=default_operator(operator), backup_made=backup)

    @property
    def url(self) -> str:
        return str(self.engine.url)

    def today(self) -> date:
        return self.today_override or date.today()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (no commit)."""
        with Session(self.engine, expire_on_commit=False) as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on error."""
        if not self.operator:
            raise ZhixingError("未指定操作人")
        with session_scope(self.engine) as s:
            yield s

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
