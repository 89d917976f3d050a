"""申请延长执行期限: how long (default 3个月) and the special circumstances; the request runs through
``services.deadlines.extensions.request_extension`` in the dialog's worker (:meth:`DeskModal.save`),
its Chinese refusals shown here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from ...domain.execution_period import DEFAULT_EXTENSION
from ...i18n import period as period_text
from ...services.deadlines.extensions import request_extension
from .base import DeskModal, cancel_key, submit_key


class ExtensionModal(DeskModal[int | None]):
    """Dismisses with the new approval's id, or None on Escape."""

    SCREEN_ID = "case"
    DEFAULT_CSS = """
    #extend-box { width: 80%; max-width: 96; height: auto; max-height: 90%; }
    """
    BINDINGS = [
        cancel_key("extend.cancel", period_text.KEY_CANCEL),
        submit_key("extend.submit", period_text.KEY_SUBMIT, priority=True),
    ]
    FIELDS = period_text.EXTEND_FIELDS

    def __init__(self, case_id: int, case_no: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_no = case_no

    def compose(self) -> ComposeResult:
        with Vertical(id="extend-box", classes="desk-dialog") as box:
            box.border_title = f"{period_text.EXTEND_TITLE}　{self.case_no}"
            yield Static("", id="extend-error", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield Static(period_text.EXTEND_NOTE)
                yield Label(period_text.LABEL_PERIOD)
                yield Input(value=DEFAULT_EXTENSION, id="extend-period")
                yield Label(period_text.LABEL_REASON)
                yield Input(id="extend-reason")

    def on_mount(self) -> None:
        self.query_one("#extend-reason", Input).focus()

    def submit(self) -> None:
        period = self.query_one("#extend-period", Input).value.strip()
        reason = self.query_one("#extend-reason", Input).value.strip()
        desk = self.app.desk  # type: ignore[attr-defined]
        self.save(lambda: request_extension(desk, self.case_id, period=period, reason=reason))

    def saved(self, result: int | None) -> None:
        self.notify(period_text.EXTEND_DONE.format(id=result))
        self.dismiss(result)
