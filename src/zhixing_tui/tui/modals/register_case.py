"""Register a case that is not in the database yet (立案登记) from the intake window.

The 案号 comes from the picker when one was typed there; the rest is typed here. Registration runs
through ``services.cases.register_case`` in a worker; its Chinese errors are shown in the modal.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from ...domain.case_no import normalize_case_no
from ...domain.dates import parse_date
from ...domain.money import parse_money
from ...errors import ZhixingError
from ...i18n import intake as intake_text
from ...services.cases.registry import (
    PARTY_KINDS,
    PartyInput,
    RegistrationProblem,
    check_registration,
    register_case,
)
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
    #register-box .reg-label { width: 20; padding-top: 1; }
    #register-box .reg-label.-kind { width: 6; padding-top: 0; }
    #register-box Input { width: 1fr; }
    #register-box RadioSet { layout: horizontal; height: auto; width: 1fr; }
    #register-box RadioButton { width: auto; margin-right: 1; }
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
                        # a short label, so the four kinds fit on one line down to 80 columns
                        yield Label(intake_text.R_KIND, classes="reg-label -kind")
                        with RadioSet(id=f"reg-{role}-kind", compact=True):
                            for i, (code, name) in enumerate(PARTY_KINDS.items()):
                                yield RadioButton(name, value=i == 0, id=f"reg-{role}-{code}", compact=True)
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
        """Check everything typed at once (``check_registration``) and register when it is right,
        in a worker while the dialog stays open; every mistake is listed, the first one focused."""
        desk = self.app.desk  # type: ignore[attr-defined]
        values = {key: self._value(key) for key, _ in FIELDS}
        parties = {
            role: PartyInput(values[role], kind=self._kind(role), id_number=values[f"{role}_id"] or None)  # type: ignore[arg-type]
            for role in ("applicant", "respondent")
        }
        non_litigation = self.query_one("#reg-non_litigation", Checkbox).value

        def run() -> int | list[RegistrationProblem]:
            problems = check_registration(
                desk,
                case_no=values["case_no"],
                filed_on=values["filed_on"],
                claim=values["claim"],
                applicant=parties["applicant"],
                respondent=parties["respondent"],
            )
            if problems:
                return problems
            return register_case(
                desk,
                case_no=values["case_no"],
                filed_on=parse_date(values["filed_on"]),
                claim_fen=parse_money(values["claim"]),
                applicants=[parties["applicant"]],
                respondents=[parties["respondent"]],
                basis=values["basis"],
                non_litigation=non_litigation,
            )

        self.save(run)

    def saved(self, result: int | list[RegistrationProblem] | None) -> None:
        if isinstance(result, list):
            self._error(
                intake_text.R_PROBLEMS.format(
                    count=len(result), problems="；".join(p.message for p in result)
                )
            )
            self.query_one(f"#reg-{result[0].field}", Input).focus()
            return
        self.notify(intake_text.REGISTERED.format(case_no=normalize_case_no(self._value("case_no"))))
        self.dismiss(result)

    def show_error(self, error: BaseException) -> None:
        self._error(error.message if isinstance(error, ZhixingError) else str(error))

    def _error(self, text: str) -> None:
        self.query_one("#register-error", Static).update(text)
