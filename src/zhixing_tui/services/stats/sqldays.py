"""Date arithmetic the statistics need, as SQLAlchemy constructs that compile on SQLite and PostgreSQL.

- :class:`day_of` — the calendar day of a datetime column (``date(x)`` / ``CAST(x AS DATE)``);
- :class:`day_number` — a date as a whole number of days, so that two days subtract to the days
  between them (``julianday`` / ``x - DATE '1970-01-01'``).
- :func:`dues_table` — a small ``VALUES`` common table expression (day → due days) to join on, for due days counted
  in Python by the deadline nodes' rule (:func:`domain.periods.compute_due`) that SQL cannot count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import Date, Integer, column, values
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["day_number", "day_of", "dues_table"]


class day_of(FunctionElement):  # noqa: N801 - reads like the SQL function it is
    """The day (a DATE) of a datetime expression."""

    type = Date()
    inherit_cache = True
    name = "day_of"


@compiles(day_of)
def _day_of_default(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


class day_number(FunctionElement):  # noqa: N801
    """A date (or the day of a datetime) as a count of days: ``day_number(b) - day_number(a)``
    is the days from ``a`` to ``b``."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number)
def _day_number_default(element, compiler, **kw):
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '1970-01-01')"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element, compiler, **kw):
    return f"CAST(julianday(date({compiler.process(element.clauses, **kw)})) AS INTEGER)"


def dues_table(name: str, names: Sequence[str], rows: Iterable[tuple[date, ...]]):
    """A ``VALUES`` table ``name`` with a ``day`` column and one date column per ``names``; at least
    one row (a day no case has) so that an empty set still compiles everywhere."""
    data = list(rows) or [(date(1900, 1, 1), *([date(1900, 1, 1)] * len(names)))]
    cols = [column("day", Date), *[column(n, Date) for n in names]]
    return values(*cols, name=name).data(data).cte(name)
