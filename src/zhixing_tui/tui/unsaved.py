"""Unsaved input: the one protocol the app checks before typed work could be lost.

A screen or dialog that holds typed input answers :meth:`HoldsInput.has_unsaved_input` and can
:meth:`HoldsInput.discard_input` (go back to what it last loaded or saved). ``DeskScreen`` says
"nothing" unless a screen overrides it (初次接待 compares its form with the version it loaded);
``DeskModal`` compares its fields with what they held when it was shown (:func:`form_state`).

The app asks once, with :class:`~.modals.confirm_discard.ConfirmDiscardModal`, before Ctrl+Q quits,
before an F-key (or the palette) switches screens and before Ctrl+O changes the operator, naming
where the input is; y discards and goes on, n or Esc keeps editing (:func:`unsaved_in`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # the app imports this module at start; the form widgets load with a form
    from textual.dom import DOMNode
    from textual.screen import Screen


@runtime_checkable
class HoldsInput(Protocol):
    def has_unsaved_input(self) -> bool: ...

    def discard_input(self) -> None: ...

    def unsaved_where(self) -> str: ...


def form_state(root: DOMNode) -> tuple[object, ...]:
    """What every field under ``root`` holds, in order (to compare with an earlier state)."""
    from textual.widgets import Checkbox, Input, RadioSet, Select, SelectionList, TextArea

    out: list[object] = []
    for widget in root.query("*"):
        if isinstance(widget, Input):
            out.append(widget.value)
        elif isinstance(widget, TextArea):
            out.append(widget.text)
        elif isinstance(widget, RadioSet):
            out.append(widget.pressed_index)
        elif isinstance(widget, Checkbox):
            out.append(widget.value)
        elif isinstance(widget, SelectionList):
            out.append(tuple(widget.selected))
        elif isinstance(widget, Select):
            out.append(widget.value)
    return tuple(out)


def unsaved_in(screens: Iterable[Screen]) -> list[HoldsInput]:
    """The screens (and dialogs) among ``screens`` holding unsaved input, top first."""
    return [s for s in reversed(list(screens)) if isinstance(s, HoldsInput) and s.has_unsaved_input()]
