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
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen

from ...i18n import common as common_text

ResultT = TypeVar("ResultT")


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

    def submit(self) -> None:
        """Ctrl+S: check what was typed and dismiss with the result. Does nothing here."""

    def cancel(self) -> None:
        """Esc: close the dialog without a result, so nothing is written."""
        self.dismiss(None)

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

    def submit(self) -> None:
        self.dismiss(True)

    def cancel(self) -> None:
        self.dismiss(False)
