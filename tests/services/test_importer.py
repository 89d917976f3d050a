"""Case import: every normalisation, every kind of bad row, all-or-nothing, idempotency, CSV encodings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import func, select

from zhixing_tui.errors import InvalidValue
from zhixing_tui.services.imports.run import import_cases
from zhixing_tui.services.printing.xlsx import put
from zhixing_tui.storage.models import AuditEntry, Case, OrgUnit, Party, StageEntry

HEADER = [
    "案号",
    "立案日期",
    "申请执行人",
    "被执行人",
    "申请执行标的额",
    "被执行人证件号码",
    "承办部门",
    "结案日期",
    "结案方式",
    "执行到位金额",
]
GOOD_ID = "11010519491231002X"


def make_xlsx(path: Path, rows: list[list], header: list[str] = HEADER, title: str | None = None) -> Path:
    """A workbook as the national system exports it: text stays text (never a formula)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    lines = ([[title]] if title else []) + [header] + rows
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line, start=1):
            put(ws, r, c, value)
    wb.save(path)
    return path


def count(desk, model) -> int:
    with desk.session() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def case_by_no(desk, no: str) -> Case:
    with desk.session() as s:
        return s.exec(select(Case).where(Case.case_no == no)).one()


def test_values_are_normalised_as_real_files_hold_them(desk, tmp_path):
    rows = [
        [
            "(2026)豫0326执１号",
            dt.datetime(2026, 3, 5),
            " 张三 ",
            "李四",
            12345.67,
            GOOD_ID,
            "普执一团队",
            None,
            None,
            None,
        ],
        [
            "（2026）豫0326执2号",
            "2026/3/5",
            "王五",
            "某某建材有限公司",
            "12,345.67",
            None,
            None,
            None,
            None,
            None,
        ],
        [None, None, None, None, None, None, None, None, None, None],
        ["（2026）豫0326执3号", "2026年3月5日", "王五", "赵六", "12345.67元", None, "", None, None, None],
        [
            "（2026） 豫0326执 4 号",
            "2026.03.05",
            "王五",
            "钱七、孙八",
            "１,０００",
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "（2026）豫0326执5号",
            "2026-03-05",
            "王五",
            "周九",
            800,
            None,
            "速执团队",
            "2026-04-01",
            "终本",
            "0",
        ],
    ]
    path = make_xlsx(tmp_path / "cases.xlsx", rows)
    report = import_cases(desk, path)
    assert report.invalid == []
    assert (report.rows, report.valid, report.inserted, report.updated) == (5, 5, 5, 0)
    c1 = case_by_no(desk, "（2026）豫0326执1号")
    assert (c1.filed_on, c1.claim_fen, c1.status) == (dt.date(2026, 3, 5), 1234567, "open")
    for n in (2, 3, 4):
        c = case_by_no(desk, f"（2026）豫0326执{n}号")
        assert c.filed_on == dt.date(2026, 3, 5)
    assert case_by_no(desk, "（2026）豫0326执2号").claim_fen == 1234567
    assert case_by_no(desk, "（2026）豫0326执3号").claim_fen == 1234567
    assert case_by_no(desk, "（2026）豫0326执4号").claim_fen == 100000
    with desk.session() as s:
        unit = s.exec(select(OrgUnit).where(OrgUnit.name == "普执一团队")).one()
        assert (c1.unit_id, c1.stage) == (unit.id, "ordinary_1")
        parties = s.exec(
            select(Party.role, Party.name, Party.kind, Party.id_number).where(Party.case_id == c1.id)
        ).all()
        assert sorted(parties) == [
            ("applicant", "张三", "person", None),
            ("respondent", "李四", "person", GOOD_ID),
        ]
        c2 = case_by_no(desk, "（2026）豫0326执2号")
        assert (
            s.exec(select(Party.kind).where(Party.case_id == c2.id, Party.role == "respondent")).one()
            == "company"
        )
        c4 = case_by_no(desk, "（2026）豫0326执4号")
        names = s.exec(select(Party.name).where(Party.case_id == c4.id, Party.role == "respondent")).all()
        assert sorted(names) == ["孙八", "钱七"]
    c5 = case_by_no(desk, "（2026）豫0326执5号")
    assert (c5.status, c5.stage, c5.closed_on, c5.closing_method) == (
        "closed",
        "closed",
        dt.date(2026, 4, 1),
        "终结本次执行程序",
    )
    with desk.session() as s:
        entries = s.exec(
            select(StageEntry.stage, StageEntry.left_at)
            .where(StageEntry.case_id == c5.id)
            .order_by(StageEntry.id)
        ).all()
    assert entries == [("fast", dt.datetime(2026, 4, 1, 9, 0)), ("closed", None)]
    # one audit entry per case, "导入：新增"
    with desk.session() as s:
        summaries = s.exec(select(AuditEntry.summary).where(AuditEntry.action == "import")).all()
    assert summaries == ["导入：新增"] * 5


def test_header_variants_and_a_title_row_above_the_header(desk, tmp_path):
    header = [
        "执行案号",
        "立案时间",
        "申请人",
        "被执行人",
        "标的额（元）",
        "身份证号",
        "承办团队",
        "到位金额",
    ]
    path = make_xlsx(
        tmp_path / "v.xlsx",
        [["（2026）豫0326执7号", "2026-05-06", "甲", "乙", 10, GOOD_ID, "特执团队", 3]],
        header=header,
        title="汝阳县人民法院执行案件一览表",
    )
    report = import_cases(desk, path)
    assert report.invalid == [] and report.inserted == 1
    c = case_by_no(desk, "（2026）豫0326执7号")
    assert (c.claim_fen, c.recovered_fen, c.stage) == (1000, 300, "special")


BAD_ROWS = [
    # row 2: good
    ["（2026）豫0326执10号", "2026-03-05", "张三", "李四", 100, None, None, None, None, None],
    # row 3: bad 案号
    ["2026豫0326执", "2026-03-05", "张三", "李四", 100, None, None, None, None, None],
    # row 4: impossible date
    ["（2026）豫0326执11号", "2026-02-30", "张三", "李四", 100, None, None, None, None, None],
    # row 5: negative amount
    ["（2026）豫0326执12号", "2026-03-05", "张三", "李四", -100, None, None, None, None, None],
    # row 6: unreadable amount
    ["（2026）豫0326执13号", "2026-03-05", "张三", "李四", "一百块", None, None, None, None, None],
    # row 7: wrong ID check digit
    ["（2026）豫0326执14号", "2026-03-05", "张三", "李四", 100, "110105194912310021", None, None, None, None],
    # row 8: missing required value
    ["（2026）豫0326执15号", "2026-03-05", None, "李四", 100, None, None, None, None, None],
    # row 9: same 案号 as row 2
    ["(2026)豫0326执10号", "2026-03-06", "张三", "李四", 100, None, None, None, None, None],
    # row 10: closing before filing
    ["（2026）豫0326执16号", "2026-03-05", "张三", "李四", 100, None, None, "2026-03-01", "执行完毕", None],
    # row 11: unknown 承办部门
    ["（2026）豫0326执17号", "2026-03-05", "张三", "李四", 100, None, "执行五庭", None, None, None],
    # row 12: unknown closing method
    ["（2026）豫0326执18号", "2026-03-05", "张三", "李四", 100, None, None, "2026-04-01", "调解", None],
    # row 13: filing date in the future (today is 2026-11-23)
    ["（2026）豫0326执19号", "2026-12-01", "张三", "李四", 100, None, None, None, None, None],
    # row 14: a number typed as the closing method (a code from another system)
    ["（2026）豫0326执20号", "2026-03-05", "张三", "李四", 100, None, None, "2026-04-01", 3, None],
]


def test_every_kind_of_bad_row_is_reported_with_row_column_and_reason(desk, tmp_path):
    path = make_xlsx(tmp_path / "bad.xlsx", BAD_ROWS)
    report = import_cases(desk, path)
    got = {(i.row, i.column) for i in report.invalid}
    assert got == {
        (3, "案号"),
        (4, "立案日期"),
        (5, "申请执行标的额"),
        (6, "申请执行标的额"),
        (7, "被执行人证件号码"),
        (8, "申请执行人"),
        (9, "案号"),
        (10, "结案日期"),
        (11, "承办部门"),
        (12, "结案方式"),
        (13, "立案日期"),
        (14, "结案方式"),
    }
    reasons = {i.row: i.reason for i in report.invalid}
    assert reasons[3] == "案号缺少案件序号：「执」后应为数字，如 （2026）豫0326执123号"
    assert reasons[4] == "立案日期不存在：2026-02-30（2026年2月只有28天）"
    assert reasons[5] == "申请执行标的额不能为负数：-100"
    assert reasons[6].startswith("申请执行标的额无法识别：「一百块」")
    assert reasons[7] == "被执行人「李四」的身份证号校验位错误：应为 X，实为 1"
    assert reasons[8] == "必填项为空"
    assert reasons[9] == "案号重复：与第 2 行相同"
    assert reasons[10] == "结案日期 2026-03-01 早于立案日期 2026-03-05"
    assert reasons[11].startswith("承办部门「执行五庭」不存在；本院的部门有：执行事务中心、综合组")
    assert "普执一团队" in reasons[11]
    assert reasons[12].startswith("结案方式无法识别：「调解」")
    assert reasons[13] == "立案日期晚于今天（2026-11-23），日期不可能"
    assert reasons[14].startswith("结案方式无法识别：「3」，应为 执行完毕、")
    assert report.invalid[0].cell == "A3"
    assert (report.valid, report.inserted, report.written, report.ok) == (1, 0, False, False)
    # all or nothing: not even the good row was written, and no audit entry
    assert count(desk, Case) == 0
    assert count(desk, AuditEntry) == 1  # the init entry only


def test_dry_run_counts_but_writes_nothing(desk, tmp_path):
    path = make_xlsx(tmp_path / "bad.xlsx", BAD_ROWS)
    report = import_cases(desk, path, dry_run=True, skip_invalid=True)
    assert (report.valid, report.inserted, report.written, report.ok) == (1, 1, False, True)
    assert report.rejects_path is None
    assert count(desk, Case) == 0


def test_skip_invalid_writes_good_rows_and_saves_bad_ones_for_correction(desk, tmp_path):
    path = make_xlsx(tmp_path / "bad.xlsx", BAD_ROWS)
    rejects = tmp_path / "out" / "rejects.xlsx"
    report = import_cases(desk, path, skip_invalid=True, rejects_path=rejects)
    assert (report.inserted, report.written, report.ok) == (1, True, True)
    assert count(desk, Case) == 1
    ws = openpyxl.load_workbook(report.rejects_path).active
    header = [c.value for c in ws[1]]
    assert header == HEADER + ["原行号", "错误原因"]
    assert ws.max_row == 1 + 12
    assert [ws.cell(r, 11).value for r in range(2, 14)] == list(range(3, 15))
    assert ws.cell(2, 12).value.startswith("案号：案号缺少案件序号")
    # ... and prints: A4 landscape, the reasons wrapped, legible type, the court in the footer
    from zhixing_tui.services.printing.xlsx import printed_font_size

    assert ws.cell(2, 12).alignment.wrap_text and ws.column_dimensions["L"].width == 36
    assert ws.page_setup.orientation == "landscape" and printed_font_size(ws) >= 9
    assert ws.oddFooter.left.text == "汝阳县人民法院" and "错误行" in ws.oddHeader.center.text
    # The rejects file can be corrected and imported as it is: its extra columns are ignored.
    again = import_cases(desk, report.rejects_path, dry_run=True)
    assert {i.column for i in again.invalid} >= {"案号", "立案日期"}
    assert again.unknown_columns == ["原行号", "错误原因"]


def test_importing_the_same_file_again_changes_nothing(desk, tmp_path):
    rows = [
        ["（2026）豫0326执21号", "2026-03-05", "张三", "李四", 100, GOOD_ID, "普执二团队", None, None, None],
        [
            "（2026）豫0326执22号",
            "2026-03-05",
            "张三",
            "王五",
            200,
            None,
            None,
            "2026-06-01",
            "执行完毕",
            200,
        ],
    ]
    path = make_xlsx(tmp_path / "c.xlsx", rows)
    first = import_cases(desk, path)
    audits = count(desk, AuditEntry)
    second = import_cases(desk, path)
    assert (first.inserted, second.inserted, second.updated, second.unchanged) == (2, 0, 0, 2)
    assert count(desk, AuditEntry) == audits
    assert count(desk, Party) == 4
    assert count(desk, StageEntry) == 3


def test_changed_fields_update_with_one_audit_entry(desk, tmp_path):
    make = lambda claim, closed, method: make_xlsx(  # noqa: E731
        tmp_path / "c.xlsx",
        [["（2026）豫0326执31号", "2026-03-05", "张三", "李四", claim, None, None, closed, method, None]],
    )
    import_cases(desk, make(100, None, None))
    report = import_cases(desk, make(150, "2026-05-01", "终本"))
    assert (report.inserted, report.updated) == (0, 1)
    c = case_by_no(desk, "（2026）豫0326执31号")
    assert (c.claim_fen, c.status, c.stage, c.closing_method) == (
        15000,
        "closed",
        "closed",
        "终结本次执行程序",
    )
    with desk.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.case_id == c.id).order_by(AuditEntry.id)).all()
    assert [e.summary for e in entries] == ["导入：新增", "导入：更新 申请执行标的额、结案日期、结案方式"]
    assert entries[1].before["claim_fen"] == 10000 and entries[1].after["claim_fen"] == 15000
    # blank cells never clear: the same row without its closing leaves the case closed
    import_cases(desk, make(150, None, None))
    assert case_by_no(desk, "（2026）豫0326执31号").status == "closed"


def test_new_party_names_are_added_on_update(desk, tmp_path):
    p = tmp_path / "c.xlsx"
    make_xlsx(p, [["（2026）豫0326执41号", "2026-03-05", "张三", "李四", 100, None, None, None, None, None]])
    import_cases(desk, p)
    make_xlsx(
        p, [["（2026）豫0326执41号", "2026-03-05", "张三", "李四、王五", 100, None, None, None, None, None]]
    )
    report = import_cases(desk, p)
    assert report.updated == 1
    c = case_by_no(desk, "（2026）豫0326执41号")
    assert "王五" in c.search_text and "ww" in c.search_text
    with desk.session() as s:
        assert (
            s.exec(
                select(AuditEntry.summary).where(AuditEntry.case_id == c.id).order_by(AuditEntry.id.desc())
            ).first()
            == "导入：更新 被执行人"
        )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_and_gbk(desk, tmp_path, encoding):
    text = '案号,立案日期,申请人,被执行人,标的额\n（2026）豫0326执51号,2026/3/5,张三,李四,"12,345.67"\n,,,,\n'
    path = tmp_path / "c.csv"
    path.write_bytes(text.encode(encoding))
    report = import_cases(desk, path)
    assert report.invalid == [] and report.inserted == 1
    c = case_by_no(desk, "（2026）豫0326执51号")
    assert (c.filed_on, c.claim_fen) == (dt.date(2026, 3, 5), 1234567)


def test_both_readers_agree(desk, tmp_path):
    path = make_xlsx(tmp_path / "bad.xlsx", BAD_ROWS)
    a = import_cases(desk, path, dry_run=True, reader="calamine")
    b = import_cases(desk, path, dry_run=True, reader="openpyxl")
    assert [i.as_dict() for i in a.invalid] == [i.as_dict() for i in b.invalid]


def test_file_level_problems_raise(desk, tmp_path):
    path = make_xlsx(
        tmp_path / "h.xlsx",
        [["（2026）豫0326执1号", "2026-03-05", "张三"]],
        header=["案号", "立案日期", "申请人"],
    )
    with pytest.raises(InvalidValue) as exc:
        import_cases(desk, path)
    assert exc.value.message == (
        "表头缺少必填列：被执行人；申请执行标的额（也可写作 申请标的额、执行标的、执行标的额、标的额）"
    )
    with pytest.raises(InvalidValue, match="找不到表头"):
        import_cases(desk, make_xlsx(tmp_path / "n.xlsx", [["x"]], header=["姓名", "年龄"]))
    with pytest.raises(InvalidValue, match="不支持的文件类型"):
        (tmp_path / "a.pdf").write_bytes(b"%PDF")
        import_cases(desk, tmp_path / "a.pdf")


def test_date_typed_as_digits_and_formula_looking_names_stay_text(desk, tmp_path):
    hostile = '=HYPERLINK("http://example.com","点我")'
    rows = [
        ["（2026）豫0326执61号", 20260305, "+张三", "@李四", 100, None, None, None, None, None],
        ["（2026）豫0326执62号", "2026-03-05", "-王五", hostile, -1, None, None, None, None, None],
    ]
    report = import_cases(
        desk, make_xlsx(tmp_path / "f.xlsx", rows), skip_invalid=True, rejects_path=tmp_path / "r.xlsx"
    )
    assert report.inserted == 1
    c = case_by_no(desk, "（2026）豫0326执61号")
    assert c.filed_on == dt.date(2026, 3, 5)
    with desk.session() as s:
        assert sorted(s.exec(select(Party.name).where(Party.case_id == c.id)).all()) == ["+张三", "@李四"]
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert [ws.cell(2, i).value for i in (3, 4)] == ["-王五", hostile]
    assert [ws.cell(2, i).data_type for i in (3, 4)] == ["s", "s"]


def test_an_open_imported_case_starts_its_execution_period_and_closing_completes_it(desk, tmp_path):
    from zhixing_tui.storage.models import DeadlineNode

    def nodes(no):
        cid = case_by_no(desk, no).id
        with desk.session() as s:
            return {n.rule_id: n for n in s.exec(select(DeadlineNode).where(DeadlineNode.case_id == cid))}

    open_row = ["（2026）豫0326执41号", "2026-03-05", "张三", "李四", 100, None, None, None, None, None]
    closed_row = [
        "（2026）豫0326执42号",
        "2026-03-05",
        "张三",
        "王五",
        200,
        None,
        None,
        "2026-06-01",
        "执行完毕",
        200,
    ]
    import_cases(desk, make_xlsx(tmp_path / "a.xlsx", [open_row, closed_row]))
    assert list(nodes("（2026）豫0326执41号")) == ["national.execution_period"]  # the early steps are unseen
    period = nodes("（2026）豫0326执41号")["national.execution_period"]
    assert (period.due_on, period.completed_at) == (dt.date(2026, 9, 7), None)  # 09-05 is a Saturday
    assert nodes("（2026）豫0326执42号") == {}  # closed on arrival: no clock to run
    # the national system reports it closed: re-importing completes the running clock
    open_row[7:10] = ["2026-08-20", "执行完毕", 100]
    import_cases(desk, make_xlsx(tmp_path / "b.xlsx", [open_row]))
    period = nodes("（2026）豫0326执41号")["national.execution_period"]
    assert period.completed_at == dt.datetime(2026, 8, 20, 9, 0)


def _requery_nodes(desk, case_id: int) -> list[tuple[str, dt.date, bool]]:
    from zhixing_tui.profiles.deadline_schema import ZHONGBEN_REQUERY
    from zhixing_tui.storage.models import DeadlineNode

    with desk.session() as s:
        nodes = s.exec(
            select(DeadlineNode).where(
                DeadlineNode.case_id == case_id, DeadlineNode.rule_id == ZHONGBEN_REQUERY
            )
        ).all()
    return [(n.name[-9:], n.due_on, n.completed_at is None) for n in nodes]


def test_an_imported_zhongben_case_enters_the_library_at_its_next_requery(desk, tmp_path):
    """Closed by 终本 on 2025-09-15 in the national system, imported on 2026-11-23: the re-queries
    due 2026-03-16 and 2026-09-15 were made (or not) there; zhixing tracks the third, due 2027-03-15."""
    row = ["（2025）豫0326执77号", "2025-03-05", "张三", "李四", 100, None, None, "2025-09-15", "终本", None]
    import_cases(desk, make_xlsx(tmp_path / "c.xlsx", [row]))
    case = case_by_no(desk, "（2025）豫0326执77号")
    assert _requery_nodes(desk, case.id) == [("第3期（共10期）", dt.date(2027, 3, 15), True)]
    # an open case closed by 终本 through a later import joins the same way, once
    later = ["（2026）豫0326执78号", "2026-01-05", "张三", "李四", 100, None, None, None, None, None]
    import_cases(desk, make_xlsx(tmp_path / "d.xlsx", [later]))
    later[7:9] = ["2026-10-20", "终本"]
    import_cases(desk, make_xlsx(tmp_path / "d.xlsx", [later]))
    import_cases(desk, make_xlsx(tmp_path / "d.xlsx", [later]))
    closed = case_by_no(desk, "（2026）豫0326执78号")
    assert _requery_nodes(desk, closed.id) == [("第1期（共10期）", dt.date(2027, 4, 20), True)]
    # other closing methods are not in the library
    done = [
        "（2026）豫0326执79号",
        "2026-01-05",
        "张三",
        "李四",
        100,
        None,
        None,
        "2026-10-20",
        "执行完毕",
        100,
    ]
    import_cases(desk, make_xlsx(tmp_path / "e.xlsx", [done]))
    assert _requery_nodes(desk, case_by_no(desk, "（2026）豫0326执79号").id) == []
