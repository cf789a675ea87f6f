"""Follower: tail a JSON-lines or CSV metrics file into a plot, from a background thread."""

from __future__ import annotations

import logging
import math
import os
import stat
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from .merge import MAX_COLUMNS, check_max_columns, merger_of
from .problems import ProblemCount
from .records import FORMATS, make_parser, split_step

log = logging.getLogger("livescope")

POLL = 0.1  # seconds between looks at the file
READ_CHUNK = 1 << 20
MAX_READ = 16 << 20  # per look, so Stop and close() stay quick on a huge file
MAX_LINE = 1 << 20  # a longer line is skipped (a binary file, say)
CLOSE_WAIT = 5.0  # seconds close() waits for the thread, should a system call hang


class Follower:
    """Reads the lines appended to a metrics file; made by `LivePlot.follow`.

    Attributes
    ----------
    path : pathlib.Path
        The file followed.
    """

    def __init__(
        self,
        plot: Any,
        path: str | os.PathLike[str],
        *,
        format: str | None = None,
        step: str = "step",
        max_columns: int = MAX_COLUMNS,
    ) -> None:
        self.path = Path(path)
        if format is None:
            format = "csv" if self.path.suffix.lower() == ".csv" else "jsonl"
        if format not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS} or None; got {format!r}")
        if not isinstance(step, str) or not step:
            raise TypeError(f"step must be the name of a field; got {step!r}")
        if not plot._view.named_columns:
            raise ValueError(
                f"kind={plot.kind!r} plots cannot follow a file: their values have no names"
            )
        self._max_columns = check_max_columns(max_columns)
        self.format = format
        self._step_field = step
        self._plot = plot
        # A plot made with named columns shows those fields only; without, every one.
        self._fields = frozenset(plot.columns) or None
        self._merger = merger_of(plot)
        self._parser = make_parser(format)
        self._source = f"follow({str(self.path)!r})"
        self._skipped = ProblemCount(plot, ("line", "lines"), "skipped", self._source)
        self._refused = ProblemCount(
            plot,
            ("line", "lines"),
            f"had fields beyond max_columns={max_columns} (their values were dropped)",
            self._source,
            log_every=math.inf,  # the same fields come on every line
        )
        self._status = ""  # why the file is not being read, when it is not
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
        self._position = 0
        self._partial = b""
        self._discarding = False  # inside an over-long line, until its newline
        self._last_step: float | None = None
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="livescope-follow", daemon=True)
        self._thread.start()

    @property
    def skipped(self) -> int:
        """Lines that were not records and were skipped."""
        return self._skipped.count

    # Stop cannot reach the program writing the file.
    stop_reaches_writer = False

    @property
    def open(self) -> bool:
        """Whether the file is still being followed (not closed)."""
        return not self._closing.is_set()

    def close(self) -> None:
        """Stop following and draw the rows still waiting."""
        self._closing.set()
        if threading.current_thread() is not self._thread:
            # The thread never blocks on the file (it is opened non-blocking),
            # but a system call can hang on a dead network share.
            self._thread.join(CLOSE_WAIT)
            if self._thread.is_alive():
                log.warning("livescope %s: the reading thread is stuck; leaving it", self._source)
        self._merger.flush()

    def __repr__(self) -> str:
        state = "closed" if self._closing.is_set() else "following"
        return f"<Follower {str(self.path)!r} {self.format} {state}>"

    # ----- the following thread -----------------------------------------------------

    def _run(self) -> None:
        try:
            while True:
                self._look()
                self._merger.commit_due(time.monotonic())
                if self._closing.wait(POLL):
                    return
        except Exception as error:  # the kernel must live on; say why the plot stopped following
            log.exception("livescope stopped following %s", self.path)
            self._say(f"{self._source} stopped: {type(error).__name__}: {error}")
        finally:
            if self._fd is not None:
                os.close(self._fd)

    def _say(self, status: str) -> None:
        """Show why the file is not read (or "" once it is), logging each new reason once."""
        if status != self._status:
            self._status = status
            self._plot._set_note(self, status)
            if status:
                log.warning("livescope %s", status)

    def _look(self) -> None:
        """Read what was appended; notice truncation and rotation."""
        if self._fd is None and not self._open():
            return
        assert self._fd is not None
        held = os.fstat(self._fd)
        if stat.S_ISREG(held.st_mode) and held.st_size < self._position:
            log.info("livescope: %s was truncated; reading it again from the top", self.path)
            self._start_over()
            self._last_step = None
            self._merger.forget()
            self._plot.reset()
        self._read_new()
        try:
            now_there = os.stat(self.path)
        except FileNotFoundError:
            if held.st_nlink == 0:  # deleted, not renamed: nothing more will come
                self._say(f"{self._source}: the file was deleted; waiting for a new one")
            return  # rotated away, the new file not made yet: keep the old one
        if (now_there.st_dev, now_there.st_ino) != self._identity:
            log.info("livescope: %s was replaced; following the new file", self.path)
            os.close(self._fd)
            self._fd = None
            if self._partial or self._discarding:
                self._skipped.add("the last line of the replaced file was never finished")
            if self._open():
                self._read_new()

    def _open(self) -> bool:
        try:
            # Non-blocking: opening a FIFO would otherwise wait for a writer.
            self._fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            return False
        except OSError as error:  # unreadable for now (permissions, a directory): look again
            self._say(f"{self._source} cannot open the file: {error}")
            return False
        opened = os.fstat(self._fd)
        if stat.S_ISDIR(opened.st_mode):  # opens, but reading fails: look again later
            os.close(self._fd)
            self._fd = None
            self._say(f"{self._source} cannot open the file: it is a directory")
            return False
        self._identity = (opened.st_dev, opened.st_ino)
        self._say("")
        self._start_over()
        return True

    def _start_over(self) -> None:
        assert self._fd is not None
        if stat.S_ISREG(os.fstat(self._fd).st_mode):
            os.lseek(self._fd, 0, os.SEEK_SET)
        self._position = 0
        self._partial = b""
        self._discarding = False
        self._parser.restart()

    def _read_new(self) -> None:
        assert self._fd is not None
        read = 0
        while read < MAX_READ:
            try:
                chunk = os.read(self._fd, READ_CHUNK)
            except BlockingIOError:  # a FIFO whose writer has written nothing yet
                return
            if not chunk:
                return
            read += len(chunk)
            self._position += len(chunk)
            *lines, self._partial = (self._partial + chunk).split(b"\n")
            steps: list[float] = []
            records: list[dict[str, float]] = []
            for line in lines:
                self._take(line, steps, records)
            if len(self._partial) > MAX_LINE:
                self._discarding = True
                self._partial = b""
            if records:  # chunk by chunk, so the parsed records stay small
                self._add(steps, records)

    def _add(self, steps: list[float], records: list[dict[str, float]]) -> None:
        self._plot._note_records(steps, records)  # which fields each record left out
        columns = list(dict.fromkeys(name for record in records for name in record))
        index = {name: c for c, name in enumerate(columns)}
        values = np.full((len(records), len(columns)), np.nan)
        for r, record in enumerate(records):
            for name, value in record.items():
                values[r, index[name]] = value
        refused = self._merger.add_block(
            self, steps, columns, values, time.monotonic(), max_columns=self._max_columns
        )
        if refused:
            refused_set = set(refused)
            lines = sum(1 for record in records if not refused_set.isdisjoint(record))
            self._refused.add(
                f"fields such as {list(refused[:3])} find no room in the plot; "
                "pass a larger max_columns to follow()",
                lines,
            )

    def _take(self, line: bytes, steps: list[float], records: list[dict[str, float]]) -> None:
        if self._discarding:
            self._discarding = False
            self._skipped.add(f"a line longer than {MAX_LINE} bytes")
            return
        try:
            text = line.decode("utf-8").strip()
            if not text:
                return
            record = self._parser.parse(text)
            if record is None:
                return
            step, values = split_step(record, self._step_field)
        # Whatever a line makes the parser raise (OverflowError, RecursionError, ...),
        # it is no record: skipped and counted, and the thread reads on.
        except Exception as error:  # noqa: BLE001
            self._skipped.add(f"{type(error).__name__}: {error}: {line[:80]!r}")
            return
        if step is None:
            step = 0.0 if self._last_step is None else self._last_step + 1.0
        self._last_step = step
        if self._fields is not None:
            values = {name: value for name, value in values.items() if name in self._fields}
        if values:
            steps.append(step)
            records.append(values)
