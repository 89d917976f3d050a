"""The forms a court's plan names (domain.forms, ``printed_forms`` of its profile): each form's
service gathers what was recorded, and the .docx carries the court's name in the title, the
recorded facts, opinion boxes with room to write and a signature line, and the plan's own title
and clause — never a seed file id."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from pydantic import ValidationError
from sqlmodel import col, select

from tests.services.test_money import as_role, staff_with
from zhixing_tui.domain.forms import PRINTED_FORMS
from zhixing_tui.domain.statistics import Month
from zhixing_tui.errors import Conflict, NotFound
from zhixing_tui.profiles import load_profile
from zhixing_tui.services.board import handoffs
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.board.papers import closing_review_form, latest_travel_id, travel_form
from zhixing_tui.services.board.submissions import group_submissions
from zhixing_tui.services.board.travel import request_travel
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.triage.related_form import related_cases_form
from zhixing_tui.services.window.address import address_sheets
from zhixing_tui.storage.models import Approval, Case, IntakeRecord

JIANLI_CHIEF = "郭利"  # 执行局长 on the 监利 roster
MONITOR = "吴敦辉"  # 指挥监控组 组长


def texts(path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs]


def cells(path) -> list[list[str]]:
    doc = Document(str(path))
    return [[c.text for c in r.cells] for t in doc.tables for r in t.rows]


def row_of(path, label: str) -> list[str]:
    return next(r for r in cells(path) if r[0] == label)


def opinion_heights(path) -> dict[str, int]:
    """label → the row's minimum height (dxa) for every row that has one (the opinion boxes)."""
    out = {}
    for t in Document(str(path)).tables:
        for r in t.rows:
            h = r._tr.trPr.find(qn("w:trHeight")) if r._tr.trPr is not None else None
            if h is not None:
                out[r.cells[0].text] = int(h.get(qn("w:val")))
    return out


def jianli_case(desk, n: int = 12, *, respondent: str = "荆州市长江建材有限公司") -> int:
    return register_case(
        desk,
        case_no=f"(2026)鄂1088执{n}号",
        filed_on=date(2026, 10, 9),
        claim_fen=8_000_000,
        applicants=[PartyInput("王建国", "person")],
        respondents=[PartyInput(respondent, "company")],
    )


# --- the profile field --------------------------------------------------------------------------
def test_profiles_list_the_forms_their_plans_name():
    assert [f.id for f in load_profile("jianli").printed_forms] == [
        "travel",
        "closing_review",
        "group_submissions",
    ]
    assert [f.id for f in load_profile("gushi").printed_forms] == ["related_cases", "address_confirmation"]
    assert [f.id for f in load_profile("shihe").printed_forms] == [
        "valuation_handover",
        "late_payout",
        "address_confirmation",
    ]
    assert load_profile("ruyang").printed_forms == [] and not load_profile("ruyang").prints("travel")
    assert load_profile("jianli").form_source("travel") == "004 第三组 6、7"


def test_printed_forms_are_validated():
    data = load_profile("jianli").model_dump(by_alias=True)
    with pytest.raises(ValidationError, match="未知表格 trip"):
        type(load_profile("jianli")).model_validate(
            {**data, "printed_forms": [{"id": "trip", "source": "004"}]}
        )
    twice = [{"id": "travel", "source": "004 第三组 6"}] * 2
    with pytest.raises(ValidationError, match="表格重复：travel"):
        type(load_profile("jianli")).model_validate({**data, "printed_forms": twice})
    assert set(PRINTED_FORMS) == {
        "travel",
        "closing_review",
        "related_cases",
        "valuation_handover",
        "late_payout",
        "group_submissions",
        "address_confirmation",
    }


# --- 出差审批表 (监利) -----------------------------------------------------------------------------
def test_travel_form_from_the_request_and_its_decision(desk_factory, tmp_path):
    from zhixing_tui.services.printing.travel_form import write_travel_form

    desk = desk_factory("jianli", cases=40, operator="李剑")  # 线索查控员
    cid = jianli_case(desk, 9012)
    aid = request_travel(
        desk, cid, scope="in_city", destination="荆州市沙市区", purpose="查找被执行人法定代表人"
    )
    assert latest_travel_id(desk, "(2026)鄂1088执9012号") == aid
    f = travel_form(desk, aid)
    assert (f.court, f.case.case_no, f.case.applicants, f.case.respondents) == (
        "监利市人民法院",
        "（2026）鄂1088执9012号",
        "王建国",
        "荆州市长江建材有限公司",
    )
    assert (f.traveller, f.traveller_unit, f.scope_name, f.approver, f.destination, f.purpose) == (
        "李剑",
        "线索查控组",
        "县外市内（报局长批准）",
        "局长",
        "荆州市沙市区",
        "查找被执行人法定代表人",
    )
    assert f.decision.pending

    pending = write_travel_form(desk, aid, tmp_path / "pending.docx")
    assert texts(pending)[:2] == ["监利市人民法院", "出差审批表"]
    assert row_of(pending, "出差范围") == ["出差范围", "县外市内（报局长批准）"]
    box = row_of(pending, "局长审批意见")[1]
    assert box.startswith("　") and "同意" not in box  # a pending request leaves the box to the 局长's hand
    assert box.endswith("签名：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日")
    heights = opinion_heights(pending)
    assert set(heights) == {"出差人", "组长意见", "局长审批意见"}
    assert heights["局长审批意见"] >= 1800  # ≥ 3.2 cm to write in
    note = texts(pending)[-1]
    assert "财务室不予报销差旅费" in note and note.endswith(
        "（《监利市人民法院执行“一站式”改革方案》第三组6、7）。"
    )
    assert "004" not in "\n".join(texts(pending))

    decide_any(replace(desk, operator=JIANLI_CHIEF), aid, approve=True, note="限两日")
    decided = write_travel_form(desk, aid, tmp_path / "decided.docx")
    box = row_of(decided, "局长审批意见")[1]
    assert box.startswith("同意出差：限两日。（郭利于2026年11月23日在系统中批准）")


def test_travel_form_of_a_case_without_a_trip(desk_factory):
    desk = desk_factory("jianli", operator="杨琼")
    jianli_case(desk)
    with pytest.raises(NotFound, match="没有出差申请"):
        latest_travel_id(desk, "(2026)鄂1088执12号")


# --- 结案审查表 (监利) -----------------------------------------------------------------------------
def test_closing_review_form_from_the_submitted_closing(desk_factory, tmp_path):
    from zhixing_tui.services.printing.closing_review import write_closing_review

    desk = desk_factory("jianli", cases=40, operator="杨琼")  # 线上查控组组长
    cid = jianli_case(desk, 9013)
    hid = handoffs.submit_close(
        desk, cid, method="执行完毕", closing_fen=8_000_000, recovered_fen=7_500_000, abandoned_fen=500_000,
        reason="被执行人履行7.5万元，申请人放弃其余",
    )  # fmt: skip
    f = closing_review_form(desk, "(2026)鄂1088执9013号")
    assert (f.handoff_id, f.group, f.method, f.reviewer_unit, f.submitted_by) == (
        hid,
        "线上查控组",
        "执行完毕",
        "结案审查组",
        "杨琼",
    )
    assert (f.claim_fen, f.closing_fen, f.recovered_fen, f.abandoned_fen) == (
        8_000_000,
        8_000_000,
        7_500_000,
        500_000,
    )
    assert f.materials == () and f.decision.pending
    path = write_closing_review(desk, "(2026)鄂1088执9013号", tmp_path / "c.docx")
    assert texts(path)[:2] == ["监利市人民法院", "结案审查表"]
    for label, value in (
        ("结案方式", "执行完毕"),
        ("执行到位金额（元）", "75,000.00"),
        ("申请人放弃金额（元）", "5,000.00"),
        ("报结组别", "线上查控组"),
        ("报结人、报结日期", "杨琼　2026年11月23日"),
    ):
        assert row_of(path, label) == [label, value]
    assert set(opinion_heights(path)) == {"承办人意见", "报结组组长意见", "结案审查组审查意见"}
    assert row_of(path, "结案审查组审查意见")[1].endswith(
        "审查人签名（盖章）：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日"
    )

    handoffs.approve(replace(desk, operator=MONITOR), hid)
    approved = write_closing_review(desk, "(2026)鄂1088执9013号", tmp_path / "a.docx")
    assert row_of(approved, "结案审查组审查意见")[1].startswith(
        "审查合格，同意结案。（吴敦辉于2026年11月23日在系统中批准）"
    )


# --- 类案集中审批表 (固始) -------------------------------------------------------------------------
def test_related_cases_form_from_the_proposal(desk_factory, tmp_path):
    from zhixing_tui.services.printing.related_cases_form import write_related_cases

    desk = desk_factory("gushi", cases=200)
    with desk.session() as s:
        a, case_no = s.exec(
            select(Approval, Case.case_no)
            .join(Case, col(Case.id) == col(Approval.case_id))
            .where(Approval.kind == "related_cases")
            .order_by(col(Approval.id))
        ).first()
        others = {
            r["case_no"]: s.exec(select(Case).where(Case.case_no == r["case_no"])).one()
            for r in a.details["related"]
        }
    f = related_cases_form(desk, case_no)
    assert (f.approval_id, f.court, f.proposed_team, f.proposed_by) == (
        a.id,
        "固始县人民法院",
        a.details["team"],
        a.requested_by,
    )
    assert [(r.case_no, r.reasons, r.team) for r in f.related] == [
        (r["case_no"], tuple(r["reasons"]), r["team"]) for r in a.details["related"]
    ]
    assert [r.status for r in f.related] == [
        "已结" if others[r.case_no].status == "closed" else "未结" for r in f.related
    ]
    path = write_related_cases(desk, case_no, tmp_path / "r.docx")
    assert texts(path)[:2] == ["固始县人民法院", "类案集中审批表"]
    table = Document(str(path)).tables[1]
    assert [c.text for c in table.rows[0].cells] == ["序号", "案号", "关联情形", "当事人", "承办团队"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert len(table.rows) == 1 + len(f.related)
    assert set(opinion_heights(path)) == {"执行事务中心意见", "执行局长审批意见"}
    assert texts(path)[-1].endswith("原则上交由同一执行实施团队办理（《固始县人民法院关于全面推行执行事务分段集约、"
                                    "繁简分流、速执团队、案件流转办案机制的实施意见》二、15）。")  # fmt: skip


# --- 送达地址确认书 (固始, 浉河) -------------------------------------------------------------------
def test_address_sheets_take_the_confirmed_address_of_the_interview(desk_factory, tmp_path):
    from zhixing_tui.services.printing.address_form import write_address_confirmation

    desk = desk_factory("shihe", cases=200)
    with desk.session() as s:
        rec, case_no = s.exec(
            select(IntakeRecord, Case.case_no)
            .join(Case, col(Case.id) == col(IntakeRecord.case_id))
            .where(col(IntakeRecord.is_current), col(IntakeRecord.interviewed))
            .order_by(col(Case.id))
        ).first()
    sheets = address_sheets(desk, case_no)
    applicant = next(x for x in sheets if x.role == "申请执行人")
    assert (applicant.address, applicant.phone, applicant.confirmed_at_intake) == (
        rec.answers["applicant_address"],
        rec.answers["applicant_phone"],
        True,
    )
    assert [x.role for x in sheets] == sorted((x.role for x in sheets), key=["申请执行人", "被执行人"].index)
    path = write_address_confirmation(desk, case_no, tmp_path / "a.docx")
    doc = Document(str(path))
    titles = [p.text for p in doc.paragraphs if p.text in ("信阳市浉河区人民法院", "送达地址确认书")]
    assert titles == ["信阳市浉河区人民法院", "送达地址确认书"] * len(sheets)  # one page per party
    assert row_of(path, "送达地址")[1] == applicant.address
    assert row_of(path, "受送达人确认")[1].endswith(
        "受送达人（签名、盖章）：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日"
    )
    with pytest.raises(NotFound, match="没有名为「无此人」的当事人"):
        address_sheets(desk, case_no, "无此人")


# --- 各组送审案件情况统计表 (监利) ------------------------------------------------------------------
def test_group_submissions_count_what_each_group_submitted(desk_factory, tmp_path):
    from zhixing_tui.services.printing.submissions_form import write_group_submissions

    desk = desk_factory("jianli", operator="杨琼")
    monitor = replace(desk, operator=MONITOR)
    ids = [jianli_case(desk, n) for n in (1, 2, 3, 4)]
    approved, returned, waiting = (handoffs.submit_move(desk, cid, "offline_query") for cid in ids[:3])
    handoffs.approve(monitor, approved)
    handoffs.return_handoff(monitor, returned, reason="实有情况表未经组长签字")
    handoffs.submit_close(desk, ids[3], method="执行完毕", closing_fen=8_000_000, recovered_fen=8_000_000)
    f = group_submissions(desk, Month(2026, 11))
    assert (f.court, f.as_of, f.approver) == ("监利市人民法院", date(2026, 11, 23), "指挥监控组（指挥中心）")
    online = f.rows[0]
    assert (online.group, online.submitted, online.moves, online.closings) == ("线上查控组", 4, 3, 1)
    assert (online.approved, online.returned, online.pending, online.return_rate) == (1, 1, 2, 0.5)
    assert all(r.submitted == 0 for r in f.rows[1:-1])
    assert (f.total.group, f.total.submitted, f.total.returned) == ("合计", 4, 1)
    assert [(r.case_no, r.group, r.decided_by, r.reason) for r in f.returns] == [
        ("（2026）鄂1088执2号", "线上查控组", MONITOR, "实有情况表未经组长签字")
    ]
    assert group_submissions(desk, Month(2026, 10)).total.submitted == 0
    with pytest.raises(Conflict, match="2026年12月尚未开始"):
        group_submissions(desk, Month(2026, 12))

    path = write_group_submissions(desk, Month(2026, 11), tmp_path / "s.docx")
    assert texts(path)[:3] == [
        "监利市人民法院",
        "各组送审案件情况统计表",
        "（2026年11月；审批情况统计至2026年11月23日）",
    ]
    rows = cells(path)
    assert rows[0] == ["组别", "送审", "其中移送", "其中报结", "审批通过", "退回整改", "待审批", "退回率"]
    assert rows[1] == ["线上查控组", "4", "3", "1", "1", "1", "2", "50.0%"]
    assert ["合计", "4", "3", "1", "1", "1", "2", "50.0%"] in rows
    assert ["（2026）鄂1088执2号", "线上查控组", "2026-11-23", MONITOR, "实有情况表未经组长签字"] in rows
    lines = texts(path)
    assert any(t.startswith("制表人（签名）：") for t in lines)
    assert any(t.startswith("指挥监控组组长（签名）：") for t in lines)


def test_group_submissions_on_the_demo_add_up(desk_factory):
    desk = desk_factory("jianli", cases=200)
    f = group_submissions(desk, Month(2026, 10))
    assert f.total.submitted > 0
    for r in f.rows:
        assert r.submitted == r.moves + r.closings == r.approved + r.returned + r.pending
    for name in ("submitted", "approved", "returned", "pending"):
        assert getattr(f.total, name) == sum(getattr(r, name) for r in f.rows[:-1])


# --- a court whose plan does not name the form ---------------------------------------------------
def test_forms_are_refused_where_the_plan_does_not_name_them(desk_factory, tmp_path):
    from zhixing_tui.services.printing.submissions_form import write_group_submissions
    from zhixing_tui.services.printing.travel_form import write_travel_form

    desk = desk_factory("gushi")
    with pytest.raises(Conflict, match="固始县人民法院的配置未列出《各组送审案件情况统计表》"):
        write_group_submissions(desk, Month(2026, 10), tmp_path / "x.docx")
    with pytest.raises(Conflict, match="未列出《出差审批表》"):
        write_travel_form(desk, 1, tmp_path / "y.docx")
    assert not list(tmp_path.glob("*.docx"))


def test_late_payout_form_leaves_a_pending_decision_blank(desk_factory, tmp_path):
    from tests.services.test_money import new_case
    from zhixing_tui.services.money.late import request_late_payout
    from zhixing_tui.services.money.records import record_arrival
    from zhixing_tui.services.printing.late_payout import write_late_payout
    from zhixing_tui.storage.models import Payment

    desk = desk_factory("shihe", cases=40)
    cid = new_case(desk, 9001)
    clerk = as_role(desk, "case_money")
    record_arrival(clerk, arrived_on=date(2026, 11, 2), amount_fen=80_000, payer="张三", case_id=cid)
    with desk.session() as s:
        pid = s.exec(select(Payment.id).where(Payment.case_id == cid)).one()
    aid = request_late_payout(clerk, pid, reason="申请执行人下落不明，无法通知领取")
    path = write_late_payout(desk, aid, tmp_path / "l.docx")
    assert texts(path)[:2] == ["信阳市浉河区人民法院", "案款逾期发放说明及审批表"]
    assert row_of(path, "未按期发放的理由")[1].startswith("申请执行人下落不明，无法通知领取")
    box = row_of(path, "执行局长审批意见")[1]
    assert "待审批" not in box and box.endswith("签名：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日")
    assert row_of(path, "未发放金额（元）") == ["未发放金额（元）", "800.00"]
    assert row_of(path, "填报人、填报日期") == [
        "填报人、填报日期",
        f"{staff_with(desk, 'case_money')}　2026年11月23日",
    ]
    assert texts(path)[-1].endswith(
        "（《信阳市浉河区人民法院关于推进执行指挥中心实体化运行的实施细则（试行）》四（二）2（6）；四（三）2（2））。"
    )


# --- 评估工作交接表 (浉河) -------------------------------------------------------------------------
def shihe_house(desk_factory):
    """A 浉河 case with a sealed house whose valuation started, with the survey typed."""
    from datetime import datetime

    from tests.triage_fixtures import waiting_case
    from zhixing_tui.services.disposal import start_disposal
    from zhixing_tui.services.disposal.steps import start_valuation
    from zhixing_tui.services.triage import decisions
    from zhixing_tui.services.window import checklist
    from zhixing_tui.storage.models import QueryItem, Staff

    desk = desk_factory("shihe", cases=40)
    cid = waiting_case(desk, 9001, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = staff_with(desk, "triage_clerk") or staff_with(desk, "center_director")
    decisions.decide(desk, cid, team="执行实施团队", reason="需处置房产")
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        unit_id = s.get(Case, cid).unit_id
        house = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid,
                QueryItem.channel == "offline",
                QueryItem.asset_type == "real_estate",
            )
        ).one()
        handler = s.exec(
            select(Staff.name).where(Staff.unit_id == unit_id, Staff.active).order_by(col(Staff.id))
        ).first()
    checklist.move_item(desk, house, "feedback", result="found", on=date(2026, 11, 18))
    desk.operator = handler  # the team's handler seals it (a triage clerk may not)
    checklist.move_item(desk, house, "sealed", on=date(2026, 11, 18))
    start_disposal(desk, cid, item_id=house, on=date(2026, 11, 20))
    start_valuation(
        desk, cid, item_id=house, on=date(2026, 11, 23), method="委托评估",
        ownership="登记在张三名下，无抵押", occupancy="张三一家居住",
    )  # fmt: skip
    with desk.session() as s:
        return desk, s.get(Case, cid).case_no, house


def test_valuation_handover_from_the_disposal_record(desk_factory, tmp_path):
    from zhixing_tui.services.disposal.handover import valuation_handover
    from zhixing_tui.services.printing.valuation_form import write_valuation_form

    desk, case_no, house = shihe_house(desk_factory)
    f = valuation_handover(desk, case_no)
    assert (f.court, f.item_id, f.ownership, f.occupancy, f.method) == (
        "信阳市浉河区人民法院",
        house,
        "登记在张三名下，无抵押",
        "张三一家居住",
        "委托评估",
    )
    assert (f.controlled_on, f.started_on, f.valuation_started_on) == (
        date(2026, 11, 18),
        date(2026, 11, 20),
        date(2026, 11, 23),
    )
    assert f.case.unit == "执行实施团队"
    path = write_valuation_form(desk, case_no, path=tmp_path / "v.docx")
    assert texts(path)[:2] == ["信阳市浉河区人民法院", "评估工作交接表"]
    assert row_of(path, "权属状况")[1] == "登记在张三名下，无抵押"
    assert row_of(path, "参考价确定方式")[1] == "委托评估（2026年11月23日启动）"
    assert row_of(path, "移交人（执行实施团队）")[1].endswith(
        "移交人签名：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日"
    )
    assert row_of(path, "接收人（财产处置组）")[1].endswith(
        "接收人签名：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日"
    )
    assert texts(path)[-1].endswith(
        "（《信阳市浉河区人民法院关于推进执行指挥中心实体化运行的实施细则（试行）》三（六）2）。"
    )


def test_a_zhongben_closing_lists_its_conditions_and_materials(desk_factory, tmp_path):
    from tests.zhongben_fixtures import satisfy_national
    from zhixing_tui.services.printing.closing_review import write_closing_review
    from zhixing_tui.services.zhongben import conditions as zb

    desk = desk_factory("jianli", operator="吴小敏")  # 指挥监控组: may submit from any group
    cid = jianli_case(desk)
    mon = replace(desk, operator=MONITOR)
    for target in ["offline_query", "clue_query", "refusal", "zhongben"]:
        handoffs.approve(mon, handoffs.submit_move(desk, cid, target))
    satisfy_national(desk, cid, date(2026, 11, 20))
    for item in desk.profile.zhongben.materials():
        zb.set_material(desk, cid, item.id)
    zb.record_statements(desk, cid, early_reason="六项材料齐全，依本院规定不受三个月限制")
    handoffs.submit_close(desk, cid, method="终本", closing_fen=8_000_000, recovered_fen=0)
    f = closing_review_form(desk, "(2026)鄂1088执12号")
    expected = zb.zhongben_check(desk, cid)
    assert f.group == "终本办理组" and f.method == "终结本次执行程序"
    assert [(m.name, m.met) for m in f.materials] == [(c.name, c.met or c.overridden) for c in expected]
    assert all(m.met for m in f.materials) and len(f.materials) >= 6
    path = write_closing_review(desk, "(2026)鄂1088执12号", tmp_path / "z.docx")
    materials = Document(str(path)).tables[1]
    assert [c.text for c in materials.rows[0].cells] == ["序号", "条件或材料", "是否具备", "系统记录"]
    assert [r.cells[1].text for r in materials.rows[1:]] == [m.name for m in f.materials]
    assert {r.cells[2].text for r in materials.rows[1:]} == {"具备"}
    records = " ".join(r.cells[3].text for r in materials.rows[1:])
    assert "依《改革方案》第六组3" in records and "004" not in records  # no seed file ids on paper
