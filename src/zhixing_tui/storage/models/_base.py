"""Shared column helpers for the SQLModel tables.

Money columns end in ``_fen`` and hold integer 分. Dates are ``date``; moments are naive
local ``datetime`` (the court works in one time zone, Asia/Shanghai).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel
from sqlmodel.main import SQLModelConfig

from ... import clock


class TableModel(SQLModel):
    """The base of every table. Its pydantic schema (validation, ``model_dump``) is built the
    first time it is used — a table model is never validated when made or read, only dumped for
    the audit trail — not when the class is defined: some 20 ms of the cold start for the ~30
    tables (issue 17). SQLAlchemy's mapping, which every read needs, is still made at import."""

    model_config = SQLModelConfig(defer_build=True)


#: the foreign key every table of a case's work carries
CASE_FK = "enforcement_case.id"


def now() -> datetime:
    """The current moment of the desk whose transaction is open (:mod:`zhixing_tui.clock`)."""
    return clock.now()


def json_field(default_factory: Any = dict, **kw: Any) -> Any:
    """A portable JSON column (TEXT on SQLite, JSON on PostgreSQL)."""
    return Field(default_factory=default_factory, sa_column=Column(JSON, nullable=False), **kw)


def json_field_nullable(**kw: Any) -> Any:
    return Field(default=None, sa_column=Column(JSON, nullable=True), **kw)
