"""A screen update that draws only the lines that changed, and only where they changed.

Textual's partial update draws every widget that overlaps the box around all the changed
regions, each over its whole height. A hand raised changes a line of the stack, a line of its
border and the recent actions; the box around them is most of the operator screen, so every
panel and container was drawn again (7-15 ms a key press). Here each widget draws only the
lines where a changed region crosses it, and only where it is the widget seen (a container
hidden behind its panels draws nothing); widgets that no changed region touches draw
nothing. What reaches the terminal is the same: the same spans, filled the same way (front
to back, the first strip for a cut wins); tests/ui/test_redraw.py replays the updates onto a
grid and compares it with a full redraw after every key.
"""

from __future__ import annotations

from typing import Any

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip

Fronts = list[list[Any]]  # per line, per piece between two cuts: the widget in front there


class DirtyLinesCompositor(Compositor):
    _fronts: tuple[object, Fronts] | None = None

    def fronts(self) -> Fronts:
        """Which widget is seen in each piece of each line, worked out once per layout (the
        widgets are listed front to back; the first to cover a piece is the one seen)."""
        widgets = self.visible_widgets
        if self._fronts is not None and self._fronts[0] is widgets:
            return self._fronts[1]
        cuts = self.cuts
        fronts: Fronts = [[None] * (len(line) - 1) for line in cuts]
        for widget, (region, clip) in widgets.items():
            visible = region.intersection(clip)
            left, right = visible.column_span
            for y in visible.line_range:
                line, front = cuts[y], fronts[y]
                for index in range(len(front)):
                    if front[index] is None and left <= line[index] and line[index + 1] <= right:
                        front[index] = widget
        self._fronts = (widgets, fronts)
        return fronts

    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        regions = [r for r in (region.intersection(screen) for region in self._dirty_regions) if r]
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        cuts, fronts, widgets = self.cuts, self.fronts(), self.visible_widgets
        # only the changed lines are sent: the others need no pieces
        chops: list[dict[int, Strip | None]] = [{} for _ in cuts]
        ends: list[list[int]] = [[] for _ in cuts]
        wanted: dict[Any, dict[int, list[int]]] = {}  # widget -> line -> the pieces (their cuts) it shows
        for y, x1, x2 in spans:
            line = cuts[y]
            if not chops[y]:
                chops[y] = dict.fromkeys(line[:-1])
                ends[y] = line[1:]
            for index, widget in enumerate(fronts[y]):
                if widget is not None and line[index] < x2 and line[index + 1] > x1:
                    pieces = wanted.setdefault(widget, {}).setdefault(y, [])
                    if not pieces or pieces[-1] != line[index]:
                        pieces.append(line[index])
        for widget, lines in wanted.items():
            region, clip = widgets[widget]
            visible = region.intersection(clip)
            left, right = visible.column_span
            # One call from the first line to the last: a line in between comes from the
            # widget's cache, and each call has a cost of its own.
            top, bottom = min(lines), max(lines) + 1
            strips = widget.render_lines(Region(left - region.x, top - region.y, visible.width, bottom - top))
            for y, strip in zip(range(top, bottom), strips, strict=False):
                shown = lines.get(y)
                if shown is None:
                    continue
                own = [cut for cut in cuts[y] if left <= cut <= right]
                line_chops = chops[y]
                if len(own) == 2:
                    # one piece: the strip itself (Strip.divide would keep the strip in its own
                    # cache, a cycle that only a full pass of the collector frees: 30-40 ms pauses)
                    line_chops[own[0]] = strip
                    continue
                for cut, piece in zip(own, strip.divide([cut - left for cut in own[1:]]), strict=False):
                    if cut in shown:
                        line_chops[cut] = piece
        return ChopsUpdate(chops, spans, ends)


def draw_dirty_lines_only(screen: Screen[Any]) -> None:
    """Give a screen, before it is mounted, the compositor above."""
    screen._compositor = DirtyLinesCompositor()
