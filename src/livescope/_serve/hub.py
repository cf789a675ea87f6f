"""Widgets of this process shown in browser tabs: comm messages to and from WebSockets.

`livescope serve` installs `PageHub.create_comm` as the factory of the
``comm`` package (its documented extension point), so a LivePlot made
afterwards talks to the hub instead of a kernel. The hub keeps the model's
state for tabs that connect later and relays messages both ways, in the
format of docs/serve.md. A tab is anything with ``post(message: bytes)``
callable from any thread (the server's WebSocket handlers).
"""

from __future__ import annotations

import json
import struct
import threading
from typing import Any, Protocol

from comm.base_comm import BaseComm

# Traits the page has no use for: the bundle and the model carrying it (the
# page loads the bundle as a file).
_NOT_FOR_PAGES = frozenset({"_esm", "_css", "_runtime"})


class Tab(Protocol):
    def post(self, message: bytes) -> None:
        """Send `message` to the tab, in order; must not block."""


class PageComm(BaseComm):
    """A comm whose other end is every connected tab."""

    def __init__(self, hub: PageHub, **kwargs: Any) -> None:
        self._hub = hub
        super().__init__(**kwargs)

    def publish_msg(
        self,
        msg_type: str,
        data: dict[str, Any] | None = None,
        metadata: dict[str, Any] | None = None,
        buffers: list[Any] | None = None,
        **keys: Any,
    ) -> None:
        self._hub.publish(self.comm_id, msg_type, data or {}, buffers or [])


class PageHub:
    """The model state of one widget, and the tabs that show it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[str, dict[str, Any]] = {}  # comm id -> state, binary as bytes
        self._comms: dict[str, PageComm] = {}
        self._shown: list[str] = []  # the comm ids of the panels every tab shows
        self._columns = 1
        self._tabs: set[Tab] = set()

    def create_comm(self, **kwargs: Any) -> PageComm:
        """The ``comm.create_comm`` of this process."""
        made = PageComm(self, **kwargs)
        self._comms[made.comm_id] = made
        return made

    def show(self, widget: Any) -> None:
        """Show `widget` (opened through this hub) in every tab."""
        self.show_panels([widget], 1)

    def show_panels(self, widgets: list[Any], columns: int) -> None:
        """Show `widgets` as panels, `columns` a row, in every tab."""
        self._shown = [widget.comm.comm_id for widget in widgets]
        self._columns = columns

    def _panel_fields(self, comm_id: str) -> dict[str, Any]:
        """What a header says of its panel: nothing when there is one (docs/serve.md)."""
        return {"panel": self._shown.index(comm_id)} if len(self._shown) > 1 else {}

    @property
    def tabs(self) -> int:
        """How many tabs are connected."""
        return len(self._tabs)

    # ----- kernel side -> tabs -------------------------------------------------

    def publish(
        self, comm_id: str, msg_type: str, data: dict[str, Any], buffers: list[Any]
    ) -> None:
        with self._lock:
            if msg_type == "comm_open":
                self._states[comm_id] = _for_pages(data.get("state", {}))
                return
            if msg_type != "comm_msg":
                return
            method = data.get("method")
            if method in ("update", "echo_update"):
                patch = _for_pages(data.get("state", {}))
                self._states[comm_id].update(patch)
                if comm_id not in self._shown:
                    return
                message = encode("update", {"state": patch, **self._panel_fields(comm_id)})
            elif method == "custom":
                if comm_id not in self._shown:
                    return
                header = {"content": data.get("content"), **self._panel_fields(comm_id)}
                message = encode("custom", header, buffers)
            else:
                return
            for tab in list(self._tabs):
                tab.post(message)

    # ----- tabs -> kernel side -------------------------------------------------

    def attach(self, tab: Tab) -> None:
        """Show the widget in `tab`: its state now, then every later message."""
        with self._lock:  # the state and every later message, in order
            if not self._shown:
                raise RuntimeError("PageHub.show() was not called")
            for comm_id in self._shown:
                header = {"state": self._states[comm_id], **self._panel_fields(comm_id)}
                if len(self._shown) > 1:
                    header.update(panels=len(self._shown), columns=self._columns)
                tab.post(encode("open", header))
            self._tabs.add(tab)

    def detach(self, tab: Tab) -> None:
        """`tab` went: send it nothing more."""
        with self._lock:
            self._tabs.discard(tab)

    def handle(self, tab: Tab, text: str) -> None:
        """A tab's message, for the widget; ValueError if it is not one.

        Every tab shows the same widgets, so which tab sent it does not matter.
        """
        message = json.loads(text)
        kind = message.get("kind") if isinstance(message, dict) else None
        if kind == "custom":
            data = {"method": "custom", "content": message.get("content")}
        elif kind == "update" and isinstance(message.get("state"), dict):
            data = {"method": "update", "state": message["state"], "buffer_paths": []}
        else:
            raise ValueError(f"unknown message from a page: {str(message)[:80]}")
        if not self._shown:  # a tab is attached only once a widget is shown
            raise RuntimeError("PageHub.show() was not called")
        panel = message.get("panel", 0)
        if (
            isinstance(panel, bool)
            or not isinstance(panel, int)
            or not 0 <= panel < len(self._shown)
        ):
            raise ValueError(f"no panel {panel!r} on this page; it has {len(self._shown)}")
        self._comms[self._shown[panel]].handle_msg({"content": {"data": data}, "buffers": []})


def encode(kind: str, header: dict[str, Any], buffers: list[Any] | None = None) -> bytes:
    """One message to a page: a length-prefixed JSON header, then 8-byte aligned buffers.

    See docs/serve.md. `header` gets ``kind`` and ``buffers``: each buffer's
    ``[offset, length]`` from the start of the data that follows the header.
    """
    blobs = [bytes(memoryview(b).cast("B")) for b in buffers or []]
    spans, offset = [], 0
    for blob in blobs:
        spans.append([offset, len(blob)])
        offset += _padded(len(blob))
    text = json.dumps({"kind": kind, **header, "buffers": spans}).encode()
    text += b" " * (_padded(4 + len(text)) - 4 - len(text))
    parts = [struct.pack("<I", len(text)), text]
    for blob in blobs:
        parts += [blob, b"\0" * (_padded(len(blob)) - len(blob))]
    return b"".join(parts)


def _padded(n: int) -> int:
    return (n + 7) & ~7


def _for_pages(state: dict[str, Any]) -> dict[str, Any]:
    """The traits a page uses.

    Binary traits travel apart from `state` and are left out: the rows, the
    only data a page needs, come by `sync`.
    """
    return {k: v for k, v in state.items() if k not in _NOT_FOR_PAGES}
