"""``zhixing import`` on hostile files: a 1 MB CSV cell, NUL bytes, a rejects path that cannot be
written — a Chinese ``错误：…`` or a bad row, never a traceback, and nothing half written."""

from __future__ import annotations

from sqlmodel import func, select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.storage.models import Case

from ..triage_fixtures import staff_with

runner = CliRunner()
HEAD = "案号,立案日期,申请执行人,被执行人,申请执行标的额\n"


def _cases(desk) -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(Case)).one()


def _args(desk, path, *more):
    return [
        "import",
        "cases",
        str(path),
        "--db",
        desk.engine.url.database,
        "--operator",
        staff_with(desk, "window_clerk"),
        *more,
    ]


def test_a_megabyte_cell_is_refused_with_exit_2(desk, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(HEAD + "（2026）豫0326执1号,2026-03-05,张三,李四,100\n" + '"' + "x" * 1_000_000 + '",1\n')
    r = runner.invoke(app, _args(desk, path, "--dry-run"))
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "错误：CSV 文件第 3 行有一个单元格超过 131072 个字符，不是正常的案件信息；"
        "请检查文件是否损坏、分隔符或引号是否有误"
    )
    assert "Traceback" not in r.output
    assert _cases(desk) == 0


def test_nul_bytes_are_a_bad_row(desk, tmp_path):
    path = tmp_path / "nul.csv"
    path.write_text(
        HEAD
        + "（2026）豫0326执1号,2026-03-05,张\x00三,李四,100\n（2026）豫0326执2号,2026-03-05,王五,李四,100\n"
    )
    r = runner.invoke(app, _args(desk, path))
    assert r.exit_code == 1
    assert r.stdout.splitlines()[:2] == [
        "案件导入：读取 2 行，有效 1 行，无效 1 行",
        "  第2行 申请执行人（C2）：含有空字符（NUL），不是正常的文字，可能是文件已损坏；请删除该字符后重新导入",
    ]
    assert _cases(desk) == 0
    rejects = tmp_path / "bad.xlsx"
    r = runner.invoke(app, _args(desk, path, "--skip-invalid", "--rejects", str(rejects)))
    assert r.exit_code == 0, r.output
    assert rejects.exists()
    with desk.session() as s:
        assert s.exec(select(Case.case_no)).all() == ["（2026）豫0326执2号"]


def test_rejects_that_cannot_be_written_stop_the_import_before_anything_is_written(desk, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        HEAD + "（2026）豫0326执1号,2026-03-05,张三,李四,100\n（2026）豫0326执2号,2026-02-30,张三,李四,100\n"
    )
    blocker = tmp_path / "file"
    blocker.write_text("")
    r = runner.invoke(app, _args(desk, path, "--skip-invalid", "--rejects", str(blocker / "r.xlsx")))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"错误：错误行清单无法写入 {blocker / 'r.xlsx'}（")
    assert r.stderr.rstrip().endswith("），未导入任何案件")
    assert "Traceback" not in r.output
    assert _cases(desk) == 0


def test_a_gbk_csv_streams(desk, tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEAD + "（2026）豫0326执1号,2026-03-05,张三,李四,100\n").encode("gbk"))
    r = runner.invoke(app, _args(desk, path))
    assert r.exit_code == 0, r.output
    assert _cases(desk) == 1
    path.write_bytes(b"\xff\xfe\x00" * 10)
    r = runner.invoke(app, _args(desk, path))
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：CSV 文件编码无法识别")
