"""A screen update that draws only the lines that changed, and only where they changed.

Textual's partial update draws every widget that overlaps the box around all the changed
regions, each over its whole height. A hand raised changes a line of the stack, a line of its
border and the recent actions; the box around them is most of the operator screen, so every
panel and container was drawn again (7-15 ms a key press). Here each widget draws only the
lines where a changed region crosses it, and widgets that no changed region touches draw
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


class DirtyLinesCompositor(Compositor):
    def render_partial_update(self) -> ChopsUpdate | None:
        screen = self.size.region
        regions = [r for r in (region.intersection(screen) for region in self._dirty_regions) if r]
        self._dirty_regions.clear()
        if not regions:
            return None
        spans = list(self._regions_to_spans(regions))
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            visible = region.intersection(clip)
            if not visible:
                continue
            first_cut, last_cut = visible.column_span
            pieces: dict[int, list[int]] = {}  # line -> the cuts this widget would fill there
            for dirty in regions:
                if not dirty.overlaps(visible):
                    continue
                for y in range(max(dirty.y, visible.y), min(dirty.bottom, visible.bottom)):
                    if y not in pieces:
                        line = chops[y]
                        own = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                        # a container wholly behind its children there has nothing to show
                        if any(line.get(cut, False) is None for cut in own[:-1]):
                            pieces[y] = own
            if not pieces:
                continue
            # One call from the first line to the last: a line in between comes from the
            # widget's cache, and each call has a cost of its own.
            top, bottom = min(pieces), max(pieces) + 1
            left = visible.x
            strips = widget.render_lines(Region(left - region.x, top - region.y, visible.width, bottom - top))
            for y, strip in zip(range(top, bottom), strips, strict=False):
                if y not in pieces:
                    continue
                own, line = pieces[y], chops[y]
                for cut, piece in zip(own, strip.divide([cut - left for cut in own[1:]]), strict=False):
                    if line.get(cut) is None:
                        line[cut] = piece
        return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in cuts])


def draw_dirty_lines_only(screen: Screen[Any]) -> None:
    """Give a screen, before it is mounted, the compositor above."""
    screen._compositor = DirtyLinesCompositor()
