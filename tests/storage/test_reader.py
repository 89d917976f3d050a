"""``storage.reader.Reader``: one statement text, each driver's parameter style and values."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from zhixing_tui.storage.reader import Reader, as_day, sqlite_moment


def _kept(dialect: str) -> tuple[Reader, list]:
    seen: list = []
    return Reader(dialect, lambda sql, params: seen.append((sql, params)) or []), seen


def test_sqlite_keeps_the_names_and_gives_days_and_moments_as_sqlalchemy_stores_them():
    r, seen = _kept("sqlite")
    r.rows(
        "SELECT 1 WHERE a >= :day AND b < :at AND c = :n",
        day=date(2026, 10, 1),
        at=datetime(2026, 11, 1),
        n=3,
    )
    assert seen == [
        (
            "SELECT 1 WHERE a >= :day AND b < :at AND c = :n",
            {"day": "2026-10-01", "at": "2026-11-01 00:00:00.000000", "n": 3},
        )
    ]


def test_postgresql_gets_pyformat_and_the_values_themselves():
    r, seen = _kept("postgresql")
    r.rows("SELECT CAST(x AS DATE)::text FROM t WHERE a >= :day", day=date(2026, 10, 1))
    assert seen == [("SELECT CAST(x AS DATE)::text FROM t WHERE a >= %(day)s", {"day": date(2026, 10, 1)})]


def test_a_list_is_spread_for_in_and_an_empty_one_matches_nothing():
    r, seen = _kept("postgresql")
    r.rows("SELECT 1 WHERE s IN :stages AND t IN :none", stages=["fast", "ordinary"], none=[])
    sql, params = seen[0]
    assert sql == "SELECT 1 WHERE s IN (%(stages_0)s, %(stages_1)s) AND t IN (NULL)"
    assert params == {"stages_0": "fast", "stages_1": "ordinary"}


def test_a_name_without_a_value_is_an_error_not_a_null():
    r, _seen = _kept("sqlite")
    with pytest.raises(KeyError, match=":missing"):
        r.rows("SELECT :missing")


def test_rows_and_one_on_a_sqlite3_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (day DATE, at DATETIME, n INTEGER)")
    conn.execute(
        "INSERT INTO t VALUES ('2026-10-01', ?, 1), ('2026-10-02', NULL, 2)",
        (sqlite_moment(datetime(2026, 10, 1, 9)),),
    )
    r = Reader.sqlite(conn)
    assert r.rows("SELECT n FROM t WHERE day IN :days ORDER BY n", days=(date(2026, 10, 2),)) == [(2,)]
    assert r.one("SELECT count(*) FROM t WHERE at < :at", at=datetime(2026, 10, 1, 9, 0, 1)) == (1,)
    assert r.one("SELECT count(*) FROM t WHERE at < :at", at=datetime(2026, 10, 1, 9)) == (0,)
    with pytest.raises(LookupError):
        r.one("SELECT n FROM t")
    assert [as_day(d) for (d,) in r.rows("SELECT day FROM t ORDER BY day")] == [
        date(2026, 10, 1),
        date(2026, 10, 2),
    ]
