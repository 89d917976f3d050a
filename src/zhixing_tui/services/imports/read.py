"""Reading spreadsheets for import: .xlsx/.xls/.ods and .csv (UTF-8 or GBK), header by Chinese names.

:func:`open_table` finds the header row (the first of the first 20 rows that names the key
column and at least one more known column), maps each column to a field by its name or one of
the accepted variants (:class:`FieldSpec`), and yields the data rows with their spreadsheet
row numbers (the first row of the sheet is row 1). Blank rows are skipped.

Two readers exist for .xlsx: python-calamine (Rust; the default) and openpyxl read-only. The
benchmark ``bench/import_bench.py`` measures both on 50,000 rows; calamine is several times
faster, so it is the default and openpyxl is kept for comparison and as a fallback.
"""

from __future__ import annotations

import codecs
import csv
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any, Literal

from ...errors import InvalidValue

__all__ = [
    "HEADER_SCAN_ROWS",
    "FieldSpec",
    "Reader",
    "Table",
    "clean_text",
    "decode_csv",
    "is_blank",
    "normalize_header",
    "open_table",
]

Reader = Literal["calamine", "openpyxl"]
HEADER_SCAN_ROWS = 20
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_BLOCK = 1 << 20  # bytes read at a time while checking a CSV file's encoding


@dataclass(frozen=True)
class FieldSpec:
    """A field an import reads: its key, its standard Chinese column name, and accepted variants."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass
class Table:
    """An opened sheet: which column holds which field, and the data rows."""

    path: Path
    header_row: int  # spreadsheet row number of the header
    columns: dict[str, int]  # field key → 0-based column index
    labels: dict[str, str]  # field key → the column name as written in the file
    rows: Iterator[tuple[int, list[Any]]]  # (spreadsheet row number, cells)
    unknown_columns: list[str] = field(default_factory=list)
    total: int = 0  # rows in the sheet (an estimate for the progress bar)

    def value(self, cells: Sequence[Any], key: str) -> Any:
        i = self.columns.get(key)
        if i is None or i >= len(cells):
            return None
        return cells[i]


def normalize_header(text: Any) -> str:
    """Header text as compared: NFKC, no spaces, no */：, a trailing unit in brackets dropped."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = re.sub(r"[\s*:]", "", s)
    return re.sub(r"\((?:元|人民币元|万元|分|yyyy.*|年月日)\)$", "", s)


def clean_text(value: Any) -> str:
    """A cell as text: None → "", numbers without a spurious ``.0``, stray spaces removed.

    Inner runs of spaces collapse to one; the ideographic space counts as a space.
    """
    if value is None:
        return ""
    if type(value) is not str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        value = str(value)
    # str.split() splits at exactly the characters ``\s`` matches (U+3000 and U+00A0 among them)
    return " ".join(value.split())


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without BOM) if it decodes, else GB18030 (a superset of GBK/GB2312)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InvalidValue(
            f"CSV 文件编码无法识别（应为 UTF-8 或 GBK）：第 {exc.start} 字节处无法解码"
        ) from None


def _csv_encoding(path: Path) -> tuple[str, int]:
    """The file's encoding as :func:`decode_csv` decides it, and its line count, read in blocks
    (a CSV of a million rows is never held in memory whole)."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    gbk = codecs.getincrementaldecoder("gb18030")()
    lines = offset = 0
    is_utf8 = True
    gbk_error: int | None = None
    with path.open("rb") as fh:
        while block := fh.read(CSV_BLOCK):
            lines += block.count(b"\n")
            if is_utf8:
                try:
                    utf8.decode(block)
                except UnicodeDecodeError:
                    is_utf8 = False
            if gbk_error is None:
                try:
                    gbk.decode(block)
                except UnicodeDecodeError as exc:
                    gbk_error = offset + exc.start
            if not is_utf8 and gbk_error is not None:
                break
            offset += len(block)
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
            return "utf-8-sig", lines
        except UnicodeDecodeError:
            pass
    if gbk_error is None:
        try:
            gbk.decode(b"", final=True)
            return "gb18030", lines
        except UnicodeDecodeError:
            gbk_error = offset
    raise InvalidValue(f"CSV 文件编码无法识别（应为 UTF-8 或 GBK）：第 {gbk_error} 字节处无法解码")


def _csv_rows(path: Path) -> tuple[Iterator[list[Any]], int]:
    encoding, lines = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as fh:
        sample = fh.read(4096)
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","

    def rows() -> Iterator[list[Any]]:
        with path.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    if "field larger than field limit" in str(exc):
                        raise InvalidValue(
                            f"CSV 文件第 {reader.line_num} 行有一个单元格超过 {csv.field_size_limit()} 个字符，"
                            "不是正常的案件信息；请检查文件是否损坏、分隔符或引号是否有误"
                        ) from None
                    raise InvalidValue(f"CSV 文件第 {reader.line_num} 行格式有误：{exc}") from None
                yield row

    return rows(), lines


def _first_sheet(path: Path) -> Any:
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)


#: path → (thread, its outcome): the first sheets :func:`prefetch` is reading
_prefetched: dict[Path, tuple[threading.Thread, dict[str, Any]]] = {}


def prefetch(path: str | Path) -> None:
    """Start reading the first sheet of the spreadsheet ``path`` in a thread, for the import of it
    that follows in this process: calamine parses the file without holding the GIL, so a command
    can load its modules and log the operator in meanwhile. :func:`open_table` (calamine reader)
    then takes the sheet, or the exception reading it raised; :func:`discard` forgets it."""
    p = Path(path)
    if p in _prefetched or p.suffix.lower() not in SPREADSHEET_SUFFIXES or not p.is_file():
        return
    outcome: dict[str, Any] = {}

    def read() -> None:
        try:
            outcome["sheet"] = _first_sheet(p)
        except BaseException as exc:  # raised again where the sheet is taken
            outcome["error"] = exc

    # not a daemon: the interpreter waits for it at exit (a command that fails before it reads
    # the file), rather than end it inside calamine at shutdown
    thread = threading.Thread(target=read, name="zhixing-prefetch")
    _prefetched[p] = (thread, outcome)
    thread.start()


def discard(path: str | Path) -> None:
    """Forget a sheet :func:`prefetch` read for ``path`` and no import took (waiting for it)."""
    got = _prefetched.pop(Path(path), None)
    if got is not None:
        got[0].join()


def _calamine_rows(path: Path) -> tuple[Iterator[list[Any]], int]:
    got = _prefetched.pop(path, None)
    if got is None:
        sheet = _first_sheet(path)
    else:
        got[0].join()
        if "error" in got[1]:
            raise got[1]["error"]
        sheet = got[1]["sheet"]

    def rows() -> Iterator[list[Any]]:
        # iter_rows starts at the sheet's first row even when it is empty; columns start at the
        # first used column, which does not matter since columns are found by their names.
        # (a midnight datetime made a date here, as _as_cell does, in the same pass)
        for row in sheet.iter_rows():
            yield [
                None if v == "" else v.date() if isinstance(v, datetime) and v.time() == _MIDNIGHT else v
                for v in row
            ]

    return rows(), sheet.total_height


def _openpyxl_rows(path: Path) -> tuple[Iterator[list[Any]], int]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]

    def rows() -> Iterator[list[Any]]:
        try:
            # Read-only mode pads rows missing from the XML with empty rows, so numbering holds.
            for row in ws.iter_rows(min_row=1, values_only=True):
                yield [_as_cell(c) for c in row]
        finally:
            wb.close()

    return rows(), ws.max_row or 0


def _raw_rows(path: Path, reader: Reader) -> tuple[Iterator[list[Any]], int]:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _csv_rows(path)
    if suffix in SPREADSHEET_SUFFIXES:
        if reader == "openpyxl" and suffix in (".xlsx", ".xlsm"):
            return _openpyxl_rows(path)
        return _calamine_rows(path)
    raise InvalidValue(f"不支持的文件类型：{path.name}（应为 .xlsx、.xls、.ods 或 .csv）")


def _spec_index(specs: Sequence[FieldSpec]) -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for spec in specs:
        for name in spec.names:
            out[normalize_header(name)] = spec
    return out


_MIDNIGHT = time(0)


def _as_cell(value: Any) -> Any:
    # Excel's "date only" cells come back from openpyxl as midnight datetimes; keep them dates.
    if isinstance(value, datetime) and value.time() == _MIDNIGHT:
        return value.date()
    return value


def open_table(path: str | Path, specs: Sequence[FieldSpec], *, reader: Reader = "calamine") -> Table:
    """Open ``path`` and map its header; raise ``InvalidValue`` for a file-level problem.

    File-level problems (no such file, unreadable file, no header row, a required column
    missing, two columns naming the same field) stop the import before any row is read.
    """
    p = Path(path)
    if not p.is_file():
        raise InvalidValue(f"找不到文件：{p}")
    try:
        raw, total = _raw_rows(p, reader)
        by_name = _spec_index(specs)
        key_spec = next(s for s in specs if s.required)
        scanned: list[list[Any]] = []
        header_at = -1
        for i, cells in enumerate(raw):
            scanned.append(cells)
            found = {by_name[h].key for h in map(normalize_header, cells) if h in by_name}
            if key_spec.key in found and len(found) >= 2:
                header_at = i
                break
            if i + 1 >= HEADER_SCAN_ROWS:
                break
    except InvalidValue:
        raise
    except Exception as exc:  # a damaged or mislabelled file: say so plainly
        raise InvalidValue(f"无法读取文件 {p.name}：{type(exc).__name__}：{exc}") from None
    if header_at < 0:
        raise InvalidValue(
            f"找不到表头：前{HEADER_SCAN_ROWS}行中没有一行同时包含「{key_spec.label}」和其他可识别的列名"
            f"（可识别的列名见 docs/import-format.md）"
        )
    header = scanned[header_at]
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    unknown: list[str] = []
    for i, cell in enumerate(header):
        name = normalize_header(cell)
        if not name:
            continue
        spec = by_name.get(name)
        if spec is None:
            unknown.append(clean_text(cell))
            continue
        if spec.key in columns:
            raise InvalidValue(
                f"表头中有两列都表示「{spec.label}」：「{labels[spec.key]}」和「{clean_text(cell)}」，请删去一列"
            )
        columns[spec.key] = i
        labels[spec.key] = clean_text(cell)
    missing = [s for s in specs if s.required and s.key not in columns]
    if missing:
        parts = [s.label + (f"（也可写作 {'、'.join(s.aliases)}）" if s.aliases else "") for s in missing]
        raise InvalidValue(f"表头缺少必填列：{'；'.join(parts)}")

    def data_rows() -> Iterator[tuple[int, list[Any]]]:
        number = header_at + 1
        for cells in raw:
            number += 1
            # (is_blank inlined; the readers have made midnight datetimes dates: see _as_cell)
            first = cells[0] if cells else None
            if first is None or (isinstance(first, str) and not first.strip()):  # else not blank
                if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                    continue
            yield number, cells

    return Table(
        path=p,
        header_row=header_at + 1,
        columns=columns,
        labels=labels,
        rows=data_rows(),
        unknown_columns=unknown,
        total=max(total - header_at - 1, 0),
    )
