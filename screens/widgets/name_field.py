"""A field for a person's name (or a list of names): Tab takes the completion, the names come from
the meeting as it stands now, and a name that matches nobody asks once (PROCESS.md 3.4).

The form shows the question in a `NameQuestion` line whose id is the field's id + "-question";
the second Enter with the same text goes ahead, and the screen records the arrival (`newcomers`)
before the action itself. Matching is the core's: text.name_key, names.closest_names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.suggester import Suggester
from textual.widget import Widget
from textual.widgets import Input, Static

from facilitator.meeting.names import closest_names
from facilitator.meeting.state import Meeting
from facilitator.meeting.text import name_key


def unique(names: Iterable[str]) -> list[str]:
    """Each person once (by name_key), in the order given."""
    kept: dict[str, str] = {}
    for name in names:
        if name_key(name):
            kept.setdefault(name_key(name), name)
    return list(kept.values())


def people_of(meeting: Meeting) -> list[str]:
    """Everyone this meeting knows: those present first, then those seen earlier."""
    return unique([*meeting.present.values(), *meeting.people.values()])


def newcomers(meeting: Meeting, names: Iterable[str]) -> list[str]:
    """The names that match nobody in the meeting: arrivals to record before the action."""
    known = {name_key(n) for n in meeting.people.values()}
    return unique(n for n in names if name_key(n) not in known)


@dataclass
class People:
    """Who a name field knows, read afresh each time it is asked (so a person added a moment ago
    on the same screen completes): the meeting's people, and for completion only, people of
    earlier meetings (which a screen may fill in later)."""

    meeting: Callable[[], Meeting]
    others: tuple[str, ...] = ()

    def known(self) -> list[str]:
        return people_of(self.meeting())

    def names(self) -> list[str]:
        return unique([*self.known(), *self.others])


def names_in(value: str, many: bool) -> list[str]:
    """The names a field holds: the whole text, or each of a comma-separated list."""
    parts = value.split(",") if many else [value]
    return [" ".join(p.split()) for p in parts if p.strip()]


def completion(value: str, names: Iterable[str], many: bool) -> str | None:
    """The value with its (last) name completed from the first known name that starts with it."""
    last = value.rpartition(",")[2] if many else value
    typed = last.lstrip()
    if not typed:
        return None
    key = name_key(typed)
    for name in names:
        if name_key(name).startswith(key) and name != typed:
            start = value[: len(value) - len(typed)]
            return start + name
    return None


class NameSuggester(Suggester):
    """Completes a name (or the last of a comma-separated list) from a live list of names."""

    def __init__(self, names: Callable[[], Iterable[str]], many: bool = False) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.names = names
        self.many = many

    async def get_suggestion(self, value: str) -> str | None:
        return completion(value, self.names(), self.many)


class Asking:
    """Asks once about names that match nobody: the same text entered again goes ahead."""

    def __init__(self) -> None:
        self.asked: str | None = None  # the text the question was about
        self.offer: tuple[str, str] | None = None  # Tab: (that text, the text with the closest name)
        # a question typed past without an answer: "ana" asked about, then "anaBen Okoro" entered
        self.unanswered: str | None = None

    def clear(self, value: str = "") -> bool:
        """Forget the question (the text changed to `value`); True when there was one."""
        had = self.asked is not None
        if had and value:
            self.unanswered = self.asked
        self.asked, self.offer = None, None
        return had

    def check(
        self,
        value: str,
        *,
        known: Iterable[str],
        near: Iterable[str],
        many: bool = False,
        as_written: bool = False,
        only_when_close: bool = False,
    ) -> str:
        """The question to show, or "" to go ahead: every name is known, or this text was asked
        about already. `as_written`: a name that matches nobody is kept as typed (an absent
        member owns a task); `only_when_close`: ask only when some known name is close (a field
        whose purpose is adding people)."""
        names = names_in(value, many)
        keys = {name_key(n) for n in known}
        strangers = [n for n in names if name_key(n) not in keys]
        # typed on after a question: the next name may have run into the one asked about
        typed_on = self.unanswered is not None and value != self.unanswered and value.startswith(self.unanswered)
        self.unanswered = None
        if not strangers or value == self.asked:
            return ""
        first = strangers[0]
        closest = closest_names(first, near, limit=1)
        if only_when_close and not closest and not typed_on:
            return ""
        self.asked = value
        self.offer = None
        take = ""
        if closest:
            changed = [closest[0] if n == first else n for n in names]
            self.offer = (value, ", ".join(changed))
            take = f"; Tab takes {closest[0]}" + (f" for {first}" if len(strangers) > 1 else "")
        who = ", ".join(strangers)
        if as_written:
            verb, them = ("matches", first) if len(strangers) == 1 else ("match", "them")
            return f"{who} {verb} nobody here: Enter keeps {them} as written{take}"
        verb, them = ("is", first) if len(strangers) == 1 else ("are", "them")
        return f"{who} {verb} new here: Enter adds {them} and marks them present{take}"


class NameQuestion(Static):
    """The line under a name field that asks about a name that matches nobody."""

    DEFAULT_CSS = """
    NameQuestion { height: auto; color: $warning; display: none; }
    NameQuestion.-asking { display: block; }
    """

    def say(self, question: str) -> None:
        """Show the question (the offer on a line of its own, so no name is cut in two)."""
        self.set_class(bool(question), "-asking")
        text = Text(question.replace("; Tab takes ", ";\nTab takes "))
        text.highlight_regex(r"\b(Enter|Tab)\b", "bold")
        self.update(text)


class NameInput(Input):
    """An Input for a name, or a comma-separated list of names (`many`)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("tab", "complete", "take the name", show=False)]

    class Question(Message):
        """The field asks about a name ("" when the question no longer holds)."""

        def __init__(self, field: NameInput, question: str) -> None:
            super().__init__()
            self.field = field
            self.question = question

        @property
        def control(self) -> NameInput:
            return self.field

    def __init__(self, people: People, *, many: bool = False, **options: Any) -> None:
        self.asking = Asking()  # before Input sets its value, which the watcher below reads
        super().__init__(suggester=NameSuggester(people.names, many), **options)
        self.people = people
        self.many = many

    def watch_value(self, value: str) -> None:
        if value != self.asking.asked and self.asking.clear(value):
            self.post_message(self.Question(self, ""))

    def action_complete(self) -> None:
        """Tab: the name the question offers, else the completion shown; else on to the next field."""
        offer = self.asking.offer
        target = offer[1] if offer is not None and offer[0] == self.value else None
        target = target or completion(self.value, self.people.names(), self.many)
        if not target or target == self.value:
            raise SkipAction()
        self.value = target
        self.cursor_position = len(target)

    def names(self) -> list[str]:
        return names_in(self.value, self.many)

    def check(self, *, as_written: bool = False, only_when_close: bool = False) -> bool:
        """On Enter: True to go ahead; False when it asked about a name that matches nobody."""
        if only_when_close:  # a field that adds people: anyone known anywhere goes ahead
            known = near = self.people.names()
        else:
            known = self.people.known()
            near = self.people.names() if as_written else known
        question = self.asking.check(
            self.value, known=known, near=near, many=self.many, as_written=as_written, only_when_close=only_when_close
        )
        if question:
            self.post_message(self.Question(self, question))
        return not question


def arrive_first(act: Callable[..., Any], meeting: Meeting, names: Iterable[str]) -> bool:
    """Record the arrival of the names that match nobody (their field asked first), so that
    the action that names them can follow; False when the arrival was refused."""
    new = newcomers(meeting, names)
    return not new or bool(act("attend", names=new))


def show_question(screen: Widget, event: NameInput.Question) -> None:
    """The form's handler for NameInput.Question: the line with the field's id + "-question"."""
    event.stop()
    for line in screen.query(f"#{event.field.id}-question").results(NameQuestion):
        line.say(event.question)
