"""``zhixing demo`` never loses a court's data: it refuses a database it did not create, keeps the
demo it replaces, builds aside and renames, and a kill leaves the old file as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from zhixing_tui.cli.main import app

runner = CliRunner()
DEMO = ["demo", "--no-tui", "--db", "d.db", "--as-of", "2026-11-23", "--operator", "演示"]


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _dump(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


def _one(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_court_database_is_never_replaced(here):
    assert runner.invoke(app, ["init", "-p", "ruyang", "--db", "d.db", "--operator", "管理员"]).exit_code == 0
    before = _dump(here / "d.db")
    for extra in ([], ["--force"]):
        result = runner.invoke(app, [*DEMO, "--cases", "10", *extra])
        assert result.exit_code == 1
        assert result.stderr == (
            "错误：d.db 不是演示数据库（可能是法院的正式数据库），演示数据不会写入或覆盖它；"
            "请用 --db 另指定一个文件\n"
        )
    assert _one(here / "d.db", "SELECT count(*) FROM staff") > 0
    assert _one(here / "d.db", "SELECT count(*) FROM desk_setting WHERE key LIKE 'demo%'") == 0
    assert _dump(here / "d.db") == before
    assert sorted(p.name for p in here.iterdir() if p.name.startswith(".")) == []


def test_a_file_that_is_not_a_database_is_refused(here):
    (here / "d.db").write_bytes(b"not a database at all")
    result = runner.invoke(app, [*DEMO, "--cases", "5", "--force"])
    assert result.exit_code == 1
    assert result.stderr.startswith("错误：d.db 不是演示数据库")
    assert (here / "d.db").read_bytes() == b"not a database at all"


def test_force_replaces_a_demo_and_keeps_it_in_backups(here):
    assert runner.invoke(app, [*DEMO, "--cases", "12"]).exit_code == 0
    assert _one(here / "d.db", "SELECT value FROM desk_setting WHERE key='demo_marker'") == "zhixing demo"
    stale = here / ".d.db.abc123.tmp"
    stale.write_bytes(b"left by a killed run")
    result = runner.invoke(app, [*DEMO, "--cases", "7", "--force"])
    assert result.exit_code == 0, result.output
    backups = list((here / "backups").glob("d-*-before-demo.db"))
    assert len(backups) == 1
    assert result.stdout.splitlines()[-1] == f"原演示数据库已备份：{backups[0]}"
    assert _one(backups[0], "SELECT count(*) FROM enforcement_case") == 12
    assert _one(here / "d.db", "SELECT count(*) FROM enforcement_case") == 7
    assert not stale.exists()
    assert [p.name for p in here.iterdir() if p.name.endswith(".tmp")] == []


def test_a_killed_demo_leaves_the_old_file_whole(here):
    assert runner.invoke(app, [*DEMO, "--cases", "5"]).exit_code == 0
    before = _dump(here / "d.db")
    env = {**os.environ, "ZHIXING_HOME": str(here)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from zhixing_tui.cli.main import main; main()",
            *DEMO,
            "--cases",
            "50000",
            "--force",
        ],
        cwd=here,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:  # wait until the build has written cases aside
            scratch = [p for p in here.glob(".d.db.*.tmp") if p.stat().st_size > 2_000_000]
            if scratch or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert scratch, "the build never got going"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _dump(here / "d.db") == before
    assert _one(here / "d.db", "PRAGMA integrity_check") == "ok"
    assert _one(here / "d.db", "SELECT count(*) FROM enforcement_case") == 5
    # the next run cleans up what the killed one left
    assert runner.invoke(app, [*DEMO, "--cases", "3", "--force"]).exit_code == 0
    assert list(here.glob(".d.db.*.tmp*")) == []
