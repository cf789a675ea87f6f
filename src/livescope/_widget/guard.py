"""The loop guard LivePlot and Dashboard share: running(), stop(), resume()."""

from __future__ import annotations

import threading
import time

from .._kernel.poll import MAIN_THREAD_ID, poll_shell

# running() lets the kernel handle widget messages at most this often; in
# between it only reads a flag, which keeps it well under a microsecond.
POLL_INTERVAL = 0.05


class LoopGuard:
    """`while x.running():` ends when Stop is clicked, even while the cell is busy.

    A subclass sets `_stopped`, `_next_poll` and `_live` (whether a kernel
    or a page is there to answer), and provides `_send_due(now)` (send the
    rows that are due) and `_set_stopped(stopped)` (record it and show it).
    """

    _stopped: bool
    _next_poll: float
    _live: bool
    _closed = False

    def running(self) -> bool:
        """Return False once Stop was clicked or `stop()` called.

        Lets the kernel handle pending widget messages (the Stop click among
        them) at most every 50 ms while the cell runs; otherwise it only
        reads a flag. Also sends rows that are due. Only calls on the main
        thread can let messages through (see `poll_shell`).
        """
        if self._stopped:
            return False
        now = time.monotonic()
        if now >= self._next_poll and self._live:
            # Only the main thread takes messages: a loop on another thread
            # must not use up the turn of the main thread's running().
            if threading.get_ident() == MAIN_THREAD_ID:
                self._next_poll = now + POLL_INTERVAL
            poll_shell()
        self._send_due(now)
        return not self._stopped

    @property
    def stopped(self) -> bool:
        """Whether the loop guard was stopped."""
        return self._stopped

    def stop(self) -> None:
        """Make `running()` return False, as the Stop button does."""
        self._set_stopped(True)

    def resume(self) -> None:
        """Make `running()` return True again; what was plotted is kept.

        Raises
        ------
        RuntimeError
            After `close()`: a closed plot cannot run again.
        """
        if self._closed:
            raise RuntimeError(
                f"this {type(self).__name__} was closed with close(); make a new one to run again"
            )
        self._set_stopped(False)

    def _send_due(self, now: float) -> None:
        raise NotImplementedError

    def _set_stopped(self, stopped: bool) -> None:
        raise NotImplementedError
