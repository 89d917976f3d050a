"""What every dialog of the desk shares: Esc cancels, Ctrl+S submits, and one frame.

A dialog derives from :class:`DeskModal` and implements :meth:`DeskModal.submit` (checking what
was typed, showing a mistake inside the dialog, dismissing with the result when it is right).
Esc calls :meth:`DeskModal.cancel`, which dismisses with None: nothing is written. A dialog that
defines no ``submit()`` has no Ctrl+S (the key is hidden and does nothing).

Every binding carries an id, so a keymap can rebind it. The base's own keys are
``modal.cancel`` and ``modal.submit``; a dialog gives them its own ids (the ones keymaps already
name) and descriptions by declaring them again with :func:`cancel_key` / :func:`submit_key`,
which replace the base's binding of the same key. A question answered with a key (y or Enter goes
ahead, n or Esc does not) derives from :class:`DeskConfirm` instead, and binds its own keys to the
``submit`` and ``cancel`` actions.

The frame is styled once, in ``app.tcss``: the dialog is centred over the dimmed screen
(``DeskModal``), and its box, the container ``compose()`` yields first, carries the class
``desk-dialog`` (plus ``-warning`` for a dialog that asks before something is done or thrown
away). A dialog's ``DEFAULT_CSS`` keeps only what is its own: the box's size, its fields.

A dialog that writes (:meth:`DeskModal.save`) stays open while the screen's service call runs in a
thread worker: it closes with the call's result, or shows the refusal in its error line (a Static
with the class ``dialog-error``, docked at the top of the box so it is always in sight) naming the
field, moves the focus to that field and keeps what was typed. Its fields sit in a
``VerticalScroll`` with the class ``dialog-body``, which scrolls when the terminal is short (80×24).

Typed input is never lost without a question (the "unsaved input" protocol the app checks on
Ctrl+Q, an F-key screen switch and Ctrl+O, see ``tui/unsaved.py``): the dialog notes what its fields
hold once it is shown (:meth:`DeskModal.mark_clean`); Esc with anything typed since asks first
(y discards, n keeps editing). A picker whose input only filters a list sets ``GUARD_INPUT = False``.

Every dialog shows its own keys in its own footer line (a ``Footer`` is added when the dialog does
not compose one), and Enter in a one-line field moves to the next field, or submits in the last
one-line field (a dialog that handles Enter itself sets ``ENTER_SUBMITS = False``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import ClassVar, TypeVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from ...errors import ZhixingError
from ...i18n import common as common_text
from ...i18n import intake as intake_text
from ..unsaved import form_state
from ..widgets.footer import DeskFooter

ResultT = TypeVar("ResultT")

#: the worker group of a dialog's :meth:`DeskModal.save`
SAVE_GROUP = "dialog-save"


def cancel_key(binding_id: str, description: str = common_text.KEY_CANCEL) -> Binding:
    """Esc → :meth:`DeskModal.cancel`, under ``binding_id``."""
    return Binding("escape", "cancel", description, id=binding_id)


def submit_key(
    binding_id: str, description: str = common_text.KEY_SUBMIT, *, priority: bool = False
) -> Binding:
    """Ctrl+S → :meth:`DeskModal.submit`, under ``binding_id``. ``priority``: even when the focused
    field binds Ctrl+S itself."""
    return Binding("ctrl+s", "submit", description, id=binding_id, priority=priority)


class DeskModal(ModalScreen[ResultT]):
    """Base of every dialog: Esc dismisses with None, Ctrl+S calls :meth:`submit`."""

    #: names the help text in ``i18n.help.PURPOSE`` (the screen the dialog belongs to)
    SCREEN_ID: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [cancel_key("modal.cancel"), submit_key("modal.submit")]

    #: the services' names of the dialog's fields (``InvalidValue.field``) → the widget's id, so a
    #: refusal moves the focus to the field it is about
    FIELDS: ClassVar[Mapping[str, str]] = {}
    #: the dialog's error line, where :meth:`show_error` writes
    ERROR_LINE: ClassVar[str] = ".dialog-error"
    #: whether typed input counts as unsaved work (False for a picker whose input only filters)
    GUARD_INPUT: ClassVar[bool] = True
    #: whether Enter in a one-line field moves on / submits in the last one (the base's handler)
    ENTER_SUBMITS: ClassVar[bool] = True

    _clean_state: tuple[object, ...] | None = None

    # --- the dialog's own footer and its unsaved input ---------------------------------------
    @on(events.Mount)
    def _desk_modal_mounted(self, _event: events.Mount) -> None:
        if not self.query(DeskFooter):
            self.mount(DeskFooter())
        self.call_after_refresh(self.mark_clean)

    def mark_clean(self) -> None:
        """What the fields hold now is what the dialog started with (called once it is shown; a
        dialog that fills its fields later calls it again)."""
        self._clean_state = form_state(self)

    def has_unsaved_input(self) -> bool:
        """Whether something was typed or chosen in the dialog since it was shown."""
        if not self.GUARD_INPUT or self._clean_state is None or not self.is_mounted:
            return False
        return form_state(self) != self._clean_state

    def discard_input(self) -> None:
        """Nothing to revert: a dialog's input goes with the dialog."""

    def unsaved_where(self) -> str:
        """Names the dialog in the question about its unsaved input."""
        for box in self.query(".desk-dialog"):
            if box.border_title:
                return str(box.border_title)
        return common_text.UNSAVED_DIALOG

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field: the next field, or submit when it is the dialog's last."""
        if not self.ENTER_SUBMITS:
            return
        event.stop()
        fields = [w for w in self.focus_chain if isinstance(w, Input)]
        if fields and event.input is fields[-1] and self.submits():
            self.submit()
        else:
            self.focus_next()

    def submit(self) -> None:
        """Ctrl+S: check what was typed and dismiss with the result. Does nothing here."""

    def save(self, run: Callable[[], ResultT]) -> None:
        """Run ``run`` (the screen's service call) in a thread worker while the dialog stays open.
        Its result dismisses the dialog (:meth:`saved`); a refusal is shown in the dialog
        (:meth:`show_error`). A second Ctrl+S while the call runs does nothing (no double write)."""
        if any(w.node is self and w.group == SAVE_GROUP and not w.is_finished for w in self.workers):
            return
        self.run_worker(run, thread=True, group=SAVE_GROUP, exit_on_error=False)

    def saved(self, result: ResultT) -> None:
        """What :meth:`save`'s call returned: close the dialog with it."""
        self.dismiss(result)

    def show_error(self, error: BaseException) -> None:
        """Show a mistake in the dialog's error line, naming the field, and focus that field."""
        field = getattr(error, "field", None)
        if isinstance(error, ZhixingError):
            message = error.message
            if field and field not in message:
                message = common_text.FIELD_ERROR.format(field=field, message=message)
        else:
            message = common_text.ERROR_UNEXPECTED.format(error=error)
        line = self.query_one(self.ERROR_LINE, Static)
        line.update(message)
        line.display = True
        widget_id = self.FIELDS.get(field) if isinstance(field, str) else None
        if widget_id:
            self.query_one(f"#{widget_id}").focus()

    @on(Worker.StateChanged)
    def _save_done(self, event: Worker.StateChanged) -> None:
        if event.worker.group != SAVE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            self.saved(cast(ResultT, event.worker.result))
        elif event.state == WorkerState.ERROR and event.worker.error is not None:
            self.show_error(event.worker.error)

    def cancel(self) -> None:
        """Esc: close the dialog without a result, so nothing is written; asks first when
        something was typed in it."""
        if not self.has_unsaved_input():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDiscardModal(common_text.UNSAVED_CLOSE.format(where=self.unsaved_where())), answered
        )

    @classmethod
    def submits(cls) -> bool:
        """Whether the dialog defines :meth:`submit` (else Ctrl+S is hidden and does nothing)."""
        return cls.submit is not DeskModal.submit

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return self.submits()
        return True

    def action_submit(self) -> None:
        self.submit()

    def action_cancel(self) -> None:
        self.cancel()


class DeskConfirm(DeskModal[bool], inherit_bindings=False):
    """A question answered with a key: :meth:`submit` dismisses with True, :meth:`cancel` with False.

    A subclass binds its keys to the ``submit`` and ``cancel`` actions (``Binding("y,enter",
    "submit", …)``). The base's Esc and Ctrl+S are not inherited, so the footer shows the dialog's
    own keys in its order and Ctrl+S answers nothing; Textual's keys of every screen (Tab,
    Shift+Tab, copy) are kept."""

    BINDINGS: ClassVar[list[BindingType]] = list(Screen.BINDINGS)
    GUARD_INPUT: ClassVar[bool] = False

    def submit(self) -> None:
        self.dismiss(True)

    def cancel(self) -> None:
        self.dismiss(False)


class ConfirmDiscardModal(DeskConfirm):
    """Dismisses with True (discard: y) or False (keep editing: n or Esc). ``text`` says where the
    unsaved input is and what y does next (by default: the 初次接待 form, and leave)."""

    SCREEN_ID = "intake"
    DEFAULT_CSS = """
    #discard-box { width: 60; max-width: 90%; height: auto; }
    """
    BINDINGS = [
        Binding("y", "submit", intake_text.KEY_DISCARD, id="discard.yes"),
        Binding("n,escape", "cancel", intake_text.KEY_KEEP, id="discard.no"),
    ]

    def __init__(self, text: str = intake_text.DISCARD_TEXT) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box", classes="desk-dialog -warning") as box:
            box.border_title = common_text.UNSAVED_TITLE
            yield Static(self.text)
        yield DeskFooter()
