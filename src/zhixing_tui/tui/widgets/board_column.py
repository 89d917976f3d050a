"""One column of the handoff board: its counts in the border, and the cards of one SQL page.

The column draws its cards itself (no widget per card) and only those that fit its height: a
window that follows the cursor. The page it holds comes from ``services.board.query``; when the
cursor passes the end of the page, the screen loads the next page.

Narrow columns (22 cells at 80×24) keep what matters: a card whose 案号 does not fit shows the
number first (``1675号·25执``) instead of losing it; the title keeps its count (the name is cut);
the footer keeps the page number and drops the limit, then the awaiting count, when short.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from ...domain.case_no import parse_case_no, short_case_no
from ...domain.money import format_money_wan
from ...errors import InvalidValue
from ...i18n import board as board_text
from ...services.board.query import CardRow, ColumnSummary
from ...services.cases.search import Page
from .cells import fit

COMPACT_BELOW = 20  # content cells: narrower columns show one line per card (案号 + days)
CARD_LINES = 2
BORDER_CELLS = 6  # corner, line and a space on each side of a border title


def case_no_forms(case_no: str) -> list[str]:
    """The card's 案号 from longest to shortest (``domain.case_no`` reads it); the shorter ones
    put the number first: 2025执1675号, 1675号·25执, 执1675号, 1675号."""
    try:
        parsed = parse_case_no(case_no)
    except InvalidValue:
        return [case_no]
    year = str(parsed.year)
    return [
        form.format(year=year, yy=year[2:], kind=parsed.type_code, number=parsed.number)
        for form in board_text.CARD_CASE_NO_FORMS
    ]


def card_label(card: CardRow, room: int) -> Text:
    """The pending mark (批) and the 案号 in at most ``room`` cells, the number never cut."""
    forms = case_no_forms(card.case_no)
    marks = [board_text.CARD_PENDING + " ", board_text.CARD_PENDING] if card.pending_id is not None else [""]
    mark, label = next(
        ((mk, f) for f in forms for mk in marks if cell_len(mk) + cell_len(f) <= room),
        (marks[-1], fit(forms[-1], max(0, room - cell_len(marks[-1])))),
    )
    out = Text(no_wrap=True)
    if mark:
        out.append(board_text.CARD_PENDING, style="bold black on yellow")
        out.append(mark[len(board_text.CARD_PENDING) :])
    out.append(label, style="bold")
    return out


def column_title(name: str, total: int, room: int) -> str:
    """「线上查控 213」; a long name is cut so that the count always shows."""
    count = board_text.COLUMN_TITLE.format(name="", total=total)
    return fit(name, max(2, room - cell_len(count))) + count


def column_footer(summary: ColumnSummary, page: Page[CardRow] | None, room: int) -> str:
    """「限3周 超135 批2 1/8」 in at most ``room`` cells. When short, the limit goes first, then the
    awaiting count, then 超: the page number stays (无时限 for a stage without a limit)."""
    shown: list[tuple[int, str]] = [  # (drop order: highest first, text) in display order
        (
            3,
            board_text.COLUMN_LIMIT.format(limit=summary.limit)
            if summary.limit
            else board_text.COLUMN_NO_LIMIT,
        )
    ]
    if summary.over:
        shown.append((1, board_text.COLUMN_OVER.format(over=summary.over)))
    if summary.awaiting:
        shown.append((2, board_text.COLUMN_AWAITING.format(awaiting=summary.awaiting)))
    if page is not None and page.total > len(page.items):
        shown.append((0, board_text.COLUMN_PAGE.format(page=page.page_no, pages=page.page_count)))
    while len(shown) > 1 and cell_len(" ".join(text for _, text in shown)) > room:
        shown.remove(max(shown))
    return " ".join(text for _, text in shown)


def days_text(card: CardRow, width: int) -> str:
    if card.limit and width >= 30:
        return board_text.CARD_DAYS_LIMIT.format(days=card.days, limit=card.limit)
    return board_text.CARD_DAYS.format(days=card.days)


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
    days = Text(days_text(card, width), style=days_style)
    left = card_label(card, width - days.cell_len - 1)
    lines = [_pad_between(left, days, width)]
    if width >= COMPACT_BELOW:
        amount = Text(format_money_wan(card.claim_fen), style="dim")
        who = Text(fit(card.respondent or board_text.CARD_NO_RESPONDENT, max(1, width - amount.cell_len - 1)))
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
        room = max(8, (self.outer_size.width or column_width(0, 1)) - BORDER_CELLS)
        title, subtitle = column_title(s.name, s.total, room), column_footer(s, self.page, room)
        # set only when changed: each set redraws the column (its first Resize would draw every
        # card again for the same titles)
        if title != self.border_title:
            self.border_title = title
        if subtitle != self.border_subtitle:
            self.border_subtitle = subtitle

    def on_resize(self) -> None:
        self._titles()

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
            return Text(fit(board_text.COLUMN_EMPTY, width), style="dim")
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
