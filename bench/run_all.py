"""``make bench``: every figure of issue 17 at county scale, each paired with its floor in the same run.

Run: ``.venv/bin/python -m bench.run_all [--cases 100000] [--runs 5] [--only report_json,search]``
(``make bench BENCH_ARGS="--cases 20000"``). Builds (under ``nice``) or reuses the cached demo
database in ``bench/.cache/``, then for every row takes ``--runs`` samples of zhixing and of its
floor, alternating which goes first, each in its own child process (wall time or the child's
own key→data figure, and the child's peak RSS); checks after the first pair that zhixing and
the floor produced the same rows; prints the table (median, min–max, ratio, goal), writes
``bench/results.json`` and puts the table into ``docs/benchmarks.md``. Nothing is asserted:
a ratio over its goal is printed as such (and the exit status is 0 unless a row failed to run
or produced other rows than its floor).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.dataset import AS_OF, CACHE, demo_db
from bench.dbapi import Plain, is_server
from bench.measure import PYTHON, ROOT, ChildFailed, Sample, Stats, warm_file
from bench.rows import PG_NOT_MEASURED, Context, Row, all_rows, scratch

RESULTS = ROOT / "bench" / "results.json"
RESULTS_PG = ROOT / "bench" / "results-pg.json"
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- bench:table -->", "<!-- /bench:table -->"
BEGIN_PG, END_PG = "<!-- bench:table-pg -->", "<!-- /bench:table-pg -->"


def _detail_case(db: Path | str) -> str:
    """The open case with the most deadline nodes: the heaviest case detail to open."""
    con = Plain(db)
    row = con.execute(
        "SELECT c.case_no FROM enforcement_case c JOIN deadline_node n ON n.case_id = c.id "
        "WHERE c.status = 'open' GROUP BY c.id, c.case_no ORDER BY count(*) DESC, c.id LIMIT 1"
    ).fetchone()
    con.close()
    return row[0]


def _capture(what: str, db: Path | str, work: Path) -> Path:
    out = work / f"{what}-sql.json"
    subprocess.run(
        [PYTHON, "-m", "bench.capture", what, "--db", str(db), "--as-of", AS_OF, "--out", str(out)],
        check=True,
        cwd=ROOT,
    )
    return out


def measure(row: Row, runs: int, log) -> dict:
    z_samples, f_samples, same = [], [], None
    for i in range(runs):
        order = (row.zhixing, row.floor) if i % 2 == 0 else (row.floor, row.zhixing)
        got = {}
        for fn in order:
            if fn is None:
                continue
            got[fn is row.zhixing] = fn(i)
        z_samples.append(got[True])
        if row.floor is not None:
            f_samples.append(got[False])
            if i == 0 and row.same is not None:
                same = bool(row.same(got[True], got[False]))
        log(f"    run {i + 1}/{runs}: zhixing {got[True].seconds:.3f} s" + (
            f", floor {got[False].seconds:.3f} s" if row.floor is not None else ""))  # fmt: skip
    z = Stats.of(z_samples)
    result: dict = {"key": row.key, "title": row.title, "zhixing": z.as_dict(), "same_rows": same}
    if row.again:
        again = [s.extra.get("again") for s in z_samples if s.extra.get("again") is not None]
        if again:
            result["zhixing"]["again_median_s"] = round(sorted(again)[len(again) // 2], 4)
    _median_extra(result["zhixing"], z_samples, "counted")  # the search: until 共 N 件 shows too
    if f_samples:
        f = Stats.of(f_samples)
        result["floor"] = {"title": row.floor_title, **f.as_dict()}
        _median_extra(result["floor"], f_samples, "counted")
        result["ratio"] = round(z.median / f.median, 2) if f.median else None
    goals, within = [], True
    if row.max_ratio is not None:
        goals.append(f"≤ {row.max_ratio:g}× floor")
        within &= result.get("ratio") is not None and result["ratio"] <= row.max_ratio
    if row.max_seconds is not None:
        goals.append(
            f"≤ {row.max_seconds * 1000:.0f} ms" if row.max_seconds < 1 else f"≤ {row.max_seconds:g} s"
        )
        within &= z.median <= row.max_seconds
    if row.max_rss_mb is not None:
        goals.append(f"≤ {row.max_rss_mb:.0f} MB")
        within &= z.rss_mb <= row.max_rss_mb
    result["goal"] = ", ".join(goals)
    result["within_goal"] = bool(within) if goals else None
    return result


def _median_extra(into: dict, samples: list[Sample], name: str) -> None:
    """``{name}_median_s``: the median of a second figure the children reported, if they did."""
    got = sorted(s.extra[name] for s in samples if s.extra.get(name) is not None)
    if got:
        into[f"{name}_median_s"] = round(got[len(got) // 2], 4)


def _secs(stats: dict | None) -> str:
    if not stats:
        return "—"
    med, lo, hi = stats["median_s"], stats["min_s"], stats["max_s"]
    if hi < 10:
        return f"{med * 1000:,.0f} ms ({lo * 1000:,.0f}–{hi * 1000:,.0f})"
    return f"{med:.1f} s ({lo:.1f}–{hi:.1f})"


def table(results: list[dict]) -> str:
    lines = [
        "| measure | zhixing median (min–max) | again | floor median (min–max) | floor | ratio | goal | "
        "peak RSS | same rows | within goal |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['title']} | failed: {r['error'][:80]} | | | | | | | | no |")
            continue
        z, f = r["zhixing"], r.get("floor")
        again = z.get("again_median_s")
        lines.append(
            "| "
            + " | ".join(
                [
                    r["title"],
                    _secs(z),
                    f"{again * 1000:,.0f} ms" if again is not None else "",
                    _secs(f),
                    f["title"] if f else "—",
                    f"{r['ratio']:.2f}×" if r.get("ratio") is not None else "—",
                    r["goal"] or "—",
                    f"{z['peak_rss_mb']:.0f} MB",
                    {True: "yes", False: "**NO**", None: "—"}[r["same_rows"]],
                    {True: "yes", False: "**no**", None: "—"}[r["within_goal"]],
                ]
            )
            + " |"
        )
    return "\n".join(lines)


def write_docs(docs: Path, text: str, *, marks: tuple[str, str] = (BEGIN, END)) -> None:
    begin, end = marks
    body = docs.read_text(encoding="utf-8")
    if begin not in body or end not in body:
        return
    head, rest = body.split(begin, 1)
    _old, tail = rest.split(end, 1)
    docs.write_text(f"{head}{begin}\n{text}\n{end}{tail}", encoding="utf-8")


def compile_sources(root: Path = ROOT) -> None:
    """Byte-compile zhixing's sources and the bench's once, before any figure, as pip does when it
    installs a package. The floors import Textual from site-packages, compiled at its install;
    zhixing runs from its source tree, and a shell with ``PYTHONDONTWRITEBYTECODE`` set (this
    machine's) would otherwise compile its ~400 modules again in every sample, about a second
    of every cold start and a good part of each screen's first open."""
    import compileall

    for folder in (root / "src", root / "bench"):
        compileall.compile_dir(folder, quiet=1, workers=1)


def machine(server: str | None = None) -> dict:
    load = os.getloadavg()
    out = {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in load],
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    if server:
        from bench.pgdata import server_version

        out["postgresql"] = server_version(server)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=100_000, help="demo cases of the cached database")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--demo-runs",
        type=int,
        help="samples of the demo row only (default: --runs); one 100,000-case demo and its floor "
        "take several minutes, so the end-of-session run takes fewer of them",
    )
    ap.add_argument("--import-rows", type=int, default=50_000)
    ap.add_argument("--only", default="", help="comma-separated row keys (see --list)")
    ap.add_argument("--skip", default="", help="comma-separated row keys to leave out")
    ap.add_argument("--list", action="store_true", help="list the row keys and exit")
    ap.add_argument("--out", type=Path, help="results file (bench/results.json; -pg.json on PostgreSQL)")
    ap.add_argument("--docs", type=Path, default=DOCS, help="markdown file whose table is replaced")
    ap.add_argument("--no-docs", action="store_true")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument(
        "--db",
        help="a SQLite file to measure as it is, or a PostgreSQL URL (postgresql+psycopg://…/NAME) "
        "whose database the bench builds the demo into (if missing or empty) and reuses",
    )
    args = ap.parse_args(argv)
    server = args.db if args.db and is_server(args.db) else None
    out_path = args.out or (RESULTS_PG if server else RESULTS)

    def log(text: str) -> None:
        print(text, flush=True)

    started = time.perf_counter()
    if not args.list:
        compile_sources()
    if server:
        from bench.pgdata import NotOurs, pg_demo_db

        try:
            db: Path | str = server if args.list else pg_demo_db(server, args.cases, log=log)
        except NotOurs as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 2
    else:
        db = Path(args.db) if args.db else demo_db(args.cases, args.cache, log=log)
    work = scratch()
    ctx = Context(db=db, cases=args.cases, import_rows=args.import_rows, work=work, cache=args.cache)
    rows = all_rows(ctx)
    if args.list:
        for row in rows:
            print(f"{row.key:14} {row.title}")
        if server:
            for key, why in PG_NOT_MEASURED.items():
                print(f"{key:14} not measured on PostgreSQL: {why}")
        return 0
    only = {k for k in args.only.split(",") if k}
    skip = {k for k in args.skip.split(",") if k}
    rows = [r for r in rows if (not only or r.key in only) and r.key not in skip]
    keys = {r.key for r in rows}
    if keys & {"report_json", "report_text", "report_xlsx"}:
        _capture("overdue", db, work)
    if "search" in keys:
        _capture("search", db, work)
    if "case_detail" in keys:
        ctx.detail_case_no = _detail_case(db)
    results = []
    for row in rows:
        log(f"== {row.title}")
        if not server:  # a file: its pages in the page cache before the samples (measure.warm_file)
            warm_file(db)
        try:
            runs = args.demo_runs if row.key == "demo" and args.demo_runs else args.runs
            results.append({**measure(row, runs, log), "runs": runs})
        except ChildFailed as exc:
            log(f"   failed: {exc}")
            results.append({"key": row.key, "title": row.title, "error": str(exc)})
    if server:
        from bench.pgrows import drop_scratch

        drop_scratch(server)
    text = table(results)
    print()
    print(text)
    doc = {
        "cases": args.cases,
        "database": str(db),
        "backend": "postgresql" if server else "sqlite",
        "runs": args.runs,
        "import_rows": args.import_rows,
        "machine": machine(server),
        "seconds": round(time.perf_counter() - started, 1),
        "rows": results,
    }
    if server:
        doc["not_measured"] = PG_NOT_MEASURED
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if not args.no_docs:
        where = f"PostgreSQL {doc['machine']['postgresql']}, " if server else ""
        demo_runs = next(
            (f" (demo: {r['runs']})" for r in results if r["key"] == "demo" and r.get("runs") != args.runs),
            "",
        )
        stamp = (
            f"{where}{args.cases:,} cases, {args.runs} runs each{demo_runs}, {doc['machine']['cpus']} CPUs, "
            f"load average at the end {doc['machine']['load_average']}"
        )
        marks = (BEGIN_PG, END_PG) if server else (BEGIN, END)
        write_docs(args.docs, f"_{stamp}_\n\n{text}", marks=marks)
    bad = [r["key"] for r in results if "error" in r or r.get("same_rows") is False]
    if bad:
        print("rows that failed or differ from their floor: " + ", ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
