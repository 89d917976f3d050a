"""Sizing Chinese text in terminal cells: CJK characters take two cells, so widths are
measured with ``rich.cells.cell_len`` and long text is cut with an ellipsis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.cells import cell_len

ELLIPSIS = "…"


def fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, ending in … when something was cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    room = width - cell_len(ELLIPSIS)
    out: list[str] = []
    used = 0
    for ch in text:
        w = cell_len(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: key, header, the cells it needs at least, its share of spare room."""

    key: str
    label: str
    min_width: int
    weight: int = 0
    max_width: int | None = None
    hide_below: int = 0  # the column is left out of tables narrower than this many cells
    align: str = "left"  # left | right
    drop: int = 0  # >0: left out when the columns' least widths do not fit, highest first
    fit: bool = False  # at least as wide as its widest cell (a 案号, a day count: never cut)


def fit_columns(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[Column]:
    """``columns`` with each ``fit`` column's ``min_width`` raised to its widest cell in ``rows``."""
    return [
        replace(c, min_width=max([c.min_width, *(cell_len(cells[i]) for cells in rows)])) if c.fit else c
        for i, c in enumerate(columns)
    ]


def needed_width(columns: Sequence[Column], *, gap: int = 2) -> int:
    """The cells ``columns`` take at their least width (header or ``min_width``), gaps included."""
    return sum(max(c.min_width, cell_len(c.label)) + gap for c in columns)


def visible_columns(columns: Sequence[Column], total: int, *, gap: int = 2) -> list[int]:
    """Indexes of the columns shown in a table ``total`` cells wide: those whose ``hide_below`` it
    reaches, less droppable ones (highest ``drop`` first) while the rest would not fit whole."""
    shown = [i for i, c in enumerate(columns) if total >= c.hide_below]
    for i in sorted((i for i in shown if columns[i].drop), key=lambda i: -columns[i].drop):
        if needed_width([columns[j] for j in shown], gap=gap) <= total:
            break
        shown.remove(i)
    return shown


def column_widths(columns: Sequence[Column], total: int, *, gap: int = 2) -> list[int]:
    """Cell widths for ``columns`` in a table ``total`` cells wide (``gap`` cells of padding
    per column). Every column gets at least its header's width or ``min_width``; spare room goes
    by weight up to ``max_width``; when the room is short the widest weighted columns shrink."""
    widths = [max(c.min_width, cell_len(c.label)) for c in columns]
    room = total - gap * len(columns) - sum(widths)
    weights = [c.weight for c in columns]
    if room > 0 and sum(weights):
        for _ in range(3):  # a column that hits max_width passes its share to the others
            live = [
                i
                for i, c in enumerate(columns)
                if c.weight and (c.max_width is None or widths[i] < c.max_width)
            ]
            share_total = sum(weights[i] for i in live)
            if room <= 0 or not share_total:
                break
            given = 0
            for i in live:
                extra = room * weights[i] // share_total
                cap = columns[i].max_width
                if cap is not None:
                    extra = min(extra, cap - widths[i])
                widths[i] += extra
                given += extra
            room -= given
            if given == 0:
                break
    elif room < 0:
        order = sorted(range(len(columns)), key=lambda i: (-weights[i], -widths[i]))
        for i in order:
            if room >= 0:
                break
            floor = max(4, cell_len(columns[i].label)) if weights[i] else widths[i]
            cut = min(widths[i] - floor, -room)
            widths[i] -= cut
            room += cut
    return widths
