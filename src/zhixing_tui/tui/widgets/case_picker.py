"""Which case a role screen works on: an input (案号, party name or pinyin initials) with the matches
below it. Enter opens the highlighted case (posts :class:`CasePicker.Chosen`). Ctrl+N registers a
new case (the typed 案号 filled in when it is a well-formed one not in the database; Enter offers
the same) and then posts :class:`CasePicker.Chosen` for it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...domain.case_no import normalize_case_no
from ...errors import InvalidValue
from ...i18n import intake as intake_text
from ...services.cases.search import CaseRow, search_cases
from ..modals.register_case import RegisterCaseModal
from .cells import fit
from .lists import KeyOptionList

LIMIT = 20
DEBOUNCE = 0.2


@dataclass
class _Found(Message):
    query: str
    rows: list[CaseRow]
    unregistered: str | None  # a valid 案号 that matched no case


class CasePicker(Vertical):
    DEFAULT_CSS = """
    CasePicker { height: auto; margin: 0 1; display: none; }
    CasePicker.-open { display: block; }
    CasePicker > #picker-list { height: auto; max-height: 10; display: none; }
    CasePicker.-open > #picker-list { display: block; }
    CasePicker > #picker-note { height: auto; color: $text-muted; display: none; }
    CasePicker.-open > #picker-note { display: block; }
    """
    BINDINGS = [
        Binding("down", "focus_list", intake_text.KEY_PICK, show=False, id="picker.down"),
        Binding("ctrl+n", "register", intake_text.KEY_REGISTER, id="picker.register"),
    ]

    @dataclass
    class Chosen(Message):
        case_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[str, CaseRow] = {}
        self.unregistered: str | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=intake_text.PICK_PLACEHOLDER, id="picker-input")
        yield KeyOptionList(id="picker-list")
        yield Static(intake_text.PICK_HINT, id="picker-note")

    @property
    def input(self) -> Input:
        return self.query_one("#picker-input", Input)

    def open(self, *, focus: bool = True) -> None:
        """Show the matches (and the hint) and put the cursor in the input."""
        self.add_class("-open")
        if focus:
            self.input.focus()
        self.search(self.input.value)

    def close(self) -> None:
        self.remove_class("-open")

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self.add_class("-open")
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, lambda: self.search(event.value))

    @work(thread=True, exclusive=True, group="picker", exit_on_error=False)
    def search(self, query: str) -> None:
        rows = list(search_cases(self.app.desk, query, limit=LIMIT).items)  # type: ignore[attr-defined]
        unregistered = None
        if not rows and query.strip():
            try:
                unregistered = normalize_case_no(query)
            except InvalidValue:
                unregistered = None
        if not get_current_worker().is_cancelled:  # a newer search replaced this one
            self.post_message(_Found(query, rows, unregistered))

    @on(_Found)
    def _show(self, message: _Found) -> None:
        message.stop()
        if message.query != self.input.value:
            return
        options = self.query_one(KeyOptionList)
        width = max(20, (options.size.width or self.size.width or 60) - 4)
        self.rows = {str(r.id): r for r in message.rows}
        self.unregistered = message.unregistered
        options.clear_options()
        options.add_options(
            [
                Option(
                    fit(
                        intake_text.PICK_ROW.format(
                            case_no=r.case_no,
                            applicant=r.applicant,
                            respondent=r.respondent,
                            stage=r.stage_name,
                        ),
                        width,
                    ),
                    id=str(r.id),
                )
                for r in message.rows
            ]
        )
        if message.rows:
            options.highlighted = 0
        note = intake_text.PICK_HINT
        if message.unregistered:
            note = intake_text.PICK_REGISTER.format(case_no=message.unregistered)
        elif not message.rows:
            note = intake_text.PICK_NONE.format(query=message.query.strip())
        self.query_one("#picker-note", Static).update(note)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(KeyOptionList)
        if options.highlighted is not None and options.option_count:
            self._choose(options.get_option_at_index(options.highlighted).id)
        elif self.unregistered:
            self.action_register()

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id and option_id in self.rows:
            self.close()
            self.post_message(self.Chosen(int(option_id)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "register":
            return self.has_class("-open")
        if action == "focus_list":
            return self.query_one(KeyOptionList).option_count > 0
        return True

    def action_focus_list(self) -> None:
        self.query_one(KeyOptionList).focus()

    def action_register(self) -> None:
        """Register a new case (立案登记) in a dialog; then it is the chosen case."""
        typed = self.unregistered if self.unregistered == self._normalized(self.input.value) else None

        def registered(case_id: int | None) -> None:
            if case_id is not None:
                self.close()
                self.post_message(self.Chosen(case_id))

        self.app.push_screen(RegisterCaseModal(typed or "", self.app.desk.today()), registered)  # type: ignore[attr-defined]

    @staticmethod
    def _normalized(text: str) -> str | None:
        try:
            return normalize_case_no(text)
        except InvalidValue:
            return None
