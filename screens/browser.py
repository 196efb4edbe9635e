"""The projector in a browser: textual-serve runs `facilitator project MEETING` for every page
that connects, so the browser gets exactly the read-only projector view and nothing else.

A big screen takes `?fontsize=NN` on the address (textual-serve's own parameter).
"""

from __future__ import annotations

import ipaddress
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

# Run the projector with this same Python and package, whatever PATH says.
ENTRY = "from facilitator.__main__ import run; run()"


def projector_command(root: Path, meeting_id: str) -> str:
    """The shell command textual-serve runs for each browser: the read-only projector, nothing else."""
    return shlex.join([sys.executable, "-c", ENTRY, "--data-dir", str(root), "project", meeting_id])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name: it may well resolve to a public address
        return False


class ProjectorServer(Server):
    """textual-serve, quieter, and with the page's websocket address taken from the address the
    browser used (bound to 0.0.0.0, the default would send the browser to ws://0.0.0.0)."""

    def __init__(self, command: str, host: str, port: int, title: str, meeting_id: str) -> None:
        super().__init__(command, host=host, port=port, title=title)
        self.meeting_id = meeting_id

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="facilitator serve: %(message)s")

    async def on_startup(self, app: web.Application) -> None:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        print(
            f"serving the projector of {self.meeting_id} on http://{shown}:{self.port}/ "
            "(read-only; a big screen: add ?fontsize=28); ctrl+c stops",
            flush=True,
        )

    async def handle_index(self, request: web.Request) -> Any:
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)


def serve_projector(root: Path, meeting_id: str, title: str, host: str, port: int) -> None:
    server = ProjectorServer(projector_command(root, meeting_id), host, port, f"Facilitator: {title}", meeting_id)
    server.serve()
