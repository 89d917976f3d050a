"""``services.stats.read_desk.ReadDesk``: ``zhixing export monthly``'s desk on plain ``sqlite3``
gives the figures a :class:`Desk` gives, and declines (None: the caller opens a Desk) every file
it must not read itself."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.services.test_calendar_service import SCHEDULE_2027, write
from tests.triage_fixtures import staff_with
from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.deadlines.calendar import calendar_for, load_schedule
from zhixing_tui.services.stats.monthly import monthly_figures
from zhixing_tui.services.stats.read_desk import ReadDesk
from zhixing_tui.services.stats.summary import month_summary

pytestmark = pytest.mark.sqlite_only

OCTOBER, AS_OF = Month(2026, 10), date(2026, 11, 23)


def _figures(f) -> dict:
    keep = ("intake", "intake_ytd", "types", "nodes", "triage", "flow", "members", "payments", "trend")
    return {k: getattr(f, k) for k in keep} | {"court": f.court, "by": f.produced_by, "at": f.produced_at}


@pytest.mark.parametrize("profile", ["ruyang", "jianli"])  # 监利: the member figures, through the ORM
def test_the_figures_are_the_desk_s(desk_factory, profile):
    desk = desk_factory(profile_id=profile, cases=150)
    path = desk.engine.url.database
    reading = ReadDesk.open(path, operator=desk.operator, as_of=desk.as_of)
    assert reading is not None and reading.profile_id == profile
    try:
        assert _figures(monthly_figures(reading, OCTOBER, as_of=AS_OF)) == _figures(
            monthly_figures(desk, OCTOBER, as_of=AS_OF)
        )
        assert month_summary(reading, OCTOBER, as_of=AS_OF) == month_summary(desk, OCTOBER, as_of=AS_OF)
        assert (reading._full is not None) == (profile == "jianli")  # the ORM only for the members
    finally:
        reading.close()
    assert reading._idle == [] and reading._full is None


def test_the_calendar_is_the_one_loaded_into_the_database(desk_factory, tmp_path):
    desk = desk_factory()
    desk.operator = staff_with(desk, "bureau_chief")
    load_schedule(desk, write(tmp_path, SCHEDULE_2027))
    reading = ReadDesk.open(desk.engine.url.database)
    assert reading is not None
    try:
        mine, theirs = reading.work_calendar(), calendar_for(desk)
        assert mine.covered(2027) and mine == theirs
        assert [mine.is_workday(date(2027, 2, d)) for d in range(8, 16)] == [
            theirs.is_workday(date(2027, 2, d)) for d in range(8, 16)
        ]
    finally:
        reading.close()


def test_the_clock_and_the_operator_come_from_the_environment(desk_factory, monkeypatch):
    path = desk_factory().engine.url.database
    monkeypatch.setenv("ZHIXING_AS_OF", "2026-10-08")
    monkeypatch.setenv("ZHIXING_OPERATOR", "统计员")
    reading = ReadDesk.open(path)
    assert reading is not None
    assert (reading.today(), reading.operator) == (date(2026, 10, 8), "统计员")
    reading.close()


def _changed(path: str, sql: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(sql)
    conn.close()


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE alembic_version SET version_num = '0019'",  # older: upgraded by the Desk first
        "DROP TABLE alembic_version",  # not zhixing's
        "DELETE FROM desk_setting WHERE key = 'profile'",  # never initialised
    ],
    ids=["older", "no-version", "no-profile"],
)
def test_a_database_the_desk_must_open_is_declined(desk_factory, change):
    path = desk_factory().engine.url.database
    assert ReadDesk.open(path) is not None
    _changed(path, change)
    assert ReadDesk.open(path) is None


def test_what_is_no_plain_sqlite_file_is_declined(tmp_path):
    (tmp_path / "empty.db").touch()
    (tmp_path / "text.db").write_text("SQLite? no", encoding="utf-8")
    for db in (
        tmp_path / "none.db",
        tmp_path / "empty.db",
        tmp_path / "text.db",
        tmp_path,
        "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        "sqlite://",
        f"sqlite:///{tmp_path / 'x.db'}?mode=ro",
    ):
        assert ReadDesk.open(str(db)) is None, db
    assert not (tmp_path / "none.db").exists()
