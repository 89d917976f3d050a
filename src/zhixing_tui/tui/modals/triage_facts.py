"""The clerk's triage facts: one checkbox per yes/no fact the court's criteria name.

Dismisses with ``{fact key: checked}`` for every fact shown, or None (Escape: nothing is written).
Each checkbox shows where the current value comes from (立案信息、查控清单、书记员填写 …).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Static

from ...i18n import triage_screen as triage_screen_text
from ...services.triage.queue import FactChoice
from .base import DeskModal, cancel_key, submit_key
from .triage_decide import TRIAGE_CSS


def fact_text(choice: FactChoice) -> Text:
    text = Text(choice.label)
    if choice.source:
        text.append(triage_screen_text.FACTS_SOURCE.format(source=choice.source), style="dim")
    return text


class FactsModal(DeskModal[dict[str, bool] | None]):
    SCREEN_ID = "triage"
    DEFAULT_CSS = (
        TRIAGE_CSS.format(cls="FactsModal")
        + """
    FactsModal VerticalScroll { height: auto; max-height: 20; }
    FactsModal Checkbox { width: 100%; border: none; padding: 0; height: auto; }
    FactsModal Checkbox:focus { border: none; background: $primary 30%; }
    """
    )
    BINDINGS = [
        cancel_key("triage_facts.cancel", triage_screen_text.KEY_CANCEL),
        submit_key("triage_facts.save", triage_screen_text.KEY_SAVE),
        Binding("j,down", "next", triage_screen_text.KEY_DOWN, show=False, id="triage_facts.down"),
        Binding("k,up", "previous", triage_screen_text.KEY_UP, show=False, id="triage_facts.up"),
    ]

    def __init__(self, case_no: str, choices: list[FactChoice]) -> None:
        super().__init__()
        self.case_no = case_no
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="desk-dialog") as box:
            box.border_title = triage_screen_text.FACTS_TITLE.format(case_no=self.case_no)
            if not self.choices:
                yield Static(triage_screen_text.FACTS_NONE)
            with VerticalScroll():
                for c in self.choices:
                    yield Checkbox(fact_text(c), c.value, id=f"fact-{c.key}")
            yield Static(triage_screen_text.FACTS_HINT, classes="triage-hint")

    def on_mount(self) -> None:
        boxes = self.query(Checkbox)
        if boxes:
            boxes.first().focus()

    @property
    def values(self) -> dict[str, bool]:
        return {c.key: self.query_one(f"#fact-{c.key}", Checkbox).value for c in self.choices}

    def action_next(self) -> None:
        self.focus_next(Checkbox)

    def action_previous(self) -> None:
        self.focus_previous(Checkbox)

    def submit(self) -> None:
        self.dismiss(self.values)
