"""查控 screen by keys: status moves, amounts inline, the one-key 无财产 batch, documents and service,
and the deadline nodes these changes complete."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from tests.roster import act_as
from tests.tui.conftest import errors, settle, until
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.services.deadlines.case_nodes import case_nodes
from zhixing_tui.storage.models import AuditEntry, Document, QueryItem, ServiceAttempt
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.service_attempt import ServiceModal
from zhixing_tui.tui.screens.query import QueryScreen

AS_OF = date(2026, 11, 23)
SIZE = (120, 40)


def received_case(desk) -> int:
    case_id = register_case(
        desk,
        case_no="（2026）豫0326执200号",
        filed_on=date(2026, 11, 20),
        claim_fen=5_000_000,
        applicants=[PartyInput("李四")],
        respondents=[PartyInput("王五")],
    )
    return case_id  # registering recorded 立案 and 收案 (11-20, 09:00): the center's nodes run


async def open_query(pilot) -> QueryScreen:
    await pilot.press("f3")
    screen = pilot.app.screen
    assert isinstance(screen, QueryScreen)
    await pilot.press(*"执200")
    await until(pilot, lambda: bool(screen.query_one("CasePicker").rows))
    await pilot.press("enter")
    await until(pilot, lambda: screen.view is not None)
    return screen


async def press(pilot, screen: QueryScreen, *keys: str) -> None:
    """Press keys that make one change, and wait for the checklist to be reloaded after it."""
    loads = screen.loads
    await pilot.press(*keys)
    await until(pilot, lambda: screen.loads > loads and not screen.busy)


def item(desk, case_id: int, channel: str, asset: str) -> QueryItem:
    with desk.session() as s:
        return s.exec(
            select(QueryItem).where(
                QueryItem.case_id == case_id, QueryItem.channel == channel, QueryItem.asset_type == asset
            )
        ).one()


def node(desk, case_id: int, rule_id: str):
    return next(n for n in case_nodes(desk, case_id) if n.rule_id == rule_id)


async def test_status_moves_amount_inline_and_batch(desk):
    case_id = received_case(desk)
    clerk = act_as(desk, "query_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        assert len(screen.view.items) == 18
        assert app.focused.id == "query-items"
        # first row: 总对总 银行存款. Space starts it, y asks the amount, Enter records it.
        await press(pilot, screen, "space")
        assert screen.view.items[0].status_text == "已发起"
        assert node(desk, case_id, "ruyang.network_query").completed_event == "national_query_started"
        await pilot.press("y")
        assert screen.has_class("-amount") and app.focused.id == "query-amount"
        await pilot.press(*"60000")
        await press(pilot, screen, "enter")
        await pilot.press("f")  # freeze: the amount controlled defaults to the amount found
        await press(pilot, screen, "enter")
        dep = item(desk, case_id, "national", "deposit")
        assert (dep.status, dep.result, dep.amount_found_fen, dep.amount_controlled_fen, dep.handler) == (
            "frozen",
            "found",
            6_000_000,
            6_000_000,
            clerk,
        )
        # j then n: the second item without property
        await press(pilot, screen, "j", "n")
        assert item(desk, case_id, "national", "online_funds").result == "none"
        # N: every other 总对总 item at once
        await press(pilot, screen, "N")
        national = [i for i in screen.view.items if i.channel == "national"]
        assert [i.status_text for i in national[1:]] == ["已反馈（无财产）"] * 8
        assert "查得存款及网络资金 60,000.00 元（足以清偿）" in str(
            screen.query_one("#query-summary").content
        )
        assert screen.check_action("batch_none", ()) is False
        # the local item finishes the network stage; p records the printed feedback table
        await pilot.press(*["j"] * 8)
        assert screen.view.items[9].channel == "local"
        await press(pilot, screen, "n")
        await press(pilot, screen, "p")
        assert screen.view.feedback_printed
    with desk.session() as s:
        actions = [a.action for a in s.exec(select(AuditEntry).where(AuditEntry.case_id == case_id))]
    assert actions.count("query.move") == 5 and actions.count("query.batch_none") == 1
    assert "query.feedback_printed" in actions
    seal = node(desk, case_id, "national.seal.deposit")  # renewal due 15日 before the end 2027-11-23
    assert seal.anchor_event == "sealed" and seal.due_on == date(2027, 11, 8)
    assert seal.note.startswith("期满日 2027-11-23")
    assert actions.count("seal.add") == 1  # the freeze made its register row


async def test_keys_that_do_not_apply_are_refused(desk):
    received_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        for action in ("freeze", "seal", "deduct", "delegate", "amount", "printed", "serve"):
            assert screen.check_action(action, ()) is False, action
        assert screen.check_action("found", ()) and screen.check_action("batch_none", ())
        await pilot.press("f")  # nothing happens
        await settle(pilot)
        assert not screen.busy and screen.view.items[0].status == "not_started"


async def test_documents_made_and_served_by_keys(desk):
    case_id = received_case(desk)
    clerk = act_as(desk, "query_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        await pilot.press("tab")
        assert app.focused.id == "query-docs"
        await press(pilot, screen, "space")  # make 执行通知书
        assert screen.view.documents[0].status == "made"
        await pilot.press("t")
        modal = app.screen
        assert isinstance(modal, ServiceModal)
        # 电话通知 is preselected; choose the result 未能送达
        await press(pilot, screen, "tab", "tab", "down", "space", "ctrl+s")
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ServiceModal))
        # the next step offered is 邮寄送达: pick 户籍地 and 已送达
        await press(pilot, screen, "tab", "space", "tab", "space", "ctrl+s")
        doc = screen.view.documents[0]
        assert doc.status == "served" and doc.served_on == AS_OF
        assert [(a.step, a.address_kind, a.result) for a in doc.attempts] == [
            ("phone", "", "failed"),
            ("mail", "户籍地", "served"),
        ]
    with desk.session() as s:
        assert s.exec(select(Document).where(Document.case_id == case_id, Document.status == "served")).one()
        assert len(s.exec(select(ServiceAttempt)).all()) == 2


async def test_a_control_amount_above_the_amount_found_is_refused_in_the_prompt(desk):
    case_id = received_case(desk)
    clerk = act_as(desk, "query_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        await pilot.press("y", *"1.2万")
        await press(pilot, screen, "enter")
        await pilot.press("f", "ctrl+u", *"20000", "enter")
        await pilot.pause()
        assert screen.has_class("-amount") and app.focused.id == "query-amount"
        label = str(screen.query_one("#query-amount-label").content)
        assert label.endswith("\n控制金额 20,000.00 元超过查到的 12,000.00 元")
        assert not errors(app)
        dep = item(desk, case_id, "national", "deposit")
        assert (dep.status, dep.amount_controlled_fen) == ("feedback", 0)
        await pilot.press("ctrl+u", *"10000")
        await press(pilot, screen, "enter")
        assert not screen.has_class("-amount")
        dep = item(desk, case_id, "national", "deposit")
        assert (dep.status, dep.amount_found_fen, dep.amount_controlled_fen) == (
            "frozen",
            1_200_000,
            1_000_000,
        )


def footer_keys(screen) -> list[str]:
    return [b.binding.key for b in screen.active_bindings.values() if b.binding.show and b.enabled]


async def test_f1_lists_every_key_and_the_footer_what_applies_now(desk):
    received_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        await pilot.press("y", *"100")
        await press(pilot, screen, "enter")
        await pilot.press("tab")  # the documents table
        assert app.focused.id == "query-docs"
        await press(pilot, screen, "space")  # 执行通知书 made: t serves it
        keys = footer_keys(screen)
        assert "t" in keys and "space" in keys
        assert not {"y", "n", "N", "f", "s", "d", "w", "m", "p"} & set(keys)  # the items' keys
        await pilot.press("f1")
        help_keys = {k.key: k for k in app.screen.keys}
        for key in ("y", "n", "N", "f", "s", "d", "w", "m", "p", "t", "space", "r", "f9", "esc"):
            assert key in help_keys, key
        assert help_keys["t"].available and not help_keys["y"].available
        assert (help_keys["N"].description, help_keys["t"].description) == ("总对总全部无财产", "送达")
        await pilot.press("escape", "shift+tab")  # back to the items: their keys again, t gone
        assert app.focused.id == "query-items"
        keys = footer_keys(screen)
        assert {"f", "m", "N"} <= set(keys) and "t" not in keys


async def test_a_freeze_with_the_amount_cleared_controls_the_amount_found(desk):
    case_id = received_case(desk)
    clerk = act_as(desk, "query_clerk")
    app = make_app(desk, operator=clerk, today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        await pilot.press("y", *"1.2万")
        await press(pilot, screen, "enter")
        await pilot.press("f", "ctrl+u")
        await press(pilot, screen, "enter")
        dep = item(desk, case_id, "national", "deposit")
        assert (dep.status, dep.amount_found_fen, dep.amount_controlled_fen) == (
            "frozen",
            1_200_000,
            1_200_000,
        )


async def test_the_keys_are_answered_before_the_screen_is_composed(desk):
    """The footer asks which keys apply while a screen is still being made (its first open on a
    busy machine): with no checklist loaded, none of the checklist's keys applies, and the
    question never looks for tables that are not there yet (it raised NoMatches and stopped F3)."""
    app = make_app(desk, operator="张三", today=date(2026, 11, 23))
    async with app.run_test(size=SIZE):
        screen = QueryScreen()  # made, not composed
        for binding in QueryScreen.BINDINGS:
            action = binding.action if hasattr(binding, "action") else binding[1]
            name = action.split("(", 1)[0]
            if name in ("back",):
                continue
            assert screen.check_action(name, ()) in (False, None, True)
        assert screen.check_action("advance", ()) is False


async def test_a_refused_service_stays_in_the_dialog_with_what_was_chosen(desk):
    """邮寄送达 without its 地址类别: the service refuses, and the dialog stays open with the reason and
    every choice made — it used to close first and the refusal came as a toast, all of it lost."""
    received_case(desk)
    app = make_app(desk, operator=act_as(desk, "query_clerk"), today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_query(pilot)
        await pilot.press("tab")
        await press(pilot, screen, "space")  # make 执行通知书
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, ServiceModal))
        modal = app.screen
        await pilot.press("down", "space", "tab", "tab", "space", "ctrl+s")  # 邮寄送达, no address, 已送达
        error = modal.query_one("#serve-error")
        await until(pilot, lambda: str(error.render()).startswith("邮寄送达须写明地址类别"))
        await settle(pilot)
        assert app.screen is modal
        assert modal._choice("serve-step", ["phone", "mail", "direct", "notice"]) == "mail"
        assert modal._choice("serve-result", ["served", "failed", "returned", "refused"]) == "served"
    with desk.session() as s:
        assert s.exec(select(ServiceAttempt)).all() == []
