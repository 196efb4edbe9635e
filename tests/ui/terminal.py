"""What a real terminal would show: every update an app hands to its terminal, applied to a grid.

Textual sends a full picture first, then only the parts that changed. A headless app draws
nothing, so the tests record those updates here and compare the grid with a full redraw: a
line that changed but was never sent shows up as a difference.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import ControlType
from rich.style import Style
from textual._compositor import CompositorUpdate
from textual.app import App

Cell = tuple[str, Style]
Picture = list[list[Cell]]


class Terminal:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: list[list[Cell]] = [[(" ", Style.null())] * width for _ in range(height)]

    def apply(self, update: CompositorUpdate, console: Console) -> None:
        x = y = 0
        for segment in update.__rich_console__(console, console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = int(code[1]), int(code[2])
                continue
            if segment.text == "\n":
                continue  # every line an update sends starts with a move
            style = (segment.style or Style.null()).clear_meta_and_links()
            for char in segment.text:
                width = cell_len(char)
                if 0 <= y < self.height and 0 <= x < self.width:
                    self.cells[y][x] = (char, style)
                    if width == 2 and x + 1 < self.width:
                        self.cells[y][x + 1] = ("", style)
                x += width

    def picture(self) -> Picture:
        return [list(row) for row in self.cells]

    def text(self) -> str:
        return "\n".join("".join(char for char, _ in row).rstrip() for row in self.cells)


def watch(app: App[Any]) -> Terminal:
    """Before the app runs: a Terminal that receives everything the app sends to its screen."""
    width, height = app.size if app.is_running else (0, 0)
    terminal = Terminal(width, height)
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, CompositorUpdate) and not app._batch_count:
            if (terminal.width, terminal.height) != app.size:
                terminal.__init__(*app.size)  # type: ignore[misc]
            terminal.apply(renderable, app.console)
        original(screen, renderable)

    app._display = display  # type: ignore[method-assign]
    return terminal
