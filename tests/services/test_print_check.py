"""``make print-check`` in the suite, quickly: one court's every form through LibreOffice to PDF
and checked as paper; and the PDF checks themselves can fail (small type, a missing court name).
Skipped only where LibreOffice or poppler-utils is absent, never in CI (ZHIXING_REQUIRE_SOFFICE)."""

from __future__ import annotations

import pytest
from printcheck import pdf as pdfcheck
from printcheck.run import main

from tests.office import REQUIRED
from zhixing_tui.services.printing import word

needs_tools = pytest.mark.skipif(
    not (pdfcheck.SOFFICE and pdfcheck.POPPLER) and not REQUIRED,
    reason="LibreOffice (soffice) or poppler-utils is not installed",
)


@needs_tools
@pytest.mark.slow
def test_quick_print_check_of_one_court(tmp_path, capsys):
    assert main(["--cases", "60", "--profile", "jianli", "--kind", "docx", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "0 failing" in out and "FAIL" not in out
    assert "jianli-node_table-流程节点表-20节点.docx" in out  # the budget's case: 20 nodes on 2 pages


@needs_tools
@pytest.mark.slow
def test_the_paper_checks_can_fail(tmp_path, monkeypatch):
    doc = word.new_document()
    word.title_block(doc, "汝阳县人民法院", "测试表")
    word.paragraph(doc, "正文十二磅的文字")
    small = word.paragraph(doc, "")
    monkeypatch.setattr(word, "MIN_PT", 1.0)  # the layer refuses small type; this file must have some
    word.run(small, "七磅的小字说明", size=7)
    for _ in range(60):
        word.paragraph(doc, "填充一行")
    path = word.save(doc, tmp_path / "坏.docx")
    (pdf,) = pdfcheck.convert_all([path], tmp_path / "pdf").values()
    problems = pdfcheck.pdf_problems(pdf, court="监利市人民法院", budget=1)
    assert problems[0] == "2 pages, budget 1"
    assert problems[1] == "court name 监利市人民法院 not printed"
    assert problems[-1].startswith("text of 7.0 pt on page 1")
    assert pdfcheck.pdf_problems(pdf, court="汝阳县人民法院", budget=2)[0].startswith("text of 7.0 pt")


def test_every_workbook_module_declares_its_page_budget():
    """No workbook is checked against the check's own fallback budget: each module says how many
    pages its workbook may take (PAGE_BUDGET, page_budget(figures), ledger_page_budget(rows) or
    xlsx_page_budget(report))."""
    from printcheck.workbooks import WORKBOOKS, declared_budget

    assert [wb.name for wb in WORKBOOKS if not declared_budget(wb.module)] == []
