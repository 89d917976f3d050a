"""``zhixing export monthly``: output, default path, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import openpyxl
from typer.testing import CliRunner

from zhixing_tui.cli.main import app

from ..services.test_importer import make_xlsx
from ..triage_fixtures import staff_with

runner = CliRunner()


def test_export_monthly_default_path_and_totals(desk, tmp_path):
    db = desk.engine.url.database
    rows = [
        ["（2026）豫0326执1号", "2026-02-10", "甲", "乙", 100, None, "普执一团队", None, None, None],
        [
            "（2026）豫0326执2号",
            "2026-03-03",
            "甲",
            "乙",
            100,
            None,
            "普执一团队",
            "2026-03-09",
            "执行完毕",
            100,
        ],
    ]
    r = runner.invoke(
        app,
        [
            "import",
            "cases",
            str(make_xlsx(tmp_path / "c.xlsx", rows)),
            "--db",
            db,
            "--operator",
            staff_with(desk, "window_clerk"),
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["export", "monthly", "2026-03", "--db", db, "--operator", "统计员"])
    assert r.exit_code == 0, r.output
    path = tmp_path / "exports" / "汝阳-2026-03-执行工作统计.xlsx"
    assert r.stdout.splitlines() == [
        f"已生成：{path}",
        "首执合计：旧存 1，新收 1，结案 1，未结 1，结案率 50.00%",
    ]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind
    notes = {
        row[0]: row[1] for row in openpyxl.load_workbook(path)["说明"].iter_rows(min_row=2, values_only=True)
    }
    assert notes["制表人"] == "统计员"


def test_export_monthly_out_and_bad_month(desk, tmp_path):
    db = desk.engine.url.database
    out = tmp_path / "x" / "m.xlsx"
    r = runner.invoke(
        app, ["export", "monthly", "2026-01", "--db", db, "--out", str(out), "--operator", "甲"]
    )
    assert r.exit_code == 0 and out.exists()
    assert r.stdout.splitlines()[1] == "首执合计：旧存 0，新收 0，结案 0，未结 0，结案率 —"
    r = runner.invoke(app, ["export", "monthly", "三月", "--db", db])
    assert r.exit_code == 2
    assert r.stderr == "错误：月份格式无法识别：「三月」，应为 2026-03 的形式\n"


def test_export_monthly_runs_without_the_collector_and_ends_frozen_and_closed(desk, tmp_path):
    """The console script's ``export monthly`` on a SQLite file reads through plain ``sqlite3``
    (``services.stats.read_desk``: SQLAlchemy is never imported), keeps the cyclic collector off
    while it loads and computes (``cli.main.LOADS_AND_ENDS``), closes its connections, then
    freezes what it loaded (``startup.finish``): no collection over the libraries, neither on the
    way nor at exit."""
    script = textwrap.dedent(
        f"""
        import gc, json, sqlite3, sys
        from zhixing_tui import startup
        startup.begin()
        import zhixing_tui.services.stats.read_desk as read_desk
        made, seen = [], {{}}
        connect = read_desk._connect
        def _connect(path):
            made.append(connect(path))
            return made[-1]
        read_desk._connect = _connect
        import zhixing_tui.services.printing.monthly_export as export
        real = export.export_monthly
        def export_monthly(*args):
            seen["collector"] = gc.isenabled()
            return real(*args)
        export.export_monthly = export_monthly
        from zhixing_tui.cli.main import main
        before = gc.get_freeze_count()
        sys.argv = ["zhixing", "export", "monthly", "2026-03", "--db", {desk.engine.url.database!r},
                    "--out", {str(tmp_path / "m.xlsx")!r}, "--operator", "甲"]
        try:
            main()
        except SystemExit as exc:
            assert not exc.code, exc.code
        def closed(conn):
            try:
                conn.execute("SELECT 1")
            except sqlite3.ProgrammingError:
                return True
            return False
        print(json.dumps({{"collector": seen["collector"], "grown": gc.get_freeze_count() - before,
                          "opened": len(made), "closed": sum(map(closed, made)),
                          "sqlalchemy": [m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel")]}}))
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["collector"] is False  # off from the start to the end of the command
    assert got["grown"] > 10_000  # the command's libraries and objects, frozen after it
    assert got["sqlalchemy"] == []  # neither SQLAlchemy nor SQLModel loaded
    assert got["opened"] == 2 and got["closed"] == 2  # one connection a thread, each closed


def test_export_monthly_says_what_is_wrong_with_a_file_it_cannot_read(tmp_path):
    """What the plain reader does not read (here: an empty file, no file) is opened as every other
    reading command opens it, and refused with the same words, the file untouched."""
    empty = tmp_path / "empty.db"
    empty.touch()
    r = runner.invoke(app, ["export", "monthly", "2026-03", "--db", str(empty)])
    assert r.exit_code != 0
    assert r.stderr == f"错误：{empty} 是空文件，不是 zhixing 数据库，未作任何改动\n"
    assert empty.stat().st_size == 0
    r = runner.invoke(app, ["export", "monthly", "2026-03", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "none.db" in r.stderr
    assert not (tmp_path / "none.db").exists()
