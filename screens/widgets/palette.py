"""The command palette (ctrl+p) lists every key of the screen it was opened from.

Commands come from the screen's own bindings, so a key and its palette entry can never drift
apart: the palette shows the binding's tooltip (a full sentence) and names its key.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

# what a screen's COMMANDS holds
Providers = set[type[Provider] | Callable[[], type[Provider]]]


class ScreenKeys(Provider):
    def commands(self) -> list[tuple[str, str, str]]:
        """(what the command does, its key, the action to run) for each visible binding."""
        found: list[tuple[str, str, str]] = []
        for binding in type(self.screen).BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                key = binding.key_display or binding.key
                found.append((binding.tooltip or binding.description, key, binding.action))
        return found

    def _runner(self, action: str) -> Callable[[], Awaitable[Any]]:
        return partial(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for name, key, action in self.commands():
            yield DiscoveryHit(name, self._runner(action), help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, key, action in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), self._runner(action), help=f"key: {key}")
