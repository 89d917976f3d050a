"""督办: whom to urge (the node's handler first), about what, and a note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import alerts as alerts_text
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key, submit_key

NOBODY = "__nobody__"


@dataclass(frozen=True)
class UrgeInput:
    staff_id: int | None
    staff_name: str
    about: str
    note: str


class UrgeModal(DeskModal[UrgeInput | None]):
    """Dismisses with what to record, or None on Escape. It opens on whom to urge; Enter goes on
    to 督办事项 and the note, and submits in the note (Ctrl+S submits from anywhere)."""

    SCREEN_ID = "overdue"
    DEFAULT_CSS = """
    #urge-box { width: 80%; max-width: 96; height: auto; max-height: 90%; }
    #urge-who { height: 8; }
    #urge-error { color: $error; height: auto; }
    """
    BINDINGS = [
        cancel_key("urge.cancel", alerts_text.KEY_CANCEL),
        submit_key("urge.submit", alerts_text.KEY_SUBMIT),
    ]

    def __init__(
        self,
        case_no: str,
        node_line: str,
        people: Sequence[tuple[int, str]],
        handler_id: int | None,
        about: str,
    ) -> None:
        super().__init__()
        self.case_no = case_no
        self.node_line = node_line
        first = [p for p in people if p[0] == handler_id]
        self.people = first + [p for p in people if p[0] != handler_id]
        self.handler_id = handler_id
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(id="urge-box", classes="desk-dialog -warning") as box:
            box.border_title = alerts_text.URGE_TITLE.format(case_no=self.case_no)
            yield Static(self.node_line)
            yield Label(alerts_text.URGE_WHO)
            options = [Option(name, id=str(sid)) for sid, name in self.people] + [
                Option(alerts_text.URGE_NOBODY, id=NOBODY)
            ]
            yield KeyOptionList(*options, id="urge-who")
            yield Label(alerts_text.URGE_ABOUT)
            yield Input(value=self.about, id="urge-about")
            yield Label(alerts_text.URGE_NOTE)
            yield Input(id="urge-note")
            yield Static("", id="urge-error")

    def on_mount(self) -> None:
        who = self.query_one("#urge-who", KeyOptionList)
        who.highlighted = 0
        who.focus()  # the first field: whom (the node's handler is highlighted), Enter goes on

    @on(OptionList.OptionSelected, "#urge-who")
    def _who_selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#urge-about", Input).focus()

    def submit(self) -> None:
        about = self.query_one("#urge-about", Input).value.strip()
        if not about:
            self.query_one("#urge-error", Static).update(alerts_text.URGE_ABOUT_EMPTY)
            self.query_one("#urge-about", Input).focus()
            return
        who = self.query_one("#urge-who", KeyOptionList)
        option = who.get_option_at_index(who.highlighted) if who.highlighted is not None else None
        staff_id = int(option.id) if option is not None and option.id not in (None, NOBODY) else None
        name = next((n for sid, n in self.people if sid == staff_id), "")
        note = self.query_one("#urge-note", Input).value.strip()
        self.dismiss(UrgeInput(staff_id, name, about, note))
