"""Repainting only what changed, and without a new layout when the shape stays the same.

The screens repaint their clocks several times a second. Most of what they show does not
change from one tick to the next, and what does (a clock's digits) keeps its shape. Updating a
Static normally asks Textual to lay the whole screen out again (20-40 ms with the operator's
panels), which is what makes a frame slow; a text that wraps to as many lines as the widget
already has needs no layout.
"""

from __future__ import annotations

from typing import Any, Protocol, Self

from rich.cells import cell_len
from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Static

from screens.line_drawn import LineDrawn

_NOTHING = object()


class Updatable(Protocol):
    def update(self, content: Any) -> None: ...


def _lines(content: Any) -> list[str] | None:
    if isinstance(content, Text):
        return content.plain.split("\n")
    if isinstance(content, str):
        return content.split("\n")
    return None


def _same_shape(widget: Static, old: Any, new: Any) -> bool:
    """Whether `new` needs no new layout: the widget's size does not follow its text, or the
    text keeps the shape it had (as many lines, each fitting the width)."""
    styles = widget.styles
    follows_width = styles.width is not None and styles.width.is_auto
    follows_height = styles.height is None or styles.height.is_auto
    if not follows_width and not follows_height:
        return True  # a fixed or shared size (12 rows, 1fr...): the text is cut, never resized
    width = widget.content_size.width
    if width <= 0 and not follows_width:
        return True  # never laid out (hidden, or not yet placed): its first layout measures it
    before, after = _lines(old), _lines(new)
    if before is None or after is None or width <= 0 or follows_width:
        return False
    if len(before) == len(after) and all(cell_len(line) <= width for line in (*before, *after)):
        return True
    if isinstance(new, Text):  # wrapped: as many lines as Textual's own layout would make?
        visual = visualize(widget, new, markup=False)
        # the styles as the rules, as Widget.get_content_height passes them
        return visual.get_height(widget.styles, width) == widget.content_size.height  # type: ignore[arg-type]
    return False


def paint(widget: Updatable, content: Any) -> None:
    """`widget.update(content)`, unless it already shows exactly that."""
    old = getattr(widget, "_painted", _NOTHING)
    if old == content:
        return
    if isinstance(widget, Static):
        widget.update(content, layout=not _same_shape(widget, old, content))
    else:
        widget.update(content)
    widget._painted = content  # type: ignore[attr-defined]


def title(widget: Widget, text: str, *, sub: bool = False) -> None:
    """Set a border (sub)title, unless it already says that: Textual redraws the whole widget
    whenever one is set, even to the same words."""
    attribute = "_painted_subtitle" if sub else "_painted_title"
    if getattr(widget, attribute, None) == text:
        return
    setattr(widget, attribute, text)
    plain = Content(text)  # plain words: a str would be parsed as markup, every time
    if sub:
        widget.border_subtitle = plain
    else:
        widget.border_title = plain


class TitledPanel(LineDrawn):
    """A panel whose border title changes often (a count of who is waiting or present): setting
    it with `frame_title` redraws that border line, where Textual would redraw the whole panel."""

    _title_line: str | None = None  # "top" or "bottom" while a title is being set

    def frame_title(self, text: str, *, sub: bool = False) -> None:
        self._title_line = "bottom" if sub else "top"
        try:
            title(self, text, sub=sub)
        finally:
            self._title_line = None

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        line = self._title_line
        if line is not None and not regions and repaint and not layout and not recompose and self.is_mounted:
            offset, outer = self.content_offset, self.outer_size
            y = -offset.y if line == "top" else outer.height - offset.y - 1
            regions = (Region(-offset.x, y, outer.width, 1),)  # in content coordinates, as refresh takes them
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
