"""LightningCallback with PyTorch Lightning on a tiny CPU model."""

import numpy as np
import pytest
from front_end import send_from_browser

pl = pytest.importorskip("lightning.pytorch")
torch = pytest.importorskip("torch")
from livescope.integrations.lightning import LightningCallback  # noqa: E402

pytestmark = [
    pytest.mark.frameworks,
    # Lightning's own warnings about itself and about this tiny setup.
    pytest.mark.filterwarnings("ignore:`isinstance.treespec, LeafSpec.` is deprecated"),
    pytest.mark.filterwarnings("ignore:The '.*_dataloader' does not have many workers"),
]


class Tiny(pl.LightningModule):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(2, 1)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = torch.nn.functional.mse_loss(self.layer(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", torch.nn.functional.mse_loss(self.layer(x), y))

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.1)


class ClickStop(pl.Callback):
    """Clicks Stop in the plot after `after` batches, as a user would."""

    def __init__(self, plot, after):
        self.plot, self.after, self.batches, self.ended = plot, after, 0, False

    def on_train_batch_end(self, trainer, *args):
        self.batches += 1
        if self.batches == self.after:
            send_from_browser(self.plot, {"type": "stop"})

    def on_train_end(self, trainer, pl_module):
        self.ended = True


def loaders():
    x = torch.rand(32, 2)
    data = torch.utils.data.TensorDataset(x, x.sum(dim=1, keepdim=True))
    return torch.utils.data.DataLoader(data, batch_size=8), torch.utils.data.DataLoader(data)


def test_logged_metrics_are_plotted_and_stop_ends_fit_after_the_batch(tmp_path):
    callback = LightningCallback(title="lightning")
    clicker = ClickStop(callback.plot, after=6)
    trainer = pl.Trainer(
        max_epochs=100,
        log_every_n_steps=1,
        callbacks=[clicker, callback],
        default_root_dir=tmp_path,
        logger=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        num_sanity_val_steps=0,
    )
    trainer.fit(Tiny(), *loaders())
    assert trainer.global_step == 6  # 4 batches an epoch: stopped in the second epoch
    assert clicker.ended  # on_train_end still ran
    assert list(tmp_path.rglob("*.ckpt"))  # and so did the checkpoint
    w = callback.plot
    assert set(w.columns) == {"train_loss", "val_loss"}  # "epoch" is bookkeeping
    train = w.history[:, w.columns.index("train_loss")]
    # Lightning logs a batch's metrics at the count of batches before it.
    np.testing.assert_array_equal(w.steps[np.isfinite(train)], np.arange(6))
    val_steps = w.steps[np.isfinite(w.history[:, w.columns.index("val_loss")])]
    # Each epoch's validation (the stopped one's too) shares the row of its last batch.
    np.testing.assert_array_equal(val_steps, [3, 5])
    assert callback._logger not in trainer.loggers  # removed when fit ended


class WithParams(Tiny):
    def __init__(self, lr=0.1, width=2):
        super().__init__()
        self.save_hyperparameters()


def test_a_store_records_the_run_with_the_modules_hyperparameters(tmp_path):
    from livescope import runs
    from livescope._runs.read import load_run

    store = tmp_path / "runs.db"
    callback = LightningCallback(title="tiny", store=store, run="a", params={"lr": 0.5})
    trainer = pl.Trainer(
        max_epochs=2,
        log_every_n_steps=1,
        callbacks=[callback],
        default_root_dir=tmp_path,
        logger=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        enable_checkpointing=False,
        num_sanity_val_steps=0,
    )
    trainer.fit(WithParams(lr=0.01, width=2), *loaders())
    history = callback.plot.history.copy()
    callback.plot.close()
    (info,) = runs(store)
    assert (info.name, info.label, info.status) == ("tiny", "a", "finished")
    assert info.params == {"lr": 0.5, "width": 2}  # params= wins over the module's
    run = load_run(store, "a")
    assert run.columns == callback.plot.columns
    np.testing.assert_array_equal(run.values, history)
