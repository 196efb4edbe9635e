"""Names are matched exactly, case and spaces aside; a name that matches nobody is offered the
closest ones (PROCESS.md 3.4)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from facilitator.meeting.names import closest_names
from facilitator.meeting.text import name_key, same_person

ROOM = ["Ana Lima", "Ivan Petrov", "Jo Mbeki", "Anabel Cruz", "Bea Ivanova"]


def test_a_name_is_the_same_whatever_its_case_and_spaces() -> None:
    assert name_key("ana  LIMA") == name_key("Ana Lima")
    assert name_key(" Ana\tLima ") == name_key("Ana Lima")
    assert same_person("ANA LIMA", "ana lima")


def test_a_name_typed_decomposed_is_the_same_name() -> None:
    assert name_key(unicodedata.normalize("NFD", "Lucía")) == name_key("Lucía")


def test_part_of_a_name_is_not_the_name() -> None:
    assert name_key("Ana") != name_key("Ana Lima")
    assert not same_person("Ana", "Ana Lima")


def test_names_that_start_with_what_was_typed_come_first() -> None:
    assert closest_names("Ana", ROOM) == ["Ana Lima", "Anabel Cruz"]
    assert closest_names("iv", ROOM)[0] == "Ivan Petrov"


def test_a_whole_name_beats_a_word_and_a_word_beats_a_likeness() -> None:
    # "Ivan Petrov" starts with "iv"; "Bea Ivanova" only has a word that does
    assert closest_names("iv", ROOM) == ["Ivan Petrov", "Bea Ivanova"]
    # "pet" starts a word of Ivan Petrov; "Bea" is not like it at all
    assert closest_names("pet", ROOM) == ["Ivan Petrov"]
    assert closest_names("iv pet", ROOM) == ["Ivan Petrov"]


def test_the_same_name_comes_first_of_all() -> None:
    assert closest_names("ANA  lima", [*ROOM, "Ana Limas"]) == ["Ana Lima", "Ana Limas"]


def test_a_misspelt_name_is_offered_by_likeness() -> None:
    assert closest_names("Ivna", ROOM)[0] == "Ivan Petrov"
    assert closest_names("Mbeky", ROOM) == ["Jo Mbeki"]


def test_a_name_like_nobody_is_offered_nothing() -> None:
    assert closest_names("Zed", ROOM) == []
    assert closest_names("", ROOM) == []
    assert closest_names("   ", ROOM) == []
    assert closest_names("Ana", []) == []


def test_at_most_the_limit_each_name_once_as_given() -> None:
    room = ["Ana A", "ana a", "Ana B", "Ana C", "Ana D"]
    assert closest_names("ana", room) == ["Ana A", "Ana B", "Ana C"]
    assert closest_names("ana", room, limit=1) == ["Ana A"]
    assert closest_names("ana", room, limit=0) == []


def test_within_a_rank_the_order_given_is_kept() -> None:
    assert closest_names("a", ["Bo", "Anabel Cruz", "Ana Lima"]) == ["Anabel Cruz", "Ana Lima"]


def test_closer_likeness_comes_first() -> None:
    assert closest_names("Jonh", ["John Smith", "Jon Bo"]) == ["Jon Bo", "John Smith"]


@given(st.text(max_size=12), st.lists(st.text(max_size=12), max_size=6), st.integers(0, 5))
def test_only_known_names_come_back_never_more_than_asked(typed: str, known: list[str], limit: int) -> None:
    found = closest_names(typed, known, limit)
    assert len(found) <= limit
    assert all(name in known for name in found)
    assert len({name_key(n) for n in found}) == len(found)
