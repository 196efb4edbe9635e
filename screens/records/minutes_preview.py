"""The minutes as they stand, rendered (Textual's Markdown widget), and their export to a file.

The operator opens it with `app.push_screen(MinutesPreviewScreen(session))`; `e` exports the
same bytes as `facilitator minutes MEETING -o FILE`, and, like `-o`, never replaces a file
without asking first and never writes through a symbolic link. Escape goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, Markdown, Static

from facilitator.errors import Refused
from facilitator.minutes.document import minutes_markdown, write_minutes
from facilitator.session import Session
from screens.records.records_screen import RecordsScreen
from screens.widgets.form import Form
from screens.widgets.meeting_screen import one_line
from screens.widgets.speaker_strip import SpeakerStrip


def without_front_matter(markdown: str) -> str:
    """The YAML block is for pandoc; on screen it would read as a rule and a heading."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :].lstrip("\n")
    return markdown


class ReplaceFile(Form[bool]):
    DEFAULT_CSS = """
    ReplaceFile > Vertical { width: 70; }
    ReplaceFile .form--title { margin-bottom: 0; }
    ReplaceFile .form--hint { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "replace it"),
        Binding("n", "answer(False)", "keep it"),
        Binding("escape", "answer(False)", "keep it", show=False),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("The file already exists:"), classes="form--title")
            yield Static(Text(str(self.path)))
            yield Static(Text("y replaces it with these minutes · n keeps it"), classes="form--hint")

    def action_answer(self, replace: bool) -> None:
        self.dismiss(replace)


class ExportPath(Form[None]):
    """Where to write the minutes. Stays open, with what was typed, until the file is written."""

    DEFAULT_CSS = """
    ExportPath > Vertical { width: 70; }
    ExportPath .form--title { margin-bottom: 0; }
    ExportPath .form--hint { margin-top: 1; }
    """

    def __init__(self, suggested: Path, export: Callable[[Path, bool], str | None]) -> None:
        super().__init__()
        self.suggested = suggested
        self.export = export

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export the minutes (Markdown) to:"), classes="form--title")
            yield Input(value=str(self.suggested), id="export-path")
            yield Static(Text("Enter writes the file · Esc cancels"), classes="form--hint")

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        if not typed:
            return
        path = Path(typed).expanduser()
        problem = self.export(path, False)
        if problem is None:
            self.dismiss()
        elif problem == "exists":

            def answered(replace: bool | None) -> None:
                if replace and self.export(path, True) is None:
                    self.dismiss()

            self.app.push_screen(ReplaceFile(path), answered)


class MinutesPreviewScreen(RecordsScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("e", "export", "export")]

    def __init__(self, session: Session, folder: Path | None = None) -> None:
        super().__init__(session)
        self.folder = folder
        self.markdown = ""

    def compose(self) -> ComposeResult:
        yield SpeakerStrip()
        yield Static(id="preview-title")
        yield Static(Text("The minutes as they stand now · e exports them to a Markdown file"), id="preview-summary")
        with VerticalScroll(id="minutes-scroll"):
            yield Markdown(id="minutes", open_links=False)
        yield Footer()

    def show_meeting(self) -> None:
        meeting = self.session.meeting
        self.query_one("#preview-title", Static).update(Text(f"Minutes: {meeting.title}", style="bold"))
        markdown = minutes_markdown(meeting)
        if markdown != self.markdown:
            self.markdown = markdown
            self.query_one("#minutes", Markdown).update(without_front_matter(markdown))

    def suggested_path(self) -> Path:
        folder = self.folder or Path.cwd()
        return folder / f"{self.session.store.path.stem}-minutes.md"

    def export(self, path: Path, force: bool) -> str | None:
        """Write the file; None when written, "exists" when it needs confirming, else the problem."""
        text = minutes_markdown(self.session.meeting)
        try:
            write_minutes(path, text, force=force)
        except Refused as err:
            if not force and path.exists() and not path.is_symlink() and not path.is_dir():
                return "exists"
            self.notify(one_line(str(err)), severity="error", markup=False)
            return str(err)
        except (OSError, ValueError) as err:  # ValueError: a NUL pasted into the path
            message = f"cannot write {path}: {getattr(err, 'strerror', None) or err}"
            self.notify(message, severity="error", markup=False)
            return message
        self.notify(f"minutes written to {path}", markup=False, timeout=6)
        return None

    def action_export(self) -> None:
        self.app.push_screen(ExportPath(self.suggested_path(), self.export))
