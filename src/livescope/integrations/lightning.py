"""PyTorch Lightning: a callback that plots every logged metric and stops ``fit()`` on Stop."""

from __future__ import annotations

from typing import Any

try:
    from lightning.pytorch import Callback, LightningModule, Trainer
    from lightning.pytorch.loggers import Logger
except ImportError:  # the standalone package of older projects
    # The same classes under the package's older name, typed as different ones.
    from pytorch_lightning import Callback, LightningModule, Trainer  # type: ignore[assignment]
    from pytorch_lightning.loggers import Logger  # type: ignore[assignment]

from .._plot import LivePlot
from ._common import ShowsTrainingPlot, TrainingPlot

__all__ = ["LightningCallback"]

# Lightning adds the epoch to every log call; it is bookkeeping, not a metric.
_BOOKKEEPING = ("epoch",)


class LightningCallback(ShowsTrainingPlot, Callback):
    """Plot every metric the LightningModule logs; Stop ends training after the batch.

    The callback adds a logger of its own for the duration of ``fit()``, so
    the plot gets exactly what Lightning logs, when it logs it: step metrics
    every ``log_every_n_steps`` batches (pass ``log_every_n_steps=1`` to
    the Trainer for every batch), epoch metrics at epoch ends, all at
    ``trainer.global_step``. Stop sets ``trainer.should_stop = True``:
    Lightning finishes the batch and ends training as it does for early
    stopping (checkpoints and ``on_train_end`` still run).

    Parameters
    ----------
    plot : LivePlot, optional
        The plot to draw in; by default a new one, displayed when training
        starts.
    **plot_options
        Options of the new LivePlot (title, height, ``store``, ``run``,
        ``params``, ...). With ``store=``, the run's parameters also get the
        module's ``hparams`` and what Lightning logs as hyperparameters.

    Examples
    --------
    >>> Trainer(callbacks=[LightningCallback()], log_every_n_steps=1)  # doctest: +SKIP
    """

    def __init__(self, *, plot: LivePlot | None = None, **plot_options: Any) -> None:
        super().__init__()
        self._training = TrainingPlot(plot, plot_options, skip=_BOOKKEEPING)
        self._logger = _PlotLogger(self._training)

    def on_fit_start(self, trainer: Trainer, pl_module: LightningModule) -> None:
        if self._logger not in trainer.loggers:
            trainer.loggers = [*trainer.loggers, self._logger]
        self._training.begin()
        self._training.record_params(dict(pl_module.hparams))

    def on_train_batch_end(self, trainer: Trainer, *args: Any) -> None:
        if self._training.stop_requested():
            trainer.should_stop = True

    def on_fit_end(self, trainer: Trainer, pl_module: LightningModule) -> None:
        self._training.boundary()
        trainer.loggers = [lg for lg in trainer.loggers if lg is not self._logger]


class _PlotLogger(Logger):
    """Hands what Lightning logs to the plot."""

    def __init__(self, training: TrainingPlot) -> None:
        super().__init__()
        self._training = training
        self._step: int | None = None

    @property
    def name(self) -> str:
        return "livescope"

    @property
    def version(self) -> str:
        return "0"

    def log_metrics(self, metrics: dict[str, float], step: int | None = None) -> None:
        if step != self._step:  # a new step: the rows before it are complete
            self._training.boundary()
            self._step = step
        self._training.log(step if step is not None else 0, metrics)

    def log_hyperparams(self, params: Any, *args: Any, **kwargs: Any) -> None:
        """Hyperparameters are not plotted; a plot with a store records them."""
        self._training.record_params(params if isinstance(params, dict) else vars(params))
