"""The password for the operator just chosen: the app's login (at start and on Ctrl+O).

Enter checks it (``services.accounts.authenticate``, which counts wrong passwords and locks the
account after five); a refusal stays in the dialog with the reason and the field cleared. Esc
goes back to the roster. A demo database says here that every password is ``demo``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from ...domain.roles import role_name
from ...i18n import common as common_text
from ...services.accounts import PASSWORD_FIELD, LoggedIn, authenticate
from .base import DeskModal, cancel_key, submit_key


class PasswordModal(DeskModal[LoggedIn | None]):
    """Dismisses with who logged in, or None (Esc: back to the roster)."""

    SCREEN_ID = "operator"
    BINDINGS = [
        cancel_key("password.cancel", common_text.KEY_BACK),
        submit_key("password.submit", common_text.KEY_LOGIN),
    ]
    FIELDS = {PASSWORD_FIELD: "password-input"}
    DEFAULT_CSS = """
    #password-box { width: 70; max-width: 95%; height: auto; }
    #password-input { margin: 1 0 0 0; }
    #password-demo { color: $success; height: auto; }
    .dialog-error { color: $error; height: auto; display: none; }
    """

    def __init__(self, staff_id: int, name: str, role: str, *, demo: bool = False) -> None:
        super().__init__()
        self.staff_id = staff_id
        self.staff_name = name
        self.role = role
        self.demo = demo

    def compose(self) -> ComposeResult:
        with Vertical(id="password-box", classes="desk-dialog") as box:
            box.border_title = common_text.SCREEN_PASSWORD
            yield Static("", classes="dialog-error")
            yield Static(
                common_text.PASSWORD_PROMPT.format(name=self.staff_name, role=role_name(self.role)),
                classes="modal-prompt",
            )
            yield Input(placeholder=common_text.PASSWORD_PLACEHOLDER, password=True, id="password-input")
            if self.demo:
                yield Static(common_text.DEMO_PASSWORD_HINT, id="password-demo")
            yield Static(common_text.PASSWORD_HINT, classes="modal-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#password-input")
    def _entered(self, _event: Input.Submitted) -> None:
        self.submit()

    def submit(self) -> None:
        field = self.query_one("#password-input", Input)
        password = field.value
        if not password:
            line = self.query_one(self.ERROR_LINE, Static)
            line.update(common_text.PASSWORD_EMPTY)
            line.display = True
            return
        desk = self.app.desk  # type: ignore[attr-defined]
        self.save(lambda: authenticate(desk, self.staff_id, password, record_login=True))

    def show_error(self, error: BaseException) -> None:
        super().show_error(error)
        field = self.query_one("#password-input", Input)
        field.value = ""
        field.focus()
