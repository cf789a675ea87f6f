"""Follower: tail a JSON-lines or CSV metrics file into a plot, from a background thread."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

from .merge import merger_of
from .problems import ProblemCount
from .records import FORMATS, BadLine, make_parser, split_step

log = logging.getLogger("livescope")

POLL = 0.1  # seconds between looks at the file
READ_CHUNK = 1 << 20
MAX_READ = 16 << 20  # per look, so Stop and close() stay quick on a huge file
MAX_LINE = 1 << 20  # a longer line is skipped (a binary file, say)


class Follower:
    """Reads the lines appended to a metrics file; made by `LivePlot.follow`.

    Attributes
    ----------
    path : pathlib.Path
        The file followed.
    """

    def __init__(
        self, plot: Any, path: str | os.PathLike, *, format: str | None = None, step: str = "step"
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
        self.format = format
        self._step_field = step
        self._plot = plot
        self._merger = merger_of(plot)
        self._parser = make_parser(format)
        self._skipped = ProblemCount(
            plot, ("line", "lines"), "skipped", f"follow({str(self.path)!r})"
        )
        self._file: BinaryIO | None = None
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

    def close(self) -> None:
        """Stop following and draw the rows still waiting."""
        self._closing.set()
        if threading.current_thread() is not self._thread:
            self._thread.join()
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
        except Exception:  # the kernel must live on; say why the plot stopped following
            log.exception("livescope stopped following %s", self.path)
        finally:
            if self._file is not None:
                self._file.close()

    def _look(self) -> None:
        """Read what was appended; notice truncation and rotation."""
        if self._file is None and not self._open():
            return
        assert self._file is not None
        if os.fstat(self._file.fileno()).st_size < self._position:
            log.info("livescope: %s was truncated; reading it again from the top", self.path)
            self._start_over()
            self._last_step = None
            self._merger.forget()
            self._plot.reset()
        self._read_new()
        try:
            now_there = os.stat(self.path)
        except FileNotFoundError:
            return  # rotated away, the new file not made yet: keep the old one
        if (now_there.st_dev, now_there.st_ino) != self._identity:
            log.info("livescope: %s was replaced; following the new file", self.path)
            self._file.close()
            self._file = None
            if self._partial or self._discarding:
                self._skipped.add("the last line of the replaced file was never finished")
            self._open()
            self._read_new()

    def _open(self) -> bool:
        try:
            self._file = open(self.path, "rb")  # noqa: SIM115 -- kept open between looks
        except FileNotFoundError:
            return False
        stat = os.fstat(self._file.fileno())
        self._identity = (stat.st_dev, stat.st_ino)
        self._start_over()
        return True

    def _start_over(self) -> None:
        assert self._file is not None
        self._file.seek(0)
        self._position = 0
        self._partial = b""
        self._discarding = False
        self._parser.restart()

    def _read_new(self) -> None:
        assert self._file is not None
        steps: list[float] = []
        records: list[dict[str, float]] = []
        read = 0
        while read < MAX_READ:
            chunk = self._file.read(READ_CHUNK)
            if not chunk:
                break
            read += len(chunk)
            self._position += len(chunk)
            *lines, self._partial = (self._partial + chunk).split(b"\n")
            for line in lines:
                self._take(line, steps, records)
            if len(self._partial) > MAX_LINE:
                self._discarding = True
                self._partial = b""
        if records:
            self._merger.add(self, steps, records, time.monotonic())

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
        except (UnicodeDecodeError, BadLine) as error:
            self._skipped.add(f"{error}: {line[:80]!r}")
            return
        if step is None:
            step = 0.0 if self._last_step is None else self._last_step + 1.0
        self._last_step = step
        if values:
            steps.append(step)
            records.append(values)
