"""初次接待 screen, keys only: pick a case, fill the form (Chinese text included), save, guard, no-interview."""

from __future__ import annotations

from datetime import date

from sqlmodel import select
from textual import events
from textual.keys import _character_to_key

from tests.tui.conftest import errors, messages, settle, until
from zhixing_tui.domain import intake as rules
from zhixing_tui.services.cases.registry import PartyInput, register_case
from zhixing_tui.storage.models import AuditEntry, Case, IntakeRecord
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.confirm_discard import ConfirmDiscardModal
from zhixing_tui.tui.modals.register_case import RegisterCaseModal
from zhixing_tui.tui.screens.home import HomeScreen
from zhixing_tui.tui.screens.intake import SCREEN_SECTIONS, IntakeScreen

AS_OF = date(2026, 11, 23)
SIZE = (120, 40)
CASE_NO = "（2026）豫0326执100号"


def new_case(desk) -> int:
    return register_case(
        desk,
        case_no=CASE_NO,
        filed_on=date(2026, 11, 20),
        claim_fen=5_000_000,
        applicants=[PartyInput("李四", phone="13800000000", address="汝阳县城关镇建设路1号")],
        respondents=[PartyInput("王五")],
    )


async def open_intake(pilot, query: str = "执100") -> IntakeScreen:
    await pilot.press("f2")
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)
    await pilot.press(*query)
    await until(pilot, lambda: bool(screen.query_one("CasePicker").rows))
    await pilot.press("enter")
    await until(pilot, lambda: screen.view is not None and screen.baseline is not None)
    return screen


async def jump_to(pilot, widget_id: str) -> None:
    """Give the field with this id the focus directly, as a click would. The Tab order through the
    whole form is proven once, by the clerk's test (:class:`TabWalk`); the other tests do not press
    Tab forty times to reach a field."""
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await pilot.pause()
    assert pilot.app.focused is not None and pilot.app.focused.id == widget_id


class TabWalk:
    """Moves through the form with Tab only, noting every stop: ``stops`` is the Tab order."""

    def __init__(self, pilot) -> None:
        self.stops = [pilot.app.focused.id]

    async def __call__(self, pilot, widget_id: str, *, limit: int = 60) -> None:
        """Press Tab until the widget with this id has the focus."""
        while pilot.app.focused.id != widget_id:
            if len(self.stops) > limit:
                raise AssertionError(f"Tab never reached #{widget_id}: {self.stops}")
            await pilot.press("tab")
            self.stops.append(pilot.app.focused.id)


async def type_text(pilot, text: str) -> None:
    """Type ``text`` into the focused field as a terminal delivers it when an input method commits
    a word (or a fast typist types): one Key event per character, the very events Pilot.press
    sends, but in one burst; then wait until they, and what they set off, are handled. (Pilot.press
    waits for the app to go idle after every single key: that was most of these tests' time.)"""
    for character in text:
        event = events.Key(_character_to_key(character), character)  # the key Pilot.press sends
        event.set_sender(pilot.app)
        pilot.app.post_message(event)
    await settle(pilot)


async def choose(pilot, key: str, code: str, *, go=jump_to) -> None:
    """Go to a choice and pick the option ``code`` with the arrow keys and Space."""
    await go(pilot, f"f-{key}")
    radio = pilot.app.focused
    codes = [c for c, _ in rules.FIELDS_BY_KEY[key].options] if key != "mode" else ["interview", "none"]
    target = codes.index(code)
    current = radio._selected or 0
    await pilot.press(*(["down"] * (target - current) if target >= current else ["up"] * (current - target)))
    await pilot.press("space")


async def paste_into(pilot, widget_id: str, text: str) -> None:
    """Go to a field and paste (as a terminal delivers a paste): CJK punctuation included, which
    Pilot's key presses cannot send."""
    await jump_to(pilot, widget_id)
    await pilot.press("end")
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def type_into(pilot, widget_id: str, text: str, *, append: bool = False, go=jump_to) -> None:
    """Go to a field and type: the cursor lands after the field's text, so typing adds to it when
    ``append``; otherwise Ctrl+U clears the field first."""
    await go(pilot, widget_id)
    if not append:
        await pilot.press("ctrl+u")
    await type_text(pilot, text)


async def test_clerk_fills_and_saves_by_keys_with_chinese_text(desk):
    """The one test that moves through the whole form with Tab (the others go to a field at once):
    from 接待方式 every shown field is one stop, top to bottom, 风险告知 one stop."""
    case_id = new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        assert screen.title == f"初次接待　{CASE_NO}"
        assert app.focused.id == "f-mode"
        shown = ["f-mode", *(f"f-{row.spec.key}" for row in screen.rows() if row.display)]
        assert shown[:3] == ["f-mode", "f-filing_check", "f-filing_errors"] and len(shown) == 38
        tab = TabWalk(pilot)
        await choose(pilot, "filing_check", "ok", go=tab)
        await type_into(pilot, "f-account_bank", "中国农业银行汝阳支行", go=tab)
        await type_into(pilot, "f-account_no", "6228 4800 0000 0000 000", go=tab)
        await type_into(pilot, "f-respondent_workplace", "洛阳市某某机械厂", go=tab)
        await type_into(pilot, "f-respondent_phone", "0379-821234", go=tab)  # one digit short
        await pilot.press("tab")
        assert screen.row("respondent_phone").error.startswith("联系电话：固定电话无法识别")
        await pilot.press("shift+tab", "end", "5")
        assert screen.row("respondent_phone").error == ""
        await choose(pilot, "notice_service_at_trial", "no", go=tab)
        await choose(pilot, "performance", "unknown", go=tab)
        await type_into(pilot, "f-property_known", "汝阳县城关镇商品房一套", go=tab)
        await tab(pilot, "f-risks")  # one Tab stop: ↓ moves within it, Space ticks
        for _ in rules.RISK_ITEMS[:5]:
            await pilot.press("space", "down")
        await choose(pilot, "settlement", "willing", go=tab)
        await type_into(pilot, "f-recorder", "王芳", go=tab)
        await tab(pilot, shown[-1])
        assert tab.stops == shown
        assert screen.dirty
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.view is not None and screen.view.version == 1)
        assert not screen.dirty
    with desk.session() as s:
        rec = s.exec(select(IntakeRecord).where(IntakeRecord.case_id == case_id)).one()
        assert (rec.version, rec.is_current, rec.interviewed, rec.saved_by) == (1, True, True, "张三")
        assert rec.answers["account_bank"] == "中国农业银行汝阳支行"
        assert rec.answers["account_no"] == "6228480000000000000"
        assert rec.answers["respondent_workplace"] == "洛阳市某某机械厂"
        assert rec.answers["respondent_phone"] == "0379-8212345"
        assert rec.answers["property_known"] == "汝阳县城关镇商品房一套"
        assert rec.answers["risks"] == [k for k, _ in rules.RISK_ITEMS[:5]]
        assert (rec.interviewer, rec.recorder, rec.interviewee) == ("张三", "王芳", "李四")
        assert (rec.settlement_willing, rec.notice_service_at_trial, rec.performed_or_willing) == (
            True,
            False,
            None,
        )
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "intake.save")).one()
        assert (entry.operator, entry.case_id, entry.summary) == (
            "张三",
            case_id,
            "保存初次接待谈话笔录（第1版）",
        )


async def test_save_with_problems_shows_them_and_writes_nothing(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await type_into(pilot, "f-applicant_phone", "x", append=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.row("filing_check").error == "请选择立案信息核对结果"
        assert screen.row("applicant_phone").error == "手机号码：手机号含非法字符「x」：13800000000x"
        assert screen.row("risks").error == "请选择已告知事项"
        assert app.focused.id == "f-filing_check"  # the first problem
        problems = rules.validate(screen.collect()[1], today=AS_OF)
        summary = screen.query_one("#intake-problems")
        assert summary.display and str(summary.content) == f"有{len(problems)}处需要更正：" + "；".join(
            m for _, m in problems
        )
        assert str(summary.content).startswith("有9处需要更正：请选择立案信息核对结果；手机号码：")
        (toast,) = errors(app)
        assert (toast.title, toast.message) == ("不能保存", "有 9 处需要更正，见表单上方")
        await choose(pilot, "filing_check", "ok")  # the summary follows the corrections
        assert str(summary.content).startswith("有8处需要更正：手机号码：")
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []


async def test_unsaved_changes_guard(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await paste_into(pilot, "f-applicant_address", "（已核实）")
        assert screen.dirty
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDiscardModal)
        assert app.screen.styles.background.a < 1  # the form stays visible, dimmed, behind
        assert "初次接待　（2026）豫0326执100号" in app.export_screenshot()
        await pilot.press("n")
        assert app.screen is screen and screen.dirty
        assert screen.row("applicant_address").value == "汝阳县城关镇建设路1号（已核实）"
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDiscardModal)
        await pilot.press("y")
        assert isinstance(app.screen, HomeScreen)
        assert not screen.dirty and screen.row("applicant_address").value == "汝阳县城关镇建设路1号"
        # nothing changed: Escape leaves at once
        await pilot.press("f2")
        assert app.screen is screen
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []


async def test_no_interview_path(desk):
    case_id = new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await choose(pilot, "mode", "none")
        assert not screen.interviewed
        assert not screen.query_one("#sec-applicant").display
        assert screen.query_one("#row-interviewer").display and not screen.query_one("#row-recorder").display
        await type_into(pilot, "f-no_interview_reason", "申请执行人系外地企业")
        await paste_into(pilot, "f-no_interview_reason", "，书面表示不来院")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.view is not None and screen.view.version == 1)
        assert not screen.interviewed
        assert messages(app) == ["已保存未进行初次接待原因的说明（第1版）"]
    with desk.session() as s:
        rec = s.exec(select(IntakeRecord).where(IntakeRecord.case_id == case_id)).one()
        assert (rec.interviewed, rec.no_interview_reason, rec.interviewer) == (
            False,
            "申请执行人系外地企业，书面表示不来院",
            "张三",
        )
        assert set(rec.answers) == {"interviewer", "held_on", "place", "no_interview_reason"}


async def test_edit_keeps_history_and_print_writes_docx(desk, tmp_path):
    case_id = new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await choose(pilot, "mode", "none")
        await type_into(pilot, "f-no_interview_reason", "未到院")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.view is not None and screen.view.version == 1)
        await paste_into(pilot, "f-no_interview_reason", "，电话无人接听")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.view is not None and screen.view.version == 2)
        assert [h.version for h in screen.history] == [2, 1]
        assert "第2版，张三" in str(screen.query_one("#intake-case").content)
        await pilot.press("ctrl+r")
        out = tmp_path / "exports" / f"汝阳-未进行初次接待原因的说明-{CASE_NO}.docx"
        await until(pilot, out.exists)
    with desk.session() as s:
        rows = s.exec(
            select(IntakeRecord).where(IntakeRecord.case_id == case_id).order_by(IntakeRecord.version)
        ).all()
        assert [(r.version, r.is_current, r.no_interview_reason) for r in rows] == [
            (1, False, "未到院"),
            (2, True, "未到院，电话无人接听"),
        ]


async def test_register_an_unknown_case_from_the_picker(desk):
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        await pilot.press(*"(2026)豫0326执321号")
        picker = screen.query_one("CasePicker")
        await until(pilot, lambda: picker.unregistered == "（2026）豫0326执321号")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, RegisterCaseModal)
        await pilot.press(*"12345.6", "tab", "tab", *"刘一", "tab", "tab", "tab", *"陈二")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.view is not None)
        assert screen.view.case.case_no == "（2026）豫0326执321号"
        assert [p.name for p in screen.view.case.parties] == ["刘一", "陈二"]
    with desk.session() as s:
        case = s.exec(select(Case).where(Case.case_no == "（2026）豫0326执321号")).one()
        assert (case.claim_fen, case.filed_on) == (1_234_560, AS_OF)


async def test_ctrl_n_registers_a_case_from_the_empty_picker_and_from_its_list(desk):
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = app.screen
        picker = screen.query_one("CasePicker")
        footer_keys = {b.binding.key for b in screen.active_bindings.values() if b.binding.show}
        assert "ctrl+n" in footer_keys
        await pilot.press("ctrl+n")  # nothing typed: the dialog starts at the 案号
        modal = app.screen
        assert isinstance(modal, RegisterCaseModal) and app.focused is modal.query_one("#reg-case_no")
        await pilot.press("escape")
        assert app.screen is screen

        await pilot.press(*"执100")  # a match: from the list too
        await until(pilot, lambda: bool(picker.rows))
        await pilot.press("down")
        assert app.focused is picker.query_one("#picker-list")
        await pilot.press("ctrl+n")
        modal = app.screen
        assert isinstance(modal, RegisterCaseModal)
        assert modal.query_one("#reg-case_no").value == ""  # 执100 is not a whole 案号
        await pilot.press(*"(2026)豫0326执322号", "tab", "tab", *"800", "tab", "tab", *"刘一")
        await pilot.press("tab", "tab", "tab", *"陈二", "ctrl+s")
        await until(pilot, lambda: screen.view is not None)
        assert screen.view.case.case_no == "（2026）豫0326执322号"
        assert app.current_case_id == screen.case_id
        assert "已登记案件 （2026）豫0326执322号" in messages(app)


async def test_palette_registers_a_case_and_opens_it_on_intake(desk):
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"登记新案件")
        await settle(pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RegisterCaseModal))
        await pilot.press(*"(2026)豫0326执323号", "tab", "tab", *"800", "tab", "tab", *"刘一")
        await pilot.press("tab", "tab", "tab", *"陈二", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, IntakeScreen) and app.screen.view is not None)
        assert app.screen.view.case.case_no == "（2026）豫0326执323号"


async def test_f2_from_another_case_asks_before_dropping_unsaved_changes(desk):
    case_id = new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        other = register_case(
            desk,
            case_no="（2026）豫0326执555号",
            filed_on=date(2026, 11, 20),
            claim_fen=77_700,
            applicants=[PartyInput("赵六")],
            respondents=[PartyInput("钱七")],
        )
        await type_into(pilot, "f-recorder", "王芳")
        assert screen.dirty
        await pilot.press("f10")  # leaving asks too (tests/tui/test_unsaved_input.py)
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("n")
        app.open_case(other)  # as the palette opens a case: over the form, edits kept
        await until(
            pilot, lambda: app.screen is not screen and not isinstance(app.screen, ConfirmDiscardModal)
        )
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("n")  # keep editing the first case
        await settle(pilot)
        assert screen.case_id == case_id and screen.dirty
        await pilot.press("f2", "y")
        await until(pilot, lambda: screen.view is not None and screen.view.case.id == other)
        assert not screen.dirty


async def test_form_keys_keep_text_and_move_within_the_risk_list(desk):
    """Tabbing into a filled Input keeps its text (cursor at the end, nothing selected); the risks
    are one Tab stop with ↑/↓ and Space; without an interview the reason comes before 签名, and
    only the note's fields are Tab stops."""
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await jump_to(pilot, "f-applicant_address_form")  # the field above
        await pilot.press("tab")
        field = app.focused
        assert field.id == "f-applicant_phone"
        assert field.value == "13800000000"
        assert field.selection.is_empty and field.cursor_position == len(field.value)
        await pilot.press("9")
        assert field.value == "138000000009"
        await pilot.press("backspace")

        await jump_to(pilot, "f-other_opinion")  # the field above
        await pilot.press("tab")
        assert app.focused.id == "f-risks"
        await pilot.press("down", "down", "space", "up", "space")
        assert screen.row("risks").value == [rules.RISK_ITEMS[1][0], rules.RISK_ITEMS[2][0]]
        await pilot.press("tab")
        assert app.focused.id == "f-settlement"  # the whole list was one stop

        await choose(pilot, "mode", "none")
        form = screen.query_one("#intake-form")
        shown = [c.id for c in form.children if c.display]
        assert shown == ["sec-mode", "sec-none", "sec-sign"]
        tab = TabWalk(pilot)
        await tab(pilot, "f-place")
        assert tab.stops == ["f-mode", "f-no_interview_reason", "f-interviewer", "f-held_on", "f-place"]


async def test_the_interviewer_cannot_be_the_recorder(desk):
    """谈话人、记录人、被谈话人 sign the 笔录 (002 一.4, 003 三(一)3): the form starts with no 记录人 and
    refuses the interviewer's own name there."""
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        assert screen.collect()[1]["recorder"] == "" and screen.collect()[1]["interviewer"] == "张三"
        await type_into(pilot, "f-recorder", "张三")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.row("recorder").error == rules.SAME_RECORDER
        assert rules.SAME_RECORDER in str(screen.query_one("#intake-problems").content)
    with desk.session() as s:
        assert s.exec(select(IntakeRecord)).all() == []


async def test_f2_without_a_case_shows_the_picker_before_building_the_form(desk):
    """The form stays hidden until a case is loaded, so F2 without one builds none of its ~300
    widgets (issue 17: key → picker at once); the first case loaded builds the form, once."""
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        screen = pilot.app.screen
        assert isinstance(screen, IntakeScreen)
        await settle(pilot)
        assert screen.rows() == [] and screen.query_one("CasePicker").has_class("-open")
        await pilot.press(*"执100")
        await until(pilot, lambda: bool(screen.query_one("CasePicker").rows))
        await pilot.press("enter")
        await until(pilot, lambda: screen.view is not None and screen.baseline is not None)
        assert [row.spec.key for row in screen.rows()] == [
            f.key for code, _ in SCREEN_SECTIONS for f in rules.FIELDS if f.section == code
        ]
        await screen._build_form()  # noqa: SLF001 - a second load builds nothing more
        assert len(screen.rows()) == len(rules.FIELDS)


async def test_a_date_before_the_filing_is_named_on_leaving_the_field(desk):
    """The case was filed on 2026-11-20: a 谈话日期 of 11-18 is refused at the field, as the save
    would refuse it."""
    new_case(desk)
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await type_into(pilot, "f-held_on", "2026-11-18")
        await pilot.press("tab")
        assert screen.row("held_on").error == "谈话日期不能早于立案日期（2026-11-20）：2026-11-18"
        await type_into(pilot, "f-held_on", "2026-11-20")
        await pilot.press("tab")
        assert screen.row("held_on").error == ""
