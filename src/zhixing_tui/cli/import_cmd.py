"""``zhixing import cases|payments|staff FILE``: thin wrappers over services.imports.

Exit status: 0 done (or, with --dry-run, would be done); 1 bad rows and nothing written
(without --skip-invalid); 2 the file itself cannot be used (missing, unreadable, no header,
a required column missing).
"""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from ..i18n import imports as imports_text
from .common import DbOpt, JsonOpt, OperatorOpt, echo, new_app, open_desk

app = new_app(imports_text.IMPORT_HELP)

FileArg = Annotated[Path, typer.Argument(help=imports_text.FILE_HELP, show_default=False)]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help=imports_text.DRY_RUN_HELP)]
SkipOpt = Annotated[bool, typer.Option("--skip-invalid", help=imports_text.SKIP_INVALID_HELP)]
ReaderOpt = Annotated[str, typer.Option("--reader", help=imports_text.READER_HELP)]
RejectsOpt = Annotated[
    Path | None, typer.Option("--rejects", help=imports_text.REJECTS_HELP, show_default=False)
]
MAX_LINES = 200
#: new objects between two young collections while an import runs (see _frozen)
IMPORT_GC_YOUNG = 50_000


def _run(kind: str, file: Path, db, operator, dry_run, skip_invalid, as_json, reader, rejects) -> None:
    from ..errors import InvalidValue
    from ..services.imports import read as reading

    if reader not in ("calamine", "openpyxl"):
        raise InvalidValue(imports_text.BAD_READER.format(reader=reader))
    if reader == "calamine":
        # the file is parsed in a thread while the rest loads and the operator logs in (the
        # console script has started it already: see entry._prefetch)
        reading.prefetch(file)
    try:
        _import(kind, file, db, operator, dry_run, skip_invalid, as_json, reader, rejects)
    finally:
        reading.discard(file)  # (when the import never read it: a refused login …)


def _import(kind: str, file: Path, db, operator, dry_run, skip_invalid, as_json, reader, rejects) -> None:
    from ..services.imports import run as importer

    desk = open_desk(db, operator)
    fn = {
        "cases": importer.import_cases,
        "payments": importer.import_payments,
        "staff": importer.import_staff,
    }[kind]
    show_bar = not as_json and sys.stdout.isatty() and sys.stderr.isatty()
    kw: dict[str, Any] = dict(dry_run=dry_run, skip_invalid=skip_invalid, reader=reader, rejects_path=rejects)
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
        ) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total or None)
                bar.update(tasks[stage], completed=done, total=total or None)

            with _frozen():
                report = fn(desk, file, progress=progress, **kw)
    else:
        with _frozen():
            report = fn(desk, file, **kw)
    if as_json:
        echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print(report)
    if not report.ok:
        raise typer.Exit(1)


@contextmanager
def _frozen() -> Iterator[None]:
    """Everything loaded before the import (the ORM, the profile, the desk) out of the garbage
    collector's sight while it runs: its full collections, a dozen in a county's file, then
    scan only what the rows make (−0.5 s CPU of a 50,000-row dry run's 6 s). Unfrozen after,
    so an in-process caller (the tests) collects as before.

    And a young collection every :data:`IMPORT_GC_YOUNG` new objects instead of 700: the rows
    make no cycles, but each young collection walks the chunk being checked (2,000 rows' records,
    which survive into the older generations), a thousand times in a county's file (−0.2 s of
    a 50,000-row dry run's 2.5 s, the same peak memory). The thresholds as they were after."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(IMPORT_GC_YOUNG, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def _print(report) -> None:
    echo(
        imports_text.SUMMARY.format(
            kind=report.kind, rows=report.rows, valid=report.valid, bad=len(report.bad_rows)
        )
    )
    if report.unknown_columns:
        echo(imports_text.IGNORED_COLUMNS.format(names="、".join(report.unknown_columns)))
    for issue in report.invalid[:MAX_LINES]:
        echo(imports_text.ISSUE_LINE.format(**issue.as_dict()))
    if len(report.invalid) > MAX_LINES:
        echo(imports_text.MORE_ISSUES.format(n=len(report.invalid) - MAX_LINES))
    if report.warnings:
        echo(imports_text.WARNING_HEAD)
        for issue in report.warnings[:MAX_LINES]:
            echo(imports_text.ISSUE_LINE.format(**issue.as_dict()))
        if len(report.warnings) > MAX_LINES:
            echo(imports_text.MORE_ISSUES.format(n=len(report.warnings) - MAX_LINES))
    counts = dict(inserted=report.inserted, updated=report.updated, unchanged=report.unchanged)
    if not report.ok:
        echo(imports_text.REFUSED)
    elif report.dry_run:
        echo(imports_text.DRY_DONE.format(**counts))
    else:
        echo(imports_text.DONE.format(**counts))
    if report.rejects_path:
        echo(imports_text.REJECTS_SAVED.format(path=report.rejects_path))


def _register(kind: str, help_text: str) -> None:
    """One subcommand per import kind; all take the same options."""

    @app.command(kind, help=help_text)
    def command(
        file: FileArg,
        dry_run: DryRunOpt = False,
        skip_invalid: SkipOpt = False,
        as_json: JsonOpt = False,
        reader: ReaderOpt = "calamine",
        rejects: RejectsOpt = None,
        db: DbOpt = None,
        operator: OperatorOpt = None,
    ) -> None:
        _run(kind, file, db, operator, dry_run, skip_invalid, as_json, reader, rejects)


_register("cases", imports_text.CASES_HELP)
_register("payments", imports_text.PAYMENTS_HELP)
_register("staff", imports_text.STAFF_HELP)
