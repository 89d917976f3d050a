"""One column of the handoff board: its counts in the border, and the cards of one SQL page.

The column draws its cards itself (no widget per card) and only those that fit its height: a
window that follows the cursor. The page it holds comes from ``services.board_query``; when the
cursor passes the end of the page, the screen loads the next page.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.widget import Widget

from ...domain.money import format_money_wan
from ...i18n import board as T
from ...services.board_query import CardRow, ColumnSummary
from ...services.search import Page
from .cells import fit

COMPACT_BELOW = 20  # content cells: narrower columns show one line per card (案号 + days)
CARD_LINES = 2
_CASE_NO = re.compile(r"^（(\d{4})）\D\d{4}(.+)$")


def short_case_no(case_no: str) -> str:
    """（2026）鄂1081执12号 → 2026执12号 (the court's own code is the same on every card)."""
    m = _CASE_NO.match(case_no)
    return f"{m.group(1)}{m.group(2)}" if m else case_no


def days_text(card: CardRow, width: int) -> str:
    if card.limit and width >= 30:
        return T.CARD_DAYS_LIMIT.format(days=card.days, limit=card.limit)
    return T.CARD_DAYS.format(days=card.days)


def _pad_between(left: Text, right: Text, width: int) -> Text:
    room = width - right.cell_len
    if left.cell_len > room - 1:
        left.truncate(max(0, room - 1), overflow="ellipsis")
    out = Text(no_wrap=True, overflow="crop")
    out.append_text(left)
    out.append(" " * max(1, width - left.cell_len - right.cell_len))
    out.append_text(right)
    return out


def card_lines(card: CardRow, width: int, *, selected: bool) -> list[Text]:
    """The card as one (compact) or two lines of exactly ``width`` cells."""
    days_style = "bold red" if card.over else "green"
    left = Text(no_wrap=True)
    if card.pending_id is not None:
        left.append(T.CARD_PENDING, style="bold black on yellow")
        left.append(" ")
    left.append(short_case_no(card.case_no), style="bold")
    lines = [_pad_between(left, Text(days_text(card, width), style=days_style), width)]
    if width >= COMPACT_BELOW:
        amount = Text(format_money_wan(card.claim_fen), style="dim")
        who = Text(fit(card.respondent or T.CARD_NO_RESPONDENT, max(1, width - amount.cell_len - 1)))
        lines.append(_pad_between(who, amount, width))
    if selected:
        for line in lines:
            line.stylize("reverse")
    return lines


class BoardColumn(Widget):
    """Renders ``summary`` (border) and ``page`` (cards); ``cursor`` indexes ``page.items``."""

    DEFAULT_CSS = """
    BoardColumn {
        height: 1fr;
        border: round $secondary;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        padding: 0 0;
    }
    BoardColumn.-focused {
        border: heavy $accent;
        border-title-style: bold;
    }
    """

    def __init__(self, code: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.code = code
        self.summary: ColumnSummary | None = None
        self.page: Page[CardRow] | None = None
        self.cursor = 0
        self.top = 0  # index of the first card drawn
        self.has_focus_mark = False

    # --- data -----------------------------------------------------------------------------------
    def show(self, summary: ColumnSummary, page: Page[CardRow] | None, cursor: int | None = None) -> None:
        self.summary = summary
        if page is not None:
            self.page = page
        if cursor is not None:
            self.cursor = cursor
        self._clamp()
        self._titles()
        self.refresh()

    def set_focus_mark(self, on: bool) -> None:
        self.has_focus_mark = on
        self.set_class(on, "-focused")
        self.refresh()

    def move(self, delta: int) -> None:
        self.cursor += delta
        self._clamp()
        self.refresh()

    @property
    def card(self) -> CardRow | None:
        if self.page is None or not self.page.items:
            return None
        return self.page.items[self.cursor]

    def _clamp(self) -> None:
        n = len(self.page.items) if self.page else 0
        self.cursor = max(0, min(self.cursor, n - 1)) if n else 0

    def _titles(self) -> None:
        s = self.summary
        if s is None:
            return
        self.border_title = T.COLUMN_TITLE.format(name=s.name, total=s.total)
        parts = [T.COLUMN_LIMIT.format(limit=s.limit)] if s.limit else []
        if s.over:
            parts.append(T.COLUMN_OVER.format(over=s.over))
        if s.awaiting:
            parts.append(T.COLUMN_AWAITING.format(awaiting=s.awaiting))
        page = self.page
        if page is not None and page.total > len(page.items):
            parts.append(T.COLUMN_PAGE.format(page=page.page_no, pages=page.page_count))
        self.border_subtitle = " ".join(parts)

    # --- drawing --------------------------------------------------------------------------------
    @property
    def lines_per_card(self) -> int:
        return CARD_LINES if self.content_size.width >= COMPACT_BELOW else 1

    def visible_cards(self) -> int:
        return max(1, self.content_size.height // self.lines_per_card)

    def render(self) -> Text:
        width = self.content_size.width
        items = self.page.items if self.page else ()
        if not items:
            return Text(fit(T.COLUMN_EMPTY, width), style="dim")
        room = self.visible_cards()
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + room:
            self.top = self.cursor - room + 1
        self.top = max(0, min(self.top, max(0, len(items) - room)))
        out = Text(no_wrap=True, overflow="crop")
        first = True
        for i in range(self.top, min(len(items), self.top + room)):
            for line in card_lines(items[i], width, selected=self.has_focus_mark and i == self.cursor):
                if not first:
                    out.append("\n")
                out.append_text(line)
                first = False
        return out


def column_width(total_cells: int, columns: int, *, minimum: int = 22) -> int:
    """Cells per column: share the width evenly, but never below ``minimum`` (then scroll)."""
    if columns <= 0:
        return minimum
    return max(minimum, total_cells // columns)


__all__ = ["BoardColumn", "card_lines", "column_width", "short_case_no"]
