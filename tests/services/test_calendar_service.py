"""Loading holiday schedules into the database and the calendar built from them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select

from zhixing_tui.domain.calendar import WorkCalendar
from zhixing_tui.domain.periods import compute_due
from zhixing_tui.errors import InvalidValue, NotFound
from zhixing_tui.services.deadlines.calendar import (
    LoadResult,
    YearStatus,
    calendar_for,
    calendar_status,
    load_schedule,
    read_schedule,
)
from zhixing_tui.services.desk import Desk
from zhixing_tui.storage.models import AuditEntry, CalendarDay, CalendarYear

from ..triage_fixtures import staff_with

EXAMPLE = Path(__file__).parents[2] / "src/zhixing_tui/profiles/data/calendars/2027.example.toml"
SOURCE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）"
LIB = "chinesecalendar 1.11.0（内置，依据国务院办公厅历年通知）"

SCHEDULE_2027 = f"""
year = 2027
source = "{SOURCE_2027}"

[[holidays]]
name = "元旦"
start = "2027-01-01"
end = "2027-01-03"

[[holidays]]
name = "春节"
start = 2027-02-05
end = 2027-02-11

[[workdays]]
date = "2027-02-13"
name = "春节调休上班"

[[workdays]]
date = "2027-02-14"
"""


@pytest.fixture
def desk(desk_factory) -> Desk:
    """汝阳 with the 执行局长 at the desk: loading a holiday schedule is theirs (or the administrator's)."""
    desk = desk_factory()
    desk.operator = staff_with(desk, "bureau_chief")
    return desk


def write(tmp_path: Path, text: str, name: str = "2027.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(desk: Desk) -> tuple[int, int, int]:
    with desk.session() as s:
        years = s.exec(select(func.count()).select_from(CalendarYear)).one()
        days = s.exec(select(func.count()).select_from(CalendarDay)).one()
        audits = s.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "calendar.load")
        ).one()
    return years, days, audits


def test_fresh_database_gives_the_library_calendar(desk: Desk) -> None:
    cal = calendar_for(desk)
    assert cal == WorkCalendar()
    assert cal.covered(2026) and not cal.covered(2027)
    assert cal.is_workday(date(2026, 10, 10)) is True  # 国庆调休上班 (Saturday)
    assert cal.is_workday(date(2027, 2, 8)) is False  # no notice: 初三 by the statutory holidays
    assert cal.is_workday(date(2027, 2, 9)) is True  # and the day after works (调休 unknown)


def test_load_writes_rows_audit_and_the_calendar_follows(desk: Desk, tmp_path: Path) -> None:
    before = calendar_for(desk)
    result = load_schedule(desk, write(tmp_path, SCHEDULE_2027))
    assert result == LoadResult(
        2027, SOURCE_2027, holiday_days=10, workdays=2, replaced=False, previous_source=None
    )

    with desk.session() as s:
        year = s.get(CalendarYear, 2027)
        assert (year.source, year.loaded_by) == (SOURCE_2027, desk.operator)
        days = {d.day: (d.is_workday, d.name) for d in s.exec(select(CalendarDay).order_by(CalendarDay.day))}
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "calendar.load")).one()
    assert days[date(2027, 2, 5)] == (False, "春节")
    assert days[date(2027, 2, 11)] == (False, "春节")
    assert days[date(2027, 2, 13)] == (True, "春节调休上班")
    assert days[date(2027, 2, 14)] == (True, "调休上班")
    assert len(days) == 12
    assert (entry.operator, entry.entity, entry.entity_id) == (desk.operator, "calendar_year", 2027)
    assert entry.summary == f"载入2027年节假日安排：节假日10天、调休上班2天（{SOURCE_2027}）"
    assert entry.before is None
    assert entry.after == {"source": SOURCE_2027, "holiday_days": 10, "workdays": 2}

    cal = calendar_for(desk)
    assert cal is not before
    assert cal.covered(2027) and cal.coverage_warning(2027) not in cal.warnings_for([date(2027, 2, 1)])
    assert cal.is_workday(date(2027, 2, 8)) is False
    assert cal.is_workday(date(2027, 2, 13)) is True
    info = cal.day_info(date(2027, 2, 13))
    assert (info.is_workday, info.name, info.source, info.covered, info.kind) == (
        True,
        "春节调休上班",
        SOURCE_2027,
        True,
        "loaded",
    )
    # a loaded year is authoritative: an unlisted weekday works, an unlisted Saturday rests
    assert cal.is_workday(date(2027, 3, 1)) is True and cal.is_workday(date(2027, 3, 6)) is False
    # 5个工作日 from Monday 2027-02-01: Tue 2, Wed 3, Thu 4, (holidays 5–11), Fri 12, Sat 13 (make-up)
    due = compute_due(date(2027, 2, 1), "5个工作日", cal)
    assert (due.due_on, due.warnings) == (date(2027, 2, 13), ())
    # without the notice: statutory 春节 02-05…08 only, no make-up Saturday → Wed 02-10
    assert compute_due(date(2027, 2, 1), "5个工作日", WorkCalendar()).due_on == date(2027, 2, 10)
    assert calendar_for(desk) is cal  # cached while nothing changes


def test_reload_replaces_the_year(desk: Desk, tmp_path: Path) -> None:
    load_schedule(desk, write(tmp_path, SCHEDULE_2027))
    second = (
        'year = 2027\nsource = "第二版通知"\n'
        '[[holidays]]\nname = "国庆节"\nstart = "2027-10-01"\nend = "2027-10-07"\n'
        '[[workdays]]\ndate = "2027-10-09"\nname = "国庆节调休上班"\n'
    )
    result = load_schedule(desk, write(tmp_path, second, "second.toml"))
    assert result == LoadResult(2027, "第二版通知", 7, 1, replaced=True, previous_source=SOURCE_2027)
    assert counts(desk) == (1, 8, 2)
    cal = calendar_for(desk)
    assert cal.is_workday(date(2027, 2, 8)) is True  # the old 春节 rows are gone
    assert cal.is_workday(date(2027, 10, 4)) is False
    assert cal.day_info(date(2027, 10, 4)).source == "第二版通知"
    with desk.session() as s:
        entries = list(
            s.exec(select(AuditEntry).where(AuditEntry.action == "calendar.load").order_by(AuditEntry.id))
        )
    assert entries[1].before == {"source": SOURCE_2027, "holiday_days": 10, "workdays": 2}
    assert entries[1].summary.startswith("重新载入2027年节假日安排：节假日7天、调休上班1天")


def test_a_loaded_year_overrides_the_library(desk: Desk, tmp_path: Path) -> None:
    text = 'year = 2026\nsource = "本院测试"\n[[holidays]]\nname = "测试假日"\nstart = "2026-10-08"\nend = "2026-10-09"\n'
    load_schedule(desk, write(tmp_path, text, "2026.toml"))
    cal = calendar_for(desk)
    assert cal.is_workday(date(2026, 10, 8)) is False
    # the library's 2026 make-up Saturday is not in the loaded schedule, so it is a plain Saturday
    assert cal.is_workday(date(2026, 10, 10)) is False
    assert cal.kind(2026) == "loaded" and cal.kind(2025) == "library"


def test_another_desk_sees_a_load_made_elsewhere(desk_factory, tmp_path: Path) -> None:
    a = desk_factory()
    b = Desk.open(a.engine.url.render_as_string(hide_password=False), operator=staff_with(a, "bureau_chief"))
    try:
        assert calendar_for(a).covered(2027) is False
        load_schedule(b, write(tmp_path, SCHEDULE_2027))
        assert calendar_for(a).covered(2027) is True
    finally:
        b.engine.dispose()


def test_json_schedules_are_accepted(desk: Desk, tmp_path: Path) -> None:
    data = {
        "year": 2027,
        "source": "JSON 版",
        "holidays": [{"name": "清明节", "start": "2027-04-03", "end": "2027-04-05"}],
        "workdays": [],
    }
    result = load_schedule(desk, write(tmp_path, json.dumps(data, ensure_ascii=False), "2027.json"))
    assert (result.holiday_days, result.workdays) == (3, 0)


def test_the_shipped_example_is_refused_unless_allowed(desk: Desk) -> None:
    with pytest.raises(InvalidValue) as err:
        load_schedule(desk, EXAMPLE)
    assert "这是示例文件（example = true）" in err.value.message
    assert counts(desk) == (0, 0, 0)
    schedule = read_schedule(EXAMPLE, allow_example=True)
    assert schedule.year == 2027
    assert (schedule.holiday_days, schedule.workdays) == (27, 5)
    assert all(d.year == 2027 for d in schedule.days)


HEAD = 'year = 2027\nsource = "通知"\n'
HOL = '[[holidays]]\nname = "春节"\nstart = "2027-02-05"\nend = "2027-02-11"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEAD + '[[holidays]]\nname = "元旦"\nstart = "2026-12-31"\nend = "2027-01-01"\n',
            "节假日安排文件 bad.toml：holidays 第1项（元旦） 的 start 2026-12-31 不在 2027 年内（本文件只能载入 2027 年的日期）",
        ),
        (
            HEAD + HOL + '[[holidays]]\nname = "情人节"\nstart = "2027-02-11"\nend = "2027-02-14"\n',
            "节假日安排文件 bad.toml：holidays 第2项（情人节） 的 2027-02-11 与 holidays 第1项（春节） 重复",
        ),
        (
            HEAD + HOL + '[[workdays]]\ndate = "2027-02-07"\nname = "春节调休上班"\n',
            "节假日安排文件 bad.toml：workdays 第1项（春节调休上班） 的 2027-02-07 既是节假日又是调休上班日（见 holidays 第1项（春节））",
        ),
        (
            HEAD + HOL + '[[workdays]]\ndate = "2027-02-13"\n[[workdays]]\ndate = "2027-02-13"\n',
            "节假日安排文件 bad.toml：workdays 第2项（调休上班） 的 2027-02-13 重复列出（见 workdays 第1项（调休上班））",
        ),
        (
            HEAD + '[[holidays]]\nname = "春节"\nstart = "2027-02-11"\nend = "2027-02-05"\n',
            "节假日安排文件 bad.toml：holidays 第1项（春节） 的 end 2027-02-05 早于 start 2027-02-11",
        ),
        (
            HEAD + '[[holidays]]\nname = "春节"\nstart = "2027-02-30"\nend = "2027-03-01"\n',
            "节假日安排文件 bad.toml：holidays 第1项（春节） 的 start不存在：2027-02-30（2027年2月只有28天）",
        ),
        (
            HEAD + '[[holidays]]\nstart = "2027-02-05"\nend = "2027-02-06"\n',
            "节假日安排文件 bad.toml：holidays 第1项 缺少 name（节日名称，如 春节）",
        ),
        (
            HEAD + '[[holidays]]\nname = "春节"\nfrom = "2027-02-05"\n',
            "节假日安排文件 bad.toml：holidays 第1项（春节） 有未知的键：from（可用：name、start、end）",
        ),
        (HEAD, "节假日安排文件 bad.toml：没有列出任何节假日（[[holidays]]）"),
        ("year = 2027\n" + HOL, "节假日安排文件 bad.toml：缺少 source（写明国务院办公厅通知的标题和文号）"),
        (
            'year = "2027"\nsource = "x"\n' + HOL,
            "节假日安排文件 bad.toml：year 应为 2000–2100 之间的年份，实际为 '2027'",
        ),
        (
            HEAD + "holiday = 1\n" + HOL,
            "节假日安排文件 bad.toml：未知的键：holiday（可用：year、source、holidays、workdays）",
        ),
    ],
)
def test_bad_schedules_name_the_entry_and_write_nothing(
    desk: Desk, tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(InvalidValue) as err:
        load_schedule(desk, write(tmp_path, text, "bad.toml"))
    assert err.value.message == message
    assert err.value.exit_code == 2
    assert counts(desk) == (0, 0, 0)


def test_unreadable_files(desk: Desk, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="找不到节假日安排文件"):
        load_schedule(desk, tmp_path / "missing.toml")
    with pytest.raises(InvalidValue, match=r"^节假日安排文件 broken\.toml：格式有误（"):
        load_schedule(desk, write(tmp_path, "year = = 2027", "broken.toml"))
    assert counts(desk) == (0, 0, 0)


def test_calendar_status_around_today(desk: Desk, tmp_path: Path) -> None:
    today = date(2026, 11, 23)
    statutory = (
        "未载入节假日安排，按《全国年节及纪念日放假办法》（2025年修订）的法定假日和周末计算（调休未知）"
    )
    assert calendar_status(desk, today=today) == [
        YearStatus(2023, LIB, "library"),
        YearStatus(2024, LIB, "library"),
        YearStatus(2025, LIB, "library"),
        YearStatus(2026, LIB, "library"),
        YearStatus(2027, statutory, "statutory"),
        YearStatus(2028, statutory, "statutory"),
    ]
    load_schedule(desk, write(tmp_path, SCHEDULE_2027))
    rows = calendar_status(desk, today=today)
    assert rows[4] == YearStatus(2027, SOURCE_2027, "loaded")
    assert calendar_status(None, today=date(2030, 1, 1))[0] == YearStatus(2027, statutory, "statutory")


def test_only_the_administrator_or_the_bureau_chief_loads_a_schedule(desk_factory, tmp_path: Path) -> None:
    from zhixing_tui.errors import PermissionDenied

    clerk = desk_factory()
    clerk.operator = staff_with(clerk, "window_clerk")
    with pytest.raises(PermissionDenied, match="窗口书记员无权载入节假日安排：需要系统管理员或执行局长"):
        load_schedule(clerk, write(tmp_path, SCHEDULE_2027))
    assert counts(clerk)[0] == 0
