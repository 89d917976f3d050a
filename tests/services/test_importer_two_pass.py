"""A streamed case import runs in two passes: the file is read and checked outside any write
transaction (other desks keep saving), each checked chunk is spooled to a private temporary
file, and only the write of the spooled chunks holds the write lock."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import openpyxl
import pytest

from tests.services.test_importer import GOOD_ID, count, make_xlsx
from tests.services.test_importer_streamed import workbook
from zhixing_tui.services.audit import verify
from zhixing_tui.services.imports import run
from zhixing_tui.services.imports.cases import CaseImport
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.storage.models import AuditEntry, Case, DeadlineNode, Party


def totals(desk) -> tuple[int, int, int, int]:
    return count(desk, Case), count(desk, Party), count(desk, DeadlineNode), count(desk, AuditEntry)


@pytest.mark.sqlite_only
def test_another_desk_saves_while_the_file_is_checked(desk, tmp_path, monkeypatch):
    """While a chunk is being checked another connection takes SQLite's write lock at once
    (no busy wait) and commits; the write transaction opens after the last row is checked."""
    monkeypatch.setattr(run, "CHUNK", 50)
    events: list[str] = []
    check, replay = CaseImport.check, getattr(CaseImport, "replay", None)
    db = str(desk.engine.url.database)

    def checking(self, s, records):
        check(self, s, records)
        other = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the import held the lock
            other.execute("INSERT INTO desk_setting (key, value) VALUES (?, '1')", (f"probe-{len(events)}",))
            other.execute("COMMIT")
        finally:
            other.close()
        events.append("check")

    def writing(self, s, *args, **kw):
        events.append("write")
        return replay(self, s, *args, **kw)

    monkeypatch.setattr(CaseImport, "check", checking)
    monkeypatch.setattr(CaseImport, "replay", writing, raising=False)
    report = import_cases(desk, workbook(tmp_path / "cases.xlsx", 1, 200))
    assert report.written and report.inserted == 200
    assert events == ["check"] * 5 + ["write"] * 5  # four chunks and the empty end
    with desk.session() as s:
        assert verify(s).ok


def test_a_case_registered_between_check_and_write_is_a_conflict(desk, tmp_path, monkeypatch):
    """Another desk registers one of the file's new 案号 after the import checked it: the write
    finds it with one query, refuses, and writes nothing (the other desk's case stays)."""
    monkeypatch.setattr(run, "CHUNK", 50)
    book = workbook(tmp_path / "cases.xlsx", 1, 120)
    other = workbook(tmp_path / "other.xlsx", 70, 1)  # row 70 of the file, on its own
    prepare = CaseImport.prepare
    done: list[bool] = []

    def prepared(self, s, desk_, records, report):
        chunk = prepare(self, s, desk_, records, report)
        if not done and any(rr.row == 71 for rr, _ in records):  # case 70 was checked as new
            done.append(True)
            assert import_cases(desk, other).inserted == 1
        return chunk

    monkeypatch.setattr(CaseImport, "prepare", prepared)
    before = totals(desk)
    report = import_cases(desk, book)
    assert report.conflict and not report.written and not report.ok
    assert report.bad_rows == [71]  # the header is row 1
    assert "其他用户已登记此案号" in report.invalid[0].reason
    assert "未写入任何案件" in report.invalid[0].reason
    assert (report.inserted, report.updated) == (0, 0)
    assert count(desk, Case) == before[0] + 1  # only the other desk's case
    with desk.session() as s:
        assert verify(s).ok
    monkeypatch.setattr(CaseImport, "prepare", prepare)
    again = import_cases(desk, book)  # imported again: that case is simply updated
    assert again.written and again.inserted == 119 and again.updated + again.unchanged == 1


def spool_files(where: Path) -> list[Path]:
    return sorted(where.glob("zhixing-import-*"))


def test_the_spool_is_private_and_removed_however_the_import_ends(desk, tmp_path, monkeypatch):
    where = tmp_path / "spool"
    where.mkdir()
    monkeypatch.setattr(run, "SPOOL_DIR", str(where))
    monkeypatch.setattr(run, "CHUNK", 50)
    seen: list[tuple[int, int]] = []
    replay = CaseImport.replay

    def writing(self, s, *args, **kw):
        files = spool_files(where)
        seen.append((len(files), stat.S_IMODE(files[0].stat().st_mode)))
        return replay(self, s, *args, **kw)

    monkeypatch.setattr(CaseImport, "replay", writing)
    assert import_cases(desk, workbook(tmp_path / "ok.xlsx", 1, 120)).written
    assert seen and set(seen) == {(1, 0o600)}
    assert spool_files(where) == []

    bad = workbook(tmp_path / "bad.xlsx", 1_000, 120)  # a bad row: all or nothing
    wb = openpyxl.load_workbook(bad)
    wb.active.cell(row=100, column=2, value="不是日期")
    wb.save(bad)
    seen.clear()
    before = totals(desk)
    report = import_cases(desk, bad)
    assert not report.written and report.bad_rows == [100] and seen == []
    assert spool_files(where) == [] and totals(desk) == before

    def broken(self, s, *args, **kw):
        assert len(spool_files(where)) == 1
        raise RuntimeError("disk gone")

    monkeypatch.setattr(CaseImport, "replay", broken)
    with pytest.raises(RuntimeError):
        import_cases(desk, workbook(tmp_path / "boom.xlsx", 2_000, 120))
    assert spool_files(where) == [] and totals(desk) == before


def test_a_dry_run_spools_nothing(desk, tmp_path, monkeypatch):
    where = tmp_path / "spool"
    where.mkdir()
    monkeypatch.setattr(run, "SPOOL_DIR", str(where))

    def refuse(*_a, **_k):
        raise AssertionError("a dry run made a spool")

    monkeypatch.setattr(run, "Spool", refuse)
    report = import_cases(desk, workbook(tmp_path / "cases.xlsx", 1, 30), dry_run=True)
    assert report.inserted == 30 and not report.written


def test_a_differing_unit_on_update_is_reported(desk, tmp_path):
    """The assignment the desk keeps (承办部门 differs on a known 案号) is a warning in the report:
    the update is written after the row's own warnings were collected, and still reports it."""

    def row(unit: str) -> list:
        return ["（2026）豫0326执9号", "2026-03-05", "张三", "李四", 100, GOOD_ID, unit, None, None, None]

    assert import_cases(desk, make_xlsx(tmp_path / "a.xlsx", [row("普执一团队")])).inserted == 1
    report = import_cases(desk, make_xlsx(tmp_path / "b.xlsx", [row("普执二团队")]))
    assert report.written and report.unchanged == 1
    assert [w.reason for w in report.warnings] == ["承办部门与本系统记录不同，未修改（分案以本系统为准）"]
