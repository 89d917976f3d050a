"""The tamper-evident audit trail: every entry chained to the one before it; ``audit verify``
names the first break after rows are deleted, inserted or edited with SQL (the triggers dropped
first, as someone holding the file could); two writers at once do not fork the chain."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from tests.triage_fixtures import staff_with
from zhixing_tui.cli.main import app
from zhixing_tui.domain.audit_chain import GENESIS, canonical, entry_hash
from zhixing_tui.services import accounts, audit
from zhixing_tui.services.audit import head, verify
from zhixing_tui.storage.models import AuditEntry

# the CLI on the database file and tampering through sqlite3 on it; on PostgreSQL the chain, its
# triggers and the TRUNCATE refusal are tested in tests/storage/test_migration_0008_identity.py
pytestmark = pytest.mark.sqlite_only

runner = CliRunner()


def db_file(desk) -> str:
    return str(desk.engine.url.database)


def some_work(desk, n: int = 3) -> None:
    chief = replace(desk, operator=staff_with(desk, "bureau_chief"))
    for i in range(n):
        accounts.set_password(chief, staff_with(desk, "window_clerk"), f"密码{i:04d}")


def chain(desk) -> list[AuditEntry]:
    with desk.session() as s:
        return list(s.exec(select(AuditEntry).order_by(AuditEntry.id)))


def tamper(desk, *sql: str) -> None:
    """What someone with the file can do: drop the append-only triggers, then change rows."""
    desk.engine.dispose()
    with sqlite3.connect(db_file(desk)) as conn:
        conn.execute("DROP TRIGGER audit_entry_no_update")
        conn.execute("DROP TRIGGER audit_entry_no_delete")
        for statement in sql:
            conn.execute(statement)


def verify_cli(desk):
    return runner.invoke(app, ["audit", "verify", "--db", db_file(desk)])


def test_the_canonical_form_is_fixed():
    entry = {
        "at": "2026-11-23 09:00:00",
        "operator": "吴敦辉",
        "operator_id": 7,
        "action": "staff.role",
        "entity": "staff",
        "entity_id": 3,
        "case_id": None,
        "summary": "变更角色",
        "before": {"role": "monitor", "a": 1},
        "after": None,
    }
    assert canonical(GENESIS, entry) == (
        f'["zhixing-audit-1","{GENESIS}","2026-11-23 09:00:00.000000","吴敦辉",7,"staff.role","staff",3,null,'
        '"变更角色",{"a":1,"role":"monitor"},null]'
    )
    assert entry_hash(GENESIS, entry) == entry_hash(GENESIS, dict(reversed(list(entry.items()))))
    assert entry_hash(GENESIS, entry) != entry_hash(GENESIS, {**entry, "summary": "变更角色 "})


def test_every_entry_is_chained_and_the_head_is_the_last(desk):
    some_work(desk)
    rows = chain(desk)
    assert rows[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.entry_hash for a, b in zip(rows, rows[1:], strict=False))
    with desk.session() as s:
        report = verify(s)
        top = head(s)
    assert report.ok and report.count == len(rows)
    assert (top.count, top.hash, top.last_id) == (len(rows), rows[-1].entry_hash, rows[-1].id)
    r = verify_cli(desk)
    assert (r.exit_code, r.stdout) == (0, f"审计记录完好：{len(rows)} 条，链头 {rows[-1].entry_hash}\n")


def test_a_deleted_row_is_caught(desk):
    some_work(desk)
    rows = chain(desk)
    victim, after = rows[1], rows[2]
    tamper(desk, f"DELETE FROM audit_entry WHERE id = {victim.id}")
    r = verify_cli(desk)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"审计记录被改动：第一处断点在记录 #{after.id}（{after.at:%Y-%m-%d %H:%M:%S}，操作人 {after.operator}）："
        "与前一条记录不相接（其前有记录被删除或插入）",
        f"断点之前的 1 条完好，其链头 {rows[0].entry_hash}",
    ]


def test_a_backdated_entry_as_the_president_is_caught(desk):
    some_work(desk)
    rows = chain(desk)
    president = staff_with(desk, "president")
    # appended at the end with a plausible link and a made-up hash
    tamper(
        desk,
        "INSERT INTO audit_entry(at, operator, action, entity, summary, prev_hash, entry_hash) VALUES "
        f"('2026-01-05 09:00:00.000000', '{president}', 'approve', 'handoff', '同意', "
        f"'{rows[-1].entry_hash}', '{'f' * 64}')",
    )
    r = verify_cli(desk)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == (
        f"审计记录被改动：第一处断点在记录 #{rows[-1].id + 1}（2026-01-05 09:00:00，操作人 {president}）："
        "内容与其哈希不符（记录被修改）"
    )
    # the same row without any hash: not written by zhixing
    tamper_free = verify_cli(desk)
    assert tamper_free.exit_code == 1


def test_an_inserted_row_without_a_hash_is_caught(desk):
    some_work(desk)
    desk.engine.dispose()
    with sqlite3.connect(db_file(desk)) as conn:  # no trigger refuses an INSERT
        conn.execute(
            "INSERT INTO audit_entry(at, operator, action, entity, summary) "
            "VALUES ('2026-01-05 09:00:00', '院长', 'approve', 'handoff', '同意')"
        )
    r = verify_cli(desk)
    assert r.exit_code == 1
    assert "没有哈希（记录不是由本程序写入的）" in r.stdout


def test_an_edited_row_is_caught(desk):
    some_work(desk)
    rows = chain(desk)
    edited = rows[2]
    tamper(desk, f"UPDATE audit_entry SET operator = '院长' WHERE id = {edited.id}")
    r = verify_cli(desk)
    assert r.exit_code == 1
    assert r.stdout.splitlines()[0] == (
        f"审计记录被改动：第一处断点在记录 #{edited.id}（{edited.at:%Y-%m-%d %H:%M:%S}，操作人 院长）："
        "内容与其哈希不符（记录被修改）"
    )
    assert r.stdout.splitlines()[1] == f"断点之前的 2 条完好，其链头 {rows[1].entry_hash}"


def test_the_triggers_still_refuse_update_and_delete(desk):
    some_work(desk, 1)
    desk.engine.dispose()
    with sqlite3.connect(db_file(desk)) as conn:
        for sql in ("UPDATE audit_entry SET summary = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(sqlite3.IntegrityError, match="审计记录只能追加"):
                conn.execute(sql)


def test_two_writers_at_once_do_not_fork_the_chain(desk):
    names = [staff_with(desk, "window_clerk"), staff_with(desk, "handler")]
    errors: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            me = replace(desk, operator=name)
            for i in range(25):
                with me.transaction() as s:
                    audit.record(s, operator=name, action="note", entity="case", summary=f"{name} {i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with desk.session() as s:
        report = verify(s)
    assert report.ok, report.broken
    assert sum(1 for e in chain(desk) if e.action == "note") == 50


def test_a_demo_and_an_import_are_chained(demo_desk):
    with demo_desk.session() as s:
        report = verify(s)
    assert report.ok and report.count > 1000
