"""``zhixing period show | extend | decide``: exact output and exit codes."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from tests.services.test_triage_service import staff_with
from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.registry import PartyInput, register_case

runner = CliRunner()
SOURCE = (
    "依据：《最高人民法院关于人民法院办理执行案件若干期限的规定》（法发〔2006〕35号）第一条第二款、第三款；"
    "《最高人民法院关于严格执行案件审理期限制度的若干规定》（法释〔2000〕29号）第五条"
)
CASE_NO = "（2026）豫0326执61号"


def run(desk, *args: str, operator: str | None = None):
    db = str(desk.engine.url.database)
    env = {"ZHIXING_AS_OF": desk.today().isoformat()}  # the desk's day (2026-11-23), not the wall clock
    return runner.invoke(app, [*args, "--db", db, "--operator", operator or desk.operator], env=env)


def test_extend_and_decide_move_the_due_date(desk) -> None:
    handler = staff_with(desk, "handler")
    vp = staff_with(desk, "vice_president")
    register_case(
        desk,
        case_no=CASE_NO,
        filed_on=date(2026, 6, 1),
        claim_fen=100,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
        non_litigation=False,
    )
    shown = run(desk, "period", "show", "(2026)豫0326执61号")
    assert (shown.exit_code, shown.stdout) == (
        0,
        f"{CASE_NO}　法定执行期限\n案件类别：执行案件（立案起6个月）\n期限：6个月（自立案 2026-06-01）\n"
        f"届满日：2026-12-01\n延长申请最迟于 2026-11-26 提出\n{SOURCE}\n",
    )
    asked = run(desk, "period", "extend", CASE_NO, "--reason", "拍卖程序未终结", operator=handler)
    assert (asked.exit_code, asked.stdout) == (
        0,
        "已申请延长执行期限3个月（审批编号 1），待院长或副院长批准\n",
    )
    again = run(desk, "period", "extend", CASE_NO, "--reason", "再次", "--period", "30日", operator=handler)
    assert again.exit_code == 1
    assert again.stderr == f"错误：案件 {CASE_NO} 已有待审批的延长执行期限申请（编号 1）\n"
    own = run(desk, "period", "decide", CASE_NO, "--approve", operator=handler)
    assert (own.exit_code, own.stderr) == (1, "错误：不能审批自己提交的申请：须由有审批权的其他人员审批\n")
    done = run(desk, "period", "decide", CASE_NO, "--approve", "--note", "同意", operator=vp)
    assert (done.exit_code, done.stdout) == (0, "已批准：执行期限届满日顺延至 2027-03-01\n")
    shown = run(desk, "period", "show", CASE_NO)
    assert shown.stdout.splitlines()[3:5] == [
        "届满日：2027-03-01",
        f"延长：经批准延长3个月（2026-11-23 副院长 {vp} 批准）",
    ]
    none_left = run(desk, "period", "decide", CASE_NO, "--reject", operator=vp)
    assert (none_left.exit_code, none_left.stderr) == (
        1,
        f"错误：案件 {CASE_NO} 没有待审批的延长执行期限申请\n",
    )


def test_a_late_request_is_refused_with_the_last_day(desk) -> None:
    register_case(
        desk,
        case_no=CASE_NO,
        filed_on=date(2026, 5, 25),
        claim_fen=100,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("张三")],
        non_litigation=True,
    )
    shown = run(desk, "period", "show", CASE_NO)
    assert shown.stdout.splitlines()[1:4] == [
        "案件类别：非诉执行案件（立案起3个月）",
        "期限：3个月（自立案 2026-05-25）",
        "届满日：2026-08-25",
    ]
    late = run(desk, "period", "extend", CASE_NO, "--reason", "来不及", operator=staff_with(desk, "handler"))
    assert late.exit_code == 1
    assert late.stderr.startswith(
        "错误：执行期限于 2026-08-25 届满，延长申请应在期限届满前5日提出（最迟 2026-08-20）"
    )
