"""A fix for Textual's compositor: double-width characters of a widget on top (a toast, a menu)
were blanked where a widget underneath has an edge.

The cause (Textual 8.2.8, ``textual/_compositor.py``): ``Compositor.cuts`` (lines 1002–1029)
makes every left and right edge of every visible widget a cut on each screen line, hidden widgets
included. ``Compositor._render_chops`` (lines 1200–1243) then divides the line of *every* widget,
the one on top too, at every cut inside it (``strip.divide``, line 1236), and the pieces fill the
"chops" front to back. ``Strip.divide`` goes through Rich's ``Segment.divide``, which replaces a
double-width character cut in two by two spaces. A toast over a table or the board's columns lost
each CJK character that straddled the edge of a column, border or table under it ("（2026）鄂1081执
611  ，县外市内（报局长批  ）"), in the full redraw and the partial one alike. ASCII never straddles,
so only CJK text suffered. Upstream: https://github.com/Textualize/textual/issues/6357 (open).

The fix keeps Textual's design and only stops dividing where nothing needs it: a cut between two
chops that the same widget wins (it is in front on both sides) is not cut; that widget's piece
covers both chops and the chop it swallowed gets an empty strip, so nothing underneath claims it.
Only cuts strictly inside the region being rendered are merged: a widget outside it is not
rendered, so who is in front there is not known. The partial update then needs to know a merged
chop's real end (``render_partial_update`` gave every chop its cut's end, lines 1165–1183), and
its crop to a dirty span must not cut a double-width character either (``ChopsUpdate.render_segments``,
lines 235–271): it may run one cell on, which holds the same widget's current content.

:func:`apply` installs this once, at import of the app, and only on the Textual it was written for;
on any other version it leaves Textual alone and ``tests/tui/test_toast_cjk.py`` fails, asking for
this file to be checked against the new compositor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib.metadata import version
from typing import cast

from rich.cells import cell_len
from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

#: the Textual release whose compositor this fix was written against (pinned in pyproject.toml)
WRITTEN_FOR = "8.2.8"
_EMPTY = Strip([], 0)

applied = False


def _render_chops(
    self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool]
) -> Sequence[Mapping[int, Strip | None]]:
    """``Compositor._render_chops`` without dividing a widget's line between chops it wins."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    crop_x1, crop_x2 = crop.column_span
    visible = self.visible_widgets
    for widget, region, clip, strips in _renders(visible, crop):
        render_region = region.intersection(clip)
        render_x = render_region.x
        first_cut, last_cut = render_region.column_span
        for y, strip in zip(render_region.line_range, strips, strict=False):
            if not is_rendered_line(y):
                continue
            line = chops[y]
            line_cuts = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
            # front to back, a chop still empty is this widget's
            free = [line.get(cut) is None for cut in line_cuts[:-1]]
            starts = [line_cuts[0]]
            swallowed = []
            for i in range(1, len(line_cuts) - 1):
                cut = line_cuts[i]
                if (
                    free[i - 1]
                    and free[i]
                    and crop_x1 <= cut <= crop_x2
                    # a chop outside the crop: a widget in front of it there was not rendered
                    and (cut > crop_x1 or _front_at(visible, cut - 1, y) is widget)
                    and (cut < crop_x2 or _front_at(visible, cut, y) is widget)
                ):
                    swallowed.append(cut)
                else:
                    starts.append(cut)
            pieces = strip.divide([cut - render_x for cut in [*starts[1:], line_cuts[-1]]])
            for start, piece in zip(starts, pieces, strict=False):
                if line.get(start) is None:
                    line[start] = piece
            for cut in swallowed:  # in the piece before it; nothing behind may claim it
                line[cut] = _EMPTY
    return chops


def _renders(
    visible: Mapping[Widget, tuple[Region, Region]], crop: Region
) -> Iterator[tuple[Widget, Region, Region, list[Strip]]]:
    """``Compositor._get_renders`` (lines 1031–1094) with the widget: front to back, the lines of
    each widget in ``crop``."""
    for widget, (region, clip) in visible.items():
        if not crop.overlaps(clip):
            continue
        if clip.contains_region(region):
            yield widget, region, clip, widget.render_lines(Region(0, 0, region.width, region.height))
            continue
        x, y, width, height = region.intersection(clip)
        if width and height:
            lines = widget.render_lines(Region(x - region.x, y - region.y, width, height))
            yield widget, region, clip, lines


def _front_at(visible: Mapping[Widget, tuple[Region, Region]], x: int, y: int) -> Widget | None:
    """The widget in front at cell (x, y)."""
    for widget, (region, clip) in visible.items():
        if region.intersection(clip).contains(x, y):
            return widget
    return None


class _WideSafeChopsUpdate(ChopsUpdate):
    """``ChopsUpdate`` whose crop of a chop to a dirty span keeps double-width characters whole."""

    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items(), strict=False):
                if strip is None or not strip.cell_length or x >= x2 or end <= x1:
                    continue
                if not (x >= x1 and end <= x2):
                    start, stop = _whole_chars(strip, max(x1 - x, 0), min(end, x2) - x)
                    strip = strip.crop(start, stop)
                    x += start
                append(move_to(x, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)


def _whole_chars(strip: Strip, start: int, stop: int) -> tuple[int, int]:
    """The cells ``start:stop`` of ``strip``, widened to the double-width characters they cut."""
    pos = 0
    for segment in strip:
        if segment.control:
            continue
        for char in segment.text:
            width = cell_len(char)
            if pos < start < pos + width:
                start = pos
            if pos < stop < pos + width:
                return start, pos + width
            pos += width
            if pos >= stop:
                return start, stop
    return start, stop


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """``Compositor.render_partial_update`` giving each chop its real end (a merged chop runs on
    over the chops it swallowed)."""
    screen_region = self.size.region
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(screen_region)
    spans = list(self._regions_to_spans(update_regions))
    is_rendered_line = {y for y, _, _ in spans}.__contains__
    chops = self._render_chops(crop, is_rendered_line)
    chop_ends = [
        [
            max(end, x + strip.cell_length) if strip is not None else end
            for end, (x, strip) in zip(cut_set[1:], line.items(), strict=False)
        ]
        for cut_set, line in zip(self.cuts, chops, strict=False)
    ]
    return _WideSafeChopsUpdate(cast("Sequence[Mapping[int, Strip | None]]", chops), spans, chop_ends)


def apply() -> bool:
    """Install the fix (once). False, and Textual untouched, on a Textual it was not written for."""
    global applied
    if applied:
        return True
    if version("textual") != WRITTEN_FOR:
        return False
    Compositor._render_chops = _render_chops  # type: ignore[method-assign]
    Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
    applied = True
    return True
