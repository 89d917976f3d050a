"""报结案审查: the method, the amounts and, for 终本, the checklist of its conditions (法〔2016〕373号 and
the court's own list: met ✓ with where the evidence comes from, missing ✗ with its citation).

Dismisses with a :class:`CloseRequest` or None (Escape). The amounts are read with
``domain.money.parse_money`` and checked against the method with the pure
``domain.closing.check_closing_amounts`` before the dialog closes: a mistake is shown inside the
dialog and what was typed stays (a 终本 closing whose conditions are missing is refused here too).
The service checks everything again when submitting.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.closing import TERMINATED_THIS_ROUND, check_closing_amounts
from ...domain.money import format_money, parse_money
from ...domain.zhongben import LAW, Condition
from ...errors import ZhixingError
from ...i18n import board as board_text
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True, slots=True)
class CloseRequest:
    method: str
    closing_fen: int
    recovered_fen: int
    abandoned_fen: int
    reason: str


class CloseCaseModal(DeskModal[CloseRequest | None]):
    SCREEN_ID = "board"
    DEFAULT_CSS = """
    #close-box { width: 90%; max-width: 100; height: auto; max-height: 100%; overflow-y: auto; }
    #close-methods { height: auto; max-height: 6; }
    #close-missing { height: auto; color: $warning; }
    #close-error { height: auto; color: $error; }
    .close-label { color: $text-muted; height: 1; }
    .close-row { height: 1; margin-top: 1; }
    .close-row > .close-label { width: 22; }
    .close-row > Input { width: 1fr; }
    """
    BINDINGS = [
        cancel_key("close.cancel", board_text.KEY_CANCEL),
        submit_key("close.submit", board_text.KEY_SAVE),
    ]

    def __init__(
        self,
        case_no: str,
        claim_fen: int,
        methods: list[str],
        conditions: list[Condition],
        *,
        recovered_fen: int = 0,
    ) -> None:
        super().__init__()
        self.case_no = case_no
        self.claim_fen = claim_fen
        self.recovered_fen = recovered_fen  # 执行到位金额 so far: the field starts from it
        self.methods = methods
        self.conditions = conditions
        #: the names of the conditions that block a 终本 closing
        self.missing = [c.name for c in conditions if c.blocking]

    def compose(self) -> ComposeResult:
        with Vertical(id="close-box", classes="desk-dialog") as box:
            box.border_title = board_text.CLOSE_TITLE.format(case_no=self.case_no)
            box.border_subtitle = board_text.CLOSE_HINT
            yield Static("", id="close-error")
            yield Static(board_text.CLOSE_METHOD, classes="close-label")
            yield KeyOptionList(*[Option(m, id=m) for m in self.methods], id="close-methods")
            yield Static(
                board_text.CLOSE_CLAIM.format(claim=format_money(self.claim_fen)), classes="close-label"
            )
            # one line per field (compact inputs) so that the dialog fits 80×24
            for label, value, field in (
                (board_text.CLOSE_AMOUNT, format_money(self.claim_fen), "amount"),
                (board_text.CLOSE_RECOVERED, format_money(self.recovered_fen), "recovered"),
                (board_text.CLOSE_ABANDONED, "0", "abandoned"),
                (board_text.CLOSE_REASON, "", "reason"),
            ):
                with Horizontal(classes="close-row"):
                    yield Static(label, classes="close-label")
                    yield Input(value, id=f"close-{field}", compact=True)
            yield Static("", id="close-missing")

    def on_mount(self) -> None:
        options = self.query_one(KeyOptionList)
        options.highlighted = 0
        options.focus()
        self._show_missing()

    @property
    def method(self) -> str | None:
        options = self.query_one(KeyOptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    @on(OptionList.OptionHighlighted, "#close-methods")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self.query_one("#close-error", Static).update("")
        self._show_missing()

    @on(OptionList.OptionSelected, "#close-methods")
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#close-amount", Input).focus()

    def _show_missing(self) -> None:
        text = ""
        if self.method == TERMINATED_THIS_ROUND:
            head = board_text.CLOSE_MISSING if self.missing else board_text.CLOSE_READY
            text = "\n".join([head, *(condition_line(c) for c in self.conditions)])
        self.query_one("#close-missing", Static).update(Text(text))  # evidence is data, not markup

    def submit(self) -> None:
        method = self.method
        if method is None:
            return
        error = self.query_one("#close-error", Static)
        if method == TERMINATED_THIS_ROUND and self.missing:
            error.update(
                board_text.CLOSE_ZHONGBEN_REFUSED.format(
                    missing=board_text.CLOSE_MISSING_SEP.join(self.missing)
                )
            )
            return
        try:
            request = CloseRequest(
                method=method,
                closing_fen=parse_money(
                    self.query_one("#close-amount", Input).value, field=board_text.CLOSE_AMOUNT
                ),
                recovered_fen=parse_money(
                    self.query_one("#close-recovered", Input).value, field=board_text.CLOSE_RECOVERED
                ),
                abandoned_fen=parse_money(
                    self.query_one("#close-abandoned", Input).value, field=board_text.CLOSE_ABANDONED
                ),
                reason=self.query_one("#close-reason", Input).value.strip(),
            )
            check_closing_amounts(
                method,
                closing_fen=request.closing_fen,
                recovered_fen=request.recovered_fen,
                abandoned_fen=request.abandoned_fen,
            )
        except ZhixingError as exc:
            error.update(exc.message)
            return
        self.dismiss(request)


def condition_line(c: Condition) -> str:
    """One line of the 终本 checklist: ✓ met (evidence), ✗ missing (evidence, citation), △ overridden."""
    if c.met:
        return board_text.CLOSE_CONDITION_MET.format(name=c.name, evidence=c.evidence)
    if c.overridden:
        return board_text.CLOSE_CONDITION_OVERRIDDEN.format(name=c.name, evidence=c.evidence)
    citation = c.citation.replace(LAW, board_text.CLOSE_LAW_SHORT)
    return board_text.CLOSE_CONDITION_MISSING.format(name=c.name, evidence=c.evidence, citation=citation)
