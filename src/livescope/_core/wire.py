"""Encode history rows as binary custom messages (see docs/wire-format.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from .history import History

# Large replies (a whole history after a page reload) go out in chunks of
# about this size, so no single websocket frame gets huge.
CHUNK_BYTES = 4 << 20

Message = tuple[dict[str, Any], list[memoryview]]


def encode_rows(
    history: History, start: int, stop: int, generation: int, chunk_bytes: int = CHUNK_BYTES
) -> Iterator[Message]:
    """Yield `rows` messages for history rows [start, stop); one empty message if none.

    `start` and `stop` are absolute row indices (see `History`) within the
    rows the history still holds.
    """
    dropped = history.dropped
    if not dropped <= start <= stop <= history.total:
        held = f"[{dropped}, {history.total})"
        raise ValueError(f"rows [{start}, {stop}) are not all held; held are {held}")
    width = history.width or 0
    row_bytes = 16 + width * history.dtype.itemsize
    per_chunk = max(1, chunk_bytes // row_bytes)
    first = start
    while True:
        last = min(stop, first + per_chunk)
        steps, times, values = history.held_rows(first, last)
        yield (
            {
                "type": "rows",
                "generation": generation,
                "start": first,
                "count": last - first,
                "columns": width,
                "dtype": history.dtype.name,
                "dropped": dropped,
            },
            [_buffer(steps), _buffer(times), _buffer(values)],
        )
        if last >= stop:
            return
        first = last


def _buffer(array: np.ndarray) -> memoryview:
    # Slices of the history's arrays are C-contiguous: their bytes, not a copy.
    return array.data.cast("B") if array.size else memoryview(b"")


def encode_runs(runs: Sequence[Any], live: dict[str, Any]) -> Message:
    """One `runs` message: the previous runs a plot compares with (`RecordedRun`s).

    `live` is the live run's label and params, for the legend.

    Each run's points go as three buffers, steps float64, times float64
    (seconds after its start) and values (row-major, its `dtype`, `width`
    values a point: its columns', or a frame's whole rows).
    """
    described, buffers = [], []
    for run in runs:
        values = np.ascontiguousarray(run.values)
        described.append(
            {
                "id": run.id,
                "label": run.label,
                "started": float(run.started),
                "params": run.params,
                "status": run.status,
                "rows": run.row_count,
                "columns": list(run.columns),
                "count": len(run.steps),
                "width": values.shape[1] if values.ndim == 2 else 0,
                "dtype": values.dtype.name,
            }
        )
        buffers += [
            _buffer(np.ascontiguousarray(run.steps, np.float64)),
            _buffer(np.ascontiguousarray(run.times, np.float64)),
            _buffer(values),
        ]
    return {"type": "runs", "live": live, "runs": described}, buffers
