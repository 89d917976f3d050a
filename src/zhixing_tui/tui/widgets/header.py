"""The one-line header: court name and screen title on the left, operator and date on the right."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ...i18n import common as common_text
from .cells import fit


def header_date(day: date) -> str:
    return f"{day.isoformat()} {common_text.WEEKDAYS[day.weekday()]}"


class DeskHeader(Widget):
    """Reads ``app.court_name``, ``app.operator_name`` and ``app.desk.today()``."""

    DEFAULT_CSS = """
    DeskHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "operator_name", lambda _old, _new: self.refresh(), init=False)
        self.watch(self.screen, "title", lambda _old, _new: self.refresh(), init=False)

    def render(self) -> Text:
        app = self.app
        width = self.size.width
        operator = getattr(app, "operator_name", "")
        who = (
            common_text.HEADER_OPERATOR.format(name=operator) if operator else common_text.HEADER_NO_OPERATOR
        )
        today = app.desk.today()  # type: ignore[attr-defined]
        title = self.screen.title or ""
        left_full = f" {getattr(app, 'court_name', '')} │ {title}"
        # the title (a case's 案号) is cut last: first the weekday, then the date give way
        for right in (f"{who}  {header_date(today)} ", f"{who}  {today.isoformat()} ", f"{who} "):
            if cell_len(left_full) + 1 + cell_len(right) <= width:
                break
        left = fit(left_full, max(0, width - cell_len(right) - 1))
        gap = max(1, width - cell_len(left) - cell_len(right))
        text = Text(no_wrap=True, overflow="crop")
        text.append(left, style="bold")
        text.append(" " * gap)
        text.append(right)
        return text
