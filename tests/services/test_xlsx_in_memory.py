"""``printing.xlsx.save_workbook`` builds each sheet's XML in memory, not in a temporary file of
openpyxl's own (written, read back, removed: 12 for the monthly workbook), and saves the very
archive openpyxl's ``Workbook.save`` does — every member byte for byte but the save time — for
the monthly workbook: 12 sheets, merged cells, print settings and a chart."""

from __future__ import annotations

import zipfile
from datetime import date

import openpyxl
import openpyxl.worksheet._writer as sheet_writer
import pytest

from zhixing_tui.domain.statistics import Month
from zhixing_tui.services.printing import monthly_workbook, xlsx
from zhixing_tui.services.printing.xlsx_stream import new_stream_workbook
from zhixing_tui.services.stats.monthly import monthly_figures

pytestmark = pytest.mark.sqlite_only  # about the file written, not the database read


def _members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_the_archive_is_openpyxls_without_its_temporary_files(demo_desk, tmp_path, monkeypatch):
    figures = monthly_figures(demo_desk, Month(2026, 10), as_of=date(2026, 11, 23))
    with monkeypatch.context() as m:
        m.setattr(xlsx, "_save", lambda wb, fh: wb.save(fh))  # openpyxl's own save
        theirs = _members(monthly_workbook.write_workbook(figures, tmp_path / "theirs.xlsx"))

    def no_temporary_file(*_a, **_k):
        raise AssertionError("a worksheet written to a temporary file")

    monkeypatch.setattr(sheet_writer, "create_temporary_file", no_temporary_file)
    ours = _members(monthly_workbook.write_workbook(figures, tmp_path / "ours.xlsx"))
    assert list(ours) == list(theirs)
    assert sum(name.startswith("xl/worksheets/sheet") for name in ours) >= 10
    assert any(name.startswith("xl/charts/") for name in ours)
    for name in ours:
        if name != "docProps/core.xml":  # the time of saving
            assert ours[name] == theirs[name], name


def test_a_write_only_workbook_is_saved_by_openpyxl(tmp_path):
    """Its sheets were streamed to their own files as they were written: openpyxl saves it."""
    wb = new_stream_workbook()
    wb.create_sheet("表").append(["案号"])
    path = xlsx.save_workbook(wb, tmp_path / "s.xlsx")
    assert openpyxl.load_workbook(path)["表"]["A1"].value == "案号"
