"""Importing spreadsheets: cases, 案款 arrivals and the staff roster, all with one error discipline.

Every import reads the whole file first (:mod:`.read`), checks every row and reports
every bad one with its spreadsheet row number, column and a Chinese reason. Then:

- by default it is **all or nothing**: any bad row → nothing is written (``ImportReport.ok``
  is false, the CLI exits 1);
- ``skip_invalid`` writes the good rows and saves the bad ones, with a 错误原因 column, to an
  .xlsx for correction (it can be fixed and imported again as it is);
- ``dry_run`` does the whole import inside a transaction and rolls it back, so the counts are
  exactly what a real run would do.

The write is one transaction for the whole file. Importing the same file again changes nothing
(upsert by the file's key: 案号 for cases). The kinds themselves live in :mod:`.cases`,
:mod:`.payments` and :mod:`.staff`; what they share with this module (the row reader, the
report) in :mod:`.rows`. This module runs them; none of them imports it.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from ...locations import exports_dir
from ..desk import Desk
from ..printing.xlsx import Col, display_width, fits_landscape, new_workbook, save_workbook, write_table
from .cases import CaseImport
from .payments import PaymentImport
from .read import Reader, Table, open_table
from .rows import ImportKind, ImportReport, Progress, RowReader, ticker
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


def import_file(
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
    """Run one import; see the module docstring. File-level problems raise ``InvalidValue``."""
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
    parsed: list[tuple[RowReader, Any]] = []
    all_rows: list[RowReader] = []
    seen: dict[Any, int] = {}
    key_label = specs[kind.key_field].label
    for number, cells in table.rows:
        rr = RowReader(table, specs, number, cells, today)
        all_rows.append(rr)
        record = kind.parse(rr)
        k = kind.key_of(rr)
        if k is not None:
            if k in seen:
                rr.fail(kind.key_field, f"{key_label}重复：与第 {seen[k]} 行相同")
            else:
                seen[k] = number
        parsed.append((rr, record))
        if progress and len(all_rows) % 500 == 0:
            progress("读取", len(all_rows), table.total)
    report.rows = len(all_rows)
    if progress:
        progress("读取", report.rows, report.rows)

    candidates = [(rr, rec) for rr, rec in parsed if rec is not None and not rr.issues]
    session_cm = desk.session() if dry_run else desk.transaction()
    with session_cm as s:
        kind.check(s, candidates)
        good = [(rr, rec) for rr, rec in candidates if not rr.issues]
        for rr in all_rows:
            report.invalid.extend(rr.issues)
            report.warnings.extend(rr.warnings)
        report.valid = len(good)
        if report.invalid and not skip_invalid and not dry_run:
            s.rollback()
            return report  # all or nothing (a dry run still counts what the good rows would do)
        kind.apply(s, desk, good, report, ticker(progress, len(good)))
        if dry_run:
            s.rollback()
        else:
            report.written = True
    if skip_invalid and report.invalid and not dry_run:
        target = Path(rejects_path) if rejects_path else rejects_path_for(report.path, desk.now())
        report.rejects_path = write_rejects(
            target, table, [rr for rr in all_rows if rr.issues], court=desk.profile.court.name
        )
    return report


def write_rejects(target: Path, table: Table, rows: list[RowReader], *, court: str = "") -> Path:
    """The bad rows as they were, with 原行号 and 错误原因 columns, ready to fix and import again
    (the header stays on the first row). Long cells wrap in columns of at most 24 units (narrower
    when there are many columns) and 错误原因 in 36, so the sheet prints on A4 landscape legibly."""
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
    return value if isinstance(value, str | int | float | date) or value is None else str(value)


def import_cases(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import cases (案件) from a spreadsheet exported from the national system or kept by hand."""
    return import_file(desk, CaseImport(desk), path, **kw)


def import_payments(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import 案款 arrivals: 案号, 到账日期, 金额, 缴款人."""
    return import_file(desk, PaymentImport(), path, **kw)


def import_staff(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import the staff roster: 姓名, 角色, 组别/团队."""
    return import_file(desk, StaffImport(desk), path, **kw)
