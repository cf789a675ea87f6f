"""Count what the kernel sends to the page, from Playwright's websocket frame events.

Playwright reports every frame the page receives; this decodes just enough
of each (channel and message type, from the v1 binary protocol JupyterLab
uses, or the older JSON one) to tell plot traffic from the notebook's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from _notebook_tab import NOT_PLOT_TRAFFIC, Traffic
from playwright.sync_api import Page, WebSocket


@dataclass(frozen=True)
class Frame:
    channel: str
    msg_type: str
    size: int


def decode_header(payload: str | bytes) -> tuple[str, str]:
    """Channel and msg_type of one websocket frame from the kernel."""
    if isinstance(payload, str):
        msg = json.loads(payload)
        return msg.get("channel", ""), msg["header"]["msg_type"]
    # v1.kernel.websocket.jupyter.org: a count n, n little-endian uint64
    # offsets, then channel, header, parent header, metadata, content, buffers.
    count = int.from_bytes(payload[:8], "little")
    offsets = [int.from_bytes(payload[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    channel = payload[offsets[0] : offsets[1]].decode("utf-8")
    header = json.loads(payload[offsets[1] : offsets[2]])
    return channel, header["msg_type"]


class WireRecorder:
    """Every frame the page received on kernel websockets, in order."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self.frames: list[Frame] = []
        self.closed = 0
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws: WebSocket) -> None:
        if "/channels" in ws.url:  # kernel connections, not the server's event stream
            ws.on("framereceived", self._on_frame)
            ws.on("close", self._on_close)

    def _on_close(self, _ws: WebSocket) -> None:
        self.closed += 1

    def _on_frame(self, payload: str | bytes) -> None:
        channel, msg_type = decode_header(payload)
        size = len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)
        self.frames.append(Frame(channel, msg_type, size))

    def mark(self) -> tuple[int, int]:
        """Position after every frame the page has received so far.

        A round trip to the page first: Playwright delivers the events that
        happened before it answers.
        """
        self._page.evaluate("0")
        return len(self.frames), self.closed

    def traffic(self, start: tuple[int, int], end: tuple[int, int]) -> Traffic:
        by_type: dict[str, int] = {}
        size = 0
        for frame in self.frames[start[0] : end[0]]:
            if frame.channel != "iopub" or frame.msg_type in NOT_PLOT_TRAFFIC:
                continue
            by_type[frame.msg_type] = by_type.get(frame.msg_type, 0) + 1
            size += frame.size
        return Traffic(
            messages=sum(by_type.values()), bytes=size, by_type=by_type, closed=end[1] - start[1]
        )
