"""The clerk's triage facts: one checkbox per yes/no fact the court's criteria name.

Dismisses with ``{fact key: checked}`` for every fact shown, or None (Escape: nothing is written).
Each checkbox shows where the current value comes from (立案信息、查控清单、书记员填写 …).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Static

from ...i18n import triage_screen as T
from ...services.triage.queue import FactChoice
from .triage_decide import MODAL_CSS


def fact_text(choice: FactChoice) -> Text:
    text = Text(choice.label)
    if choice.source:
        text.append(T.FACTS_SOURCE.format(source=choice.source), style="dim")
    return text


class FactsModal(ModalScreen[dict[str, bool] | None]):
    SCREEN_ID = "triage"
    DEFAULT_CSS = (
        MODAL_CSS.format(cls="FactsModal")
        + """
    FactsModal VerticalScroll { height: auto; max-height: 20; }
    FactsModal Checkbox { width: 100%; border: none; padding: 0; height: auto; }
    FactsModal Checkbox:focus { border: none; background: $primary 30%; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", T.KEY_CANCEL, id="triage_facts.cancel"),
        Binding("ctrl+s", "save", T.KEY_SAVE, id="triage_facts.save"),
        Binding("j,down", "next", T.KEY_DOWN, show=False, id="triage_facts.down"),
        Binding("k,up", "previous", T.KEY_UP, show=False, id="triage_facts.up"),
    ]

    def __init__(self, case_no: str, choices: list[FactChoice]) -> None:
        super().__init__()
        self.case_no = case_no
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = T.FACTS_TITLE.format(case_no=self.case_no)
            if not self.choices:
                yield Static(T.FACTS_NONE)
            with VerticalScroll():
                for c in self.choices:
                    yield Checkbox(fact_text(c), c.value, id=f"fact-{c.key}")
            yield Static(T.FACTS_HINT, classes="triage-hint")

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

    def action_save(self) -> None:
        self.dismiss(self.values)

    def action_cancel(self) -> None:
        self.dismiss(None)
