"""Text that the database would store on one engine and refuse on the other is refused on both.

SQLite stores a NUL character and a value longer than its column; PostgreSQL refuses both with a
driver error (a traceback for the clerk). Two listeners make the engines agree and the refusal a
Chinese :class:`InvalidValue` (exit 2 on the command line):

- every statement's string parameters are checked for NUL (``\\x00``), whatever wrote them (the
  ORM, a bulk ``insert()``, a migration);
- before a session flushes, every new or changed row's strings are checked against their column's
  length (``Field(max_length=…)``), naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from ..errors import InvalidValue

NUL = "\x00"


def refuse_nul(value: str, field: str) -> None:
    if NUL in value:
        raise InvalidValue(
            f"{field}含有空字符（NUL，\\x00），无法保存：请删除后重试", field=field, value=value
        )


def refuse_too_long(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise InvalidValue(
            f"{field}过长：最多 {limit} 个字符，现为 {len(value)} 个（开头：{value[:20]}…）",
            field=field,
            value=value[:60],
        )


def _strings(parameters: Any) -> Iterable[str]:
    if isinstance(parameters, str):
        yield parameters
    elif isinstance(parameters, Mapping):
        for v in parameters.values():
            if isinstance(v, str):
                yield v
    elif isinstance(parameters, list | tuple):
        for v in parameters:
            if isinstance(v, str):
                yield v
            elif isinstance(v, Mapping | list | tuple):
                yield from _strings(v)


def _has_nul(parameters: Any) -> bool:
    """Whether a string among ``parameters`` (one row: tuple, list or mapping; ``executemany``:
    a list of rows) holds NUL. Flat loops over the common shapes: at a bulk insert's million
    values the generator of :func:`_strings` cost a tenth of the import."""
    if isinstance(parameters, str):
        return NUL in parameters
    if isinstance(parameters, Mapping):
        parameters = parameters.values()
    elif not isinstance(parameters, list | tuple):
        return False
    for v in parameters:
        t = type(v)
        if t is str:
            if NUL in v:
                return True
        elif t is tuple:
            for x in v:
                tx = type(x)
                if tx is str:
                    if NUL in x:
                        return True
                elif tx not in _SCALARS and _has_nul(x):
                    return True
        elif t not in _SCALARS and _has_nul(v):
            return True
    return False


#: parameter types that hold no text (skipped without an isinstance check)
_SCALARS = frozenset({int, float, bool, type(None), bytes, date, datetime, Decimal})


def _no_nul_parameters(conn, cursor, statement, parameters, context, executemany) -> None:
    if not _has_nul(parameters):
        return
    for value in _strings(parameters):
        if NUL in value:
            refuse_nul(value, "文本")


def _lengths_before_flush(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        table = state.mapper.local_table
        for attr in state.mapper.column_attrs:
            column = attr.columns[0]
            value = state.dict.get(attr.key)
            if not isinstance(value, str):
                continue
            field = f"{getattr(table, 'name', '')}.{column.name}"
            refuse_nul(value, field)
            length = getattr(column.type, "length", None)  # String, and SQLModel's AutoString over it
            if isinstance(length, int) and length > 0:
                refuse_too_long(value, length, field)


def install(engine: Engine) -> None:
    """Refuse NUL in every statement on ``engine`` (both engines alike)."""
    event.listen(engine, "before_cursor_execute", _no_nul_parameters)


event.listen(Session, "before_flush", _lengths_before_flush)
