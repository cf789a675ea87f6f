"""Keras: a callback that plots every logged metric and stops ``fit()`` on Stop."""

from __future__ import annotations

import warnings
from typing import Any

import keras

from .._plot import LivePlot
from ._common import ShowsTrainingPlot, TrainingPlot

__all__ = ["KerasCallback"]


class KerasCallback(ShowsTrainingPlot, keras.callbacks.Callback):  # type: ignore[misc]  # keras has no types
    """Plot the metrics Keras logs during ``fit()``; Stop ends training after the batch.

    Stop sets ``model.stop_training = True``: Keras finishes the current
    batch, then runs the end of the epoch (validation, other callbacks such
    as checkpoints) and ``on_train_end`` as usual.

    Parameters
    ----------
    every : {"batch", "epoch"}
        ``"batch"``: one row per batch at the global batch count, with the
        epoch's running metrics; validation metrics join the epoch's last
        batch. ``"epoch"``: one row per epoch, at the epoch number.
    plot : LivePlot, optional
        The plot to draw in; by default a new one, displayed when training
        starts.
    **plot_options
        Options of the new LivePlot (title, height, ``store``, ``run``,
        ``params``, ...). With ``store=``, the run's parameters also get
        ``fit()``'s (epochs, steps) and the optimizer's configuration.

    Examples
    --------
    >>> model.fit(x, y, epochs=10, callbacks=[KerasCallback()])  # doctest: +SKIP
    """

    def __init__(self, every: str = "batch", *, plot: LivePlot | None = None, **plot_options: Any):
        super().__init__()
        if every not in ("batch", "epoch"):
            raise ValueError(f"every must be 'batch' or 'epoch'; got {every!r}")
        self.every = every
        plot_options.setdefault("x_label", every)
        self._training = TrainingPlot(plot, plot_options)
        self._batches = 0  # across epochs and fit() calls: the x of batch rows

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._training.begin()
        if self._training.recording:
            self._training.record_params(self._hyperparameters())

    def _hyperparameters(self) -> dict[str, Any]:
        params = dict(self.params or {})
        optimizer = getattr(self.model, "optimizer", None)
        if optimizer is not None:
            # Keras's variables (the learning rate) warn as numpy reads them, under numpy 2.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                config = optimizer.get_config()
            params["optimizer"] = type(optimizer).__name__
            params.update({f"optimizer.{name}": value for name, value in config.items()})
        return params

    def on_train_batch_begin(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._training.boundary()

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        if self.every == "batch":
            self._training.log(self._batches, logs)
        self._batches += 1
        if self._training.stop_requested():
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self.every == "epoch":
            self._training.log(epoch, logs)
        else:  # the epoch's validation metrics, at its last batch
            metrics = {k: v for k, v in (logs or {}).items() if k.startswith("val_")}
            self._training.log(self._batches - 1, metrics)
        self._training.boundary()

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self._training.boundary()
