"""What every framework adapter shares: the plot, metrics per step, and Stop."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any, SupportsFloat, cast

from .._kernel.shell import current_shell
from .._plot import LivePlot
from .._sources.merge import merger_of


class TrainingPlot:
    """A LivePlot fed with a framework's logged metrics, one row per step.

    Metrics logged at the same step (train and evaluation logs, say) share a
    row; `boundary()` draws the rows of the steps that are over.
    """

    def __init__(
        self, plot: LivePlot | None, plot_options: dict[str, Any], skip: Iterable[str] = ()
    ) -> None:
        if plot is not None and plot_options:
            raise TypeError(
                "pass either plot= or options for a new plot, not both; got "
                f"{', '.join(sorted(plot_options))} with plot="
            )
        if plot is not None and not isinstance(plot, LivePlot):
            raise TypeError(f"plot must be a LivePlot or None; got {type(plot).__name__}")
        self.plot = plot if plot is not None else LivePlot(**plot_options)
        self._show = plot is None  # a plot we made is displayed when training starts
        self._skip = frozenset(skip)
        self._merger = merger_of(self.plot)

    def begin(self) -> None:
        """Training starts: show the plot once, and let a new run go after a Stop."""
        if self._show and current_shell() is not None:
            from IPython.display import display

            display(self.plot)
        self._show = False
        self.plot.resume()

    def log(self, step: float, metrics: Mapping[str, Any] | None) -> None:
        """Plot the numeric metrics among `metrics` at `step`."""
        values = {
            name: number
            for name, value in (metrics or {}).items()
            if name not in self._skip and (number := _number(value)) is not None
        }
        if values:
            self._merger.add(self, [step], [values], time.monotonic())

    def boundary(self) -> None:
        """A step is over: draw what was logged up to now."""
        self._merger.flush()

    @property
    def recording(self) -> bool:
        """Whether the plot records into a runs store."""
        return self.plot._recorder is not None

    def record_params(self, params: Mapping[str, Any]) -> None:
        """Add the hyperparameters the framework exposes to the run in the plot's store.

        Those given as ``params=`` win; without ``store=`` nothing is recorded.
        """
        recorder = self.plot._recorder
        if recorder is not None and params:
            recorder.add_params({str(name): value for name, value in params.items()})

    def stop_requested(self) -> bool:
        """Whether Stop was clicked (lets the kernel handle the click while training runs)."""
        return not self.plot.running()


def _number(value: object) -> float | None:
    """A metric as a float, or None for what is no single number (text, arrays)."""
    if isinstance(value, (bool, str, bytes)) or value is None:
        return None
    try:
        # numbers, numpy scalars, one-element tensors; anything else raises, caught below
        return float(cast("SupportsFloat", value))
    except (TypeError, ValueError, RuntimeError):
        return None


class ShowsTrainingPlot:
    """What every adapter class exposes of its `TrainingPlot`: the plot, and its display."""

    _training: TrainingPlot

    @property
    def plot(self) -> LivePlot:
        """The LivePlot drawn in."""
        return self._training.plot

    def _repr_mimebundle_(self, **kwargs: object) -> tuple[dict[str, Any], dict[str, Any]]:
        return self.plot._repr_mimebundle_(**kwargs)
