"""Who is at the keyboard: pick from the staff roster, filtered by name or pinyin initials."""

from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...i18n import common as common_text
from ...services.cases.search import StaffRow, find_staff
from ..messages import StaffLoaded
from ..screens.base import WorkerErrors
from ..widgets.cells import fit
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key

ROSTER_LIMIT = 200


def staff_label(row: StaffRow, width: int = 60) -> str:
    parts = [row.name, row.title, row.unit_name or ""]
    return fit(common_text.OPERATOR_STAFF_SEP.join(p for p in parts if p), width)


class OperatorModal(WorkerErrors, DeskModal[StaffRow | None]):
    """Dismisses with the chosen member of staff (the app then asks for their password), or
    None on Escape: at the start the app then quits (nobody is logged in as the shell's user);
    when changing, the current operator stays."""

    GUARD_INPUT = False  # the input only filters the roster
    ENTER_SUBMITS = False  # Enter takes the highlighted name

    SCREEN_ID = "operator"
    BINDINGS = [
        cancel_key("operator.cancel", common_text.KEY_BACK),
        Binding("down", "focus_list", common_text.KEY_FOCUS_LIST, show=False, id="operator.focus_list"),
    ]

    def __init__(self, *, at_start: bool = False, demo: bool = False) -> None:
        super().__init__()
        self.at_start = at_start
        self.demo = demo
        if at_start:  # Esc quits the app here: its key says so in the footer, not 返回
            keys = self._bindings.key_to_bindings
            keys["escape"] = [replace(b, description=common_text.KEY_QUIT_APP) for b in keys["escape"]]
        self.staff: dict[str, StaffRow] = {}
        self._roster_empty: bool | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="operator-box", classes="desk-dialog") as box:
            box.border_title = (
                common_text.OPERATOR_LOGIN_TITLE if self.at_start else common_text.SCREEN_OPERATOR
            )
            yield Static(common_text.OPERATOR_PROMPT, classes="modal-prompt")
            if self.demo:
                yield Static(common_text.DEMO_PASSWORD_HINT, id="operator-demo")
            yield Input(placeholder=common_text.OPERATOR_PLACEHOLDER, id="operator-input")
            yield KeyOptionList(id="operator-list")
            yield Static("", id="operator-note")
            yield Static(
                common_text.OPERATOR_QUIT_HINT if self.at_start else common_text.OPERATOR_CHANGE_HINT,
                classes="modal-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.load("")

    @on(Input.Changed, "#operator-input")
    def _typed(self, event: Input.Changed) -> None:
        self.load(event.value)

    @work(thread=True, exclusive=True, group="operator", exit_on_error=False)
    def load(self, query: str) -> None:
        self.post_result(StaffLoaded(query, find_staff(self.zapp.desk, query, limit=ROSTER_LIMIT)))

    @on(StaffLoaded)
    def show_staff(self, message: StaffLoaded) -> None:
        if message.query != self.query_one(Input).value:
            return
        if message.query == "" and self._roster_empty is None:
            self._roster_empty = not message.staff
        options = self.query_one(KeyOptionList)
        width = max(20, options.size.width - 4)
        self.staff = {str(r.id): r for r in message.staff}
        options.clear_options()
        options.add_options([Option(staff_label(r, width), id=str(r.id)) for r in message.staff])
        if message.staff:
            options.highlighted = 0
        note = ""
        if self._roster_empty:
            note = common_text.OPERATOR_NO_ROSTER
        elif not message.staff:
            note = common_text.OPERATOR_EMPTY
        self.query_one("#operator-note", Static).update(note)

    def _highlighted(self) -> StaffRow | None:
        options = self.query_one(KeyOptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.staff.get(option.id or "")

    @on(Input.Submitted, "#operator-input")
    def _submitted(self, _event: Input.Submitted) -> None:
        row = self._highlighted()
        if row is not None:
            self.dismiss(row)

    @on(OptionList.OptionSelected, "#operator-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        row = self.staff.get(event.option.id or "")
        if row is not None:
            self.dismiss(row)

    def action_focus_list(self) -> None:
        options = self.query_one(KeyOptionList)
        if options.option_count:
            options.focus()
