"""Streaming new rows to the browser, coalesced to at most `max_fps` messages a second."""

from __future__ import annotations

import threading
import time
from typing import Any

from .._core.history import History
from .._core.wire import encode_rows, encode_runs
from .._runs.compare import Comparison
from .flush_timer import flush_timer
from .models import LivePlotWidget

_EARLY = 0.5  # a send may come this fraction of a frame after the previous one

# A host that hands a front end's messages to the kernel only between cells
# (marimo) cannot answer the `sync` of a view that missed the first frames while
# it loaded, until the cell ends. For this long after a plot is made or shown
# there, one frame a second carries every row held, so the view fills in.
KEYFRAME_WINDOW = 10.0
KEYFRAME_EVERY = 1.0


class RowSender:
    """The sending half of a LivePlot (a mixin).

    Rows go out from the user's thread when a frame has passed since the last
    send (`update`, `running`), or from the flush timer once the loop pauses.
    Every method runs under `_lock` but `_send_due`, `_flush_if_quiet` and
    `_answer_sync`, which take it.
    """

    _lock: threading.Lock
    _history: History
    _widget: LivePlotWidget
    _generation: int
    _live: bool
    _interval: float  # seconds per frame: 1 / max_fps
    _next_send: float  # monotonic time the next frame is due
    _sent: int  # absolute index one past the last row sent
    _pending: bool  # rows wait for the next frame
    _timer_armed: bool
    _last_append: float
    _comparison: Comparison  # the previous runs a view is sent once, when it asks
    _keyframes_until: float = 0.0
    _next_keyframe: float = 0.0

    def _send_keyframes_for_a_while(self) -> None:
        """Send every row held once a second for the next KEYFRAME_WINDOW seconds."""
        self._keyframes_until = time.monotonic() + KEYFRAME_WINDOW

    def _send_due(self, now: float) -> None:
        """Send waiting rows if a frame has passed since the last send."""
        if self._pending and now >= self._next_send:
            self._flush_pending()

    def _flush_pending(self) -> None:
        """Send rows that are waiting for the next frame, if any."""
        with self._lock:
            if self._pending:
                self._send_rows(self._sent)

    def _flush_if_quiet(self) -> None:
        """The flush timer's callback: send waiting rows once no row came for a frame.

        While rows keep coming, `update()` sends each frame from the user's
        thread; a send from the timer thread would cost the loop extra GIL
        hand-offs, so the timer only steps in when the loop has paused.
        """
        with self._lock:
            self._timer_armed = False
            if not self._pending:
                return
            quiet_at = self._last_append + self._interval
            if time.monotonic() >= quiet_at:
                self._send_rows(self._sent)
            else:
                self._arm_timer(quiet_at)

    def _after_append(self, now: float) -> None:
        if not self._live:
            return
        self._last_append = now
        if now >= self._next_send:
            self._send_rows(self._sent)
            return
        self._pending = True
        if not self._timer_armed:
            self._arm_timer(now + self._interval)

    def _arm_timer(self, deadline: float) -> None:
        self._timer_armed = True
        flush_timer.schedule(self, deadline)

    def _answer_sync(self, request: dict[str, Any]) -> None:
        """A view asks for the rows from `from` of `generation` on (all, if it has another)."""
        with self._lock:
            self._keyframes_until = 0.0  # a view that can ask needs no repeats
            start = request.get("from")
            if (
                request.get("generation") != self._generation
                or isinstance(start, bool)
                or not isinstance(start, int)
                or not 0 <= start <= self._history.total
            ):
                start = 0  # _send_rows moves it to the first row held
            self._send_rows(start)
            if self._comparison.runs:  # fixed when the plot was made: once per view
                comparison = self._comparison
                self._widget.send(*encode_runs(comparison.runs, comparison.description))

    def _send_rows(self, start: int) -> None:
        """Send the rows held from absolute index `start` on; the caller holds the lock.

        Rows dropped before they were sent are skipped: the message then
        starts at the first row held, which tells front ends to drop theirs.
        """
        now = time.monotonic()
        if self._next_keyframe <= now < self._keyframes_until:
            start = 0
            self._next_keyframe = now + KEYFRAME_EVERY
        start = max(start, self._history.dropped)
        stop = self._history.total
        for content, buffers in encode_rows(self._history, start, stop, self._generation):
            self._widget.send(content, buffers)
        self._sent = stop
        self._pending = False
        # Frames keep to a schedule, and a row up to half a frame early
        # still goes out: a loop making rows at exactly max_fps then sends
        # each in its own message (not in pairs), and over any stretch no more
        # than max_fps frames a second leave. A frame of more than
        # wire.CHUNK_BYTES of rows is several messages sent at once, one send.
        now = time.monotonic()
        self._next_send = max(self._next_send + self._interval, now + _EARLY * self._interval)
