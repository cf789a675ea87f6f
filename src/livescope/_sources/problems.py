"""Counts of what a background source had to skip: shown in the header, logged now and then."""

from __future__ import annotations

import logging
import time
from typing import Any

log = logging.getLogger("livescope")

LOG_EVERY = 10.0  # seconds between log lines about the same kind of problem


class ProblemCount:
    """One kind of problem (``("line", "lines", "skipped")``, say) of one source of one plot.

    Every problem is counted in the plot's header at once; the log gets the
    first one with its reason, then at most one line per `LOG_EVERY` seconds,
    so a stream of garbage cannot flood the notebook.
    """

    def __init__(
        self,
        plot: Any,
        things: tuple[str, str],
        what: str,
        source: str,
        *,
        log_every: float = LOG_EVERY,
    ) -> None:
        self._plot = plot
        self._log_every = log_every
        self._things = things  # singular, plural
        self._what = what
        self._source = source
        self.count = 0
        self._logged_count = 0
        self._next_log = 0.0

    def add(self, reason: str, count: int = 1) -> None:
        self.count += count
        self._plot._set_note(self, self._counted(self.count))
        now = time.monotonic()
        if now >= self._next_log:
            since = self.count - self._logged_count - count
            more = f" (and {since} more since the last report)" if since else ""
            log.warning("livescope %s: %s: %s%s", self._source, self._counted(count), reason, more)
            self._logged_count = self.count
            self._next_log = now + self._log_every

    def _counted(self, count: int) -> str:
        return f"{count} {self._things[count != 1]} {self._what}"
