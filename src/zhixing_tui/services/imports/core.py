"""Importing spreadsheets: cases, 案款 arrivals and the staff roster, all with one error discipline.

Every import reads the whole file first (:mod:`.importer_read`), checks every row and reports
every bad one with its spreadsheet row number, column and a Chinese reason. Then:

- by default it is **all or nothing**: any bad row → nothing is written (``ImportReport.ok``
  is false, the CLI exits 1);
- ``skip_invalid`` writes the good rows and saves the bad ones, with a 错误原因 column, to an
  .xlsx for correction (it can be fixed and imported again as it is);
- ``dry_run`` does the whole import inside a transaction and rolls it back, so the counts are
  exactly what a real run would do.

The write is one transaction for the whole file. Importing the same file again changes nothing
(upsert by the file's key: 案号 for cases). The kinds themselves live in
:mod:`.importer_cases` and :mod:`.importer_payments`; this module holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from openpyxl.utils import get_column_letter
from sqlmodel import Session

from ...domain.dates import parse_date
from ...domain.money import parse_money
from ...errors import InvalidValue
from ...locations import exports_dir
from ..desk import Desk
from ..printing.xlsx import Col, new_workbook, save_workbook, write_table
from .read import FieldSpec, Reader, Table, clean_text, is_blank, open_table

__all__ = [
    "ImportKind",
    "ImportReport",
    "Issue",
    "Progress",
    "RowReader",
    "import_cases",
    "import_file",
    "import_payments",
    "import_staff",
    "rejects_path_for",
]

#: progress(stage, done, total): stage is 读取 or 写入; total may be 0 when unknown.
Progress = Callable[[str, int, int], None]

REQUIRED_EMPTY = "必填项为空"


@dataclass(frozen=True)
class Issue:
    """One problem in one cell: spreadsheet row (header row counts), column as written, reason."""

    row: int
    column: str
    reason: str
    field: str = ""  # the standard column name
    cell: str = ""  # e.g. C5
    value: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "cell": self.cell,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    """What an import found and did. ``valid`` counts good rows; the others count cases/records."""

    kind: str
    path: Path
    rows: int = 0  # data rows read (blank rows not counted)
    valid: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    dry_run: bool = False
    skip_invalid: bool = False
    written: bool = False
    rejects_path: Path | None = None
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({i.row for i in self.invalid})

    @property
    def ok(self) -> bool:
        """True when the import did (or, dry run, would do) what was asked."""
        return not self.invalid or self.skip_invalid

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": str(self.path),
            "rows": self.rows,
            "valid": self.valid,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "invalid_rows": len(self.bad_rows),
            "invalid": [i.as_dict() for i in self.invalid],
            "warnings": [i.as_dict() for i in self.warnings],
            "dry_run": self.dry_run,
            "written": self.written,
            "rejects": str(self.rejects_path) if self.rejects_path else None,
            "ignored_columns": self.unknown_columns,
        }


class RowReader:
    """Reads one row's cells by field key; every failure becomes an :class:`Issue`."""

    def __init__(self, table: Table, specs: dict[str, FieldSpec], number: int, cells: list[Any], today: date):
        self.table = table
        self.specs = specs
        self.row = number
        self.cells = cells
        self.today = today
        self.issues: list[Issue] = []
        self.warnings: list[Issue] = []

    def has(self, key: str) -> bool:
        """The file has this column and this row's cell is not blank."""
        return not is_blank(self.table.value(self.cells, key))

    def raw(self, key: str) -> Any:
        return self.table.value(self.cells, key)

    def _issue(self, key: str, reason: str) -> Issue:
        i = self.table.columns.get(key)
        spec = self.specs[key]
        return Issue(
            row=self.row,
            column=self.table.labels.get(key, spec.label),
            field=spec.label,
            cell=f"{get_column_letter(i + 1)}{self.row}" if i is not None else "",
            value=clean_text(self.raw(key)),
            reason=reason,
        )

    def fail(self, key: str, reason: str) -> None:
        self.issues.append(self._issue(key, reason))

    def warn(self, key: str, reason: str) -> None:
        self.warnings.append(self._issue(key, reason))

    def text(self, key: str, *, required: bool = False) -> str:
        value = clean_text(self.raw(key))
        if not value and required:
            self.fail(key, REQUIRED_EMPTY)
        return value

    def parse(self, key: str, fn: Callable[[Any], Any], *, required: bool = False) -> Any:
        """``fn(raw)`` for a non-blank cell; ``None`` (and an issue when required) otherwise."""
        value = self.raw(key)
        if is_blank(value):
            if required:
                self.fail(key, REQUIRED_EMPTY)
            return None
        try:
            return fn(value)
        except InvalidValue as exc:
            self.fail(key, exc.message)
            return None

    def date(self, key: str, *, required: bool = False, not_future: bool = True) -> date | None:
        label = self.specs[key].label
        d = self.parse(
            key, lambda v: parse_date(_yyyymmdd(v), allow_serial=True, field=label), required=required
        )
        if d is not None and not_future and d > self.today:
            self.fail(key, f"{label}晚于今天（{self.today:%Y-%m-%d}），日期不可能")
            return None
        return d

    def money(self, key: str, *, required: bool = False) -> int | None:
        label = self.specs[key].label
        return self.parse(key, lambda v: parse_money(_whole(v), field=label), required=required)


class ImportKind(Protocol):
    """What one kind of import (cases, payments, staff) provides to :func:`import_file`."""

    name: str  # Chinese, for messages: 案件 / 案款 / 人员
    fields: Sequence[FieldSpec]
    key_field: str  # duplicate rows by this key are bad (the later ones)

    def parse(self, rr: RowReader) -> Any | None:
        """A record from the row, or None; problems go to ``rr.fail``/``rr.warn``."""

    def key_of(self, rr: RowReader) -> Any | None:
        """The row's key (e.g. the normalised 案号), or None when it cannot be read."""

    def check(self, s: Session, records: list[tuple[RowReader, Any]]) -> None:
        """Checks that need the database (unknown 承办部门, 案号 not found …): call ``rr.fail``."""

    def apply(
        self,
        s: Session,
        desk: Desk,
        records: list[tuple[RowReader, Any]],
        report: ImportReport,
        tick: Callable[[], None],
    ) -> None:
        """Insert or update the good records, counting into ``report``; audit each change."""


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
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if progress and done % 500 == 0:
                progress("写入", done, len(good))

        kind.apply(s, desk, good, report, tick)
        if dry_run:
            s.rollback()
        else:
            report.written = True
    if skip_invalid and report.invalid and not dry_run:
        target = Path(rejects_path) if rejects_path else rejects_path_for(report.path, desk.now())
        report.rejects_path = write_rejects(target, table, [rr for rr in all_rows if rr.issues])
    return report


def write_rejects(target: Path, table: Table, rows: list[RowReader]) -> Path:
    """The bad rows as they were, with 原行号 and 错误原因 columns, ready to fix and import again."""
    width = max([len(rr.cells) for rr in rows] + [max(table.columns.values(), default=-1) + 1])
    names = {i: lbl for key, lbl in table.labels.items() if (i := table.columns[key]) is not None}
    headers = [names.get(i, f"第{i + 1}列") for i in range(width)]
    columns = [Col(h) for h in headers] + [Col("原行号", "int"), Col("错误原因", width=60)]
    out_rows = []
    for rr in rows:
        cells = list(rr.cells) + [None] * (width - len(rr.cells))
        reasons = "；".join(f"{i.column}：{i.reason}" for i in rr.issues)
        out_rows.append([_plain(c) for c in cells] + [rr.row, reasons])
    wb = new_workbook()
    write_table(wb, "错误行", columns, out_rows, print_title=f"{table.path.name} 错误行")
    return save_workbook(wb, target)


def _yyyymmdd(value: Any) -> Any:
    """A number such as 20260305 typed into a General cell is a date written as digits, not a serial."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 19000101 <= value <= 21001231:
        if float(value).is_integer():
            return str(int(value))
    return value


def _whole(value: Any) -> Any:
    """Spreadsheet readers hand whole numbers back as floats (100.0); messages should say 100."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | date) or value is None else str(value)


def import_cases(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import cases (案件) from a spreadsheet exported from the national system or kept by hand."""
    from .cases import CaseImport

    return import_file(desk, CaseImport(desk), path, **kw)


def import_payments(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import 案款 arrivals: 案号, 到账日期, 金额, 缴款人."""
    from .payments import PaymentImport

    return import_file(desk, PaymentImport(), path, **kw)


def import_staff(desk: Desk, path: str | Path, **kw: Any) -> ImportReport:
    """Import the staff roster: 姓名, 角色, 组别/团队."""
    from .payments import StaffImport

    return import_file(desk, StaffImport(), path, **kw)
