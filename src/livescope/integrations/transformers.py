"""Hugging Face transformers: a TrainerCallback that plots every log and stops on Stop."""

from __future__ import annotations

from typing import Any

from transformers import TrainerCallback, TrainerControl, TrainerState, TrainingArguments

from .._plot import LivePlot
from ._common import ShowsTrainingPlot, TrainingPlot

__all__ = ["TransformersCallback"]

# The Trainer adds the epoch to every log; it is bookkeeping, not a metric.
_BOOKKEEPING = ("epoch",)


class TransformersCallback(ShowsTrainingPlot, TrainerCallback):
    """Plot every log of a ``Trainer`` at its global step; Stop ends training after the step.

    Training and evaluation logs of one step share a row. Stop sets
    ``control.should_training_stop = True``: the Trainer finishes the step,
    logs and evaluates as configured, saves a checkpoint (unless
    ``save_strategy="no"``) and runs ``on_train_end``.

    Parameters
    ----------
    plot : LivePlot, optional
        The plot to draw in; by default a new one, displayed when training
        starts.
    **plot_options
        Options of the new LivePlot (title, height, ``store``, ``run``,
        ``params``, ...). With ``store=``, the run's parameters also get the
        ``TrainingArguments`` (``args.to_dict()``).

    Examples
    --------
    >>> Trainer(model, args, callbacks=[TransformersCallback()])  # doctest: +SKIP
    """

    def __init__(self, *, plot: LivePlot | None = None, **plot_options: Any) -> None:
        self._training = TrainingPlot(plot, plot_options, skip=_BOOKKEEPING)

    def on_train_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kw: Any
    ) -> None:
        self._training.begin()
        if self._training.recording:
            self._training.record_params(args.to_dict())  # type: ignore[no-untyped-call]  # transformers ships no types

    def on_step_begin(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kw: Any
    ) -> None:
        self._training.boundary()

    def on_log(
        self,
        args: TrainingArguments,
        state: TrainerState,
        control: TrainerControl,
        logs: dict[str, Any] | None = None,
        **kw: Any,
    ) -> None:
        self._training.log(state.global_step, logs)

    def on_step_end(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kw: Any
    ) -> TrainerControl:
        if self._training.stop_requested():
            control.should_training_stop = True
            # The Trainer saves at save_steps only: keep what Stop interrupts.
            control.should_save = args.save_strategy != "no"
        return control

    def on_train_end(
        self, args: TrainingArguments, state: TrainerState, control: TrainerControl, **kw: Any
    ) -> None:
        self._training.boundary()
