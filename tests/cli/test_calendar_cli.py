"""``zhixing calendar due | load | status``: exact output and exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.desk import Desk

runner = CliRunner()

W2027 = (
    "2027年的节假日安排尚未载入，本结果按《全国年节及纪念日放假办法》（2025年修订）的法定假日和周末计算，"
    "调休安排未知；请用 zhixing calendar load 载入国务院办公厅通知"
)
LIB = "chinesecalendar 1.11.0（内置，依据国务院办公厅历年通知）"
STATUTORY = "按法定假日和周末计算，调休未知；请用 zhixing calendar load 载入国务院办公厅通知"
SOURCE = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）"
PERIOD_FORMS = (
    "可用的写法为 当日（当天）、N小时（如 24小时）、N日（N天）、N个工作日、N周、N个月、N年；"
    "N 可写阿拉伯数字或一二三…十（如 三日、十五日、六个月），末尾的“内”可省略"
)
SCHEDULE = f"""year = 2027
source = "{SOURCE}"
[[holidays]]
name = "元旦"
start = "2027-01-01"
end = "2027-01-03"
[[holidays]]
name = "春节"
start = "2027-02-05"
end = "2027-02-11"
[[workdays]]
date = "2027-02-13"
name = "春节调休上班"
"""


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def db_path(desk: Desk) -> str:
    return str(desk.engine.url.database)


def holder_of(desk: Desk, role: str) -> str:
    """The roster's first active member with ``role`` (their password is the fixtures')."""
    from sqlmodel import select

    from zhixing_tui.storage.models import Staff

    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


@pytest.mark.parametrize(
    ("start", "period", "due"),
    [
        ("2026-09-30", "3个工作日", "2026-10-10"),
        ("2026-09-28", "7日", "2026-10-08"),
        ("2026-02-12", "10个工作日", "2026-03-04"),
        ("2026/1/31", "一个月", "2026-02-28"),
        ("2026年4月30日", "当日", "2026-04-30"),
        ("2026-05-01", "当日", "2026-05-06"),
        ("2026-06-18", "２４小时", "2026-06-22"),
    ],
)
def test_due_prints_the_date_only(start: str, period: str, due: str, _isolated_home: Path) -> None:
    result = run("calendar", "due", start, period)
    assert (result.exit_code, result.stdout, result.stderr) == (0, due + "\n", "")
    assert not (_isolated_home / "data").exists()  # no database was created to answer


def test_due_into_an_uncovered_year_warns_once() -> None:
    result = run("calendar", "due", "2026-12-20", "30个工作日")
    # 2026-12-21…31 gives 9 (12-21…25, 12-28…31); 2027-01-01 is 元旦 by the statutory holidays,
    # so the 21 more run 01-04…29 (20) and Monday 02-01
    assert result.exit_code == 0
    assert result.stdout == f"2027-02-01\n{W2027}\n"


def test_due_over_new_year_2027_skips_the_statutory_holiday() -> None:
    result = run("calendar", "due", "2026-12-31", "1日")
    assert (result.exit_code, result.stdout) == (0, f"2027-01-04\n{W2027}\n")


def test_due_json() -> None:
    result = run("calendar", "due", "2026-12-28", "7日", "--json")
    assert result.exit_code == 0
    assert result.stdout == (
        '{"start": "2026-12-28", "period": "7日", "due": "2027-01-04", "warnings": ["' + W2027 + '"]}\n'
    )
    assert json.loads(result.stdout)["due"] == "2027-01-04"


def test_due_json_with_a_moment() -> None:
    result = run("calendar", "due", "2026-09-30 10:00", "24小时", "--json")
    assert result.exit_code == 0
    assert (
        result.stdout
        == '{"start": "2026-09-30 10:00", "period": "24小时", "due": "2026-10-08", "warnings": []}\n'
    )


def test_unknown_period_exits_2() -> None:
    result = run("calendar", "due", "2026-09-30", "三星期半")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"错误：无法识别的期限「三星期半」：{PERIOD_FORMS}\n"


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2026-02-30", "错误：起算日期不存在：2026-02-30（2026年2月只有28天）\n"),
        ("明天", "错误：起算日期格式无法识别：「明天」，应为 2026-03-05、2026/3/5 或 2026年3月5日 的形式\n"),
        ("2026-09-30 25:00", "错误：起算日期的时刻不存在：「2026-09-30 25:00」（应为 00:00–23:59）\n"),
    ],
)
def test_bad_start_exits_2(start: str, message: str) -> None:
    result = run("calendar", "due", start, "3日")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_due_with_a_missing_db_uses_the_library_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    result = run("calendar", "due", "2026-12-28", "7日", "--db", str(missing))
    assert (result.exit_code, result.stdout) == (0, f"2027-01-04\n{W2027}\n")
    assert not missing.exists() and not missing.parent.exists()


def test_load_then_due_follows_the_schedule(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    db = db_path(desk)
    chief = holder_of(desk, "bureau_chief")
    result = run("calendar", "load", str(path), "--db", db, "--operator", chief)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"已载入2027年节假日安排：节假日10天，调休上班1天\n来源：{SOURCE}\n"

    # Monday 2027-02-01 + 5个工作日: 2, 3, 4, (5–11 春节), 12, 13 (调休上班)
    result = run("calendar", "due", "2027-02-01", "5个工作日", "--db", db)
    assert (result.exit_code, result.stdout) == (0, "2027-02-13\n")
    result = run("calendar", "due", "2027-02-01", "5个工作日", "--json", env={"ZHIXING_DB": db})
    assert (
        result.stdout
        == '{"start": "2027-02-01", "period": "5个工作日", "due": "2027-02-13", "warnings": []}\n'
    )
    # without the database: the statutory holidays (春节 02-05…08) and weekends, with the warning
    result = run("calendar", "due", "2027-02-01", "5个工作日")
    assert result.stdout == f"2027-02-10\n{W2027}\n"

    result = run("calendar", "load", str(path), "--db", db, "--operator", chief)
    assert result.stdout == (
        f"已载入2027年节假日安排：节假日10天，调休上班1天\n来源：{SOURCE}\n已替换先前载入的安排：{SOURCE}\n"
    )
    check = Desk.open(db)
    try:
        from sqlmodel import select

        from zhixing_tui.storage.models import AuditEntry

        with check.session() as s:
            operators = [
                e.operator for e in s.exec(select(AuditEntry).where(AuditEntry.action == "calendar.load"))
            ]
    finally:
        check.engine.dispose()
    assert operators == [chief, chief]


def test_load_needs_the_administrator_or_the_bureau_chief(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    clerk = holder_of(desk, "window_clerk")
    result = run("calendar", "load", str(path), "--db", db_path(desk), "--operator", clerk)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "错误：窗口书记员无权载入节假日安排：需要系统管理员或执行局长\n"
    result = run("calendar", "load", str(path), "--db", db_path(desk), "--operator", "李书记员")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误：操作人「李书记员」不在人员名册中：请用名册中的姓名\n",
    )


def test_load_refuses_the_example_and_bad_files(desk: Desk, tmp_path: Path) -> None:
    example = Path(__file__).parents[2] / "src/zhixing_tui/profiles/data/calendars/2027.example.toml"
    result = run("calendar", "load", str(example), "--db", db_path(desk), "--operator", "甲")
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：节假日安排文件 2027.example.toml：这是示例文件（example = true），不是国务院办公厅的正式通知；"
        "请按正式通知改写日期和 source，删去 example 一行后再载入\n"
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(SCHEDULE.replace('date = "2027-02-13"', 'date = "2027-02-07"'), encoding="utf-8")
    result = run("calendar", "load", str(bad), "--db", db_path(desk), "--operator", "甲")
    assert result.exit_code == 2
    assert result.stderr == (
        "错误：节假日安排文件 bad.toml：workdays 第1项（春节调休上班） 的 2027-02-07 既是节假日又是调休上班日"
        "（见 holidays 第2项（春节））\n"
    )
    result = run("calendar", "load", str(tmp_path / "none.toml"), "--db", db_path(desk), "--operator", "甲")
    assert (result.exit_code, result.stderr) == (1, f"错误：找不到节假日安排文件：{tmp_path / 'none.toml'}\n")


def test_load_needs_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    missing = tmp_path / "new.db"
    result = run("calendar", "load", str(path), "--db", str(missing), "--operator", "甲")
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"错误：数据库不存在：{missing}；请先运行 zhixing init --profile 法院 或 zhixing demo\n"
    )
    assert not missing.exists()


def _status_lines(loaded: dict[int, str]) -> list[str]:
    year = date.today().year
    lines = []
    for y in range(year - 3, year + 3):
        if y in loaded:
            lines.append(f"{y}年  已载入  {loaded[y]}")
        elif 2004 <= y <= 2026:
            lines.append(f"{y}年  内置  {LIB}")
        else:
            lines.append(f"{y}年  未载入  {STATUTORY}")
    return lines


def test_status_without_a_database() -> None:
    result = run("calendar", "status")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["（未找到数据库，只显示内置日历）", *_status_lines({})]


def test_status_after_load(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "2027.toml"
    path.write_text(SCHEDULE, encoding="utf-8")
    db = db_path(desk)
    assert run("calendar", "status", "--db", db).stdout.splitlines() == _status_lines({})
    assert (
        run(
            "calendar", "load", str(path), "--db", db, "--operator", holder_of(desk, "bureau_chief")
        ).exit_code
        == 0
    )
    result = run("calendar", "status", "--db", db)
    expected = _status_lines({2027: SOURCE})
    if not any(
        line.startswith("2027年") for line in expected
    ):  # run far from 2027: the loaded year is still listed
        expected = sorted([*expected, f"2027年  已载入  {SOURCE}"])
    assert (result.exit_code, result.stdout.splitlines()) == (0, expected)


def test_help_is_chinese() -> None:
    result = run("calendar", "--help")
    assert result.exit_code == 0
    assert "节假日与期限" in result.stdout
    for cmd in ("due", "load", "status"):
        assert run("calendar", cmd, "--help").exit_code == 0
