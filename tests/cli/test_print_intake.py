"""``zhixing print intake 案号``: the 初次接待谈话笔录 / 未进行初次接待原因的说明 .docx on demo data."""

from __future__ import annotations

from docx import Document
from docx.oxml.ns import qn
from typer.testing import CliRunner

from tests import office
from tests.office import needs_soffice
from zhixing_tui.cli.main import app
from zhixing_tui.domain import intake as rules
from zhixing_tui.services.cases.search import search_cases
from zhixing_tui.services.window import intake as svc
from zhixing_tui.storage.db import sqlite_path

runner = CliRunner()


def demo_case(desk):
    row = search_cases(desk, "", limit=1).items[0]
    return row.id, row.case_no


def save_interview(desk, case_id: int) -> svc.IntakeView:
    view = svc.load_intake(desk, case_id)
    answers = view.answers | {
        "filing_check": "ok",
        "applicant_phone": "13912345678",
        "applicant_address": "汝阳县城关镇建设路1号",
        "account_bank": "中国农业银行汝阳支行",
        "account_no": "6228480000000000000",
        "account_holder": "李四",
        "notice_service_at_trial": "no",
        "performance": "unknown",
        "risks": ["inability", "clues", "lawyer_order", "reward", "dishonest"],
        "settlement": "depends",
        "respondent_workplace": "洛阳市某某机械厂",
        "interviewer": "张三",
        "recorder": "王芳",
    }
    svc.save_intake(desk, case_id, answers)
    return svc.load_intake(desk, case_id)


#: 被谈话人身份 as the record prints it (a company applicant is interviewed through its 法定代表人)
ROLE_NAMES = {"applicant": "申请执行人本人", "legal_rep": "法定代表人", "agent": "委托代理人"}


def texts(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def test_print_intake_on_a_demo_case(demo_desk, tmp_path):
    case_id, case_no = demo_case(demo_desk)
    view = save_interview(demo_desk, case_id)
    half_width = case_no.replace("（", "(").replace("）", ")")
    res = runner.invoke(app, ["print", "intake", half_width, "--db", str(sqlite_path(demo_desk.url))])
    assert res.exit_code == 0, res.output
    out = tmp_path / "exports" / f"汝阳-初次接待谈话笔录-{case_no}.docx"
    assert res.stdout == f"已写入 {out}\n"
    lines = texts(out)
    assert lines[:3] == [
        "汝阳县人民法院",
        "初次接待谈话笔录",
        "时间：2026年11月23日　　地点：汝阳县人民法院执行接待窗口",
    ]
    assert lines[3:5] == [
        "谈话人：张三　　记录人：王芳",
        f"被谈话人：{view.answers['interviewee']}（{ROLE_NAMES[view.answers['interviewee_role']]}）",
    ]
    assert f"案号：{case_no}" in lines
    applicants = "；".join(p.name for p in view.case.applicants)
    assert any(line.startswith("申请执行人：") and view.case.applicants[0].name in line for line in lines), (
        applicants
    )
    assert any(line.startswith("被执行人：") and view.case.respondents[0].name in line for line in lines)
    # every field of the form, in sections
    for title in (
        "一、立案信息核对",
        "二、申请执行人",
        "三、被执行人",
        "四、财产线索",
        "五、意见",
        "六、和解意愿",
    ):
        assert title in lines
    assert "工作单位及地点：洛阳市某某机械厂" in lines
    assert "收款账号：6228480000000000000" in lines
    assert "和解、调解意愿：视被执行人情况而定" in lines
    assert "抵押、质押情况：—" in lines
    # risk notices as ticked items
    assert "☑ 告知执行不能的风险" in lines
    assert "☐ 告知三级法院24小时执行举报电话及本院执行微信公众号" in lines
    # the three signature lines with dates
    signatures = [line for line in lines if "（签名）：" in line]
    assert [s.split("（签名）")[0] for s in signatures] == ["被谈话人", "谈话人", "记录人"]
    assert all(s.endswith("　　年　　月　　日") for s in signatures)
    assert "（张三）" in signatures[1] and "（王芳）" in signatures[2]
    # Chinese fonts are set for East Asian text
    doc = Document(str(out))
    title_run = doc.paragraphs[1].runs[0]
    assert title_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    body_run = doc.paragraphs[2].runs[1]
    assert body_run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert list((tmp_path / "exports").iterdir()) == [out]  # no temporary file left behind


def test_print_no_interview_note(demo_desk, tmp_path):
    case_id, case_no = demo_case(demo_desk)
    svc.save_intake(
        demo_desk,
        case_id,
        {
            "no_interview_reason": "申请执行人书面表示不来院",
            "interviewer": "张三",
            "held_on": "2026-11-20",
            "place": "执行接待窗口",
        },
        interviewed=False,
    )
    out = tmp_path / "说明.docx"
    res = runner.invoke(
        app, ["print", "intake", case_no, "--out", str(out), "--db", str(sqlite_path(demo_desk.url))]
    )
    assert res.exit_code == 0, res.output
    lines = texts(out)
    assert lines[:3] == [
        "汝阳县人民法院",
        "未进行初次接待原因的说明",
        "时间：2026年11月20日　　地点：执行接待窗口",
    ]
    assert "原因：申请执行人书面表示不来院" in lines
    assert [line.split("（签名）")[0] for line in lines if "（签名）" in line] == ["说明人（窗口工作人员）"]
    assert not any(line.startswith(("☑", "☐")) for line in lines)


def test_print_intake_errors(demo_desk, tmp_path):
    db = str(sqlite_path(demo_desk.url))
    _, case_no = demo_case(demo_desk)
    res = runner.invoke(app, ["print", "intake", case_no, "--db", db])
    assert res.exit_code == 1
    assert res.stderr == f"错误：案件 {case_no} 尚无初次接待笔录：请先在“初次接待”界面填写并保存\n"
    res = runner.invoke(app, ["print", "intake", "（2026）豫0326执99999号", "--db", db])
    assert (res.exit_code, res.stderr) == (1, "错误：没有案号为 （2026）豫0326执99999号 的案件\n")
    res = runner.invoke(app, ["print", "intake", "abc", "--db", db])
    assert res.exit_code == 2 and res.stderr.startswith("错误：")
    assert not (tmp_path / "exports").exists()


def test_help_is_chinese():
    res = runner.invoke(app, ["print", "intake", "--help"])
    assert res.exit_code == 0
    assert "初次接待谈话笔录" in res.stdout


@needs_soffice
def test_libreoffice_opens_the_record(demo_desk, tmp_path):
    case_id, case_no = demo_case(demo_desk)
    view = save_interview(demo_desk, case_id)
    from zhixing_tui.services.printing.intake_record import write_intake_record

    path = write_intake_record(demo_desk, case_no, tmp_path / "record.docx")
    text = office.convert(path, "txt:Text", tmp_path).read_text(encoding="utf-8-sig")
    assert case_no in text
    assert view.case.respondents[0].name in text
    for role in ("被谈话人（签名）", "谈话人（签名）", "记录人（签名）"):
        assert role in text
    assert rules.RISK_ITEMS[0][1] in text
