"""``zhixing money arrive / claim / pay / return / late / list``, ``report money`` and
``print late-payout``: exact output, exit codes, database rows."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
from sqlmodel import select
from typer.testing import CliRunner

from zhixing_tui.cli.main import app
from zhixing_tui.services.board.approvals import decide_any
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.printing.xlsx import printed_font_size
from zhixing_tui.storage.models import Payment, Payout, Staff

runner = CliRunner()
CASE = "(2026)豫0326执7号"
SHOWN = "（2026）豫0326执7号"


def staff_with(desk, role: str) -> str:
    with desk.session() as s:
        return s.exec(select(Staff.name).where(Staff.role == role, Staff.active).order_by(Staff.id)).first()


def setup(desk_factory, profile="ruyang", case_no=SHOWN):
    desk = desk_factory(profile)
    register_case(
        desk, case_no=case_no, filed_on=date(2026, 8, 3), claim_fen=1_000_000,
        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")],
    )  # fmt: skip
    return desk, desk.engine.url.database, staff_with(desk, "case_money")


ENV = {"ZHIXING_AS_OF": "2026-11-23"}  # the desks' day, not the wall clock


def run(db, operator, *args):
    return runner.invoke(app, ["money", *args, "--db", db, "--operator", operator], env=ENV)


def test_arrive_claim_pay_return_list_and_report(desk_factory, tmp_path):
    desk, db, clerk = setup(desk_factory)
    r = run(db, clerk, "arrive", "1234.56", "张三", "--date", "2026-11-02", "--ref", "LS9")
    assert (r.exit_code, r.stdout) == (0, "已登记案款到账（编号 1）：1,234.56元，张三，2026-11-02\n")
    r = run(db, clerk, "arrive", "10", "不明缴款人", "--date", "2026-11-20")
    assert r.exit_code == 0
    r = runner.invoke(app, ["money", "list", "unclaimed", "--db", db], env=ENV)
    assert (r.exit_code, r.stdout) == (
        0,
        "未认领：共 2 笔\n1\t2026-11-02\t1,234.56\t张三\tLS9\t到账21日\n2\t2026-11-20\t10.00\t不明缴款人\t-\t到账3日\n",
    )
    r = run(db, clerk, "claim", "1", CASE, "--date", "2026-11-03")
    assert (r.exit_code, r.stdout) == (0, f"已认领：案款 1 → {SHOWN}\n")
    r = run(db, clerk, "pay", "1", "--voucher", "ZF7", "--amount", "1000", "--date", "2026-11-05")
    assert (r.exit_code, r.stdout) == (0, "已发放（编号 1）\n")
    r = runner.invoke(app, ["money", "list", "unpaid", "--db", db], env=ENV)
    assert (r.exit_code, r.stdout) == (
        0,
        f"已认领未发放：共 1 笔\n1\t{SHOWN}\t2026-11-02\t余额 234.56\t到账21日\t认领20日\t期限 2026-11-09（已超期）\n",
    )
    r = run(db, clerk, "return", "1", "--reason", "多缴", "--date", "2026-11-06")
    assert (r.exit_code, r.stdout) == (0, "已退回（编号 2）\n")
    r = run(db, clerk, "pay", "1", "--voucher", "ZF8")
    assert (r.exit_code, r.output) == (1, "错误：该笔案款已全部发放或退回（2026-11-06）\n")
    with desk.session() as s:
        assert [(o.kind, o.amount_fen, o.payee) for o in s.exec(select(Payout).order_by(Payout.id))] == [
            ("payout", 100_000, "李四"),
            ("return", 23_456, "张三"),
        ]
        assert s.get(Payment, 1).paid_out_on == date(2026, 11, 6)

    xlsx = tmp_path / "money.xlsx"
    r = runner.invoke(app, ["report", "money", "--db", db, "--json", "--xlsx", str(xlsx)], env=ENV)
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["reconciles"] is True
    assert data["totals"] == {
        "arrived_fen": 124_456, "claimed_fen": 123_456, "unclaimed_fen": 1_000, "paid_fen": 100_000,
        "returned_fen": 23_456, "balance_fen": 0, "arrived_count": 2, "unclaimed_count": 1,
    }  # fmt: skip
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["汇总", "未认领", "已认领未发放", "余额", "说明"]
    summary = {row[0]: row[1] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert float(summary["到账"]) == 1244.56 and float(summary["未认领"]) == 10.0
    for ws in wb.worksheets:  # the court on every printed page, in the title row, at >= 9 pt on A4
        assert (
            ws.oddHeader.center.text.startswith("汝阳县人民法院")
            and ws.oddFooter.left.text == "汝阳县人民法院"
        )
        assert ws["A1"].value == f"汝阳县人民法院 执行案款报告（截至 {data['as_of']}） {ws.title}"
        assert printed_font_size(ws) >= 9 and ws.page_setup.fitToHeight == 0, ws.title
    assert [c.value for c in wb["汇总"][2]] == ["项目", "金额"]
    r = runner.invoke(app, ["report", "money", "--db", db, "--as-of", "2026-11-04"])
    assert r.exit_code == 0
    assert (
        r.stdout.splitlines()[1]
        == "到账 1,234.56元　已认领 1,234.56元　未认领 0.00元　已发放 0.00元　已退回 0.00元　余额 1,234.56元"
    )


def test_late_payout_request_and_print(desk_factory, tmp_path):
    desk, db, clerk = setup(desk_factory, "shihe", "（2026）豫1502执7号")
    assert (
        run(
            db, clerk, "arrive", "800", "张三", "--date", "2026-11-02", "--case", "（2026）豫1502执7号"
        ).exit_code
        == 0
    )
    r = run(db, clerk, "pay", "1", "--voucher", "V1")
    assert r.exit_code == 1 and "2026-11-09 届满：逾期发放须书面说明理由" in r.output
    r = run(db, clerk, "late", "1", "--reason", "申请执行人住院")
    assert (r.exit_code, r.stdout) == (0, "已提出逾期发放审批（编号 1）\n")
    from dataclasses import replace

    decide_any(replace(desk, operator=staff_with(desk, "bureau_chief")), 1, approve=True)
    assert run(db, clerk, "pay", "1", "--voucher", "V1").exit_code == 0
    out = tmp_path / "late.docx"
    r = runner.invoke(app, ["print", "late-payout", "1", "--out", str(out), "--db", db], env=ENV)
    assert (r.exit_code, out.exists()) == (0, True)


def test_claim_on_a_demo_database(desk_factory):
    """Every demo 未认领 row is claimable: the first one goes to an open case, whose 执行到位金额
    grows by its amount; claiming it again is refused without a "None" anywhere."""
    from zhixing_tui.services.money.query import money_page
    from zhixing_tui.storage.models import Case

    desk = desk_factory(cases=300)
    db, clerk = desk.engine.url.database, staff_with(desk, "case_money")
    row = money_page(desk, "unclaimed").items[0]
    with desk.session() as s:
        case = s.exec(select(Case).where(Case.status == "open").order_by(Case.id)).first()
        case_id, case_no, before = case.id, case.case_no, case.recovered_fen
    r = run(db, clerk, "claim", str(row.payment_id), case_no)
    assert (r.exit_code, r.stdout) == (0, f"已认领：案款 {row.payment_id} → {case_no}\n")
    with desk.session() as s:
        assert s.get(Case, case_id).recovered_fen == before + row.amount_fen
        p = s.get(Payment, row.payment_id)
        assert (p.case_id, p.claimed_on) == (case_id, date(2026, 11, 23))
    r = run(db, clerk, "claim", str(row.payment_id), case_no)
    assert (r.exit_code, r.output) == (1, f"错误：该笔案款已于 2026-11-23 认领到案件 {case_no}\n")
