"""Record a 恢复执行 application on a 终本 case: the day the materials were received and the reason,
handed to the screen's ``save`` (the resumption service call, run in the dialog's worker): the
dialog closes with what ``save`` returns, or shows the service's refusal and stays."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from ...errors import InvalidValue, ZhixingError
from ...i18n import common as common_text
from ...i18n import zhongben_library as zhongben_library_text
from .base import DeskModal, cancel_key, submit_key


class ResumptionRequestModal(DeskModal[str | None]):
    """Saves (received on, reason) through ``save``; dismisses with what it returns, or None on
    Escape."""

    SCREEN_ID = "zhongben"
    BINDINGS = [
        cancel_key("resume.cancel", common_text.KEY_CANCEL),
        submit_key("resume.submit", common_text.KEY_SUBMIT, priority=True),
    ]
    DEFAULT_CSS = """
    #resume-box { width: 80%; max-width: 90; height: auto; max-height: 95%; }
    """
    FIELDS = {
        **zhongben_library_text.REQUEST_FIELDS,
        zhongben_library_text.REQUEST_DATE: "resume-date",
        zhongben_library_text.REQUEST_REASON: "resume-reason",
    }

    def __init__(self, case_no: str, today: date, save: Callable[[date, str], str]) -> None:
        super().__init__()
        self.case_no = case_no
        self.today = today
        self.save_request = save

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-box", classes="desk-dialog") as box:
            box.border_title = zhongben_library_text.REQUEST_TITLE.format(case_no=self.case_no)
            yield Static("", id="resume-note", classes="dialog-error")
            with VerticalScroll(classes="dialog-body"):
                yield Label(zhongben_library_text.REQUEST_DATE)
                yield Input(self.today.isoformat(), id="resume-date")
                yield Label(zhongben_library_text.REQUEST_REASON)
                yield Input(placeholder=zhongben_library_text.REQUEST_REASON_HINT, id="resume-reason")

    def on_mount(self) -> None:
        self.query_one("#resume-reason", Input).focus()

    def submit(self) -> None:
        from ...domain.dates import parse_date

        try:
            day = parse_date(
                self.query_one("#resume-date", Input).value, field=zhongben_library_text.REQUEST_DATE
            )
            reason = self.query_one("#resume-reason", Input).value.strip()
            if not reason:
                raise InvalidValue(
                    zhongben_library_text.REQUEST_REASON_EMPTY, field=zhongben_library_text.REQUEST_REASON
                )
        except ZhixingError as exc:
            self.show_error(exc)
            return
        self.save(lambda: self.save_request(day, reason))
