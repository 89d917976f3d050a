"""The rows of the bench table (issue 17), each a zhixing figure paired with its floor.

A row knows how to take one zhixing sample and one floor sample (each in a child process, see
``bench.measure``), how to check that the two produced the same rows, and its goal: a ratio to
the floor or a plain limit in seconds (and a memory limit where the issue sets one).
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.dataset import (
    AS_OF,
    OPERATOR,
    copy_db,
    demo_args,
    empty_db,
    import_inputs,
    password_file,
    remove_db,
)
from bench.dbapi import is_server
from bench.measure import PYTHON, ZHIXING, Sample, run_child

#: the page cache zhixing's import and demo set while they write (services/imports/cases.py
#: WRITE_CACHE_KIB, demo/build.py CACHE_KIB; the demo also writes with synchronous=OFF): the
#: replay floors write with the same, so they are not a weaker writer than zhixing
IMPORT_CACHE_KIB = 65_536
DEMO_CACHE_KIB = 131_072


@dataclass
class Row:
    key: str
    title: str
    zhixing: Callable[[int], Sample]
    floor: Callable[[int], Sample] | None = None
    floor_title: str = ""
    same: Callable[[Sample, Sample], bool] | None = None
    max_ratio: float | None = None
    max_seconds: float | None = None
    max_rss_mb: float | None = None
    again: bool = False  # the child also reports a second open ("again")
    notes: list[str] = field(default_factory=list)


@dataclass
class Context:
    db: Path | str  # a SQLite file, or a PostgreSQL URL (``bench.dbapi.is_server``)
    cases: int
    import_rows: int
    work: Path
    cache: Path
    detail_case_no: str = ""

    @property
    def server(self) -> bool:
        return is_server(self.db)

    @property
    def driver(self) -> str:
        return "psycopg" if self.server else "sqlite3"


#: the rows left out on PostgreSQL, and why (printed by ``--list``, kept in the results file)
PG_NOT_MEASURED: dict[str, str] = {}


def same_import_count(a: Sample, b: Sample) -> bool:
    """The dry run's count of valid rows (zhixing's --json) equals the rows the floor read."""
    report = json.loads(a.stdout)
    read = int(b.stdout.decode().split()[1]) - 1  # less the header row
    return report.get("valid", report.get("rows")) == read


def _py(*args: str) -> list[str]:
    return [PYTHON, "-m", *args]


def _table_counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    names = [
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    out = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    con.close()
    return out


def _sheet_rows(path: Path) -> list[list]:
    """The first sheet's rows from its header row (the one starting 组/团队) on."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    start = next(i for i, r in enumerate(rows) if r and r[0] == "组/团队")
    return [list(r) for r in rows[start:]]


def report_rows(ctx: Context) -> list[Row]:
    db, sql = str(ctx.db), str(ctx.work / "overdue-sql.json")
    base = [ZHIXING, "report", "overdue", "--as-of", AS_OF, "--db", db]
    floor = [*_py("bench.floors.overdue"), "--db", db, "--sql", sql, "--as-of", AS_OF]
    z_xlsx, f_xlsx = ctx.work / "overdue-zhixing.xlsx", ctx.work / "overdue-floor.xlsx"

    def z(form: str):
        def run(_i: int) -> Sample:
            if form == "xlsx":
                return run_child([*base, "--xlsx", str(z_xlsx)])
            out = ctx.work / f"overdue-zhixing.{form}"
            return run_child([*base, "--json"] if form == "json" else base, stdout_file=out)

        return run

    def f(form: str):
        def run(_i: int) -> Sample:
            if form == "xlsx":
                return run_child([*floor, "--form", "xlsx", "--out", str(f_xlsx)])
            return run_child([*floor, "--form", form], stdout_file=ctx.work / f"overdue-floor.{form}")

        return run

    def same_bytes(a: Sample, b: Sample) -> bool:
        return a.stdout == b.stdout

    def same_sheet(_a: Sample, _b: Sample) -> bool:
        return _sheet_rows(z_xlsx) == _sheet_rows(f_xlsx)

    floor_title = f"one pass of the same SQL in {ctx.driver}"
    return [
        Row("report_json", "report overdue --json", z("json"), f("json"), floor_title, same_bytes, 2.0),
        Row("report_text", "report overdue (plain)", z("text"), f("text"), floor_title, same_bytes, 2.0),
        Row(
            "report_xlsx",
            "report overdue --xlsx",
            z("xlsx"),
            f("xlsx"),
            "same rows, openpyxl write-only",
            same_sheet,
            1.5,
        ),  # fmt: skip
    ]


def monthly_row(ctx: Context) -> Row:
    out = ctx.work / "monthly.xlsx"
    args = [ZHIXING, "export", "monthly", "2026-10", "--out", str(out), "--db", str(ctx.db)]
    return Row("monthly", "export monthly 2026-10", lambda _i: run_child(args), max_seconds=1.0)


def _once(make: Callable[[], object]) -> Callable[[], object]:
    """``make()`` on first use only (a row's inputs are built when the row runs, not before)."""
    kept: list[object] = []

    def get() -> object:
        if not kept:
            kept.append(make())
        return kept[0]

    return get


def import_rows(ctx: Context) -> list[Row]:
    inputs = _once(lambda: import_inputs(ctx.import_rows, ctx.cache))
    z_db, f_db, source = (
        ctx.work / "import-zhixing.db",
        ctx.work / "import-floor.db",
        ctx.work / "import-done.db",
    )
    n = ctx.import_rows

    def login() -> list[str]:
        """The import and its dry run log the template's administrator in, as a clerk's do."""
        return ["--operator", OPERATOR, "--password-file", str(password_file(ctx.cache))]

    def z_import(i: int) -> Sample:
        book, template = inputs()
        copy_db(template, z_db)
        sample = run_child([ZHIXING, "import", "cases", str(book), "--db", str(z_db), *login()])
        if i == 0 or not source.exists():
            copy_db(z_db, source)  # what the floor writes: the rows zhixing wrote in this run
        return sample

    def f_import(_i: int) -> Sample:
        book, template = inputs()
        if not source.exists():
            z_import(0)
        copy_db(template, f_db)
        args = [
            "--source",
            str(source),
            "--into",
            str(f_db),
            "--template",
            str(template),
            "--read",
            str(book),
            "--cache-kib",
            str(IMPORT_CACHE_KIB),
        ]
        return run_child([*_py("bench.floors.replay"), *args])

    def z_dry(_i: int) -> Sample:
        book, template = inputs()
        copy_db(template, z_db)
        return run_child(
            [ZHIXING, "import", "cases", str(book), "--dry-run", "--json", "--db", str(z_db), *login()]
        )

    def f_dry(_i: int) -> Sample:
        book, template = inputs()
        args = ["--source", str(template), "--into", str(f_db), "--read", str(book), "--no-write"]
        return run_child([*_py("bench.floors.replay"), *args])

    def same_tables(_a: Sample, _b: Sample) -> bool:
        return _table_counts(z_db) == _table_counts(f_db)

    return [
        Row(
            "import", f"import cases {n:,} rows, fresh DB", z_import, f_import,
            "calamine read + executemany of the same rows", same_tables, 3.0, max_rss_mb=400,
        ),
        Row(
            "import_dry", f"import cases --dry-run {n:,} rows", z_dry, f_dry,
            "calamine reading the file", same_import_count, 3.0, max_rss_mb=400,
        ),
    ]  # fmt: skip


def app_rows(ctx: Context) -> list[Row]:
    db = str(ctx.db)
    common = ["--db", db, "--as-of", AS_OF]
    switch = _py("bench.floors.textual_min", "switch")

    def screen(key: str, title: str, limit: float = 0.3) -> Row:
        args = [*_py("bench.screens", "screen", "--key", key), *common]
        return Row(
            f"screen_{key}", f"{key.upper()} {title}, key → data (first open)",
            lambda _i: run_child(args), lambda _i: run_child(switch),
            "a minimal Textual screen switch", max_seconds=limit, again=True,
        )  # fmt: skip

    def detail(_i: int) -> Sample:
        return run_child([*_py("bench.screens", "detail", "--case-no", ctx.detail_case_no), *common])

    search_args = [*_py("bench.screens", "search", "--query", "李斌"), *common]
    floor_search = [*_py("bench.floors.search"), "--db", db, "--sql", str(ctx.work / "search-sql.json")]

    def same_cases(a: Sample, b: Sample) -> bool:
        return a.extra.get("ids") == b.extra.get("ids") and a.extra.get("total") == b.extra.get("total")

    return [
        Row(
            "cold_start", "app cold start to home figures",
            lambda _i: run_child([*_py("bench.screens", "cold"), *common]),
            lambda _i: run_child(_py("bench.floors.textual_min", "cold")),
            "a minimal Textual app", max_ratio=3.0,
        ),
        screen("f2", "初次接待"),
        screen("f3", "查控"),
        screen("f4", "繁简分流"),
        screen("f5", "看板", 0.5),
        screen("f6", "超期预警"),
        screen("f7", "审批"),
        screen("f8", "统计"),
        Row(
            "case_detail", "case detail (Enter on a search result)",
            detail, lambda _i: run_child(switch),
            "a minimal Textual screen switch", max_seconds=0.3, again=True,
        ),
        Row(
            "search", "search 李斌, last key → results", lambda _i: run_child(search_args),
            lambda _i: run_child(floor_search), f"the same page queries in {ctx.driver} (no app)", same_cases,
            max_seconds=0.15, again=True,
        ),
    ]  # fmt: skip


def demo_row(ctx: Context) -> Row:
    z_db, f_db = ctx.work / "demo-zhixing.db", ctx.work / "demo-floor.db"
    empty_once = _once(lambda: empty_db(ctx.cache))

    def z(_i: int) -> Sample:
        remove_db(z_db)  # the demo starts from no file at all
        return run_child(demo_args(ctx.cases, z_db))

    def f(_i: int) -> Sample:
        empty = empty_once()
        copy_db(empty, f_db)
        args = ["--source", str(ctx.db), "--into", str(f_db), "--template", str(empty)]
        args += ["--cache-kib", str(DEMO_CACHE_KIB), "--synchronous", "OFF"]
        return run_child([*_py("bench.floors.replay"), *args])

    def same_tables(_a: Sample, _b: Sample) -> bool:
        return _table_counts(z_db) == _table_counts(f_db)

    return Row(
        "demo", f"demo --cases {ctx.cases:,}", z, f, "executemany of the same rows", same_tables,
        1.5, max_rss_mb=600,
    )  # fmt: skip


def all_rows(ctx: Context) -> list[Row]:
    if ctx.server:
        from bench.pgrows import pg_demo_row, pg_import_rows

        return [*report_rows(ctx), monthly_row(ctx), *pg_import_rows(ctx), *app_rows(ctx), pg_demo_row(ctx)]
    return [
        *report_rows(ctx),
        monthly_row(ctx),
        *import_rows(ctx),
        *app_rows(ctx),
        demo_row(ctx),
    ]


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="zhixing-bench-"))
