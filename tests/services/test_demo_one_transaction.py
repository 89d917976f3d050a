"""``zhixing demo`` on PostgreSQL writes schema, roster, cases and the id sequences in one
transaction (issue 16): after it, ordinary inserts get fresh ids; killed, it leaves the database
empty and the next demo succeeds. The same demo-then-insert check runs on SQLite."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from sqlalchemy import create_engine, func, text
from sqlmodel import select
from typer.testing import CliRunner

from tests import pg_scratch
from tests.services.test_importer import GOOD_ID, make_xlsx
from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.desk import Desk
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.storage.models import AuditEntry, Case, Party

DEMO = ["demo", "--no-tui", "--as-of", "2026-11-23", "--operator", "测试员"]


def test_after_the_cli_demo_services_insert_with_fresh_ids(empty_db_url, tmp_path):
    result = CliRunner().invoke(app, [*DEMO, "--db", empty_db_url, "--cases", "30"])
    assert result.exit_code == 0, result.output
    desk = Desk.open(empty_db_url, operator="测试员", as_of=date(2026, 11, 23))
    try:
        with desk.session() as s:
            top = {m: s.exec(select(func.max(m.id))).one() for m in (Case, Party, AuditEntry)}
        assert all(top.values())
        cid = register_case(
            desk,
            case_no="(2026)豫0326执99999号",
            filed_on=date(2026, 11, 2),
            claim_fen=100_000,
            applicants=[PartyInput("李四")],
            respondents=[PartyInput("张三")],
        )
        assert cid > top[Case]
        sheet = make_xlsx(
            tmp_path / "cases.xlsx",
            [["(2026)豫0326执99998号", "2026-11-03", "王五", "赵六", "5000", GOOD_ID, "", "", "", ""]],
        )
        report = import_cases(desk, sheet)
        assert (report.inserted, report.ok) == (1, True)
        with desk.session() as s:
            assert s.exec(select(func.count()).select_from(Case)).one() == 32
            assert s.exec(select(func.max(AuditEntry.id))).one() > top[AuditEntry]
    finally:
        desk.engine.dispose()


def _table_count(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(
                text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            ).scalar_one()
    finally:
        engine.dispose()


def _watch_until(name: str, proc: subprocess.Popen, wanted: str, limit: float = 240) -> bool:
    """Poll pg_stat_activity until the demo's connection to ``name`` runs a query starting with
    ``wanted`` (or the process ends, or ``limit`` seconds pass)."""
    deadline = time.monotonic() + limit
    with pg_scratch.admin().connect() as conn:
        while time.monotonic() < deadline and proc.poll() is None:
            queries = conn.execute(
                text("SELECT query FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"),
                {"d": name},
            ).scalars()
            if any(q.lstrip().startswith(wanted) for q in queries):
                return True
            time.sleep(0.02)
    return False


@pytest.mark.skipif(not pg_scratch.enabled(), reason="ZHIXING_TEST_PG is not set")
def test_a_demo_killed_on_postgresql_leaves_the_database_empty(tmp_path):
    name = pg_scratch.new_name("demokill")
    url = pg_scratch.create(name)
    try:
        proc = subprocess.Popen(
            # 2,100 cases: two batches; the kill comes while the first batch's deadline nodes are
            # written, after all its cases, parties and audit entries
            [
                sys.executable,
                "-c",
                "from zhixing_tui.cli.main import main; main()",
                *DEMO,
                "--db",
                url,
                "--cases",
                "2100",
            ],
            cwd=tmp_path,
            env={**os.environ, "ZHIXING_HOME": str(tmp_path)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            seen = _watch_until(name, proc, "INSERT INTO deadline_node")
            assert seen, f"the build never reached its first batch's nodes: {proc.stderr.read()!r}"
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        # the server rolls the dead connection's transaction back: no table, no row, no sequence
        deadline = time.monotonic() + 30
        while _table_count(url) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _table_count(url) == 0
        result = CliRunner().invoke(app, [*DEMO, "--db", url, "--cases", "12"])
        assert result.exit_code == 0, result.output
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT count(*) FROM enforcement_case")).scalar_one() == 12
        finally:
            engine.dispose()
    finally:
        pg_scratch.drop(name)


def test_a_demo_that_fails_leaves_nothing_behind(empty_db_url, tmp_path):
    """Refused half way (an operator name too long for the audit trail): no table on PostgreSQL
    (the schema was created in the transaction that rolled back), no file on SQLite."""
    result = CliRunner().invoke(app, [*DEMO[:-1], "甲" * 41, "--db", empty_db_url, "--cases", "5"])
    assert (result.exit_code, result.stderr) == (2, "错误：操作人姓名过长：最多 40 个字符，现为 41 个\n")
    if empty_db_url.startswith("postgresql"):
        assert _table_count(empty_db_url) == 0
    else:
        assert [p.name for p in tmp_path.iterdir() if "empty.db" in p.name] == []
