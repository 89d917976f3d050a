"""DeskModal, the base of every dialog: Esc cancels (None, nothing written), Ctrl+S calls submit(),
its bindings carry ids (the dialogs keep the ids keymaps name), and every dialog derives from it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import date

from sqlmodel import func, select
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Input, Static

import zhixing_tui.tui.modals as modals_package
from tests.tui.conftest import settle, until
from zhixing_tui.storage.models import AuditEntry, Case
from zhixing_tui.tui.app import make_app
from zhixing_tui.tui.modals.base import DeskConfirm, DeskModal, cancel_key, submit_key
from zhixing_tui.tui.modals.confirm import ConfirmModal
from zhixing_tui.tui.modals.confirm_discard import ConfirmDiscardModal
from zhixing_tui.tui.modals.register_case import RegisterCaseModal

AS_OF = date(2026, 11, 23)


class Probe(DeskModal[str]):
    """A dialog with one field whose submit() dismisses with what was typed."""

    BINDINGS = [cancel_key("probe.cancel"), submit_key("probe.submit")]

    def __init__(self) -> None:
        super().__init__()
        self.submitted = 0

    def compose(self) -> ComposeResult:
        yield Input(id="probe-input")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def submit(self) -> None:
        self.submitted += 1
        self.dismiss(self.query_one(Input).value)


class NoSubmit(DeskModal[str]):
    """A dialog that defines no submit(): a pick list that closes on Enter."""

    def compose(self) -> ComposeResult:
        yield Static("…")


class Host(App[None]):
    """Shows ``modal`` and records what it dismissed with."""

    def __init__(self, modal: ModalScreen) -> None:
        super().__init__()
        self.modal = modal
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.results.append)


async def test_escape_dismisses_with_none_and_does_not_submit():
    probe = Probe()
    app = Host(probe)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is probe)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.results == [None]
    probe = Probe()
    app = Host(probe)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is probe)
        await pilot.press(*"abc", "escape")  # typed: asks first (tui/unsaved.py)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDiscardModal)
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is not probe
        assert app.results == [None]
        assert probe.submitted == 0


async def test_ctrl_s_calls_submit():
    probe = Probe()
    app = Host(probe)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is probe)
        assert app.focused is probe.query_one(Input)  # the key reaches the dialog from its field
        await pilot.press(*"abc", "ctrl+s")
        await settle(pilot)
        assert probe.submitted == 1
        assert app.results == ["abc"]


async def test_without_submit_ctrl_s_is_hidden_and_does_nothing():
    dialog = NoSubmit()
    app = Host(dialog)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is dialog)
        assert not NoSubmit.submits() and Probe.submits()
        assert "ctrl+s" not in dialog.active_bindings
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is dialog and app.results == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.results == [None]


def test_the_base_bindings_carry_ids():
    bindings = DeskModal.BINDINGS
    assert all(isinstance(b, Binding) for b in bindings)
    assert {(b.key, b.action, b.id) for b in bindings} == {
        ("escape", "cancel", "modal.cancel"),
        ("ctrl+s", "submit", "modal.submit"),
    }
    assert all(b.description for b in bindings)
    assert submit_key("x.submit", "提交", priority=True).priority


async def answer(*keys: str) -> list[object]:
    """Open a ConfirmModal, press ``keys`` and return what it dismissed with."""
    confirm = ConfirmModal("标题", "继续吗？")
    app = Host(confirm)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is confirm)
        footer = [
            (key, b.binding.id)
            for key, b in confirm.active_bindings.items()
            if b.node is confirm and b.binding.show
        ]
        assert footer == [
            ("y", "confirm.yes"),
            ("enter", "confirm.yes"),
            ("n", "confirm.no"),
            ("escape", "confirm.no"),
        ]
        await pilot.press("ctrl+s")  # answers nothing
        await settle(pilot)
        assert app.screen is confirm
        await pilot.press(*keys)
        await settle(pilot)
    return app.results


async def test_a_confirmation_answers_with_its_own_keys():
    """DeskConfirm: y or Enter → True, n or Esc → False; its footer shows y and n first."""
    assert await answer("y") == [True]
    assert await answer("enter") == [True]
    assert await answer("n") == [False]
    assert await answer("escape") == [False]


async def test_escape_in_a_real_dialog_writes_nothing(desk):
    def counts() -> tuple[int, int]:
        with desk.session() as s:
            return (
                s.exec(select(func.count()).select_from(Case)).one(),
                s.exec(select(func.count()).select_from(AuditEntry)).one(),
            )

    before = counts()
    results: list[object] = []
    app = make_app(desk, operator="张三", today=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RegisterCaseModal("（2026）豫0326执900号", AS_OF), results.append)
        await until(pilot, lambda: isinstance(app.screen, RegisterCaseModal))
        # everything a registration needs is typed: Ctrl+S would register the case
        await pilot.press(*"800", "tab", "tab", *"刘一", "tab", "tab", "tab", *"陈二", "escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDiscardModal))
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, RegisterCaseModal)
    assert results == [None]
    assert counts() == before


# --- every dialog ------------------------------------------------------------------------------


def dialog_classes() -> list[type[ModalScreen]]:
    """Every ModalScreen class defined in a module of tui/modals."""
    found = []
    for info in pkgutil.iter_modules(modals_package.__path__):
        module = importlib.import_module(f"{modals_package.__name__}.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, ModalScreen):
                found.append(cls)
    return found


def test_every_dialog_derives_from_desk_modal():
    classes = dialog_classes()
    assert len(classes) >= 18
    assert [c.__name__ for c in classes if not issubclass(c, DeskModal)] == []


#: the ids keymaps name: Esc's and Ctrl+S's (None: the dialog has no Ctrl+S of its own)
KEY_IDS = {
    "CloseCaseModal": ("close.cancel", "close.submit"),
    "ExtensionModal": ("extend.cancel", "extend.submit"),
    "HelpModal": ("help.close", None),
    "OperatorModal": ("operator.cancel", None),
    "PasswordModal": ("password.cancel", "password.submit"),
    "PickFilterModal": ("filter.cancel", None),
    "PickHandlerModal": ("handler.cancel", None),
    "PickTargetModal": ("pick.cancel", "pick.submit"),
    "RegisterCaseModal": ("register.cancel", "register.submit"),
    "RejectReasonModal": ("return.cancel", "return.submit"),
    "ReturnReasonModal": ("return.cancel", "return.submit"),
    "ServiceModal": ("serve.cancel", "serve.submit"),
    "TravelModal": ("travel.cancel", "travel.submit"),
    "OverrideModal": ("triage_override.cancel", "triage_override.submit"),
    "FactsModal": ("triage_facts.cancel", "triage_facts.save"),
    "RelatedModal": ("triage_related.cancel", None),
    "UrgeModal": ("urge.cancel", "urge.submit"),
    "ConfirmModal": ("confirm.no", None),
    "ConfirmDiscardModal": ("discard.no", None),
    "AcceptModal": ("triage_accept.cancel", None),
    "AddMeasureModal": ("measure_add.cancel", "measure_add.submit"),
    "LiftMeasureModal": ("measure_lift.cancel", "measure_lift.submit"),
    "ResumptionRequestModal": ("resume.cancel", "resume.submit"),
    "ClaimModal": ("money.claim.cancel", None),
    "LateReasonModal": (
        "return.cancel",
        "return.submit",
    ),  # the return-reason dialog with the late-payout texts
    "PayoutModal": ("money.out.cancel", "money.out.submit"),
    "DisposalStepModal": ("disposal_step.cancel", "disposal_step.submit"),
    "RegisterActionModal": ("register_action.cancel", "register_action.submit"),
    "StartDisposalModal": ("disposal_start.cancel", "disposal_start.submit"),
}


def test_every_dialog_keeps_its_binding_ids():
    for cls in dialog_classes():
        if cls in (DeskModal, DeskConfirm):
            continue
        # the bindings Textual merged from the class and its bases (what the screen starts with)
        merged = cls._merged_bindings.key_to_bindings  # noqa: SLF001
        ours = [b for bindings in merged.values() for b in bindings if b.action in {"cancel", "submit"}]
        ours += [b for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
        assert all(b.id for b in ours), cls
        cancel_id, submit_id = KEY_IDS[cls.__name__]
        assert [b.id for b in merged["escape"]] == [cancel_id], cls
        assert cls.submits() or submit_id is None, cls
        if submit_id is not None:
            assert [b.id for b in merged["ctrl+s"]] == [submit_id], cls
        elif issubclass(cls, DeskConfirm):
            assert "ctrl+s" not in merged, cls
        else:
            assert not cls.submits(), cls  # the base's Ctrl+S stays hidden
