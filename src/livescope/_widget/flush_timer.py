"""A background thread that sends rows left waiting when a loop pauses or ends."""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from typing import Protocol

log = logging.getLogger("livescope")


class Flushable(Protocol):
    def _flush_if_quiet(self) -> None:
        """Send waiting rows if the loop paused, or schedule itself again."""


class FlushTimer:
    """Calls `_flush_if_quiet()` on a plot once its deadline passes.

    `update()` sends rows itself when a frame is due; this thread only covers
    the rows that arrive between frames and then sit there because the loop
    blocked or ended. The thread starts on first use and sleeps while nothing
    is scheduled.
    """

    def __init__(self) -> None:
        self._wakeup = threading.Condition()
        self._queue: list[tuple[float, int, Flushable]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def schedule(self, plot: Flushable, deadline: float) -> None:
        """Flush `plot` at `deadline` (a `time.monotonic()` value)."""
        with self._wakeup:
            heapq.heappush(self._queue, (deadline, next(self._order), plot))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="livescope-flush", daemon=True
                )
                self._thread.start()
            self._wakeup.notify()

    def _run(self) -> None:
        while True:
            with self._wakeup:
                while not self._queue or self._queue[0][0] > time.monotonic():
                    timeout = self._queue[0][0] - time.monotonic() if self._queue else None
                    self._wakeup.wait(timeout)
                _, _, plot = heapq.heappop(self._queue)
            try:
                plot._flush_if_quiet()
            except Exception:  # the thread must keep serving the other plots
                log.exception("livescope could not send rows from the flush thread")


flush_timer = FlushTimer()
