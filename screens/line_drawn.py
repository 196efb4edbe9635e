"""Panels drawn a line at a time that keep each finished line, border and background included.

Textual draws a changed line of a widget through its styles cache: the widget's own line, then
its padding, border, background, tint and filters, about 70-150 µs a line here, and each frame
also works out the widget's styles again (`rich_style` walks every ancestor). A hand raised
shifts the recent actions and may move every row of the stack, so a key press cost milliseconds
in lines that had only moved. A LineDrawn widget says what each line shows (`content_key`) and
keeps each finished line under that key until its CSS, size or borders change: a line that only
moved is not drawn again.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import ClassVar, Self

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

# Characters one cell wide, as rich measures them: Latin with its accents, the punctuation the
# panels use (a bullet, an ellipsis, dashes, quotes), Greek and Cyrillic, box drawing, blocks and
# shapes. Rich measures a line with any character outside its own (smaller) set one character
# at a time, ~1 µs each: a bullet or an ellipsis in every line of the recent actions.
_ONE_CELL = frozenset(
    chr(code)
    for start, end in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2500, 0x25FC))
    for code in range(start, end + 1)
)


def cells(plain: str) -> int:
    """The cells `plain` takes on a terminal (rich's cell_len, quickly for the common lines)."""
    return len(plain) if _ONE_CELL.issuperset(plain) else cell_len(plain)


def fitted(text: Text, width: int) -> Text:
    """`text` cut with an ellipsis to fit `width` cells, or as it is when it fits. Rich's
    truncate measures a line that is not plain ASCII (a bullet, a name in Arabic) grapheme by
    grapheme, 0.1-0.3 ms a line here: most lines fit, and measuring them once is enough; a line
    of one-cell characters only (_ONE_CELL) is cut as rich would cut it, by characters."""
    plain = text.plain
    one_each = _ONE_CELL.issuperset(plain)
    if (len(plain) if one_each else cell_len(plain)) <= width:
        return text
    cut = text.copy()
    if one_each and width > 0:
        cut.plain = plain[: width - 1] + "…"  # what truncate does, without splitting graphemes
    else:
        cut.truncate(width, overflow="ellipsis")
    return cut


def padded(text: Text, width: int, console: Console) -> list[Segment]:
    """A one-line Text's segments (its own style too: rich leaves it out of a Text without
    spans) and the spaces that fill it to `width` cells."""
    if text.spans or not text.style:
        line = list(text.render(console))
    else:
        line = [Segment(text.plain, console.get_style(text.style))]
    used = cells(text.plain)
    if used < width:
        line.append(Segment(" " * (width - used)))
    return line


def css_key(widget: Widget, components: tuple[str, ...] = ()) -> tuple[object, ...]:
    """Changes whenever the styles of the widget, an ancestor or a component class change
    (CSS applied again on focus, a class or a new theme moves the styles' update counter)."""
    key: list[object] = [node.styles._cache_key for node in widget.ancestors_with_self]
    key.extend(widget.get_component_styles(name)._cache_key for name in components)
    key.append(widget.app.theme)
    return tuple(key)


class LineDrawn(Widget):
    """Subclasses give `content_key(y)`: what content line y shows (None: do not keep it), and
    draw with `self.base_style` and `self.component_style[name]` in `render_line`."""

    STYLE_COMPONENTS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._css: tuple[object, ...] | None = None
        self._setting: tuple[object, ...] | None = None
        self._kept: dict[Hashable, Strip] = {}
        # a content line's sides (border and padding), the widget's background, its inner style
        self._sides: tuple[Strip, Strip, Color, Style] | None = None
        self.base_style = Style.null()
        self.component_style: dict[str, Style] = {}

    def content_key(self, y: int) -> Hashable | None:
        return None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if repaint and not regions and hasattr(self, "_kept"):
            # all of it drawn again: from scratch, trusting nothing kept
            self._css = self._setting = self._sides = None
            self._kept.clear()
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _update_styles_once(self) -> None:
        key = css_key(self, self.STYLE_COMPONENTS)
        if key != self._css:
            self._css = key
            self.base_style = self.rich_style
            self.component_style = {
                name: self.base_style + self.get_component_rich_style(name) for name in self.STYLE_COMPONENTS
            }

    def _line_key(self, y: int, height: int, top: int, bottom: int) -> Hashable | None:
        if y < top or y >= height - bottom:  # a border or padding line: its place and its titles
            return ("edge", y if y < top else y - height, self._border_title, self._border_subtitle)
        content = self.content_key(y - top)
        return None if content is None else ("content", content)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._update_styles_once()
        width, height = self.outer_size
        filters = self.get_line_filters()
        setting = (self._css, width, height, tuple(map(id, filters)), self.app.ansi_theme, self.app.native_ansi_color)
        if setting != self._setting:
            self._setting = setting
            self._kept.clear()
            self._sides = None
        elif len(self._kept) > 4 * height + 32:
            self._kept.clear()
        gutter = self.styles.gutter
        top, bottom = gutter.top, height - gutter.bottom
        keys = [self._line_key(y, height, gutter.top, gutter.bottom) for y in crop.line_range]
        kept = self._kept
        missing = [y for y, key in zip(crop.line_range, keys, strict=True) if key is None or key not in kept]
        drawn: dict[int, Strip] = {}
        if missing and self._sides is None:
            # Drawn by Textual in one call (the first frame, say) down to the first content
            # line, whose sides are learnt from it; the lines below are drawn as any others.
            first, last = missing[0], missing[-1]
            plain = self._plain_styles()
            upto = next((y for y in missing if top <= y < bottom), last) if plain else last
            fresh = super().render_lines(Region(0, first, width, upto - first + 1))
            drawn = dict(zip(range(first, upto + 1), fresh, strict=True))
            if plain and top <= upto < bottom:
                left, right = gutter.left, width - gutter.right
                base_background, background = self.background_colors
                inner = self._styles_cache.get_inner_outer(base_background, background)[0].rich_style
                self._sides = (drawn[upto].crop(0, left), drawn[upto].crop(right, width), background, inner)
            missing = [y for y in missing if y > upto]
        for y in missing:
            if top <= y < bottom and self._sides is not None:
                drawn[y] = self._content_line(y - top, filters)
            else:  # a border line, with its title
                drawn[y] = super().render_lines(Region(0, y, width, 1))[0]
        lines = []
        for y, key in zip(crop.line_range, keys, strict=True):
            strip = drawn.get(y)
            if strip is None:
                strip = kept[key]
            elif key is not None:
                kept[key] = strip
            lines.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            lines = [strip.crop(x1, x2) for strip in lines]
        return lines

    def _plain_styles(self) -> bool:
        """No tint, fading, hatching or outline: a content line is its two sides (border and
        padding, the same on every line) around the widget's own line."""
        styles = self.styles
        return (
            not styles.tint.a
            and self.opacity == 1
            and styles.text_opacity == 1
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and not any(edge for edge, _ in styles.outline)
        )

    def _content_line(self, y: int, filters: Sequence[LineFilter]) -> Strip:
        """Content line y as Textual's styles cache would draw it, without its cost per call
        (working out backgrounds, titles and the theme again: ~0.2 ms a line here)."""
        assert self._sides is not None
        left, right, background, inner = self._sides
        line = self.render_line(y).adjust_cell_length(self.content_region.width, inner)
        for line_filter in filters:
            line = line.apply_filter(line_filter, background)
        return Strip.join([left, line, right])
