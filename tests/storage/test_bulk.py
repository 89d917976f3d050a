"""storage.bulk: the driver-level executemany stores exactly what SQLAlchemy's own INSERT stores."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from zhixing_tui.storage.bulk import insert_rows, value_processor
from zhixing_tui.storage.models import AuditEntry, DeadlineNode


@pytest.mark.sqlite_only  # the fast processors are SQLite's (psycopg takes the values as they are)
@pytest.mark.parametrize(
    ("column", "values"),
    [
        (
            DeadlineNode.__table__.c.anchor_at,
            [datetime(2026, 3, 5, 9, 0), datetime(2026, 3, 5, 9, 0, 1, 250)],
        ),
        (DeadlineNode.__table__.c.due_on, [date(2026, 3, 5), date(1, 1, 1)]),
        (DeadlineNode.__table__.c.warnings, [[], ["日历未覆盖 2027 年"]]),
        # None, [] and {} serialised once per column; every other value as SQLAlchemy does
        (AuditEntry.__table__.c.after, [{}, [], {"a": [1, "中"]}, [0], "", 0, False]),
    ],
)
def test_fast_processors_give_sqlalchemys_text(desk, column, values):
    dialect = desk.engine.dialect
    slow = column.type.dialect_impl(dialect).bind_processor(dialect)
    fast = value_processor(column.type, dialect)
    for v in [*values, None]:
        assert fast(v) == (slow(v) if slow else v)


def audit_row(**kw) -> dict:
    """An import's audit entry as a bulk INSERT takes it."""
    return (
        dict(
            at=datetime(2026, 11, 20, 9, 30, 5),
            operator="测试员",
            action="import",
            entity="case",
            entity_id=None,
            case_id=None,
            summary="导入：新增",
            before=None,
            after={"case_no": "（2026）豫0326执1号", "row": 2},
        )
        | kw
    )


def test_insert_rows_reads_back_like_an_orm_insert(desk):
    row = audit_row()
    with desk.transaction() as s:
        s.execute(insert(AuditEntry), [dict(row, summary="orm")])
        insert_rows(s.connection(), AuditEntry.__table__, [dict(row, summary="bulk")])
    with desk.session() as s:
        got = {
            r.summary: r for r in s.execute(select(AuditEntry).where(AuditEntry.action == "import")).scalars()
        }
    orm, bulk = got["orm"], got["bulk"]
    assert (bulk.at, bulk.operator, bulk.after, bulk.before) == (orm.at, orm.operator, orm.after, orm.before)


def test_values_made_ahead_and_spooled_read_back_the_same(desk):
    """The case import makes the driver's tuples before the write (bulk_values) and pickles them
    to its spool; executed later (insert_values) they store what insert_rows stores."""
    import pickle

    from zhixing_tui.storage.bulk import bulk_values, insert_values

    row = audit_row(at=datetime(2026, 11, 20, 9, 30, 5, 120), summary="bulk")
    table = AuditEntry.__table__
    keys = list(row)
    ahead = pickle.loads(
        pickle.dumps(bulk_values(table, desk.engine.dialect, keys, [dict(row, summary="ahead")]))
    )
    with desk.transaction() as s:
        insert_rows(s.connection(), table, [row])
        insert_values(s.connection(), table, keys, ahead)
    with desk.session() as s:
        got = {
            r.summary: r for r in s.execute(select(AuditEntry).where(AuditEntry.action == "import")).scalars()
        }
    a, b = got["ahead"], got["bulk"]
    assert (a.at, a.operator, a.after, a.before, a.entity_id) == (
        b.at,
        b.operator,
        b.after,
        b.before,
        b.entity_id,
    )
