"""The import rows on PostgreSQL: ``zhixing import cases`` (and its dry run) into a fresh database.

The template is a database initialised once per bench run (``zhixing init --profile ruyang``, the
administrator ``bench``), beside the bench's own (``NAME_imp_tpl``). Before every sample — outside
the timing — the database the import writes into is made fresh with ``CREATE DATABASE …
TEMPLATE NAME_imp_tpl``. The import's floor (``bench.floors.replay_pg``) writes, with psycopg's
``executemany``, the rows zhixing's first import wrote (kept as ``NAME_imp_done``) into another
fresh copy; row counts of every table compared. The dry run's floor reads the file with
python-calamine, as on SQLite.

The demo row: ``zhixing demo --cases N`` into a new empty database (``NAME_demo_z``); its floor
inserts every row of the bench's own demo database (the same demo) into a fresh copy of an empty
database at the head revision (``NAME_demo_empty``, built by ``bench.dataset prepare``). Every scratch database carries the bench's marker and is dropped
at the end (:func:`drop_scratch`).
"""

from __future__ import annotations

import subprocess

from bench import pgdata
from bench.dataset import OPERATOR, PROFILE, demo_args, password_file
from bench.measure import PYTHON, ROOT, ZHIXING, Sample, run_child
from bench.rows import Context, Row, _once, same_import_count

SUFFIXES = ("imp_tpl", "imp_z", "imp_f", "imp_done", "demo_z", "demo_f", "demo_empty")


def _inputs(ctx: Context) -> tuple[object, str]:
    from bench.workbook import make_workbook

    ctx.cache.mkdir(parents=True, exist_ok=True)
    book = ctx.cache / f"import-{ctx.import_rows}.xlsx"
    if not book.exists():
        make_workbook(book, ctx.import_rows)
    tpl = pgdata.fresh(pgdata.scratch_url(str(ctx.db), "imp_tpl"))
    init = [ZHIXING, "init", "--profile", PROFILE, "--db", tpl, "--operator", OPERATOR]
    init += ["--password-file", str(password_file(ctx.cache))]
    subprocess.run(init, check=True, cwd=ROOT, capture_output=True)
    return book, tpl


def pg_import_rows(ctx: Context) -> list[Row]:
    inputs = _once(lambda: _inputs(ctx))
    url = str(ctx.db)
    z_db, f_db, done = (pgdata.scratch_url(url, s) for s in ("imp_z", "imp_f", "imp_done"))
    n = ctx.import_rows
    kept: list[bool] = []

    def login() -> list[str]:
        return ["--operator", OPERATOR, "--password-file", str(password_file(ctx.cache))]

    def name(db: str) -> str:
        return pgdata.split(db)[1]

    def z_import(_i: int) -> Sample:
        book, tpl = inputs()
        pgdata.fresh(z_db, template=name(tpl))
        sample = run_child([ZHIXING, "import", "cases", str(book), "--db", z_db, *login()])
        if not kept:  # what the floor writes: the rows zhixing wrote in its first run
            pgdata.fresh(done, template=name(z_db))
            kept.append(True)
        return sample

    def f_import(_i: int) -> Sample:
        book, tpl = inputs()
        if not kept:
            z_import(0)
        pgdata.fresh(f_db, template=name(tpl))
        args = ["--source", done, "--into", f_db, "--template", tpl, "--read", str(book)]
        return run_child([PYTHON, "-m", "bench.floors.replay_pg", *args])

    def z_dry(_i: int) -> Sample:
        book, tpl = inputs()
        pgdata.fresh(z_db, template=name(tpl))
        args = [ZHIXING, "import", "cases", str(book), "--dry-run", "--json", "--db", z_db, *login()]
        return run_child(args)

    def f_dry(_i: int) -> Sample:
        book, tpl = inputs()
        args = ["--source", tpl, "--into", f_db, "--template", tpl, "--read", str(book), "--no-write"]
        return run_child([PYTHON, "-m", "bench.floors.replay_pg", *args])

    def same_tables(_a: Sample, _b: Sample) -> bool:
        return pgdata.table_counts(z_db) == pgdata.table_counts(f_db)

    return [
        Row(
            "import", f"import cases {n:,} rows, fresh DB", z_import, f_import,
            "calamine read + psycopg executemany of the same rows", same_tables, 3.0, max_rss_mb=400,
        ),
        Row(
            "import_dry", f"import cases --dry-run {n:,} rows", z_dry, f_dry,
            "calamine reading the file", same_import_count, 3.0, max_rss_mb=400,
        ),
    ]  # fmt: skip


def pg_demo_row(ctx: Context) -> Row:
    url = str(ctx.db)
    z_db, f_db, empty = (pgdata.scratch_url(url, s) for s in ("demo_z", "demo_f", "demo_empty"))

    def make_empty() -> str:
        pgdata.fresh(empty)
        subprocess.run([PYTHON, "-m", "bench.dataset", "prepare", "--db", empty], check=True, cwd=ROOT)
        return empty

    empty_once = _once(make_empty)

    def z(_i: int) -> Sample:
        pgdata.fresh(z_db)  # the demo starts from an empty database
        return run_child(demo_args(ctx.cases, z_db))

    def f(_i: int) -> Sample:
        tpl = str(empty_once())
        pgdata.fresh(f_db, template=pgdata.split(tpl)[1])
        args = ["--source", url, "--into", f_db, "--template", tpl]
        return run_child([PYTHON, "-m", "bench.floors.replay_pg", *args])

    def same_tables(_a: Sample, _b: Sample) -> bool:
        return pgdata.table_counts(z_db) == pgdata.table_counts(f_db)

    return Row(
        "demo", f"demo --cases {ctx.cases:,}", z, f, "psycopg executemany of the same rows", same_tables,
        1.5, max_rss_mb=600,
    )  # fmt: skip


def drop_scratch(url: str) -> None:
    """Drop the import's scratch databases beside ``url`` (each only if it carries the bench's marker)."""
    for suffix in SUFFIXES:
        pgdata.drop_ours(pgdata.scratch_url(url, suffix))
