"""One row of a long form: a label, the input widget chosen by the field's kind, and a line for the
Chinese validation message under it. Reads and writes plain values (str, choice code, list of codes).

Kinds (``domain.intake.FormField.kind``): text-like → Input; textarea → TextArea; choice → RadioSet
(horizontal when the options are short); checklist → a SelectionList (one Tab stop: ↑/↓ move
within it, Space ticks). An Input that gets the focus keeps its text and puts the cursor at its end
(nothing is selected, so typing adds instead of replacing what was there).
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...domain.intake import FormField
from ...i18n import intake as intake_text

LABEL_WIDTH = 27
HORIZONTAL_CHOICES_MAX = 56  # cells of all option texts beyond which a RadioSet stacks vertically


def set_choice(radio: RadioSet, button_id: str | None) -> None:
    """Press the button with this id in ``radio`` (none: clear the set), without a Changed message.

    RadioSet refuses to have its pressed button switched off by a message (a person cannot
    un-press a radio button), so a form that loads an empty answer sets the state directly; call
    it inside ``prevent(RadioButton.Changed)``.
    """
    pressed = None
    for index, button in enumerate(radio.query(RadioButton)):
        button.value = button.id == button_id
        if button.value:
            pressed = (index, button)
    radio._pressed_button = pressed[1] if pressed else None  # noqa: SLF001 - see docstring
    if pressed:
        radio._selected = pressed[0]  # noqa: SLF001


class FieldRow(Vertical):
    DEFAULT_CSS = f"""
    FieldRow {{ height: auto; }}
    FieldRow > .field-line {{ height: auto; }}
    FieldRow .field-label {{ width: {LABEL_WIDTH}; padding: 0 1 0 0; text-align: right; color: $text-muted; }}
    FieldRow .field-label.-required {{ color: $text; }}
    FieldRow Input {{ width: 1fr; background: $boost; }}
    FieldRow Input:focus, FieldRow TextArea:focus {{ background: $surface-lighten-1; }}
    FieldRow TextArea {{ width: 1fr; height: 3; background: $boost; }}
    FieldRow RadioSet {{ width: 1fr; height: auto; }}
    FieldRow RadioSet.-horizontal {{ layout: horizontal; }}
    FieldRow RadioSet.-horizontal RadioButton {{ width: auto; margin-right: 2; }}
    FieldRow > .field-line.-stacked {{ layout: vertical; }}
    FieldRow SelectionList {{ width: 1fr; height: auto; margin-left: 4; background: $boost; }}
    FieldRow SelectionList:focus {{ background: $surface-lighten-1; }}
    FieldRow.-focused .field-label {{ color: $accent; text-style: bold reverse; }}
    FieldRow RadioSet:focus-within, FieldRow SelectionList:focus {{ background: $accent 15%; }}
    FieldRow Input:focus, FieldRow TextArea:focus {{ background: $accent 15%; }}
    FieldRow .field-hint {{ height: auto; margin-left: 4; color: $text-muted; }}
    FieldRow .field-error {{ height: auto; margin-left: {LABEL_WIDTH}; color: $error; display: none; }}
    FieldRow.-invalid .field-error {{ display: block; }}
    """

    def __init__(self, spec: FormField, *, required: bool) -> None:
        super().__init__(id=f"row-{spec.key}")
        self.spec = spec
        self.required = required

    def compose(self) -> ComposeResult:
        f = self.spec
        # a list of long items (风险告知) goes under its label, so each item fits on its line
        with Horizontal(classes="field-line -stacked" if f.kind == "checklist" else "field-line"):
            label = Label(self._label_text(f.label), classes="field-label")
            label.set_class(self.required, "-required")
            yield label
            yield from self._widget()
        yield Static("", classes="field-error")

    def _label_text(self, text: str) -> str:
        return f"{intake_text.REQUIRED_MARK if self.required else ''}{text}"

    def _widget(self) -> ComposeResult:
        f = self.spec
        wid = f"f-{f.key}"
        if f.kind == "textarea":
            from textual.widgets import TextArea  # ~0.2 s to import: with the first form, not its screen

            yield TextArea(id=wid, soft_wrap=True, tab_behavior="focus", placeholder=f.hint, compact=True)
        elif f.kind == "choice":
            radio = RadioSet(
                *(RadioButton(text, id=f"o-{f.key}-{code}", compact=True) for code, text in f.options),
                id=wid,
                compact=True,
            )
            radio.set_class(self._choices_cells() <= HORIZONTAL_CHOICES_MAX, "-horizontal")
            yield radio
        elif f.kind == "checklist":
            yield SelectionList[str](
                *(Selection(text, code) for code, text in f.options), id=wid, compact=True
            )
            # one Tab stop for the whole list: say how it is worked
            yield Static(intake_text.CHECKLIST_HINT, classes="field-hint")
        else:
            yield Input(id=wid, max_length=f.max_len, placeholder=f.hint, compact=True, select_on_focus=False)

    def _choices_cells(self) -> int:
        """The cells a choice's options take side by side (button, text, gap)."""
        return sum(cell_len(text) + 6 for _, text in self.spec.options)

    def on_resize(self, event: events.Resize) -> None:
        """Options side by side only when they fit beside the label; stacked otherwise."""
        if self.spec.kind == "choice" and event.size.width:
            room = min(HORIZONTAL_CHOICES_MAX, event.size.width - LABEL_WIDTH)
            self.control.set_class(self._choices_cells() <= room, "-horizontal")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, Input):
            event.widget.cursor_position = len(event.widget.value)

    # --- values -------------------------------------------------------------------------------
    @property
    def control(self) -> Widget:
        return self.query_one(f"#f-{self.spec.key}")

    def focus_control(self) -> None:
        self.control.focus()

    @property
    def value(self) -> Any:
        from textual.widgets import TextArea

        f = self.spec
        control = self.control
        if isinstance(control, TextArea):
            return control.text
        if isinstance(control, Input):
            return control.value
        if isinstance(control, RadioSet):  # the buttons, not pressed_button: that lags a message behind
            pressed = next((b for b in control.query(RadioButton) if b.value), None)
            return (pressed.id or "").removeprefix(f"o-{f.key}-") if pressed else ""
        if isinstance(control, SelectionList):
            ticked = set(control.selected)
            return [code for code, _ in f.options if code in ticked]
        return None

    def set_value(self, value: Any) -> None:
        from textual.widgets import TextArea

        f = self.spec
        control = self.control
        with self.prevent(
            Input.Changed,
            TextArea.Changed,
            RadioSet.Changed,
            RadioButton.Changed,
            SelectionList.SelectedChanged,
            SelectionList.SelectionToggled,
        ):
            if isinstance(control, TextArea):
                control.load_text(str(value or ""))
            elif isinstance(control, Input):
                control.value = str(value or "")
            elif isinstance(control, RadioSet):
                set_choice(control, f"o-{f.key}-{value}")
            elif isinstance(control, SelectionList):
                control.deselect_all()
                for code in value or []:
                    control.select(code)

    def set_label(self, text: str, *, required: bool) -> None:
        self.required = required
        label = self.query_one(".field-label", Label)
        label.update(self._label_text(text))
        label.set_class(required, "-required")

    def show_error(self, message: str | None) -> None:
        self.query_one(".field-error", Static).update(message or "")
        self.set_class(bool(message), "-invalid")

    @property
    def error(self) -> str:
        return str(self.query_one(".field-error", Static).content) if self.has_class("-invalid") else ""
