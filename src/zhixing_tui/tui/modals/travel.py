"""申请出差查找被执行人 (监利 004 第三组 6): the scope decides who must approve.

Dismisses with ``(scope, destination, purpose)`` or None (Escape). A scope that obviously does not
fit the destination (``domain.travel``: 县内 to another province …) is refused inside the dialog,
keeping what was typed; the service checks again.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...domain.board import TRAVEL_SCOPES
from ...domain.travel import check_travel_destination
from ...errors import ZhixingError
from ...i18n import board as board_text
from ..widgets.lists import KeyOptionList
from .base import DeskModal, cancel_key, submit_key


class TravelModal(DeskModal[tuple[str, str, str] | None]):
    SCREEN_ID = "board"
    DEFAULT_CSS = """
    #travel-box { width: 80%; max-width: 90; height: auto; }
    #travel-scopes { height: auto; }
    .travel-label { color: $text-muted; height: 1; }
    #travel-error { height: auto; color: $error; }
    """
    BINDINGS = [
        cancel_key("travel.cancel", board_text.KEY_CANCEL),
        submit_key("travel.submit", board_text.KEY_SUBMIT),
    ]

    def __init__(self, case_no: str, province: str = "") -> None:
        super().__init__()
        self.case_no = case_no
        self.province = province  # the court's (profile court.province)

    def compose(self) -> ComposeResult:
        with Vertical(id="travel-box", classes="desk-dialog") as box:
            box.border_title = board_text.TRAVEL_TITLE.format(case_no=self.case_no)
            yield Static("", id="travel-error")
            yield Static(board_text.TRAVEL_SCOPE, classes="travel-label")
            yield KeyOptionList(*[Option(v[1], id=k) for k, v in TRAVEL_SCOPES.items()], id="travel-scopes")
            yield Static(board_text.TRAVEL_DESTINATION, classes="travel-label")
            yield Input(id="travel-destination")
            yield Static(board_text.TRAVEL_PURPOSE, classes="travel-label")
            yield Input(board_text.TRAVEL_PURPOSE_DEFAULT, id="travel-purpose")

    def on_mount(self) -> None:
        options = self.query_one(KeyOptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#travel-scopes")
    def _selected(self, _event: OptionList.OptionSelected) -> None:
        self.query_one("#travel-destination", Input).focus()

    def submit(self) -> None:
        options = self.query_one(KeyOptionList)
        destination = self.query_one("#travel-destination", Input).value.strip()
        if options.highlighted is None or not destination:
            self.query_one("#travel-destination", Input).focus()
            return
        scope = options.get_option_at_index(options.highlighted).id or ""
        try:
            check_travel_destination(scope, TRAVEL_SCOPES[scope][1], destination, self.province)
        except ZhixingError as exc:
            self.query_one("#travel-error", Static).update(exc.message)
            return
        self.dismiss((scope, destination, self.query_one("#travel-purpose", Input).value.strip()))
