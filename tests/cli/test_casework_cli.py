"""``zhixing round|disposal|file|delegation``: exact output, exit codes and the nodes completed."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import select
from typer.testing import CliRunner

from tests.roster import act_as
from tests.triage_fixtures import waiting_case
from zhixing_tui.cli.main import app
from zhixing_tui.services.cases.lifecycle import close_case
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.triage import decisions
from zhixing_tui.services.window import checklist
from zhixing_tui.storage.models import Case, DeadlineNode, QueryItem, Staff

runner = CliRunner()


def _run(desk, operator: str, *args: str):
    env = {"ZHIXING_AS_OF": desk.today().isoformat()}  # the desk's day, not the wall clock
    return runner.invoke(app, [*args, "--db", desk.engine.url.database, "--operator", operator], env=env)


def _name(desk, role: str, unit_id: int | None = None) -> str:
    with desk.session() as s:
        q = select(Staff.name).where(Staff.role == role, Staff.active)
        if unit_id is not None:
            q = q.where(Staff.unit_id == unit_id)
        return s.exec(q.order_by(Staff.id)).first()


def _completed(desk, rule_id: str):
    with desk.session() as s:
        node = s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == rule_id)).one()
    return node.completed_event, node.completed_by


def _team_case(desk_factory):
    desk = desk_factory("ruyang")
    cid = waiting_case(desk, 1, received=date(2026, 11, 9), entered=datetime(2026, 11, 13, 9))
    desk.operator = _name(desk, "query_clerk")
    desk.as_of = date(2026, 11, 16)
    decisions.decide(desk, cid, team="普执二团队", reason="指定")
    desk.as_of = date(2026, 11, 23)
    with desk.session() as s:
        unit_id = s.get(Case, cid).unit_id
    return desk, cid, _name(desk, "handler", unit_id)


def test_round_start_and_no_property(desk_factory):
    desk, _, handler = _team_case(desk_factory)
    r = _run(desk, handler, "round", "start", "(2026)豫0326执1号", "--step", "传唤", "--step", "现场调查",
             "--on", "2026-11-20")  # fmt: skip
    assert (r.exit_code, r.stdout) == (
        0,
        "已启动首轮传统查控：（2026）豫0326执1号　传唤、现场调查　2026-11-20\n",
    )
    assert _completed(desk, "ruyang.first_round") == ("first_round_started", handler)
    r = _run(desk, handler, "round", "start", "(2026)豫0326执1号", "--step", "找人")
    assert (r.exit_code, r.stderr) == (1, "错误：案件 （2026）豫0326执1号 已启动首轮传统查控\n")
    r = _run(desk, handler, "round", "no-property", "(2026)豫0326执1号")
    assert (r.exit_code, r.stdout) == (0, "已认定首轮查控后无财产可供执行：（2026）豫0326执1号　2026-11-23\n")
    with desk.session() as s:
        assert s.exec(select(DeadlineNode).where(DeadlineNode.rule_id == "ruyang.no_property_measures")).one()


def test_round_start_with_a_bad_step_or_date_exits_2(desk_factory):
    desk, _, handler = _team_case(desk_factory)
    r = _run(desk, handler, "round", "start", "(2026)豫0326执1号", "--step", "搜身")
    assert (r.exit_code, r.stderr) == (
        2,
        "错误：不认识的首轮查控事项：搜身（可选：传唤、查物、找人、现场调查）\n",
    )
    r = _run(desk, handler, "round", "start", "(2026)豫0326执1号", "--step", "传唤", "--on", "2026-11-24")
    assert (r.exit_code, r.stderr) == (2, "错误：日期不能晚于今天（2026-11-23）：2026-11-24\n")


def test_disposal_start(desk_factory):
    desk, cid, handler = _team_case(desk_factory)
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        house = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid,
                QueryItem.channel == "offline",
                QueryItem.asset_type == "real_estate",
            )  # fmt: skip
        ).one()
    checklist.move_item(desk, house, "feedback", result="found", on=date(2026, 11, 18))
    checklist.move_item(desk, house, "sealed", on=date(2026, 11, 18))
    r = _run(desk, handler, "disposal", "start", "(2026)豫0326执1号", "--on", "2026-11-20")
    assert (r.exit_code, r.stdout) == (
        0,
        "已进入财产处置：（2026）豫0326执1号　线下·房产（已查封）　2026-11-20\n",
    )
    assert _completed(desk, "ruyang.disposal") == ("disposal_started", handler)
    r = _run(desk, handler, "disposal", "start", "(2026)豫0326执1号", "--item", str(house))
    assert (r.exit_code, r.stderr) == (1, "错误：线下·房产（已查封）已进入财产处置\n")


def test_file_image(desk_factory):
    desk = desk_factory("kuaizhi")
    cid = register_case(desk, case_no="（2026）豫1521执7号", filed_on=date(2026, 9, 1), claim_fen=500_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    clerk = _name(desk, "file_clerk")
    r = _run(desk, clerk, "file", "image", "（2026）豫1521执7号")
    assert (r.exit_code, r.stderr) == (
        1,
        "错误：案件 （2026）豫1521执7号 尚未结案：电子卷宗在结案后转化为影像卷宗\n",
    )
    close_case(
        desk, cid, method="执行完毕", closed_on=date(2026, 11, 10), closing_fen=500_000, recovered_fen=500_000
    )
    r = _run(desk, _name(desk, "window_clerk"), "file", "image", "（2026）豫1521执7号")
    assert r.exit_code == 1 and r.stderr.startswith("错误：窗口书记员无权登记影像卷宗转化")
    r = _run(desk, clerk, "file", "image", "（2026）豫1521执7号", "--on", "2026-11-20")
    assert (r.exit_code, r.stdout) == (0, "已登记影像卷宗转化：（2026）豫1521执7号　2026-11-20\n")
    assert _completed(desk, "kuaizhi.image_file") == ("image_file_done", clerk)


def test_delegation_send(desk_factory):
    desk = desk_factory("shihe")
    cid = register_case(desk, case_no="（2026）豫1502执8号", filed_on=date(2026, 11, 2), claim_fen=900_000,
                        applicants=[PartyInput("李四")], respondents=[PartyInput("张三")])  # fmt: skip
    checklist.ensure_checklist(desk, cid)
    with desk.session() as s:
        car = s.exec(
            select(QueryItem.id).where(
                QueryItem.case_id == cid, QueryItem.channel == "offline", QueryItem.asset_type == "vehicle"
            )  # fmt: skip
        ).one()
    checklist.move_item(desk, car, "feedback", result="found", on=date(2026, 11, 19))
    act_as(desk, "query_clerk")
    checklist.move_item(desk, car, "delegated", on=date(2026, 11, 19))
    r = _run(desk, "梁坤祥", "delegation", "send", "（2026）豫1502执8号", "--court", "广州市天河区人民法院")
    assert (r.exit_code, r.stdout) == (
        0,
        "已发出事项委托：（2026）豫1502执8号　线下·车辆　受托法院 广州市天河区人民法院　2026-11-23\n",
    )
    assert _completed(desk, "shihe.delegation_send") == ("delegation_sent", "梁坤祥")
