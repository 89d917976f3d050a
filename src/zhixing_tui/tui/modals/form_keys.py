"""Tab / Shift+Tab between the fields of a form modal.

The app turns its own actions off while a modal is open (``ZhixingApp.check_action``), and that
includes ``app.focus_next``, the action Tab is bound to; a form modal moves the focus itself.
"""

from __future__ import annotations

from textual.binding import Binding

from ...i18n import intake as T

#: put these in the modal's own BINDINGS (Textual reads BINDINGS only from DOMNode classes)
TAB_BINDINGS = [
    Binding("tab", "next_field", T.KEY_NEXT_FIELD, show=False, id="form.next"),
    Binding("shift+tab", "previous_field", T.KEY_PREV_FIELD, show=False, id="form.previous"),
]


class TabFocus:
    """Mixin for a ModalScreen with several fields: the actions of :data:`TAB_BINDINGS`."""

    def action_next_field(self) -> None:
        self.focus_next()  # type: ignore[attr-defined]

    def action_previous_field(self) -> None:
        self.focus_previous()  # type: ignore[attr-defined]
