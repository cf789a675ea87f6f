"""KerasCallback with Keras 3 (torch backend) on a tiny model."""

import numpy as np
import pytest
from front_end import send_from_browser

keras = pytest.importorskip("keras")
from livescope.integrations.keras import KerasCallback  # noqa: E402

pytestmark = pytest.mark.frameworks


class ClickStop(keras.callbacks.Callback):
    """Clicks Stop in the plot after `after` batches, as a user would."""

    def __init__(self, plot, after):
        super().__init__()
        self.plot, self.after, self.batches = plot, after, 0

    def on_train_batch_end(self, batch, logs=None):
        self.batches += 1
        if self.batches == self.after:
            send_from_browser(self.plot, {"type": "stop"})


class Ends(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.epochs, self.ended = 0, False

    def on_epoch_end(self, epoch, logs=None):
        self.epochs += 1

    def on_train_end(self, logs=None):
        self.ended = True


def tiny_model():
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    rng = np.random.default_rng(0)
    x = rng.random((64, 2))
    return model, x, x.sum(axis=1, keepdims=True)


def test_every_batch_is_plotted_and_stop_ends_fit_after_the_batch():
    model, x, y = tiny_model()
    callback = KerasCallback(title="keras")
    clicker, ends = ClickStop(callback.plot, after=9), Ends()
    model.fit(
        x, y, batch_size=8, epochs=100, validation_split=0.25, verbose=0,
        callbacks=[clicker, callback, ends],
    )  # fmt: skip
    assert clicker.batches == 9  # 6 batches an epoch: stopped in the second epoch
    assert model.stop_training
    assert ends.epochs == 2 and ends.ended  # the epoch end and on_train_end still ran
    w = callback.plot
    assert set(w.columns) == {"loss", "mae", "val_loss", "val_mae"}
    np.testing.assert_array_equal(w.steps, np.arange(9))
    assert np.isfinite(w.history[:, w.columns.index("loss")]).all()
    val = w.history[:, w.columns.index("val_loss")]
    assert np.isfinite(val[[5, 8]]).all()  # each epoch's validation, at its last batch
    assert np.isnan(np.delete(val, [5, 8])).all()


def test_one_row_per_epoch():
    model, x, y = tiny_model()
    callback = KerasCallback("epoch")
    model.fit(
        x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0, callbacks=[callback]
    )
    w = callback.plot
    np.testing.assert_array_equal(w.steps, [0, 1, 2])
    assert np.isfinite(w.history).all()
    assert w.running()


def test_a_new_fit_after_stop_runs_again():
    model, x, y = tiny_model()
    callback = KerasCallback()
    callback.plot.stop()
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[callback])
    assert len(callback.plot) == 8  # on_train_begin resumed the plot: both epochs ran


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="every must be"):
        KerasCallback("step")
    with pytest.raises(TypeError, match="unexpected keyword"):
        KerasCallback(colour="red")


def test_a_store_records_fit_parameters_and_the_optimizer(tmp_path):
    from livescope import runs

    store = tmp_path / "runs.db"
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.05), loss="mse")
    callback = KerasCallback(title="keras", store=store, run="k", params={"note": "tiny"})
    x = np.random.default_rng(0).random((16, 2))
    model.fit(x, x.sum(axis=1), epochs=2, batch_size=8, verbose=0, callbacks=[callback])
    callback.plot.close()
    (info,) = runs(store)
    assert (info.label, info.rows, info.status) == ("k", 4, "finished")
    assert info.params["epochs"] == 2 and info.params["note"] == "tiny"
    assert info.params["optimizer"] == "SGD"
    assert info.params["optimizer.learning_rate"] == pytest.approx(0.05)
