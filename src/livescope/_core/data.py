"""What the line view shows, taken from a LivePlot in one consistent piece."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from .smoothing import MAX_SMOOTHING, smooth_columns


@dataclass(frozen=True)
class LinesData:
    """The rows and labels of a line plot.

    The arrays are read-only views of the history: rows already written
    never change, so they stay valid while the plot keeps growing.
    """

    columns: tuple[str, ...]
    steps: np.ndarray  # (N,) float64, non-decreasing
    times: np.ndarray  # (N,) float64, seconds since the epoch
    values: np.ndarray  # (N, M) float64 or float32
    generation: int = 0
    title: str = ""
    x_label: str = "step"
    height: int = 300
    options: dict[str, Any] = field(default_factory=dict)  # the `view_options` trait
    # The previous runs compared with (`RecordedRun`s, _runs/session.py), newest first.
    runs: tuple[Any, ...] = ()
    # The live run's "label" and "params" when it is compared ({} when not).
    run: dict[str, Any] = field(default_factory=dict)
    # Series rows left out -> steps of their reported non-finite values (_core/sparse.py).
    sparse: dict[str, Any] = field(default_factory=dict)

    @property
    def hidden(self) -> set[str]:
        """Series hidden from the chart (shown muted in the legend)."""
        hidden = self.options.get("hidden")
        return {h for h in hidden if isinstance(h, str)} if isinstance(hidden, list) else set()

    @property
    def compared_runs(self) -> tuple[Any, ...]:
        """The previous runs the legend lists: none when the view's compare toggle is off."""
        return () if self.options.get("compare") is False else tuple(self.runs)

    @property
    def hidden_runs(self) -> set[str]:
        """The ids of previous runs hidden from the chart (listed muted)."""
        hidden = self.options.get("hidden_runs")
        return {h for h in hidden if isinstance(h, str)} if isinstance(hidden, list) else set()

    @property
    def shown_runs(self) -> tuple[Any, ...]:
        """The previous runs drawn: those compared, less the hidden ones."""
        hidden = self.hidden_runs
        return tuple(run for run in self.compared_runs if run.id not in hidden)

    def run_age(self, run: Any) -> int:
        """How many runs back `run` is (0: the one before this): what fades it, hidden or not."""
        return next(age for age, held in enumerate(self.runs) if held is run)

    @property
    def colormap(self) -> str | None:
        """The colormap the series follow in order, or None for the palette."""
        colormap = self.options.get("colormap")
        return colormap if isinstance(colormap, str) else None

    @property
    def log_y(self) -> bool:
        return self.options.get("log_y") is True

    @property
    def smoothing(self) -> float:
        """The smoothing weight, read as the view reads it (0: none)."""
        value = self.options.get("smoothing")
        if not (type(value) is int or type(value) is float) or not math.isfinite(value):
            return 0.0
        return min(max(float(value), 0.0), MAX_SMOOTHING)

    @cached_property
    def smoothed(self) -> np.ndarray:
        """Every column smoothed over the whole history, as the view draws it."""
        return smooth_columns(self.values, self.smoothing)

    def __len__(self) -> int:
        return len(self.steps)
