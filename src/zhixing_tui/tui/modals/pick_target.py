"""Pick where a case goes: the allowed targets of its stage (H/L preselect the neighbour).

Dismisses with ``(to_stage, note)`` or None (Escape: nothing is written).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import board as board_text
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True, slots=True)
class Target:
    stage: str
    stage_name: str
    label: str
    needs_approval: bool
    form_title: str | None = None

    def text(self) -> str:
        out = board_text.PICK_OPTION.format(stage=self.stage_name, label=self.label)
        if self.needs_approval:
            out += board_text.PICK_APPROVAL
        if self.form_title:
            out += board_text.PICK_FORM.format(form=self.form_title)
        return out


class PickTargetModal(DeskModal[tuple[str, str] | None]):
    SCREEN_ID = "board"
    DEFAULT_CSS = """
    #pick-box { width: 80%; max-width: 90; height: auto; max-height: 80%; }
    #pick-list { height: auto; max-height: 12; }
    #pick-note { margin-top: 1; }
    """
    BINDINGS = [
        cancel_key("pick.cancel", board_text.KEY_CANCEL),
        submit_key("pick.submit", board_text.KEY_SUBMIT),
    ]

    def __init__(
        self, case_no: str, stage_name: str, targets: list[Target], preselect: str | None = None
    ) -> None:
        super().__init__()
        self.case_no = case_no
        self.stage_name = stage_name
        self.targets = targets
        self.preselect = preselect

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box", classes="desk-dialog") as box:
            box.border_title = board_text.PICK_TITLE.format(case_no=self.case_no)
            yield Static(board_text.PICK_PROMPT.format(stage=self.stage_name))
            yield KeyOptionList(*[Option(t.text(), id=t.stage) for t in self.targets], id="pick-list")
            yield Input(placeholder=board_text.PICK_NOTE, id="pick-note")

    def on_mount(self) -> None:
        options = self.query_one(KeyOptionList)
        index = next((i for i, t in enumerate(self.targets) if t.stage == self.preselect), 0)
        options.highlighted = index
        options.focus()

    @property
    def chosen(self) -> str | None:
        options = self.query_one(KeyOptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionSelected, "#pick-list")
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.submit()

    def submit(self) -> None:
        if self.chosen:
            self.dismiss((self.chosen, self.query_one("#pick-note", Input).value.strip()))
