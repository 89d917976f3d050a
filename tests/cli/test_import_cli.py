"""``zhixing import``: exact output, --json shape, exit codes 0/1/2, quiet when piped."""

from __future__ import annotations

import json

from sqlmodel import func, select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.storage.models import Case

from ..services.test_importer import make_xlsx
from ..triage_fixtures import staff_with

runner = CliRunner()

GOOD = ["（2026）豫0326执1号", "2026-03-05", "张三", "李四", "1,000", None, None, None, None, None]
BAD = ["（2026）豫0326执2号", "2026-02-30", "张三", "李四", 100, None, None, None, None, None]


def _db(desk) -> str:
    return desk.engine.url.database


def _cases(desk) -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(Case)).one()


def test_dry_run_json_then_skip_invalid_then_again(desk, tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", [GOOD, BAD])
    args = ["import", "cases", str(path), "--db", _db(desk), "--operator", staff_with(desk, "window_clerk")]
    r = runner.invoke(app, [*args, "--dry-run", "--json"])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert (data["valid"], data["inserted"], data["updated"]) == (1, 1, 0)
    assert data["invalid"] == [
        {
            "row": 3,
            "column": "立案日期",
            "field": "立案日期",
            "cell": "B3",
            "value": "2026-02-30",
            "reason": "立案日期不存在：2026-02-30（2026年2月只有28天）",
        }
    ]
    assert _cases(desk) == 0

    r = runner.invoke(app, [*args, "--skip-invalid", "--rejects", str(tmp_path / "bad.xlsx")])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == [
        "案件导入：读取 2 行，有效 1 行，无效 1 行",
        "  第3行 立案日期（B3）：立案日期不存在：2026-02-30（2026年2月只有28天）",
        "已写入：新增 1，更新 0，未变 0",
        f"无效行已另存：{tmp_path / 'bad.xlsx'}",
    ]
    assert (tmp_path / "bad.xlsx").exists()
    assert _cases(desk) == 1

    r = runner.invoke(app, [*args, "--skip-invalid", "--json", "--rejects", str(tmp_path / "bad.xlsx")])
    data = json.loads(r.stdout)
    assert (r.exit_code, data["inserted"], data["updated"], data["unchanged"]) == (0, 0, 0, 1)


def test_all_or_nothing_exit_1(desk, tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", [GOOD, BAD])
    r = runner.invoke(
        app, ["import", "cases", str(path), "--db", _db(desk), "--operator", staff_with(desk, "window_clerk")]
    )
    assert r.exit_code == 1
    assert (
        r.stdout.splitlines()[-1]
        == "有无效行，未写入任何数据。更正后重新导入，或加 --skip-invalid 只导入有效行。"
    )
    assert _cases(desk) == 0


def test_file_problems_exit_2(desk, tmp_path):
    r = runner.invoke(
        app,
        [
            "import",
            "cases",
            str(tmp_path / "none.xlsx"),
            "--db",
            _db(desk),
            "--operator",
            staff_with(desk, "window_clerk"),
        ],
    )
    assert r.exit_code == 2
    assert r.stderr == f"错误：找不到文件：{tmp_path / 'none.xlsx'}\n"


def test_good_file_exit_0_and_no_progress_bar_when_piped(desk, tmp_path):
    path = make_xlsx(tmp_path / "c.xlsx", [GOOD])
    r = runner.invoke(
        app, ["import", "cases", str(path), "--db", _db(desk), "--operator", staff_with(desk, "window_clerk")]
    )
    assert r.exit_code == 0
    assert r.stdout == "案件导入：读取 1 行，有效 1 行，无效 0 行\n已写入：新增 1，更新 0，未变 0\n"
    assert r.stderr == ""


def test_payments_and_staff_commands_exist(desk, tmp_path):
    for kind in ("payments", "staff"):
        r = runner.invoke(app, ["import", kind, "--help"])
        assert r.exit_code == 0 and "--skip-invalid" in r.stdout


def test_the_file_is_read_while_the_command_loads_and_forgotten_when_not_imported(
    desk, tmp_path, monkeypatch
):
    """The console script starts parsing ``import KIND FILE``'s FILE before the command line
    loads; the import takes it; a refused login (nothing read) leaves nothing behind."""
    from zhixing_tui.cli import entry
    from zhixing_tui.services.imports import read as reading

    path = make_xlsx(tmp_path / "c.xlsx", [GOOD])
    started: list[str] = []
    monkeypatch.setattr(
        reading, "prefetch", lambda p, _real=reading.prefetch: (started.append(str(p)), _real(p))
    )
    for args in (
        ["import", "cases", "--dry-run", str(path)],
        ["report", "x", str(path)],
        ["import", "cases"],
        ["import", "cases", str(path), "--reader", "openpyxl"],
    ):
        entry._prefetch(args)
    assert started == []
    entry._prefetch(["import", "cases", str(path), "--dry-run"])
    assert started == [str(path)] and reading._prefetched
    r = runner.invoke(
        app, ["import", "cases", str(path), "--db", _db(desk), "--operator", "无此人", "--dry-run"]
    )
    assert r.exit_code == 2 and not reading._prefetched, r.output
    r = runner.invoke(
        app,
        [
            "import",
            "cases",
            str(path),
            "--db",
            _db(desk),
            "--operator",
            staff_with(desk, "window_clerk"),
            "--json",
        ],
    )
    assert r.exit_code == 0 and json.loads(r.stdout)["inserted"] == 1
    assert started == [str(path)] * 3 and not reading._prefetched
    assert _cases(desk) == 1


def test_the_import_runs_with_the_loaded_heap_frozen_and_fewer_young_collections(desk, tmp_path, monkeypatch):
    import gc

    from zhixing_tui.cli import import_cmd
    from zhixing_tui.services.imports import run as importer

    seen = []
    real = importer.import_cases

    def spy(*args, **kw):
        seen.append((gc.get_threshold(), gc.get_freeze_count() > 0))
        return real(*args, **kw)

    monkeypatch.setattr(importer, "import_cases", spy)
    before = gc.get_threshold()
    path = make_xlsx(tmp_path / "c.xlsx", [GOOD])
    r = runner.invoke(
        app, ["import", "cases", str(path), "--db", _db(desk), "--operator", staff_with(desk, "window_clerk")]
    )
    assert r.exit_code == 0, r.output
    assert seen == [((import_cmd.IMPORT_GC_YOUNG, *before[1:]), True)]
    assert gc.get_threshold() == before
