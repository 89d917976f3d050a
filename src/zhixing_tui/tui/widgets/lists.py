"""Lists that also move with h/j/k/l, and size their columns in terminal cells."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable, OptionList
from textual.widgets.data_table import RowKey

from ...i18n import common as common_text
from .cells import Column, column_widths, fit, fit_columns, visible_columns

Cell = str | Text


class KeyTable(DataTable):
    """A row-cursor DataTable with j/k besides the arrows, whose columns are sized to the table's width.

    Fill it with :meth:`show`; on resize the same rows are laid out again for the new width,
    so Chinese text is cut with an ellipsis instead of overflowing.
    """

    BINDINGS = [
        Binding("j", "cursor_down", common_text.KEY_DOWN, show=False, id="list.down"),
        Binding("k", "cursor_up", common_text.KEY_UP, show=False, id="list.up"),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._columns_spec: Sequence[Column] = ()
        self._rows_spec: Sequence[tuple[str, Sequence[Cell]]] = ()
        self._laid_out_width = -1
        self._after_paint: list[Callable[[], object]] = []

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the table has drawn what it holds now (its rows laid out and
        rendered): the search starts its count only then, so that the count's thread does not
        slow the drawing of the page (issue 17)."""
        self._after_paint.append(callback)

    def render_lines(self, crop: Region) -> list[Strip]:
        lines = super().render_lines(crop)
        if self._after_paint and not self._require_update_dimensions:
            callbacks, self._after_paint = self._after_paint, []
            for callback in callbacks:
                callback()
        return lines

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        """DataTable's cell rendering with the same result for a body cell of one line: the
        cell's Text rendered once, its padding and styles added here, instead of through
        ``Styled(Padding(…))`` and a second pass of Rich's line splitting (issue 17: about half
        the time of drawing a page of 50 search results; ``tests/tui/test_table_cells.py``
        compares both on every cell kind). Header, label and multi-line cells take
        DataTable's own way."""
        padding = self.cell_padding
        if row_index < 0 or column_index < 0 or width <= 2 * padding:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        row = self.rows[row_key]
        if row.height != 1:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        column_key = self._column_locations.get_key(column_index)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached = self._cell_render_cache.get(key)
        if cached is not None:
            return cached
        _label, cells = self._get_row_renderables(row_index)
        cell = cells[column_index]
        if not isinstance(cell, Text):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._get_styles_to_render_cell(
            False,
            False,
            row_index < self.fixed_rows or column_index < self.fixed_columns,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        text_line = _one_line(cell, width - 2 * padding, self.app)
        pad = Segment(" " * padding) if padding else None
        line = [pad, *text_line, pad] if pad is not None else list(text_line)
        pre_style = base_style + Style.from_meta({"row": row_index, "column": column_index}) + component_style
        lines = [list(Segment.apply_style(line, pre_style, post_style))]
        self._cell_render_cache[key] = lines
        return lines

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable's, without measuring each new cell when nothing reads the measure: a cell's
        width only sizes a column that sizes itself to its content (``auto_width``), and every
        column here is given its width (:meth:`show`); a row with a label or an automatic height
        still takes DataTable's whole way (issue 17: 5 ms of a page of 50 search results)."""
        new_rows = list(new_rows)
        rows = [self.rows.get(key) for key in new_rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row is not None and (row.label is not None or row.auto_height) for row in rows
        ):
            super()._update_dimensions(new_rows)
        else:
            super()._update_dimensions(())  # the virtual size, from the columns' widths and the rows

    def _available_width(self) -> int:
        width = self.size.width or (self.screen.size.width if self.is_mounted else 80)
        return max(10, width - 2)  # room for the vertical scrollbar

    def show(
        self,
        columns: Sequence[Column],
        rows: Sequence[tuple[str, Sequence[Cell]]],
        *,
        keep_cursor: bool = False,
    ) -> None:
        """Replace the table's content; ``rows`` are (row key, cells). A ``fit`` column is made as
        wide as its widest cell on these rows.

        ``keep_cursor`` (a reload of the same list, e.g. after an action on a row): the cursor
        stays on the row it was on, or, when that row left the list, at the same position, which
        is now the next row; otherwise it starts on the first row."""
        plain = [[c.plain if isinstance(c, Text) else c for c in cells] for _, cells in rows]
        cursor = 0
        if keep_cursor and self.row_count:
            key = self.cursor_key
            keys = [k for k, _ in rows]
            cursor = keys.index(key) if key in keys else self.cursor_row
        self._columns_spec = fit_columns(columns, plain)
        self._rows_spec = rows
        self._lay_out(cursor=cursor)

    def _lay_out(self, *, cursor: int) -> None:
        width = self._available_width()
        self._laid_out_width = width
        shown = visible_columns(self._columns_spec, width, gap=2 * self.cell_padding)
        columns = [self._columns_spec[i] for i in shown]
        widths = column_widths(columns, width, gap=2 * self.cell_padding)
        self.clear(columns=True)
        for col, w in zip(columns, widths, strict=True):
            self.add_column(
                Text(fit(col.label, w), justify=col.align, no_wrap=True, end=""), width=w, key=col.key
            )
        for key, cells in self._rows_spec:
            fitted = [
                _fit_cell(cells[i], w, col.align) for i, col, w in zip(shown, columns, widths, strict=True)
            ]
            self.add_row(*fitted, key=key)
        if self.row_count:
            self.move_cursor(row=min(cursor, self.row_count - 1))

    def cursor_in_sight(self) -> None:
        """Scroll so that the highlighted row is shown (after the table was made shorter, e.g. by
        a detail panel under it growing)."""
        if self.row_count:
            self.move_cursor(row=self.cursor_row, animate=False)

    def on_resize(self, _event: events.Resize) -> None:
        if self._columns_spec and self._available_width() != self._laid_out_width:
            self._lay_out(cursor=self.cursor_row)

    @property
    def cursor_key(self) -> str | None:
        """The row key under the cursor, or None for an empty table."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value


_PLAIN_JUSTIFY = (None, "default", "left", "right")


def _one_line(cell: Text, width: int, app) -> list[Segment]:
    """``console.render_lines(cell, width, no_wrap, pad=True)``'s one line, for a cell that is
    already one line and fits (every cell :func:`_fit_cell` makes): the same steps as Rich's —
    the cell justified, its style made a span over it (``Text.join``), rendered, padded with
    unstyled spaces — without Rich's wrapping, line splitting and cropping passes (issue 17: a
    third of the time of drawing a page of search results). Any other cell takes Rich's way."""
    plain = cell.plain
    if (
        cell.end
        or cell.justify not in _PLAIN_JUSTIFY
        or "\n" in plain
        or "\t" in plain
        or cell.cell_len > width
    ):
        options = app.console_options.update_dimensions(width, 1).update(no_wrap=True)
        return (app.console.render_lines(cell, options, pad=True)[:1] or [[]])[0]
    line = cell
    if cell.justify == "left":
        line = cell.copy()
        line.truncate(width, pad=True)
    elif cell.justify == "right":
        line = cell.copy()
        line.rstrip()
        line.pad_left(width - line.cell_len)
    segments = list(_JOIN.join((line,)).render(app.console))
    used = sum(s.cell_length for s in segments)
    if used < width:
        segments.append(Segment(" " * (width - used)))
    return segments


_JOIN = Text("\n")


def _fit_cell(cell: Cell, width: int, align: str) -> Text:
    """The cell cut to ``width`` as a one-line Text. Never a plain str: DataTable would read a
    str as console markup (a party name with ``[`` in it would be misread, ``[/`` refused) and
    render it by wrapping, twice the work of a Text that is already cut (issue 17: a page of
    search results is ~400 cells)."""
    if isinstance(cell, Text):
        out = cell.copy()
        out.truncate(width, overflow="ellipsis")
        out.no_wrap = True
        out.end = ""
        return out
    return Text(fit(cell, width), justify="right" if align == "right" else None, no_wrap=True, end="")


class KeyOptionList(OptionList):
    """An OptionList with j/k besides the arrows, which stops at its ends (↑ on the first option
    does not jump to the last, so a clerk never lands on a choice they did not see)."""

    BINDINGS = [
        Binding("j", "cursor_down", common_text.KEY_DOWN, show=False, id="list.down"),
        Binding("k", "cursor_up", common_text.KEY_UP, show=False, id="list.up"),
    ]

    def action_cursor_up(self) -> None:
        if self.highlighted != 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()


class CaseTable(KeyTable):
    """A list of cases: Enter opens the case under the cursor (posts ``RowSelected``)."""

    BINDINGS = [Binding("enter", "select_cursor", common_text.KEY_OPEN, id="cases.open")]
