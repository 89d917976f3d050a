"""The case import is streamed: a chunk of rows is checked, written inside the import's one
transaction and dropped, so memory does not grow with the file; all or nothing still holds."""

from __future__ import annotations

import datetime as dt
import random
import tracemalloc
from pathlib import Path

import openpyxl
import pytest

from tests.services.test_importer import count
from zhixing_tui.domain.identity import make_resident_id
from zhixing_tui.services.audit import verify
from zhixing_tui.services.imports import run
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.storage.models import AuditEntry, Case, DeadlineNode

HEADER = ["案号", "立案日期", "申请执行人", "被执行人", "申请执行标的额", "被执行人证件号码"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"


def workbook(path: Path, first: int, rows: int) -> Path:
    """``rows`` good case rows numbered from ``first`` (no 案号 shared between two files). Names
    and filing days come round every hundred rows, so the bounded caches of name keys and due
    dates are warm after the first hundred and what remains is what the import holds per row."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("案件")
    ws.append(HEADER)
    rng = random.Random(first)
    for n in range(first, first + rows):
        filed = dt.date(2025, 1, 1) + dt.timedelta(days=n % 50)
        born = dt.date(1960 + n % 40, 1 + n % 12, 1 + n % 28)
        name = SURNAMES[n % 20] + GIVEN[n % 20] + GIVEN[(n // 5) % 20]
        ws.append(
            [
                f"（{filed.year}）豫0326执{n}号",
                f"{filed:%Y-%m-%d}",
                f"{SURNAMES[(n * 7) % 20]}{GIVEN[n % 20]}公司",  # 20 names, 100 respondents
                name,
                f"{1000 + n}.50",
                make_resident_id(rng, "410326", born, n % 2 == 0),
            ]
        )
    wb.save(path)
    return path


def peak_bytes(desk, path: Path) -> int:
    """The Python memory the import of ``path`` allocates at its peak above what it started with."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        report = import_cases(desk, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.written and report.inserted > 0
    return peak - start


def test_import_memory_does_not_grow_with_the_rows(desk, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "CHUNK", 100)
    import_cases(desk, workbook(tmp_path / "warm.xlsx", 1, 100))  # first-use caches (ID regions, pinyin)
    small = peak_bytes(desk, workbook(tmp_path / "small.xlsx", 1_000, 300))
    big = peak_bytes(desk, workbook(tmp_path / "big.xlsx", 10_000, 1_500))
    assert count(desk, Case) == 1_900
    # Only the 案号 seen so far (for duplicates) grows with the rows: about 200 bytes a row
    # (holding the checked rows until the write cost 2.7 KB a row).
    assert big - small < 400 * 1_200, (small, big)
    with desk.session() as s:
        assert verify(s).ok


def test_a_bad_row_after_written_chunks_writes_nothing(desk, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "CHUNK", 50)
    book = workbook(tmp_path / "cases.xlsx", 1, 300)
    wb = openpyxl.load_workbook(book)
    wb.active.cell(row=280, column=2, value="不是日期")  # after five chunks were written
    wb.save(book)
    before = (count(desk, Case), count(desk, DeadlineNode), count(desk, AuditEntry))
    report = import_cases(desk, book)
    assert not report.written and report.bad_rows == [280]
    assert report.valid == 299
    assert (count(desk, Case), count(desk, DeadlineNode), count(desk, AuditEntry)) == before
    # with --skip-invalid the other 299 are written, in one transaction
    report = import_cases(desk, book, skip_invalid=True, rejects_path=tmp_path / "rejects.xlsx")
    assert report.written and report.inserted == 299 and count(desk, Case) == before[0] + 299
    with desk.session() as s:
        assert verify(s).ok


def test_a_dry_run_reads_no_pinyin(desk, tmp_path, monkeypatch):
    """Name keys are made when a party is written: a dry run (and the check of every row before
    the write) never loads the pinyin dictionaries."""
    from zhixing_tui.services.cases import registry

    def refuse(*_a, **_k):
        raise AssertionError("pinyin read while checking")

    monkeypatch.setattr(registry, "search_key", refuse)
    report = import_cases(desk, workbook(tmp_path / "cases.xlsx", 1, 40), dry_run=True)
    assert report.valid == 40 and report.inserted == 40 and not report.written


@pytest.mark.sqlite_only
def test_the_write_cache_is_set_once_for_every_chunk(desk, tmp_path, monkeypatch):
    """SQLite's big page cache holds for the whole streamed write: shrinking it between chunks
    would spill the open transaction's pages to the log."""
    from zhixing_tui.services.imports.cases import WRITE_CACHE_KIB, CaseImport

    monkeypatch.setattr(run, "CHUNK", 50)
    seen: list[int] = []
    replay = CaseImport.replay

    def spy(self, s, *args, **kw):  # each spooled chunk is written in the one write session
        seen.append(s.connection().exec_driver_sql("PRAGMA cache_size").scalar())
        return replay(self, s, *args, **kw)

    monkeypatch.setattr(CaseImport, "replay", spy)
    report = import_cases(desk, workbook(tmp_path / "cases.xlsx", 1, 200))
    assert report.written and report.inserted == 200
    assert seen == [-WRITE_CACHE_KIB] * 5  # four chunks and the empty end
