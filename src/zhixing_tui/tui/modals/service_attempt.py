"""Record one service attempt (送达) of a document by the four steps of 003 §三(三)2.

The step the seed prescribes next is preselected; the address kind matters for 邮寄, a refusal
(拍照签字确认) only for 直接送达, and 公告送达 needs the evidence of unknown whereabouts — the
service checks all of it (``domain.checklist.check_attempt``) and its message is shown here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from ...domain import checklist as rules
from ...domain.dates import parse_date
from ...errors import ZhixingError
from ...i18n import query as query_text
from ...services.window.checklist import DocRow
from .base import DeskModal, cancel_key, submit_key


@dataclass(frozen=True)
class Attempt:
    step: str
    result: str
    address_kind: str
    attempted_on: date
    note: str


def _radio(prefix: str, options: dict[str, str], selected: str | None, horizontal: bool = False) -> RadioSet:
    return RadioSet(
        *(
            RadioButton(text, value=code == selected, id=f"{prefix}-{i}", compact=True)
            for i, (code, text) in enumerate(options.items())
        ),
        id=prefix,
        compact=True,
        classes="-horizontal" if horizontal else None,
    )


class ServiceModal(DeskModal[str | None]):
    SCREEN_ID = "query"
    DEFAULT_CSS = """
    #serve-box { width: 90%; max-width: 110; height: auto; max-height: 90%; }
    #serve-box .serve-row { height: auto; margin-bottom: 1; }
    #serve-box .serve-label { width: 18; }
    #serve-box RadioSet { width: 1fr; height: auto; }
    #serve-box RadioSet.-horizontal { layout: horizontal; }
    #serve-box RadioSet.-horizontal RadioButton { width: auto; margin-right: 2; }
    #serve-box Input { width: 1fr; background: $boost; }
    #serve-error { color: $error; height: auto; }
    """
    BINDINGS = [
        submit_key("serve.submit", query_text.KEY_SUBMIT, priority=True),
        cancel_key("serve.cancel", query_text.KEY_CANCEL),
    ]

    ERROR_LINE = "#serve-error"

    def __init__(self, doc: DocRow, today: date, save: Callable[[Attempt], str]) -> None:
        super().__init__()
        self.doc = doc
        self.today = today
        self.save_attempt = save

    def compose(self) -> ComposeResult:
        step = self.doc.next_step or "phone"
        with VerticalScroll(id="serve-box", classes="desk-dialog") as box:
            box.border_title = query_text.SERVE_TITLE.format(doc=self.doc.label)
            yield Static(
                query_text.SERVE_HINT.format(
                    step=rules.SERVICE_STEPS.get(step, query_text.SERVE_STEP_UNKNOWN)
                )
            )
            if self.doc.attempts:
                lines = query_text.SERVE_EARLIER_SEP.join(
                    f"{a.attempted_on:%m-%d} {rules.SERVICE_STEPS.get(a.step, a.step)}"
                    f"{a.address_kind and query_text.SERVE_EARLIER_ADDRESS.format(address=a.address_kind)}"
                    f" {rules.SERVICE_RESULTS.get(a.result, a.result)}"
                    for a in self.doc.attempts
                )
                yield Static(query_text.SERVE_EARLIER.format(lines=lines))
            for label, widget in (
                (query_text.SERVE_STEP, _radio("serve-step", rules.SERVICE_STEPS, step)),
                (
                    query_text.SERVE_ADDRESS,
                    _radio("serve-address", {k: k for k in rules.ADDRESS_KINDS}, None, True),
                ),
                (query_text.SERVE_RESULT, _radio("serve-result", rules.SERVICE_RESULTS, None)),
            ):
                with Horizontal(classes="serve-row"):
                    yield Label(label, classes="serve-label")
                    yield widget
            with Horizontal(classes="serve-row"):
                yield Label(query_text.SERVE_DATE, classes="serve-label")
                yield Input(self.today.isoformat(), id="serve-date", compact=True)
            with Horizontal(classes="serve-row"):
                yield Label(query_text.SERVE_NOTE, classes="serve-label")
                yield Input(
                    id="serve-note", compact=True, max_length=300, placeholder=query_text.SERVE_NOTE_HINT
                )
            yield Static("", id="serve-error")

    def on_mount(self) -> None:
        self.query_one("#serve-step", RadioSet).focus()

    def _choice(self, prefix: str, options: list[str]) -> str:
        radio = self.query_one(f"#{prefix}", RadioSet)
        for i, button in enumerate(radio.query(RadioButton)):
            if button.value:
                return options[i]
        return ""

    def submit(self) -> None:
        try:
            day = parse_date(self.query_one("#serve-date", Input).value, field=query_text.SERVE_DATE)
        except ZhixingError as exc:
            self.query_one("#serve-error", Static).update(exc.message)
            return
        result = self._choice("serve-result", list(rules.SERVICE_RESULTS))
        if not result:
            self.query_one("#serve-error", Static).update(query_text.SERVE_NEED_RESULT)
            return
        attempt = Attempt(
            step=self._choice("serve-step", list(rules.SERVICE_STEPS)),
            result=result,
            address_kind=self._choice("serve-address", list(rules.ADDRESS_KINDS)),
            attempted_on=day,
            note=self.query_one("#serve-note", Input).value.strip(),
        )
        # written from the dialog (DeskModal.save): a refusal (no 地址类别 for a mailing, a day before
        # the document was made) shows here with what was chosen, not after the dialog closed
        self.save(lambda: self.save_attempt(attempt))
