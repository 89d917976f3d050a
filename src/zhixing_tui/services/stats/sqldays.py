"""Date arithmetic the statistics need, as SQL text for SQLite and PostgreSQL (``sqlite``: the
statement is for SQLite).

- :func:`day_of` — the calendar day of a moment column (``substr(x, 1, 10)`` / ``CAST(x AS DATE)``);
- :func:`day_number` — a day as a whole number of days, so that two days subtract to the days
  between them (``julianday`` / ``x - DATE '1970-01-01'``);
- :func:`day_literal` — a day as a constant (``'2026-10-08'`` / ``DATE '2026-10-08'``);
- :func:`day_lookup` — a day column mapped through a table of days computed in Python
  (``CASE x WHEN '2026-09-04' THEN '2026-10-08' …``, nested as a binary search over the days).
"""

from __future__ import annotations

from datetime import date

__all__ = ["LEAF_DAYS", "day_literal", "day_lookup", "day_number", "day_of"]

#: the most days one ``CASE x WHEN … END`` of :func:`day_lookup` tests in turn
LEAF_DAYS = 8


def day_of(x: str, sqlite: bool) -> str:
    """The day (a DATE) of moment expression ``x``. SQLite keeps a moment as ISO text
    ('2026-10-05 09:30:00.000000'): its day is the first ten characters — what date() gives,
    without parsing the moment (~12 ms less over the 83,000 nodes of a month at 100,000 cases)."""
    return f"substr({x}, 1, 10)" if sqlite else f"CAST({x} AS DATE)"


def day_number(x: str, sqlite: bool) -> str:
    """A day (or the day of a moment) as a count of days: ``day_number(b) - day_number(a)`` is
    the days from ``a`` to ``b``."""
    if sqlite:
        return f"CAST(julianday(date({x})) AS INTEGER)"
    return f"(CAST({x} AS DATE) - DATE '1970-01-01')"


def day_literal(d: date, sqlite: bool) -> str:
    """Day ``d`` as a constant of the statement (SQLite keeps a DATE as its ISO text)."""
    return f"'{d.isoformat()}'" if sqlite else f"DATE '{d.isoformat()}'"


def day_lookup(x: str, days: dict[date, date], sqlite: bool) -> str:
    """``days[x]`` for a DATE expression ``x`` (NULL for a day not in ``days``), the days written as
    constants (a few hundred days, not two parameters a day), as a binary search over the sorted
    days in nested ``CASE WHEN x < day``: a day is found with about log2(n) comparisons and a few
    ``WHEN``s, not up to n of them (a year's 328 filing days tested one by one cost about 5 µs a
    row on SQLite). A NULL ``x`` compares to nothing, goes right every time and matches no
    ``WHEN``: NULL, as a flat ``CASE`` gives."""
    items = sorted(days.items())

    def tree(part: list[tuple[date, date]]) -> str:
        if len(part) <= LEAF_DAYS:
            whens = " ".join(f"WHEN {day_literal(k, sqlite)} THEN {day_literal(v, sqlite)}" for k, v in part)
            return f"CASE {x} {whens} END"
        mid = len(part) // 2
        left, right = tree(part[:mid]), tree(part[mid:])
        return f"CASE WHEN {x} < {day_literal(part[mid][0], sqlite)} THEN {left} ELSE {right} END"

    return tree(items) if items else "NULL"
