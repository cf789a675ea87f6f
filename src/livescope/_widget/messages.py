"""Unknown messages from a front end: logged briefly, and not once per message.

Whatever sends them (a newer or broken front end, or anyone who can reach the
comm) must not be able to fill the kernel's stderr: each is shown as at most
`MAX_CHARS` characters, the first `FIRST` are logged one by one, and after
that one line every `INTERVAL` seconds counts the ones not shown (written
when the next one comes; none is written after the last).
"""

from __future__ import annotations

import logging
import reprlib
import threading
import time

log = logging.getLogger("livescope")

MAX_CHARS = 200
FIRST = 5
INTERVAL = 60.0

_repr = reprlib.Repr()
# Small containers and strings are shown whole, big ones only in part, so a
# huge message costs no more than a short one to describe.
_repr.maxstring = _repr.maxother = 60
_repr.maxdict = _repr.maxlist = 20
_repr.maxlevel = 4


class UnknownMessages:
    """Counts unknown messages and decides which to log."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen = 0
        self._hidden = 0
        self._next_summary = 0.0

    def warn(self, content: object) -> None:
        """Log that `content` was ignored, unless too many were logged lately."""
        text = _short(content)
        if isinstance(content, dict) and "type" in content:
            text = f"type {_short(content['type'])}, {text}"  # first, before it is cut
        text = text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 3] + "..."
        now = time.monotonic()
        with self._lock:
            self._seen += 1
            if self._seen <= FIRST:
                log.warning("livescope ignored an unknown message from the front end: %s", text)
                self._next_summary = now + INTERVAL
                return
            self._hidden += 1
            if now < self._next_summary:
                return
            hidden, self._hidden = self._hidden, 0
            self._next_summary = now + INTERVAL
        log.warning(
            "livescope ignored %d more unknown messages from the front end "
            "(logging at most one line a minute now); the latest: %s",
            hidden,
            text,
        )


def _short(value: object) -> str:
    return _repr.repr(value)


unknown_messages = UnknownMessages()
