"""Hostile input on the command line (issue 16): every item is ``错误：…`` in Chinese and exit 2,
never a traceback, and a file that is not a zhixing database is left exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.storage.models import Case

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"x": "a" * (1024 * 1024)}), encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    notdb = tmp_path / "notes.db"
    notdb.write_text("hello\n", encoding="utf-8")
    one = tmp_path / "one.db"
    one.write_bytes(b"\x00")
    zero = tmp_path / "zero.db"
    zero.write_bytes(b"")
    return {
        "deep": str(deep),
        "big": str(big),
        "folder": str(folder),
        "notdb": str(notdb),
        "one": str(one),
        "zero": str(zero),
        "long": str(tmp_path / ("名" * 100 + ".xlsx")),
    }


def _run(args: list[str]):
    result = runner.invoke(app, args, env={"ZHIXING_OPERATOR": "测试员"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


CASES = [
    (
        ["triage", "explain", "{deep}", "--profile", "ruyang"],
        "错误：事实文件 {deep} 的 JSON 嵌套层数过多，无法读取",
    ),
    (
        ["triage", "explain", "{folder}", "--profile", "ruyang"],
        "错误：事实文件 {folder} 是一个文件夹，请给出文件",
    ),
    (
        ["triage", "explain", "/dev/zero", "--profile", "ruyang"],
        "错误：事实文件 /dev/zero 不是普通文件（设备或管道），不能读取",
    ),
    (
        ["triage", "explain", "/dev/urandom", "--profile", "ruyang"],
        "错误：事实文件 /dev/urandom 不是普通文件（设备或管道），不能读取",
    ),
    (
        ["triage", "explain", "{big}", "--profile", "ruyang"],
        "错误：事实文件 {big} 过大：超过 1024 KB，不像是事实文件",
    ),
    (
        ["calendar", "load", "{deep}", "--db", "{db}"],
        "错误：节假日安排文件 deep.json：嵌套层数过多，无法读取",
    ),
    (
        ["calendar", "load", "{folder}", "--db", "{db}"],
        "错误：节假日安排文件 folder：是一个文件夹，请给出文件",
    ),
    (
        ["calendar", "load", "/dev/zero", "--db", "{db}"],
        "错误：节假日安排文件 zero：不是普通文件（设备或管道），不能读取",
    ),
    (
        ["export", "monthly", "9999-12", "--db", "{db}"],
        "错误：月份的年份超出范围：应在 1990–2100 之间，实为 9999",
    ),
    (
        ["export", "monthly", "0001-01", "--db", "{db}"],
        "错误：月份的年份超出范围：应在 1990–2100 之间，实为 1",
    ),
    (
        ["calendar", "due", "2026-09-30", "9999年"],
        "错误：期限「9999年」自 2026-09-30 起算，到期日超出可计算的日期范围（公元9999年以内）",
    ),
    (
        ["export", "monthly", "2026-10", "--db", "{db}", "--out", "{folder}"],
        "错误：无法写入文件 {folder}：这是一个文件夹",
    ),
    (
        ["export", "monthly", "2026-10", "--db", "{db}", "--out", "/proc/x.xlsx"],
        "错误：无法写入文件 /proc/x.xlsx：所在文件夹不存在或无法创建",
    ),
    (
        ["export", "monthly", "2026-10", "--db", "{db}", "--out", "{long}"],
        "错误：无法写入文件 {long}：文件名过长（最多约 239 字节）",
    ),
    (
        ["print", "nodes", "(2026)豫0326执恢99999999999999999999号", "--db", "{db}"],
        "错误：案件序号过大：最多 7 位数字，实为「99999999999999999999」",
    ),
    (
        ["print", "nodes", "{case_no}", "--db", "{db}", "--out", "/proc/n.docx"],
        "错误：无法写入文件 /proc/n.docx：所在文件夹不存在或无法创建",
    ),
    (["report", "overdue", "--db", "{folder}"], "错误：数据库 {folder} 是一个文件夹，请给出数据库文件"),
    (
        ["report", "overdue", "--db", "foo://x"],
        "错误：数据库地址无法识别：foo://x。可用：文件路径（SQLite）、sqlite:///路径、"
        "postgresql+psycopg://用户@主机:端口/库名",
    ),
]


@pytest.mark.parametrize(("args", "message"), CASES, ids=[" ".join(a[:3]) for a, _ in CASES])
def test_hostile_input_is_a_chinese_error_and_exit_2(demo_desk, files, args, message):
    with demo_desk.session() as s:
        case_no = s.exec(select(Case.case_no).order_by(Case.id)).first()
    values = {**files, "db": demo_desk.engine.url.database, "case_no": case_no}
    result = _run([a.format(**values) for a in args])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (2, message.format(**values))
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", ["notdb", "one", "zero"])
@pytest.mark.parametrize(
    "command",
    [["report", "overdue"], ["export", "monthly", "2026-10"], ["calendar", "due", "2026-09-30", "15日"]],
)
def test_a_file_that_is_not_a_zhixing_database_is_refused_untouched(files, name, command):
    path = Path(files[name])
    before = path.read_bytes()
    result = _run([*command, "--db", str(path)])
    reason = (
        "是空文件，不是 zhixing 数据库" if name == "zero" else "不是 zhixing 数据库（不是 SQLite 数据库文件）"
    )
    assert (result.exit_code, result.stderr) == (2, f"错误：{path} {reason}，未作任何改动\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_a_read_only_command_does_not_write_the_database(desk, tmp_path):
    """report opens SQLite mode=ro: the file is byte-for-byte the same afterwards."""
    path = Path(desk.engine.url.database)
    desk.engine.dispose()
    before = path.read_bytes()
    result = _run(["report", "overdue", "--db", str(path), "--as-of", "2026-11-23"])
    assert result.exit_code in (0, 1), result.output
    assert path.read_bytes() == before
