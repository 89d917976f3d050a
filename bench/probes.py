"""``make probes``: issue 16's probes re-run in one go against this checkout's CLI.

Run: ``.venv/bin/python -m bench.probes [--only kill-import,hostile] [--big] [--markdown] [--docs]``.
Every probe runs ``.venv/bin/zhixing`` as separate processes (as clerks and cron would) in a
temporary folder, under umask 022, with a 300-case demo database as its base:

- kill -9 of ``import cases`` (10 kills) and of ``demo`` (5 kills) on SQLite, of ``demo`` on
  PostgreSQL (3 kills): never a half import or half demo, ``PRAGMA integrity_check`` ok;
- ``demo --force`` on a court's (non-demo) database; ``report overdue`` on a 0- and 1-byte file;
  ``--rejects /proc/r.xlsx``;
- identity (approval with a wrong or no password, ``import staff`` by a handler, an operator not
  on the roster), the audit chain tampered through the file (``audit verify``) and PostgreSQL's
  refusal of TRUNCATE/UPDATE/DELETE on ``audit_entry``; file modes;
- three processes on one file (a writer loop, ``report overdue`` in a loop, a 3,000-row import);
- the hostile inputs (``tests/cli/test_hostile_input.py``'s list and more) on both engines;
- ``--big``: a 1,000,000-row ``import cases --dry-run`` in bounded memory (optional: minutes).

Prints the table (probe, runs, data lost, tracebacks, lock failures, expected, pass/fail) and
exits 1 when any probe fails. ``docs/probes.md`` holds a run's table and what each probe does.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import probe_checks
from bench.probe_kit import ROOT, Row, Work, cases_csv, one, pg_admin, pg_one, pg_url, staff

DOCS = ROOT / "docs" / "probes.md"
BEGIN, END = "<!-- probes:table -->", "<!-- /probes:table -->"


def _kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL ``proc`` after ``seconds``; False when it had finished before."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def kill_import(work: Work, kills: int = 10, rows: int = 2000) -> Row:
    row = Row("kill -9 import cases (SQLite)", f"{kills} kills: integrity ok, 0 or all {rows} rows")
    source = cases_csv(work.root / "kill-import.csv", rows, year=2023)  # before every demo case
    clerk = staff(work.base, "window_clerk")
    before = int(one(work.base, "SELECT count(*) FROM enforcement_case"))
    db = work.copy("import-whole")  # a whole import first: how long it takes, and that it all lands
    started = time.monotonic()
    whole = work.cli("import", "cases", str(source), "--db", str(db), "--operator", clerk)
    took = time.monotonic() - started
    row.saw(whole)
    if whole.rc != 0 or one(db, "SELECT count(*) FROM enforcement_case") != before + rows:
        row.failed += 1
        row.note = f"the uninterrupted import failed: {whole.err.strip()[:200]}"
        return row
    rng = random.Random(16)
    landed = []
    for _ in range(kills):
        db = work.copy("import-kill")
        proc = work.popen("import", "cases", str(source), "--db", str(db), "--operator", clerk)
        _kill_after(proc, rng.uniform(0.2, took * 1.15))  # now and then after it finished
        row.runs += 1
        n = int(one(db, "SELECT count(*) FROM enforcement_case"))
        if one(db, "PRAGMA integrity_check") != "ok" or n not in (before, before + rows):
            row.lost += 1
        landed.append("all" if n == before + rows else "0" if n == before else f"{n - before}")
    row.note = f"whole import {took:.1f} s; after each kill: {', '.join(landed)}"
    return row


def kill_demo_sqlite(work: Work, kills: int = 5, cases: int = 1500) -> Row:
    row = Row("kill -9 demo (SQLite)", f"{kills} kills: old demo whole or new one whole, never partial")
    rng = random.Random(17)
    outcomes = []
    for k in range(kills):
        if k == 0:  # no file yet: afterwards none, or a whole demo
            db, old = work.folder("demo-kill") / "court.db", None
        else:  # a demo to replace: afterwards the old one whole, or the new one
            db = work.copy("demo-kill")
            old = int(one(db, "SELECT count(*) FROM enforcement_case"))
        proc = work.popen(
            "demo", "--db", "court.db", "--cases", str(cases), "--force", "--no-tui", cwd=db.parent
        )
        killed = _kill_after(proc, rng.uniform(0.5, 15))
        row.runs += 1
        if not db.exists():
            outcomes.append(("killed: " if killed else "finished: ") + "no file")
            row.lost += old is not None or not killed
            continue
        try:
            n = int(one(db, "SELECT count(*) FROM enforcement_case"))
            marker = one(db, "SELECT value FROM desk_setting WHERE key = 'demo_marker'")
            whole = (
                one(db, "PRAGMA integrity_check") == "ok" and marker == "zhixing demo" and n in (old, cases)
            )
        except Exception as exc:  # a file that is not a database at all is data lost too
            n, whole = f"{type(exc).__name__}", False
        if not whole:
            row.lost += 1
        outcomes.append(
            ("killed: " if killed else "finished: ")
            + ("old" if n == old else "new" if n == cases else str(n))
        )
    row.note = "; ".join(outcomes)
    return row


def kill_demo_pg(work: Work, kills: int = 3, cases: int = 2100) -> Row:
    row = Row("kill -9 demo (PostgreSQL)", f"{kills} kills: database empty or whole demo; next demo ok")
    admin = pg_admin()
    if admin is None:
        row.failed, row.note = 1, "PostgreSQL does not answer at ZHIXING_TEST_PG"
        return row
    rng = random.Random(18)
    outcomes = []
    name = f"zxprobe_{os.getpid()}_demo"
    try:
        for _ in range(kills):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
            proc = work.popen("demo", "--db", pg_url(name), "--cases", str(cases), "--no-tui")
            killed = _kill_after(proc, rng.uniform(2, 20))
            row.runs += 1
            time.sleep(0.5)  # the server notices the dead connection and rolls its transaction back
            tables = int(pg_one(name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
            n = int(pg_one(name, "SELECT count(*) FROM enforcement_case")) if tables else 0
            if tables and n != cases:
                row.lost += 1
            outcomes.append(
                ("killed: " if killed else "finished: ") + ("empty" if not tables else f"{n} cases")
            )
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        again = work.cli("demo", "--db", pg_url(name), "--cases", "20", "--no-tui")
        row.saw(again)
        if again.rc != 0:
            row.failed += 1
        outcomes.append(f"then a 20-case demo: exit {again.rc}")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    row.note = "; ".join(outcomes)
    return row


def big_dry_run(work: Work, rows: int = 1_000_000) -> Row:
    import resource

    row = Row("1M-row import --dry-run (--big)", "finishes, peak memory <= 500 MB, nothing written")
    source = cases_csv(work.root / "million.csv", rows, year=2024)
    db = work.copy("million")
    before = one(db, "SELECT count(*) FROM enforcement_case")
    started = time.monotonic()
    run = work.cli(
        "import", "cases", str(source), "--db", str(db), "--dry-run", "--operator", staff(db, "window_clerk"),
        timeout=1800,
    )  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row.runs = 1
    row.saw(run)
    row.failed += run.rc != 0 or peak > 500
    row.lost += one(db, "SELECT count(*) FROM enforcement_case") != before
    row.note = (
        f"exit {run.rc} in {time.monotonic() - started:.0f} s, peak RSS of the probes' children {peak:.0f} MB"
    )
    return row


PROBES: dict[str, Callable[[Work], Row | list[Row]]] = {
    "kill-import": kill_import,
    "kill-demo": kill_demo_sqlite,
    "kill-demo-pg": kill_demo_pg,
    **probe_checks.PROBES,
}


def table(rows: list[Row], markdown: bool = False) -> str:
    head = ["probe", "runs", "data lost", "tracebacks", "lock failures", "expected", "result"]
    body = [
        [
            r.probe,
            str(r.runs),
            str(r.lost),
            str(r.tracebacks),
            str(r.locks),
            r.expected,
            "PASS" if r.ok else "FAIL",
        ]
        for r in rows
    ]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(b) + " |" for b in body]
        return "\n".join(lines)
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) for line in [head, *body]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probes", description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated probe names: " + ", ".join(PROBES))
    parser.add_argument("--big", action="store_true", help="also the 1,000,000-row dry-run (minutes)")
    parser.add_argument("--markdown", action="store_true", help="the table as Markdown, with notes")
    parser.add_argument("--docs", action="store_true", help=f"put the table and notes into {DOCS.name}")
    args = parser.parse_args(argv)
    chosen = dict(PROBES)
    if args.big:
        chosen["big-dry-run"] = big_dry_run
    if args.only:
        wanted = args.only.split(",")
        unknown = [w for w in wanted if w not in chosen]
        if unknown:
            parser.error(f"unknown probe(s): {', '.join(unknown)}")
        chosen = {k: v for k, v in chosen.items() if k in wanted}
    os.umask(0o022)  # the default umask: files the desk creates must be private all the same
    rows: list[Row] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zhixing-probes-") as tmp:
        work = Work(Path(tmp))
        work.build_base()
        for name, probe in chosen.items():
            t = time.monotonic()
            try:
                got = probe(work)
            except Exception as exc:  # a probe that breaks is a failing probe, and the run goes on
                got = Row(
                    name, "the probe runs", failed=1, note=f"probe crashed: {type(exc).__name__}: {exc}"
                )
            for r in got if isinstance(got, list) else [got]:
                rows.append(r)
                print(
                    f"{'PASS' if r.ok else 'FAIL'}  {r.probe}  ({time.monotonic() - t:.0f} s)  {r.note}",
                    flush=True,
                )
    print()
    print(table(rows, args.markdown))
    print(f"\n{sum(r.ok for r in rows)} of {len(rows)} probes pass; {time.monotonic() - started:.0f} s")
    notes = "\n".join(f"- {r.probe}: {r.note}" for r in rows if r.note)
    if args.markdown:
        print("\nNotes:\n" + notes)
    if args.docs:
        took = time.monotonic() - started
        block = f"{table(rows, True)}\n\n{sum(r.ok for r in rows)} of {len(rows)} probes pass, {took:.0f} s.\n\n{notes}"
        text = DOCS.read_text(encoding="utf-8")
        head, rest = text.split(BEGIN, 1)
        DOCS.write_text(f"{head}{BEGIN}\n{block}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
