"""``zhixing db backup`` / ``zhixing db restore``: a verified, private copy; a restore that refuses
what is not a zhixing database and keeps the database it replaces."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.storage.migrate import head_revision

runner = CliRunner()


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _head(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()[0]


def test_a_backup_of_a_tampered_audit_trail_is_refused(demo_desk, tmp_path):
    db = Path(demo_desk.engine.url.database)
    with sqlite3.connect(db) as conn:  # someone holding the file: triggers dropped, an entry edited
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("UPDATE audit_entry SET operator = '院长' WHERE id = 5")
    out = tmp_path / "court.db"
    r = runner.invoke(app, ["db", "backup", "--out", str(out), "--db", str(db)])
    assert r.exit_code == 2
    assert r.stderr.startswith("错误：备份未保存：审计记录链在第 5 条处断开")
    assert not out.exists()


def test_backup_is_verified_private_and_complete(demo_desk, tmp_path):
    db = Path(demo_desk.engine.url.database)
    cases, entries = _count(db, "enforcement_case"), _count(db, "audit_entry")
    out = tmp_path / "copies" / "court.db"
    r = runner.invoke(app, ["db", "backup", "--out", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert (
        r.stdout
        == f"已备份：{out}（完整性检查通过；{cases} 件案件，{entries} 条审计记录；结构版本 {head_revision()}）\n"
        f"审计链完好：链头 {_head(db)}\n"
    )
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert (_count(out, "enforcement_case"), _count(out, "audit_entry")) == (cases, entries)
    assert sorted(p.name for p in out.parent.iterdir()) == ["court.db"]  # no temporary or -wal left


def test_backup_default_goes_to_backups_beside_the_database(desk):
    db = Path(desk.engine.url.database)
    r = runner.invoke(app, ["db", "backup", "--db", str(db)])
    assert r.exit_code == 0, r.output
    [made] = list((db.parent / "backups").iterdir())
    assert made.name.startswith(db.stem) and made.name.endswith("-backup.db")


def test_backup_of_postgresql_points_to_pg_dump():
    r = runner.invoke(app, ["db", "backup", "--db", "postgresql+psycopg://u@127.0.0.1/x"])
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：备份与恢复只用于 SQLite 数据库；PostgreSQL 请用 pg_dump / pg_restore（见 README）\n",
    )


def test_restore_refuses_a_file_that_is_not_zhixing_and_touches_nothing(desk, tmp_path):
    db = Path(desk.engine.url.database)
    desk.engine.dispose()
    before = db.read_bytes()
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    text = tmp_path / "notes.db"
    text.write_text("hello", encoding="utf-8")
    for bad, reason in (
        (other, f"恢复文件 {other} 不是 zhixing 数据库（缺少 zhixing 的数据表）"),
        (text, f"{text} 不是 zhixing 数据库（不是 SQLite 数据库文件），未作任何改动"),
    ):
        r = runner.invoke(app, ["db", "restore", str(bad), "--db", str(db), "--operator", "管理员"])
        assert (r.exit_code, r.stderr) == (2, f"错误：{reason}\n")
    assert db.read_bytes() == before
    assert not (db.parent / "backups").exists()


def test_restore_keeps_the_replaced_database_and_is_audited(demo_desk, desk, tmp_path):
    source = Path(demo_desk.engine.url.database)
    target = Path(desk.engine.url.database)
    demo_desk.engine.dispose()
    desk.engine.dispose()
    copy = tmp_path / "copy.db"
    assert runner.invoke(app, ["db", "backup", "--out", str(copy), "--db", str(source)]).exit_code == 0
    empty_cases = _count(target, "enforcement_case")
    r = runner.invoke(app, ["db", "restore", str(copy), "--db", str(target), "--operator", "管理员"])
    assert r.exit_code == 0, r.output
    kept_line, done_line = r.stdout.splitlines()
    kept = Path(kept_line.removeprefix("原数据库已备份："))
    assert kept.parent == target.parent / "backups" and kept.name.endswith("-before-restore.db")
    assert _count(kept, "enforcement_case") == empty_cases
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert _count(target, "enforcement_case") == _count(source, "enforcement_case")
    assert done_line.startswith(f"已恢复：{target}（")
    with sqlite3.connect(target) as conn:
        who, what = conn.execute(
            "SELECT operator, summary FROM audit_entry WHERE action = 'db_restore'"
        ).fetchone()
    assert who == "管理员" and what.startswith("从备份恢复数据库：copy.db")
