"""``services.stats.sqldays.day_lookup``: a day mapped through a table of days computed in Python,
on the test's database (SQLite, and PostgreSQL when ``ZHIXING_TEST_PG`` is set) — each day of
the table gives its value, any other day and NULL give NULL, as ``dict.get`` does, however many
days the table holds (a flat ``CASE`` up to :data:`~.sqldays.LEAF_DAYS` of them, a binary search
of nested ``CASE``s above)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.dialects import sqlite
from sqlmodel import col, select

from zhixing_tui.services.stats.sqldays import LEAF_DAYS, day_lookup
from zhixing_tui.storage.models import Case


def _days(demo_desk):
    with demo_desk.session() as s:
        return sorted(set(s.exec(select(Case.filed_on)).all()))


@pytest.mark.parametrize("share", [1, 2, 40], ids=["every-day", "every-other-day", "a-few-days"])
def test_each_day_maps_as_a_dict_does(demo_desk, share):
    filed = _days(demo_desk)
    days = {d: d + timedelta(days=30 + i % 7) for i, d in enumerate(filed[::share])}
    assert share == 40 and len(days) <= LEAF_DAYS or len(days) > 4 * LEAF_DAYS
    with demo_desk.session() as s:
        for column in (col(Case.filed_on), col(Case.closed_on)):  # closed_on: NULL while open
            rows = s.exec(select(column, day_lookup(column, days))).all()
            assert rows
            assert [got for _day, got in rows] == [days.get(day) for day, _got in rows]
        assert s.exec(select(day_lookup(col(Case.filed_on), {})).limit(1)).one() is None


def test_a_day_is_found_in_a_few_comparisons():
    """328 days (a year's filing days): the statement nests about log2(328 / LEAF_DAYS) levels of
    ``x < day`` and each leaf holds at most LEAF_DAYS ``WHEN``s, not 328 in a row."""
    start = date(2025, 11, 21)
    days = {start + timedelta(days=i): start + timedelta(days=i + 30) for i in range(328)}
    sql = str(select(day_lookup(col(Case.filed_on), days)).compile(dialect=sqlite.dialect()))
    depth = deepest = 0
    for token in sql.replace("(", " ( ").replace(")", " ) ").split():
        if token == "CASE":
            depth += 1
            deepest = max(deepest, depth)
        elif token == "END":
            depth -= 1
    assert deepest <= 8
    assert sql.count("WHEN enforcement_case.filed_on <") < 80
    leaves = sql.split("CASE enforcement_case.filed_on ")[1:]
    assert sum(leaf.count("WHEN '") for leaf in leaves) == 328
    assert max(leaf.count("WHEN '") for leaf in leaves) <= LEAF_DAYS
