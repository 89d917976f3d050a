"""``services.stats.sqldays.day_lookup``: a day mapped through a table of days computed in Python,
on the test's database (SQLite, and PostgreSQL when ``ZHIXING_TEST_PG`` is set) — each day of
the table gives its value, any other day and NULL give NULL, as ``dict.get`` does, however many
days the table holds (a flat ``CASE`` up to :data:`~.sqldays.LEAF_DAYS` of them, a binary search
of nested ``CASE``s above)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zhixing_tui.services.stats.sqldays import LEAF_DAYS, day_lookup
from zhixing_tui.storage.reader import as_day


def _days(demo_desk):
    with demo_desk.reader() as r:
        return sorted({as_day(d) for (d,) in r.rows("SELECT filed_on FROM enforcement_case")})


def _day(value):
    return None if value is None else as_day(value)


@pytest.mark.parametrize("share", [1, 2, 40], ids=["every-day", "every-other-day", "a-few-days"])
def test_each_day_maps_as_a_dict_does(demo_desk, share):
    filed = _days(demo_desk)
    days = {d: d + timedelta(days=30 + i % 7) for i, d in enumerate(filed[::share])}
    assert share == 40 and len(days) <= LEAF_DAYS or len(days) > 4 * LEAF_DAYS
    with demo_desk.reader() as r:
        for column in ("filed_on", "closed_on"):  # closed_on: NULL while open
            lookup = day_lookup(column, days, r.is_sqlite)
            rows = r.rows(f"SELECT {column}, {lookup} FROM enforcement_case")
            assert rows
            assert [_day(got) for _d, got in rows] == [days.get(_day(d)) for d, _got in rows]
            assert any(got is not None for _d, got in rows)
        assert r.rows(f"SELECT {day_lookup('filed_on', {}, r.is_sqlite)} FROM enforcement_case LIMIT 1") == [
            (None,)
        ]


def test_a_day_is_found_in_a_few_comparisons():
    """328 days (a year's filing days): the statement nests about log2(328 / LEAF_DAYS) levels of
    ``x < day`` and each leaf holds at most LEAF_DAYS ``WHEN``s, not 328 in a row."""
    start = date(2025, 11, 21)
    days = {start + timedelta(days=i): start + timedelta(days=i + 30) for i in range(328)}
    sql = day_lookup("enforcement_case.filed_on", days, sqlite=True)
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
