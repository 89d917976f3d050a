"""Register a case that is not in the database yet (立案登记) from the intake window.

The 案号 comes from the picker when one was typed there; the rest is typed here. Registration runs
through ``services.cases.register_case`` in a worker; its Chinese errors are shown in the modal.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from ...domain.case_no import normalize_case_no
from ...domain.dates import parse_date
from ...domain.money import parse_money
from ...errors import ZhixingError
from ...i18n import intake as intake_text
from ...services.cases.registry import PARTY_KINDS, PartyInput, register_case
from .base import DeskModal, cancel_key, submit_key

FIELDS = (
    ("case_no", intake_text.R_CASE_NO),
    ("filed_on", intake_text.R_FILED_ON),
    ("claim", intake_text.R_CLAIM),
    ("basis", intake_text.R_BASIS),
    ("applicant", intake_text.R_APPLICANT),
    ("applicant_id", intake_text.R_APPLICANT_ID),
    ("respondent", intake_text.R_RESPONDENT),
    ("respondent_id", intake_text.R_RESPONDENT_ID),
)


class RegisterCaseModal(DeskModal[int | None]):
    """Dismisses with the new case's id, or None on Escape."""

    SCREEN_ID = "intake"
    DEFAULT_CSS = """
    #register-box { width: 90%; max-width: 100; height: 90%; }
    #register-box .reg-row { height: auto; }
    #register-box .reg-label { width: 22; padding-top: 1; }
    #register-box Input { width: 1fr; }
    #register-box RadioSet { layout: horizontal; height: auto; width: auto; }
    #register-error { color: $error; height: auto; }
    """
    BINDINGS = [
        submit_key("register.submit", intake_text.KEY_REGISTER, priority=True),
        cancel_key("register.cancel", intake_text.KEY_CANCEL),
    ]

    def __init__(self, case_no: str, today: date) -> None:
        super().__init__()
        self.case_no = case_no
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="register-box", classes="desk-dialog") as box:
            box.border_title = intake_text.REGISTER_TITLE
            yield Static(intake_text.REGISTER_NOTE)
            for key, label in FIELDS:
                with Horizontal(classes="reg-row"):
                    yield Label(label, classes="reg-label")
                    yield Input(id=f"reg-{key}")
                if key in ("applicant_id", "respondent_id"):
                    role = key.removesuffix("_id")
                    with Horizontal(classes="reg-row"):
                        yield Label(intake_text.R_KIND, classes="reg-label")
                        with RadioSet(id=f"reg-{role}-kind"):
                            for i, (code, name) in enumerate(PARTY_KINDS.items()):
                                yield RadioButton(name, value=i == 0, id=f"reg-{role}-{code}")
            yield Checkbox(intake_text.R_NON_LITIGATION, False, id="reg-non_litigation")
            yield Static("", id="register-error")

    def on_mount(self) -> None:
        self.query_one("#reg-case_no", Input).value = self.case_no
        self.query_one("#reg-filed_on", Input).value = self.today.isoformat()
        self.query_one("#reg-claim" if self.case_no else "#reg-case_no", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#reg-{key}", Input).value.strip()

    def _kind(self, role: str) -> str:
        pressed = self.query_one(f"#reg-{role}-kind", RadioSet).pressed_button
        return (pressed.id or "").rsplit("-", 1)[-1] if pressed else "person"

    def submit(self) -> None:
        for key, label in FIELDS:
            if key in ("case_no", "filed_on", "claim", "applicant", "respondent") and not self._value(key):
                self._error(intake_text.R_REQUIRED.format(label=label))
                self.query_one(f"#reg-{key}", Input).focus()
                return
        try:
            filed_on = parse_date(self._value("filed_on"), field=intake_text.R_FILED_ON)
            claim = parse_money(self._value("claim"), field=intake_text.R_CLAIM)
        except ZhixingError as exc:
            self._error(exc.message)
            return
        parties = {
            role: PartyInput(
                self._value(role),
                kind=self._kind(role),
                id_number=self._value(f"{role}_id") or None,  # type: ignore[arg-type]
            )
            for role in ("applicant", "respondent")
        }
        self.register(filed_on, claim, parties)

    @work(thread=True, exclusive=True, group="register", exit_on_error=False)
    def register(self, filed_on: date, claim: int, parties: dict[str, PartyInput]) -> int:
        return register_case(
            self.app.desk,  # type: ignore[attr-defined]
            case_no=self._value("case_no"),
            filed_on=filed_on,
            claim_fen=claim,
            applicants=[parties["applicant"]],
            respondents=[parties["respondent"]],
            basis=self._value("basis"),
            non_litigation=self.query_one("#reg-non_litigation", Checkbox).value,
        )

    @on(Worker.StateChanged)
    def _done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "register":
            return
        if event.state == WorkerState.SUCCESS:
            self.notify(intake_text.REGISTERED.format(case_no=normalize_case_no(self._value("case_no"))))
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self._error(error.message if isinstance(error, ZhixingError) else str(error))

    def _error(self, text: str) -> None:
        self.query_one("#register-error", Static).update(text)
