"""The probes that are not kills (``bench/probes.py``): a court's database under ``demo --force``,
tiny files as ``--db``, an unwritable ``--rejects``, identity, the audit chain, file modes,
three processes on one file, hostile input on both engines."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
from pathlib import Path

from bench.probe_kit import (
    CSV_HEAD,
    PYTHON,
    ZHIXING,
    Row,
    Work,
    cases_csv,
    one,
    pg_admin,
    pg_one,
    pg_run,
    pg_url,
    staff,
)


def demo_force(work: Work) -> Row:
    row = Row("demo --force on a court database", "refused (exit 1), file byte-for-byte unchanged")
    folder = work.folder("court")
    init = work.cli("init", "-p", "ruyang", "--db", "court.db", "--operator", "管理员", cwd=folder)
    row.saw(init)
    if init.rc != 0:
        row.failed, row.note = 1, f"init failed: {init.err.strip()}"
        return row
    db = folder / "court.db"
    before = db.read_bytes()
    for extra in ([], ["--force"]):
        run = work.cli("demo", "--db", "court.db", "--cases", "10", "--no-tui", *extra, cwd=folder)
        row.runs += 1
        row.saw(run)
        row.failed += not run.chinese_error(1)
        row.lost += db.read_bytes() != before
    row.note = run.err.strip()
    return row


def tiny_db(work: Work) -> Row:
    row = Row("report overdue --db on a 0-/1-byte file", "exit 2, 错误：, the file unchanged, no side files")
    for content in (b"", b"\x00"):
        folder = work.folder("tiny")
        path = folder / "f.db"
        path.write_bytes(content)
        run = work.cli("report", "overdue", "--db", str(path))
        row.runs += 1
        row.saw(run)
        row.failed += not run.chinese_error(2)
        row.lost += path.read_bytes() != content or [p.name for p in folder.iterdir()] != ["f.db"]
    return row


def rejects_proc(work: Work) -> Row:
    row = Row("import --skip-invalid --rejects /proc/r.xlsx", "exit 2 before anything is written")
    db = work.copy("rejects")
    source = cases_csv(db.parent / "c.csv", 18, year=2024)
    with source.open("a", encoding="utf-8") as f:
        f.write("（2024）豫0326执900号,2024-02-30,甲,乙,100\n（2024）豫0326执901号,2024-03-01,甲,,100\n")
    before = one(db, "SELECT count(*) FROM enforcement_case")
    run = work.cli(
        "import", "cases", str(source), "--db", str(db), "--skip-invalid", "--rejects", "/proc/r.xlsx",
        "--operator", staff(db, "window_clerk"),
    )  # fmt: skip
    row.runs = 1
    row.saw(run)
    row.failed += not run.chinese_error(2)
    row.lost += one(db, "SELECT count(*) FROM enforcement_case") != before
    row.note = run.err.strip()
    return row


def identity(work: Work) -> Row:
    row = Row(
        "identity: approval, import staff, --operator",
        "wrong/no password, a handler's import staff, an unknown operator: all refused",
    )
    db = work.copy("identity")
    case_no = "（2026）豫0326执99961号"
    source = db.parent / "c.csv"
    source.write_text(f"{CSV_HEAD}\n{case_no},2026-06-01,李四,张三,100\n", encoding="utf-8")
    handler, vp = staff(db, "handler"), staff(db, "vice_president")
    steps = [
        work.cli("import", "cases", str(source), "--db", str(db), "--operator", staff(db, "window_clerk"))
    ]
    steps.append(
        work.cli(
            "period", "extend", case_no, "--reason", "拍卖未终结", "--db", str(db), "--operator", handler
        )
    )
    wrong = db.parent / "wrong"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    decide = ["period", "decide", case_no, "--approve", "--db", str(db), "--operator", vp]
    refused = [
        (work.cli(*decide, env={"ZHIXING_PASSWORD_FILE": str(wrong)}), 1),
        (work.cli(*decide, env={"ZHIXING_PASSWORD_FILE": ""}), 2),
    ]
    roster = db.parent / "staff.csv"
    roster.write_text(f"姓名,角色,组别\n{staff(db, 'monitor')},承办人,线索查控组\n", encoding="utf-8")
    monitors = one(db, "SELECT count(*) FROM staff WHERE role = 'monitor'")
    refused.append((work.cli("import", "staff", str(roster), "--db", str(db), "--operator", handler), 1))
    refused.append(
        (work.cli("money", "arrive", "100", "张三", "--db", str(db), "--operator", "不存在的人"), 2)
    )
    pending = one(db, "SELECT count(*) FROM approval WHERE status = 'pending' AND case_id = "
                  "(SELECT id FROM enforcement_case WHERE case_no = ?)", case_no)  # fmt: skip
    steps.append(work.cli(*decide))  # the approver with the right password: approved
    for run in steps:
        row.saw(run)
        row.failed += run.rc != 0
    for run, code in refused:
        row.runs += 1
        row.saw(run)
        row.failed += not run.chinese_error(code)
    row.lost += one(db, "SELECT count(*) FROM staff WHERE role = 'monitor'") != monitors  # nobody demoted
    row.failed += pending != 1  # the request still waits for its approver
    row.note = (
        " | ".join(r.err.strip() for r, _ in refused) + f" | pending before the right password: {pending}"
    )
    return row


def _verify(work: Work, db: Path) -> tuple[int, str]:
    run = work.cli("audit", "verify", "--db", str(db))
    return run.rc, (run.out + run.err).strip()


def audit_sqlite(work: Work) -> Row:
    row = Row("audit tamper (SQLite, triggers dropped)", "audit verify exits 1 naming the entry")
    clean = work.copy("audit-clean")
    rc, said = _verify(work, clean)
    notes = [f"untouched: exit {rc}"]
    row.failed += rc != 0
    top = int(one(clean, "SELECT max(id) FROM audit_entry"))
    target = top // 2
    edits = {
        "delete": f"DELETE FROM audit_entry WHERE id = {target}",
        "backdated insert": (
            "INSERT INTO audit_entry (at, operator, action, entity, summary, entry_hash, prev_hash) "
            f"SELECT '2026-01-05 09:00:00', '院长', 'approve', 'case', '批准', entry_hash, prev_hash "
            f"FROM audit_entry WHERE id = {target}"
        ),
        "edit": f"UPDATE audit_entry SET summary = summary || '（改）' WHERE id = {target}",
    }
    for what, sql in edits.items():
        db = work.copy("audit-tamper")
        con = sqlite3.connect(db)
        try:
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                con.execute(f'DROP TRIGGER "{name}"')
            con.execute(sql)
            con.commit()
        finally:
            con.close()
        rc, said = _verify(work, db)
        row.runs += 1
        # the first broken entry: the edited one, the one after the deleted one, the inserted one
        named = f"#{ {'delete': target + 1, 'backdated insert': top + 1}.get(what, target) }（" in said
        row.failed += rc != 1 or not named
        row.tracebacks += "Traceback" in said
        notes.append(f"{what}: exit {rc}, {said.splitlines()[0] if said else ''}")
    row.note = "; ".join(notes)
    return row


def _pg_demo(work: Work, name: str) -> str | None:
    """A 20-case demo on a new PostgreSQL database ``name``; its URL, or None without a server."""
    admin = pg_admin()
    if admin is None:
        return None
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    run = work.cli("demo", "--db", pg_url(name), "--cases", "20", "--no-tui")
    if run.rc != 0:
        raise RuntimeError(f"PostgreSQL demo failed: {run.err.strip()}")
    return pg_url(name)


def _pg_drop(name: str) -> None:
    admin = pg_admin()
    if admin is not None:
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def audit_pg(work: Work) -> Row:
    import psycopg

    row = Row("audit on PostgreSQL: TRUNCATE, UPDATE, DELETE", "each refused by the server, rows unchanged")
    name = f"zxprobe_{os.getpid()}_audit"
    url = _pg_demo(work, name)
    if url is None:
        row.failed, row.note = 1, "PostgreSQL does not answer"
        return row
    try:
        before = pg_one(name, "SELECT count(*) FROM audit_entry")
        notes = []
        for sql in (
            "TRUNCATE audit_entry",
            "UPDATE audit_entry SET summary = 'x' WHERE id = 1",
            "DELETE FROM audit_entry WHERE id = 1",
        ):
            row.runs += 1
            try:
                pg_run(name, sql, fetch=False)
                row.lost += 1
                notes.append(f"{sql.split()[0]}: allowed")
            except psycopg.Error as exc:
                notes.append(f"{sql.split()[0]}: {str(exc).splitlines()[0]}")
        row.lost += pg_one(name, "SELECT count(*) FROM audit_entry") != before
        rc, said = _verify(work, url)  # type: ignore[arg-type]
        row.failed += rc != 0
        row.note = "; ".join(notes) + f"; audit verify exit {rc}"
    finally:
        _pg_drop(name)
    return row


MODES_SCRIPT = r"""
import json, os, stat, sys
from pathlib import Path
from zhixing_tui.services import audit
from zhixing_tui.services.desk import Desk
db = Path(sys.argv[1])
desk = Desk.open(str(db), operator="写入员")
with desk.transaction() as s:
    audit.record(s, operator="写入员", action="probe", entity="desk_setting", summary="权限检查")
with desk.session() as s:  # the WAL and its index exist while a connection is open
    s.connection().exec_driver_sql("SELECT 1")
    print(json.dumps({p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in db.parent.glob(db.name + "*")}))
desk.engine.dispose()
"""


def file_modes(work: Work) -> Row:
    row = Row("file modes under umask 022", "db, -wal, -shm, backups 0600; exports 0640")
    seen: dict[str, str] = {}
    fresh = work.folder("modes-demo")
    run = work.cli("demo", "--db", "court.db", "--cases", "5", "--no-tui", cwd=fresh)
    row.saw(run)
    seen["court.db (demo)"] = oct(stat.S_IMODE((fresh / "court.db").stat().st_mode))
    run = work.cli("demo", "--db", "court.db", "--cases", "5", "--no-tui", "--force", cwd=fresh)
    row.saw(run)
    for kept in (fresh / "backups").glob("*before-demo*"):
        seen["backup (demo --force)"] = oct(stat.S_IMODE(kept.stat().st_mode))
    p = subprocess.run([PYTHON, "-c", MODES_SCRIPT, str(fresh / "court.db")], capture_output=True, text=True)
    for name, mode in json.loads(p.stdout or "{}").items():
        seen[f"{name} (open)"] = mode
    backup = fresh / "b.db"
    run = work.cli("db", "backup", "--db", str(fresh / "court.db"), "--out", str(backup))
    row.saw(run)
    seen["db backup"] = oct(stat.S_IMODE(backup.stat().st_mode)) if backup.exists() else "missing"
    out = fresh / "m.xlsx"
    run = work.cli("export", "monthly", "2026-10", "--db", str(fresh / "court.db"), "--out", str(out))
    row.saw(run)
    seen["export"] = oct(stat.S_IMODE(out.stat().st_mode)) if out.exists() else "missing"
    src = cases_csv(fresh / "c.csv", 2, year=2023)
    with src.open("a", encoding="utf-8") as f:
        f.write("（2023）豫0326执900号,2023-02-30,甲,乙,100\n")
    rejects = fresh / "r.xlsx"
    run = work.cli(
        "import", "cases", str(src), "--db", str(fresh / "court.db"), "--skip-invalid", "--rejects", str(rejects),
        "--operator", staff(fresh / "court.db", "window_clerk"),
    )  # fmt: skip
    row.saw(run)
    seen["rejects workbook"] = oct(stat.S_IMODE(rejects.stat().st_mode)) if rejects.exists() else "missing"
    want = {"export": "0o640", "rejects workbook": "0o640"}
    for what, mode in seen.items():
        row.runs += 1
        row.failed += mode != want.get(what, "0o600")
    row.failed += not any(k.endswith("-wal (open)") for k in seen) or not any(
        k.endswith("-shm (open)") for k in seen
    )
    row.note = ", ".join(f"{k} {v}" for k, v in seen.items())
    return row


def contention(work: Work, rows: int = 3000) -> Row:
    from tests.tui.test_contention import REPORTER, WRITER

    row = Row("3 processes on one file", "0 tracebacks, 0 'database is locked', 0 lost writes")
    db = work.copy("contention")
    stop = db.parent / "stop"
    source = cases_csv(db.parent / "c.csv", rows, year=2024)
    before = int(one(db, "SELECT count(*) FROM enforcement_case"))
    run = dict(env=work.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    procs = {
        "writer": subprocess.Popen([PYTHON, "-c", WRITER, str(db), str(stop)], **run),
        "report": subprocess.Popen([PYTHON, "-c", REPORTER, str(db), str(stop), ZHIXING], **run),
        "import": subprocess.Popen(
            [
                ZHIXING,
                "import",
                "cases",
                str(source),
                "--db",
                str(db),
                "--operator",
                staff(db, "window_clerk"),
            ],
            **run,
        ),
    }
    try:
        procs["import"].wait(timeout=600)
    finally:
        stop.touch()
        out = {name: p.communicate(timeout=600) for name, p in procs.items()}
    row.runs = 3
    for stdout, stderr in out.values():
        row.tracebacks += stdout.count("Traceback") + stderr.count("Traceback")
    writer = json.loads(out["writer"][0] or '{"ok": 0, "failed": ["no output"]}')
    report = json.loads(out["report"][0] or '{"runs": 0, "failed": ["no output"]}')
    failures = (
        writer["failed"] + report["failed"] + ([out["import"][1]] if procs["import"].returncode else [])
    )
    row.locks = sum("locked" in f or "数据库正忙" in f for f in failures)
    row.failed += len(failures) - row.locks
    written = int(one(db, "SELECT count(*) FROM audit_entry WHERE action = 'probe'"))
    row.lost += (written != writer["ok"]) + (
        one(db, "SELECT count(*) FROM enforcement_case") != before + rows
    )
    row.note = (
        f"writer {writer['ok']} writes ({written} in the file), {report['runs']} reports, "
        f"import exit {procs['import'].returncode}; failures: {failures[:3]}"
    )
    return row


def _hostile_files(folder: Path) -> dict[str, str]:
    deep = folder / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    big = folder / "big.json"
    big.write_text(json.dumps({"x": "a" * (1024 * 1024)}), encoding="utf-8")
    (folder / "folder").mkdir()
    (folder / "notes.db").write_text("hello\n", encoding="utf-8")
    huge = folder / "huge.csv"
    huge.write_text(f'{CSV_HEAD}\n（2026）豫0326执1号,2026-03-05,张三,李四,100\n"{"x" * 1_000_000}",1\n')
    long_no = folder / "longno.csv"
    long_no.write_text(f"{CSV_HEAD}\n（2026）豫0326执恢99999999999999999999号,2026-03-05,张三,李四,100\n")
    nul = folder / "nul.csv"
    nul.write_text(f"{CSV_HEAD}\n（2026）豫0326执99971号,2026-03-05,张\x00三,李四,100\n")
    return {
        "deep": str(deep), "big": str(big), "folder": str(folder / "folder"), "notdb": str(folder / "notes.db"),
        "long": str(folder / ("名" * 100 + ".xlsx")), "huge": str(huge), "longno": str(long_no), "nul": str(nul),
    }  # fmt: skip


def hostile(work: Work) -> list[Row]:
    from tests.cli.test_hostile_input import CASES

    db = work.copy("hostile")
    files = _hostile_files(db.parent)
    case_no = str(one(db, "SELECT case_no FROM enforcement_case ORDER BY id LIMIT 1"))
    values = {**files, "db": str(db), "case_no": case_no}
    clerk = ["--operator", staff(db, "window_clerk")]
    listed = Row("hostile input (the issue's list)", "exit 2, 错误： (the exact message), no traceback")
    for args, message in CASES:
        run = work.cli(*[a.format(**values) for a in args], env={"ZHIXING_OPERATOR": "测试员"})
        listed.runs += 1
        listed.saw(run)
        if not run.chinese_error(2) or run.err.splitlines()[0] != message.format(**values):
            listed.failed += 1
            listed.note += f"[{' '.join(args[:3])}: exit {run.rc} {run.err.strip()[:120]}] "
    more = Row("hostile input (more)", "exit 2, 错误：; bad rows exit 1 and nothing written; no traceback")
    before = one(db, "SELECT count(*) FROM enforcement_case")
    exits2 = [
        ["calendar", "load", "/dev/urandom", "--db", str(db)],
        ["import", "cases", files["huge"], "--db", str(db), "--dry-run", *clerk],
        ["import", "cases", "/dev/zero", "--db", str(db), *clerk],
        ["import", "cases", files["folder"], "--db", str(db), *clerk],
        ["money", "arrive", "1", "甲", "--db", files["notdb"], *clerk],
        ["money", "arrive", "1", "甲", "--db", str(db), "--operator", "名" * 300],
        ["print", "nodes", case_no, "--db", str(db), "--out", files["long"].replace(".xlsx", ".docx")],
    ]
    bad_rows = [
        ["import", "cases", files["longno"], "--db", str(db), "--dry-run", *clerk],
        ["import", "cases", files["longno"], "--db", str(db), *clerk],
        ["import", "cases", files["nul"], "--db", str(db), *clerk],
    ]
    for args, code in [(a, 2) for a in exits2] + [(a, 1) for a in bad_rows]:
        run = work.cli(*args)
        more.runs += 1
        more.saw(run)
        good = (
            run.chinese_error(2)
            if code == 2
            else (run.rc == 1 and "无效 1 行" in run.out and not run.traceback)
        )
        if not good:
            more.failed += 1
            more.note += f"[{' '.join(args[:3])}: exit {run.rc} {run.err.strip()[:120]}] "
    more.lost += one(db, "SELECT count(*) FROM enforcement_case") != before
    more.lost += Path(files["notdb"]).read_text(encoding="utf-8") != "hello\n"
    more.note = more.note or "no search command in the CLI (the app's search: tests/services/test_search.py)"
    return [listed, more, hostile_pg(work, files)]


def hostile_pg(work: Work, files: dict[str, str]) -> Row:
    row = Row(
        "hostile input on PostgreSQL",
        "NUL cell a bad row (exit 1); 41-char operator exit 2 (also for demo, nothing left)",
    )
    name = f"zxprobe_{os.getpid()}_hostile"
    url = _pg_demo(work, name)
    if url is None:
        row.failed, row.note = 1, "PostgreSQL does not answer"
        return row
    try:
        clerk = str(
            pg_one(name, "SELECT name FROM staff WHERE role = 'window_clerk' AND active ORDER BY id LIMIT 1")
        )
        before = pg_one(name, "SELECT count(*) FROM enforcement_case")
        nul = work.cli("import", "cases", files["nul"], "--db", url, "--operator", clerk)
        longer = work.cli("money", "arrive", "1", "甲", "--db", url, "--operator", "甲" * 41)
        empty = f"{name}_empty"
        with pg_admin() as admin:
            admin.execute(f'CREATE DATABASE "{empty}"')
        try:  # the demo's operator is not checked against a roster: the length is
            demo = work.cli(
                "demo", "--db", pg_url(empty), "--cases", "5", "--no-tui", "--operator", "甲" * 41
            )
            left = pg_one(empty, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        finally:
            _pg_drop(empty)
        row.lost += left != 0
        checks = (
            (nul, nul.rc == 1 and "空字符" in nul.out),
            (longer, longer.chinese_error(2)),
            (demo, demo.chinese_error(2)),
        )
        for run, good in checks:
            row.runs += 1
            row.saw(run)
            row.failed += not good
        row.lost += pg_one(name, "SELECT count(*) FROM enforcement_case") != before
        row.note = (
            f"NUL: exit {nul.rc}; operator of 41: exit {longer.rc}; demo by an operator of 41: exit {demo.rc} "
            f"{demo.err.strip()[:60]}, {left} tables left"
        )
    finally:
        _pg_drop(name)
    return row


PROBES = {
    "demo-force": demo_force,
    "tiny-db": tiny_db,
    "rejects-proc": rejects_proc,
    "identity": identity,
    "audit-sqlite": audit_sqlite,
    "audit-pg": audit_pg,
    "modes": file_modes,
    "contention": contention,
    "hostile": hostile,
}
