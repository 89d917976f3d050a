"""The printing layer (services/printing/word.py) and every form on it, read back with python-docx:
widths that agree and fit, repeated headers, rows that do not split, page X / Y fields, fonts and
the East Asian language. (Converting to PDF is the print check's: test_print_check.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from printcheck.docx_structure import docx_problems
from printcheck.run import PROFILES, discover

from zhixing_tui.services.printing import word


def _grid(table) -> list[int]:
    return [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def _text_twips(doc) -> int:
    sec = doc.sections[0]
    return int((sec.page_width - sec.left_margin - sec.right_margin) / 635)


def sample(tmp_path, *, landscape=False):
    doc = word.new_document(landscape=landscape)
    word.title_block(doc, "汝阳县人民法院", "测试表")
    cols = [
        word.Column("序号", 1.0, nowrap=True, align="center"),
        word.Column("流程节点", 8.0),
        word.Column("金额（元）", 2.0, nowrap=True, align="right"),
        word.Column("日期", 2.0, nowrap=True),
    ]
    rows = [(str(i), "发起总对总、点对点网络查控" * 2, "12,504,976.00", "2026-11-02") for i in range(40)]
    t = word.table(doc, cols, rows)
    form = word.label_table(doc, [("案号", "（2026）豫0326执1号")])
    word.opinion_row(form, "执行局长意见", "", height_cm=4.0, signer="执行局长")
    word.opinion_row(form, "团队意见", "同意", name="张三", on=date(2026, 12, 1))
    word.signature_lines(doc, [("填表人", "李四"), ("组长", "")])
    path = word.save(doc, tmp_path / "t.docx")
    return Document(str(path)), t, path


def test_a_table_grid_and_its_cells_agree_and_fit_the_text_width(tmp_path):
    for landscape in (False, True):
        doc, _, path = sample(tmp_path, landscape=landscape)
        table = doc.tables[0]
        grid = _grid(table)
        assert abs(sum(grid) - _text_twips(doc)) <= 30  # fills the text width, never wider
        for row in table.rows:
            assert [int(c._tc.tcPr.tcW.get(qn("w:w"))) for c in row.cells] == grid
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout.get(qn("w:type")) == "fixed"
        assert docx_problems(path) == []


def test_nowrap_columns_are_widened_to_their_longest_value():
    cols = [
        word.Column("序号", 1.0, nowrap=True),
        word.Column("节点", 10.0),
        word.Column("金额", 1.0, nowrap=True),
    ]
    widths = word._fit_widths(cols, [("1", "x", "12,504,976.00")], 16.0, 10.5)
    assert round(sum(widths), 6) == 16.0
    assert widths[2] >= word.text_width_of("12,504,976.00", 10.5) + 0.38


def test_header_repeats_and_no_row_splits(tmp_path):
    doc, table, _ = sample(tmp_path)
    rows = doc.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)


def test_opinion_box_is_a_row_of_fixed_height_with_a_signature_line(tmp_path):
    doc, _, _ = sample(tmp_path)
    form = doc.tables[1]
    box = form.rows[1]
    height = box._tr.trPr.find(qn("w:trHeight"))
    assert int(height.get(qn("w:val"))) == round(4.0 * 1440 / 2.54)
    cell = box.cells[1].text.split("\n")
    assert cell[0] == "" and cell[-1] == "执行局长：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日"
    assert form.rows[2].cells[1].text.split("\n")[-1] == "签名：张三　　2026年12月1日"


def test_footer_has_page_x_of_y_fields(tmp_path):
    doc, _, _ = sample(tmp_path)
    footer = doc.sections[0].footer
    instr = [t.text.strip() for t in footer._element.iter(qn("w:instrText"))]
    assert instr == ["PAGE", "NUMPAGES"]
    assert footer.paragraphs[0].text == "第 1 页 共 1 页"


def test_fonts_and_east_asian_language(tmp_path):
    doc, _, _ = sample(tmp_path)
    title = doc.paragraphs[1].runs[0]._element.rPr
    assert title.rFonts.get(qn("w:eastAsia")) == "宋体"
    assert title.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    cell = doc.tables[0].rows[1].cells[1].paragraphs[0].runs[0]._element.rPr
    assert cell.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert cell.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"
    fonts = defaults.find(f".//{qn('w:rFonts')}")
    assert fonts.get(qn("w:eastAsia")) == "仿宋" and not any("heme" in a for a in fonts.attrib)
    normal = doc.styles["Normal"].element.rPr
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_the_layer_refuses_small_type_and_a_title_without_its_court():
    doc = word.new_document()
    with pytest.raises(ValueError):
        word.paragraph(doc, "小字", size=8)
    with pytest.raises(ValueError):
        word.title_block(doc, "", "测试表")


def test_the_structure_check_can_fail(tmp_path):
    """A table wider than the page, cells that disagree with the grid, 8 pt runs, no language."""
    from docx import Document as New
    from docx.shared import Cm, Pt

    doc = New()
    t = doc.add_table(rows=2, cols=2)
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Cm(12), Cm(12)
    doc.add_paragraph().add_run("小字").font.size = Pt(8)
    path = tmp_path / "bad.docx"
    doc.save(str(path))
    problems = "\n".join(docx_problems(path))
    for expected in ("wide, text area", "is ", "not fixed", "cantSplit", "under 9 pt", "w:lang", "PAGE"):
        assert expected in problems, expected


@pytest.mark.parametrize("profile", PROFILES)
def test_every_printed_form_of_every_court_is_well_formed(profile, desk_factory, tmp_path):
    """Each output the print check covers, written from a demo of the court: no structural problem,
    the court's name first, the East Asian language everywhere (docx_problems)."""
    desk = desk_factory(profile, cases=120)
    written = []
    for output in discover():
        folder = tmp_path / output.short
        folder.mkdir()
        written += [r[0] if isinstance(r, tuple) else r for r in output.samples(desk, folder)]  # type: ignore[operator]
    docx = [p for p in written if p.suffix == ".docx"]
    assert docx, "no form printed"
    for path in docx:
        assert docx_problems(path) == [], path.name
        assert Document(str(path)).paragraphs[0].text == desk.profile.court.name
