"""``zhixing triage decide / reassign / print-s2c``: exact output, exit codes and database state."""

from __future__ import annotations

import json
from datetime import date, datetime

from docx import Document
from sqlmodel import select
from typer.testing import CliRunner

from tests.triage_fixtures import placement, staff_with, waiting_case
from zhixing_tui.cli.main import app
from zhixing_tui.domain.assignment import replay
from zhixing_tui.services.triage.decisions import set_case_facts
from zhixing_tui.storage.models import AssignmentDraw, AuditEntry, DeadlineNode, TriageDecision

runner = CliRunner()


def setup(desk_factory, profile: str = "ruyang"):
    desk = desk_factory(profile)
    cid = waiting_case(desk, 1, received=date(2026, 11, 2), entered=datetime(2026, 11, 9, 10, 30))
    return desk, cid, desk.engine.url.database, staff_with(desk, "triage_clerk")


def decide(db: str, operator: str, *args: str):
    return runner.invoke(
        app, ["triage", "decide", "(2026)豫0326执1号", "--db", db, "--operator", operator, *args]
    )


def decisions(desk) -> list[TriageDecision]:
    with desk.session() as s:
        return list(s.exec(select(TriageDecision)))


def test_accepting_a_team_route(desk_factory):
    desk, cid, db, clerk = setup(desk_factory)
    set_case_facts(desk, cid, {"performed_or_willing": True})
    r = decide(db, clerk)
    assert r.exit_code == 0, r.output
    assert r.stdout == "已分流：（2026）豫0326执1号\n类别：简易\n分至：速执团队\n"
    assert placement(desk, cid) == ("速执团队", "fast", "simple")
    (row,) = decisions(desk)
    assert (row.overridden, row.reason, row.decided_by) == (False, "", clerk)
    with desk.session() as s:
        node = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "ruyang.center_finish")).one()
    assert (node.completed_event, node.completed_by) == ("transferred", clerk)


def test_accepting_a_draw_records_it_and_prints_it(desk_factory):
    desk, cid, db, clerk = setup(desk_factory)
    r = decide(db, clerk, "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert (out["case_no"], out["class"], out["overridden"], out["reason"]) == (
        "（2026）豫0326执1号",
        "普通",
        False,
        "",
    )
    assert out["team"] in ("普执一团队", "普执二团队", "普执三团队")
    with desk.session() as s:
        draw = s.exec(select(AssignmentDraw).where(AssignmentDraw.case_id == cid)).one()
    assert out["draw"]["seed"] == draw.seed and draw.chosen == out["team"]
    assert replay(draw).chosen == out["team"]
    assert placement(desk, cid)[0] == out["team"]


def test_override_without_a_reason_exits_2_and_writes_nothing(desk_factory):
    desk, cid, db, clerk = setup(desk_factory)
    for args in (["--class", "简易"], ["--team", "普执二团队"], ["--class", "简易", "--reason", "  "]):
        r = decide(db, clerk, *args)
        assert r.exit_code == 2, args
        assert r.stderr == "错误：改判类别或团队时必须用 --reason 写明理由\n"
    assert decisions(desk) == []
    assert placement(desk, cid) == ("财产查控组（财产保全组）", "triage", None)


def test_override_with_a_reason_is_kept(desk_factory):
    desk, cid, db, clerk = setup(desk_factory)
    r = decide(db, clerk, "--class", "简易", "--team", "普执二团队", "--reason", "被执行人愿意当场履行")
    assert r.exit_code == 0, r.output
    assert r.stdout == (
        "已分流：（2026）豫0326执1号\n类别：简易\n分至：普执二团队\n改判理由：被执行人愿意当场履行\n"
    )
    (row,) = decisions(desk)
    assert (row.suggested_class, row.final_class, row.overridden, row.reason) == (
        "ordinary", "simple", True, "被执行人愿意当场履行",
    )  # fmt: skip
    assert placement(desk, cid) == ("普执二团队", "ordinary_2", "simple")
    # a second decision is refused
    r = decide(db, clerk, "--class", "普通", "--reason", "再改")
    assert r.exit_code == 1
    assert r.stderr == "错误：案件 （2026）豫0326执1号 已经分流；如需改派请用二次分案\n"


def test_bad_class_team_role_and_case(desk_factory):
    desk, cid, db, clerk = setup(desk_factory)
    r = decide(db, clerk, "--class", "特殊", "--reason", "x")
    assert (r.exit_code, r.stderr) == (2, "错误：本院没有“特殊”类别\n")
    r = decide(db, clerk, "--team", "立案庭", "--reason", "x")
    assert (r.exit_code, r.stderr) == (2, "错误：团队「立案庭」不是本院分案的团队\n")
    handler = staff_with(desk, "handler")
    r = decide(db, handler)
    assert r.exit_code == 1
    assert (
        r.stderr
        == "错误：承办人无权作出繁简分流决定：需要指挥中心主任、执行局副局长、指挥监控、查控专员、繁简分流专员\n"
    )
    r = runner.invoke(app, ["triage", "decide", "(2026)豫0326执99号", "--db", db, "--operator", clerk])
    assert (r.exit_code, r.stderr) == (1, "错误：没有案号为 （2026）豫0326执99号 的案件\n")
    assert decisions(desk) == []


def test_reassign_needs_a_reason_and_moves_the_case(desk_factory):
    desk, cid, db, clerk = setup(desk_factory, "gushi")
    set_case_facts(desk, cid, {"no_property_found": True})
    r = runner.invoke(app, ["triage", "decide", "(2026)豫1525执1号", "--db", db, "--operator", clerk])
    assert r.exit_code == 0, r.output
    args = ["triage", "reassign", "(2026)豫1525执1号", "--team", "普执团队", "--db", db, "--operator", clerk]
    r = runner.invoke(app, args)
    assert (r.exit_code, r.stderr) == (2, "错误：二次分案必须用 --reason 写明理由\n")
    r = runner.invoke(app, [*args, "--reason", "发现可处置房产"])
    assert r.exit_code == 0, r.output
    assert r.stdout == "二次分案：（2026）豫1525执1号 改由普执团队办理（理由：发现可处置房产）\n"
    assert placement(desk, cid)[0] == "普执团队"
    with desk.session() as s:
        row = s.exec(select(TriageDecision).where(TriageDecision.kind == "reassign")).one()
        node = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "gushi.reassign_handover")).one()
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "triage_reassign")).one()
    assert (row.reason, row.decided_by) == ("发现可处置房产", clerk)
    assert (node.period, node.completed_at) == ("3日", None)
    # a 二次分案 is a reassignment with its own reason, not an override of the triage suggestion
    assert entry.summary == "二次分案：简易，分至普执团队"


def test_print_s2c_writes_the_form(desk_factory, tmp_path):
    desk, cid, db, clerk = setup(desk_factory)
    set_case_facts(desk, cid, {"performed_or_willing": True})
    assert decide(db, clerk).exit_code == 0  # 速执团队
    r = runner.invoke(app, ["triage", "print-s2c", "(2026)豫0326执1号", "--db", db])
    assert r.exit_code == 1
    assert (
        r.stderr == "错误：案件 （2026）豫0326执1号 没有简转繁审批（速执/快执团队案件立案满期限未结时提出）\n"
    )

    from zhixing_tui.services.triage.followup import request_simple_to_complex

    desk.operator = clerk
    request_simple_to_complex(desk, cid, "新发现房产需要处置")
    out = tmp_path / "form.docx"
    r = runner.invoke(app, ["triage", "print-s2c", "(2026)豫0326执1号", "--db", db, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert r.stdout == f"已写出《简转繁审批表》：{out}\n"
    cells = [c.text for row in Document(str(out)).tables[0].rows for c in row.cells]
    assert cells[:2] == ["案号", "（2026）豫0326执1号"]
    reason = cells[cells.index("不能在期限内办结的原因") + 1]
    assert reason.startswith("新发现房产需要处置\n")
    # the 局长 box is left blank to write in, with its signature and date line at the bottom
    chief = cells[cells.index("执行局长审批意见") + 1]
    assert "待审批" not in chief and chief.split("\n")[0] == ""
    assert chief.rstrip().endswith("执行局长：＿＿＿＿＿＿＿＿　　　　　　年　　月　　日")
    assert "速执团队" in cells
