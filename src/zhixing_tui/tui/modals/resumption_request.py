"""Record a 恢复执行 application on a 终本 case: the day the materials were received and the reason."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import zhongben_library as zhongben_library_text
from .base import DeskModal, cancel_key, submit_key


class ResumptionRequestModal(DeskModal[tuple[date, str] | None]):
    """Dismisses with (received on, reason), or None on Escape."""

    SCREEN_ID = "zhongben"
    BINDINGS = [
        cancel_key("resume.cancel", common_text.KEY_CANCEL),
        submit_key("resume.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    DEFAULT_CSS = """
    #resume-box { width: 80%; max-width: 90; height: auto; }
    #resume-note { color: $error; height: auto; }
    """

    def __init__(self, case_no: str, today: date) -> None:
        super().__init__()
        self.case_no = case_no
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="desk-dialog") as box:
            box.border_title = zhongben_library_text.REQUEST_TITLE.format(case_no=self.case_no)
            yield Label(zhongben_library_text.REQUEST_DATE)
            yield Input(self.today.isoformat(), id="resume-date")
            yield Label(zhongben_library_text.REQUEST_REASON)
            yield Input(placeholder=zhongben_library_text.REQUEST_REASON_HINT, id="resume-reason")
            yield Static("", id="resume-note")

    def on_mount(self) -> None:
        self.query_one("#resume-reason", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, _event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        from ...domain.dates import parse_date

        note = self.query_one("#resume-note", Static)
        try:
            day = parse_date(
                self.query_one("#resume-date", Input).value, field=zhongben_library_text.REQUEST_DATE
            )
        except ZhixingError as exc:
            note.update(exc.message)
            return
        reason = self.query_one("#resume-reason", Input).value.strip()
        if not reason:
            note.update(zhongben_library_text.REQUEST_REASON_HINT)
            return
        self.dismiss((day, reason))
