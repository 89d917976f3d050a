"""Importing spreadsheets: cases, 案款 arrivals and the staff roster, all with one error discipline.

Every import reads and checks every row of the file (:mod:`.read`, streamed; the checks that need
the database run a chunk of rows at a time for cases) and reports every bad one with its
spreadsheet row number, column and a Chinese reason. Then:

- by default it is **all or nothing**: any bad row → nothing is written (``ImportReport.ok``
  is false, the CLI exits 1);
- ``skip_invalid`` writes the good rows and saves the bad ones, with a 错误原因 column, to an
  .xlsx for correction (it can be fixed and imported again as it is). The .xlsx is written before
  anything is committed: when it cannot be written, nothing is imported;
- ``dry_run`` counts exactly what a real run would do and writes nothing (cases: chunk by chunk,
  keeping no rows; the other kinds: the whole write in a transaction that is rolled back).

Cases are **streamed in two passes**. Pass 1 reads and checks the file a chunk at a time
with no write transaction open (other desks keep saving) and spools each checked chunk, as the
write will consume it, to a private temporary file (:mod:`.spool`); nothing of a chunk stays in
memory, so memory is flat however long the file is (a county's 50,000 rows, or a million). After
a bad row without ``skip_invalid`` nothing more is spooled, the rest is only checked. Pass 2 is
the one write transaction: it replays the spool (bulk inserts, no parsing or checks but one
query per chunk for what another desk changed meanwhile, a conflict that writes nothing) and
commits, so the write lock is held only for the writing. The small kinds (案款, staff) keep
their good rows and write them in one short transaction after every check. Importing the same file again changes nothing (upsert
by the file's key: 案号 for cases). The kinds themselves live in :mod:`.cases`, :mod:`.payments`
and :mod:`.staff`; what they share with this module (the row reader, the report) in :mod:`.rows`.
This module runs them; none of them imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...errors import InvalidValue
from ...locations import exports_dir
from ...storage.db import BULK_SAMPLE, optimize, statistics_stale
from ..desk import Desk
from .cases import CaseImport
from .payments import PaymentImport
from .read import Reader, Table, open_table
from .rows import ImportKind, ImportReport, Progress, RowReader, StreamedKind, ticker
from .spool import Spool
from .staff import StaffImport

__all__ = [
    "import_cases",
    "import_file",
    "import_payments",
    "import_staff",
    "rejects_path_for",
    "write_rejects",
]


def rejects_path_for(source: Path, moment: datetime) -> Path:
    """Where the bad rows go: ``exports/<file>-错误行-<time>.xlsx``."""
    return exports_dir() / f"{source.stem}-错误行-{moment:%Y%m%d-%H%M%S}.xlsx"


#: rows read and checked at a time: the checks that need the database run once per chunk, and a
#: dry run keeps nothing of a chunk but its counts and issues (a million rows in bounded memory)
CHUNK = 2000

#: where a streamed import spools its checked chunks (None: the system's temporary directory)
SPOOL_DIR: str | None = None


def import_file(
    desk: Desk,
    kind: ImportKind,
    path: str | Path,
    **kw: Any,
) -> ImportReport:
    """Run one import (:func:`_import_file`); once rows are written, the planner's statistics are
    refreshed for them (a sampled ``ANALYZE``; on PostgreSQL ``VACUUM (ANALYZE)``, which marks the
    new rows' pages all-visible for the index-only scans: ``storage.db.optimize``) — on
    PostgreSQL only once the kind's table has moved away from them (``storage.db.statistics_stale``:
    a vacuum of the whole database takes ~9 s at 100,000 cases, not to be waited for after three
    rows of 案款)."""
    report = _import_file(desk, kind, path, **kw)
    if report.written and statistics_stale(desk.engine, kind.table, report.updated):
        optimize(desk.engine, sample=BULK_SAMPLE, bulk=True)
    return report


def _import_file(
    desk: Desk,
    kind: ImportKind,
    path: str | Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    reader: Reader = "calamine",
    progress: Progress | None = None,
    rejects_path: str | Path | None = None,
) -> ImportReport:
    """Run one import; see the module docstring. File-level problems raise ``InvalidValue``.

    A kind with ``streaming = True`` (cases) goes through the file a chunk at a time and keeps
    nothing of a chunk once it is settled: a real run spools each chunk's good rows as
    ``prepare`` makes them and then ``replay`` writes them in the one write transaction (nothing
    when a bad row was found without ``skip_invalid``); a dry run counts each chunk in a read
    session (``preview``), spooling nothing. The
    other kinds read and check every row first, keep the good ones, and then write them in one
    short transaction (a dry run rolls it back).
    """
    specs = {s.key: s for s in kind.fields}
    table = open_table(path, kind.fields, reader=reader)
    report = ImportReport(
        kind=kind.name,
        path=Path(path),
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        unknown_columns=table.unknown_columns,
    )
    today = desk.today()
    streaming = bool(getattr(kind, "streaming", False))
    preview = getattr(kind, "preview", None) if streaming and dry_run else None
    keep_rejects = skip_invalid and not dry_run
    chunk_size = CHUNK if streaming else None
    good: list[tuple[RowReader, Any]] = []
    rejected: list[RowReader] = []
    seen: dict[Any, int] = {}
    key_label = specs[kind.key_field].label
    chunk: list[tuple[RowReader, Any]] = []
    with ExitStack() as stack:
        # streamed real run, pass 1: each checked chunk, ready to write, goes to a private file
        spool = stack.enter_context(Spool(SPOOL_DIR)) if streaming and not dry_run else None

        def settle(rows: list[tuple[RowReader, Any]]) -> None:
            candidates = [(rr, rec) for rr, rec in rows if rec is not None and not rr.issues]
            with desk.session() as s:  # a read session: no write lock while the file is checked
                kind.check(s, candidates)
                fine = []
                for rr, rec in rows:
                    report.invalid.extend(rr.issues)
                    report.warnings.extend(rr.warnings)
                    if rr.issues:
                        if keep_rejects:
                            rejected.append(rr)
                    elif rec is not None:
                        fine.append((rr, rec))
                report.valid += len(fine)
                if preview is not None:
                    preview(s, desk, fine, report)
                elif not streaming:
                    good.extend(fine)
                elif spool is not None and (skip_invalid or not report.invalid):
                    # (after a bad row without --skip-invalid nothing will be written: only checked)
                    spool.put(kind.prepare(s, desk, fine, report))

        # a kind's fast reading of its common, valid row (cases); None: read the row the full way
        fast = kind.fast_parser(table, specs, today) if hasattr(kind, "fast_parser") else None
        for number, cells in table.rows:
            got = fast(number, cells) if fast is not None else None
            if got is None:
                rr = RowReader(table, specs, number, cells, today)
                record = kind.parse(rr)
            else:
                rr, record = got
            k = kind.key_of(rr)
            if k is not None:
                if k in seen:
                    rr.fail(kind.key_field, f"{key_label}重复：与第 {seen[k]} 行相同")
                else:
                    seen[k] = number
            chunk.append((rr, record))
            report.rows += 1
            if chunk_size and len(chunk) >= chunk_size:
                settle(chunk)
                chunk = []
            if progress and report.rows % 500 == 0:
                progress("读取", report.rows, table.total)
        settle(chunk)
        del chunk, seen
        if progress:
            progress("读取", report.rows, report.rows)

        if report.invalid and not skip_invalid and not dry_run:
            return report  # all or nothing (a dry run still counts what the good rows would do)
        if preview is not None:
            return report
        if keep_rejects and rejected:
            # Written before anything is committed: when the list cannot be written, nothing is.
            target = Path(rejects_path) if rejects_path else rejects_path_for(report.path, desk.now())
            try:
                report.rejects_path = write_rejects(target, table, rejected, court=desk.profile.court.name)
            except (OSError, InvalidValue) as exc:
                reason = exc.strerror if isinstance(exc, OSError) else getattr(exc, "reason", "")
                raise InvalidValue(
                    f"错误行清单无法写入 {target}（{reason or exc}），未导入任何{kind.name}"
                ) from None
            del rejected
        if spool is not None:
            _replay(desk, kind, spool, report, progress, lambda n, c: RowReader(table, specs, n, c, today))
            return report
    session_cm = desk.session() if dry_run else desk.transaction()
    session_cm = desk.session() if dry_run else desk.transaction()
    with session_cm as s:
        kind.apply(s, desk, good, report, ticker(progress, len(good)))
        if dry_run:
            s.rollback()
        else:
            report.written = True
    return report


class _Conflict(Exception):
    """The desk changed under the import: roll its write back."""


def _replay(
    desk: Desk,
    kind: StreamedKind,
    spool: Spool,
    report: ImportReport,
    progress: Progress | None,
    reread: Callable[[int, list[Any]], RowReader],
) -> None:
    """Pass 2 of a streamed import: the one write transaction, only writing the spooled chunks.

    A chunk the desk has overtaken (a 案号 another desk registered since pass 1) is a conflict:
    the rest are only checked, the whole write is rolled back and nothing is imported."""
    tick = ticker(progress, report.valid)
    conflicts: list[Any] = []
    try:
        with desk.transaction() as s, kind.write_cache(s):
            for chunk in spool:  # after a conflict the rest is only checked, for the report
                conflicts += kind.replay(s, desk, chunk, report, tick, reread, check_only=bool(conflicts))
            if conflicts:
                raise _Conflict
    except _Conflict:
        report.invalid.extend(conflicts)
        report.conflict = True
        report.inserted = report.updated = report.unchanged = 0
        return
    report.written = True


def write_rejects(target: Path, table: Table, rows: list[RowReader], *, court: str = "") -> Path:
    """The bad rows as they were, with 原行号 and 错误原因 columns, ready to fix and import again
    (the header stays on the first row). Long cells wrap in columns of at most 24 units (narrower
    when there are many columns) and 错误原因 in 36, so the sheet prints on A4 landscape legibly."""
    # openpyxl and the print layer only when there are rejects (a clean import never loads them)
    from ..printing.xlsx import Col, display_width, fits_landscape, new_workbook, save_workbook, write_table

    width = max([len(rr.cells) for rr in rows] + [max(table.columns.values(), default=-1) + 1])
    names = {i: lbl for key, lbl in table.labels.items() if (i := table.columns[key]) is not None}
    headers = [names.get(i, f"第{i + 1}列") for i in range(width)]
    out_rows = []
    for rr in rows:
        cells = list(rr.cells) + [None] * (width - len(rr.cells))
        reasons = "；".join(f"{i.column}：{i.reason}" for i in rr.issues)
        out_rows.append([_plain(c) for c in cells] + [rr.row, reasons])
    measured = [
        max([display_width(h)] + [display_width(r[i]) for r in out_rows]) + 2 for i, h in enumerate(headers)
    ]
    cap = next(
        (c for c in _CELL_MAX if fits_landscape([min(w, c) for w in measured] + [8, 36])), _CELL_MAX[-1]
    )
    columns = [Col(h, width=min(w, cap), wrap=w > cap) for h, w in zip(headers, measured, strict=True)]
    columns += [Col("原行号", "int", width=8), Col("错误原因", width=36, wrap=True)]
    wb = new_workbook()
    title = f"{court} {table.path.name} 错误行".strip()
    write_table(wb, "错误行", columns, out_rows, print_title=title, footer=court, landscape=True)
    return save_workbook(wb, target)


#: the widest a column of the rejected rows gets before its text wraps: the first that lets the
#: sheet print on A4 landscape at ≥ 9 pt
_CELL_MAX = (24, 20, 16, 12, 10, 8)


def _plain(value: Any) -> Any:
    if isinstance(value, str):  # a control character (NUL …) cannot be stored in a workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("␀", value)
    return value if isinstance(value, int | float | date) or value is None else str(value)


def import_cases(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import cases (案件) from a spreadsheet exported from the national system or kept by hand."""
    return import_file(desk, CaseImport(desk), path, **kw)


def import_payments(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import 案款 arrivals: 案号, 到账日期, 金额, 缴款人."""
    return import_file(desk, PaymentImport(), path, **kw)


def import_staff(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import the staff roster: 姓名, 角色, 组别/团队."""
    return import_file(desk, StaffImport(desk), path, **kw)
