"""What every kind of import shares: the row reader, the issues it finds, the report, and what a
kind provides (:class:`ImportKind`) to :func:`.run.import_file`.

A kind (:mod:`.cases`, :mod:`.payments`, :mod:`.staff`) reads each row through a
:class:`RowReader`, which turns every unreadable cell into an :class:`Issue` naming the
spreadsheet row, column and a Chinese reason; :mod:`.run` collects them into an
:class:`ImportReport`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from ...domain.dates import parse_date
from ...domain.money import parse_money, plain_fen
from ...errors import InvalidValue
from ..desk import Desk
from .read import FieldSpec, Table, clean_text

__all__ = [
    "REQUIRED_EMPTY",
    "ImportKind",
    "ImportReport",
    "Issue",
    "Progress",
    "RowReader",
    "Tick",
    "ticker",
]

#: progress(stage, done, total): stage is 读取 or 写入; total may be 0 when unknown.
Progress = Callable[[str, int, int], None]
#: Called by a kind once per record it writes (see :func:`ticker`).
Tick = Callable[[], None]

REQUIRED_EMPTY = "必填项为空"
NUL_REASON = "含有空字符（NUL），不是正常的文字，可能是文件已损坏；请删除该字符后重新导入"


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
    conflict: bool = False  # the desk changed under the import between its check and its write

    @property
    def bad_rows(self) -> list[int]:
        return sorted({i.row for i in self.invalid})

    @property
    def ok(self) -> bool:
        """True when the import did (or, dry run, would do) what was asked."""
        return not self.conflict and (not self.invalid or self.skip_invalid)

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
            "conflict": self.conflict,
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
        if "\x00" in "".join([c for c in cells if type(c) is str]):
            for key, i in table.columns.items():
                c = cells[i] if i < len(cells) else None
                if isinstance(c, str) and "\x00" in c:
                    self.fail(key, NUL_REASON)
        self.parsed = False  # a kind may note here that its parse() has read the row's key …
        self.key: Any = None  # … and what it was, so key_of() need not read it again

    @cached_property
    def values(self) -> dict[str, Any]:
        """Field key → this row's cell, for the fields the file has a column for (a row's fields
        are read a score of times: one dict lookup each, not Table.value's calls). Made at the
        first use: a row the fast reading of its kind took (see .case_fast) may never need it."""
        n = len(self.cells)
        return {k: self.cells[i] for k, i in self.table.columns.items() if i < n}

    def has(self, key: str) -> bool:
        """The file has this column and this row's cell is not blank."""
        value = self.values.get(key)
        return not (value is None or (isinstance(value, str) and not value.strip()))

    def raw(self, key: str) -> Any:
        return self.values.get(key)

    def label(self, key: str) -> str:
        """The field's column as the file names it (认领日期), else its own name (领取日期)."""
        return self.table.labels.get(key, self.specs[key].label)

    def _issue(self, key: str, reason: str) -> Issue:
        from openpyxl.utils import get_column_letter  # only for a row with a problem

        i = self.table.columns.get(key)
        spec = self.specs[key]
        return Issue(
            row=self.row,
            column=self.label(key),
            field=spec.label,
            cell=f"{get_column_letter(i + 1)}{self.row}" if i is not None else "",
            value=clean_text(self.raw(key)).replace("\x00", "␀"),
            reason=reason,
        )

    def fail(self, key: str, reason: str) -> None:
        self.issues.append(self._issue(key, reason))

    def warn(self, key: str, reason: str) -> None:
        self.warnings.append(self._issue(key, reason))

    def text(self, key: str, *, required: bool = False) -> str:
        raw = self.values.get(key)
        # clean_text, its commonest cases inlined
        value = "" if raw is None else " ".join(raw.split()) if type(raw) is str else clean_text(raw)
        if not value and required:
            self.fail(key, REQUIRED_EMPTY)
        return value

    def parse(self, key: str, fn: Callable[[Any], Any], *, required: bool = False) -> Any:
        """``fn(raw)`` for a non-blank cell; ``None`` (and an issue when required) otherwise."""
        value = self.values.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):  # is_blank
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
        value = self.values.get(key)
        if type(value) is date:  # what parse() would return for it, without its calls
            d: date | None = value
        else:
            d = self.parse(key, lambda v: _read_date(v, label), required=required)
        if d is not None and not_future and d > self.today:
            self.fail(key, f"{label}晚于今天（{self.today:%Y-%m-%d}），日期不可能")
            return None
        return d

    def money(self, key: str, *, required: bool = False) -> int | None:
        # a plain amount (most cells): what parse_money(_whole(value)) gives, without its layers;
        # anything else (blank, negative, 万元, three decimals …) takes the full reading
        fen = plain_fen(self.values.get(key))
        if fen is not None:
            return fen
        label = self.specs[key].label
        return self.parse(key, lambda v: parse_money(_whole(v), field=label), required=required)


class ImportKind(Protocol):
    """What one kind of import (cases, payments, staff) provides to :func:`import_file`."""

    name: str  # Chinese, for messages: 案件 / 案款 / 人员
    table: str  # the table its records are rows of (enforcement_case, payment, staff)
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
        tick: Tick,
    ) -> None:
        """Insert or update the good records, counting into ``report``; audit each change."""


class StreamedKind(ImportKind, Protocol):
    """A kind imported in two passes (cases, ``streaming = True``): see :func:`.run.import_file`."""

    streaming: bool

    def preview(
        self, s: Session, desk: Desk, records: list[tuple[RowReader, Any]], report: ImportReport
    ) -> None:
        """A dry run's counts for one checked chunk; nothing written, nothing kept."""

    def prepare(
        self, s: Session, desk: Desk, records: list[tuple[RowReader, Any]], report: ImportReport
    ) -> Any:
        """Pass 1, in a read session: one checked chunk as the write will consume it (picklable)."""

    def replay(
        self,
        s: Session,
        desk: Desk,
        chunk: Any,
        report: ImportReport,
        tick: Tick,
        reread: Callable[[int, list[Any]], RowReader],
        *,
        check_only: bool = False,
    ) -> list[Issue]:
        """Pass 2, in the write transaction: write a prepared chunk, or return its conflicts with
        what the desk holds now (then write nothing; ``check_only``: never write)."""

    def write_cache(self, s: Session) -> AbstractContextManager[None]:
        """Database settings for the whole write (entered once, around every chunk)."""


def ticker(progress: Progress | None, total: int) -> Tick:
    """The ``tick`` a kind calls once per record written: reports 写入 progress every 500 records."""
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and done % 500 == 0:
            progress("写入", done, total)

    return tick


@lru_cache(maxsize=4096)
def _date_text(value: str, label: str) -> date:
    """A date typed as text (the same few hundred recur down a file): read once per text."""
    return parse_date(value, allow_serial=True, field=label)


def _read_date(value: Any, label: str) -> date:
    if type(value) is str:
        return _date_text(value, label)
    return parse_date(_yyyymmdd(value), allow_serial=True, field=label)


def _yyyymmdd(value: Any) -> Any:
    """A number such as 20260305 typed into a General cell is a date written as digits, not a serial."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 19000101 <= value <= 21001231:
        if float(value).is_integer():
            return str(int(value))
    return value


def _whole(value: Any) -> Any:
    """Spreadsheet readers hand whole numbers back as floats (100.0); messages should say 100."""
    return int(value) if isinstance(value, float) and value.is_integer() else value
