"""The check every stored event passes before it is folded: a quick one for the common case, a
careful one that names the problem. The quick one may send a good event to the careful one, but
must never pass an event the careful one would refuse."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_events
from facilitator.meeting import state  # noqa: F401  (every module's event types registered)
from facilitator.meeting.events import EVENT_SHAPES, EVENT_VALUES, _plainly_well_formed, _problem, check_event

# What a hand-edited or hostile file may hold where something else belongs.
SPOILERS = [math.nan, math.inf, -math.inf, 10**16, -(10**16), 1e16, 0, -1, True, False, "bogus", "new", None, {}, []]
ANYTHING = st.one_of(
    st.sampled_from(SPOILERS),
    st.integers(),
    st.floats(),
    st.text(max_size=3),
)
OF_TYPE: dict[type, st.SearchStrategy[Any]] = {
    str: st.text(max_size=5),
    int: st.integers(-(10**16), 10**16),
    float: st.floats(-(10**16), 10**16),
    bool: st.booleans(),
    dict: st.just({}),
    list: st.just([]),
    type(None): st.none(),
}


def of_shape(event_type: str, key: str) -> st.SearchStrategy[Any]:
    allowed = EVENT_VALUES.get(event_type, {}).get(key)
    if allowed:
        return st.sampled_from(allowed)
    expected = EVENT_SHAPES[event_type][key]
    return st.one_of(*(OF_TYPE[kind] for kind in (expected if isinstance(expected, tuple) else (expected,))))


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed event, or one with one thing wrong with it (or missing)."""
    event_type = draw(st.sampled_from(sorted(EVENT_SHAPES)))
    seq = draw(st.integers(1, 10**6))
    event: dict[str, Any] = {
        "seq": seq,
        "action": draw(st.integers(1, seq)),
        "ts": draw(st.one_of(st.floats(0, 2e9), st.integers(0, 2 * 10**9))),
        "type": event_type,
        "actor": {"user": "ana"},
        "data": {key: draw(of_shape(event_type, key)) for key in EVENT_SHAPES[event_type]},
    }
    top = ["seq", "action", "ts", "type", "actor", "data"]
    spoilt = draw(st.one_of(st.none(), st.sampled_from(top), st.sampled_from([*event["data"]] or top)))
    if spoilt in event:
        event[spoilt] = draw(ANYTHING)
    elif spoilt is not None:
        event["data"][spoilt] = draw(st.one_of(ANYTHING, st.just(KeyError)))
        if event["data"][spoilt] is KeyError:
            del event["data"][spoilt]
    return event


@settings(max_examples=500)
@given(events())
def test_the_quick_check_passes_nothing_the_careful_one_refuses(event: dict[str, Any]) -> None:
    if _plainly_well_formed(event):
        assert _problem(event) is None
    assert (check_event(event) is None) == (_problem(event) is None)


def test_the_events_a_meeting_writes_take_the_quick_way() -> None:
    for event in generate_events(600, seed=11):
        assert _plainly_well_formed(event), event


def test_every_field_of_every_type_spoilt_every_way() -> None:
    good: dict[str, Any] = {"seq": 7, "action": 5, "ts": 1_764_000_000.5, "actor": {"user": "ana"}}
    typical = {str: "new", int: 3, float: 2.5, bool: True, dict: {}, list: [], type(None): None}
    for event_type, shape in EVENT_SHAPES.items():
        data: dict[str, Any] = {}
        for key, expected in shape.items():
            allowed = EVENT_VALUES.get(event_type, {}).get(key)
            data[key] = allowed[0] if allowed else typical[expected[0] if isinstance(expected, tuple) else expected]
        event = {**good, "type": event_type, "data": data}
        assert _plainly_well_formed(event), event
        for key in [*good, "type", "data", *data]:
            for spoiler in [*SPOILERS, KeyError]:
                spoilt: dict[str, Any] = {**event, "data": dict(data)}
                place: dict[str, Any] = spoilt if key in good or key in ("type", "data") else spoilt["data"]
                if spoiler is KeyError:
                    del place[key]
                else:
                    place[key] = spoiler
                if _plainly_well_formed(spoilt):
                    assert _problem(spoilt) is None, spoilt
