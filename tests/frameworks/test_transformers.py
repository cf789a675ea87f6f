"""TransformersCallback with a Hugging Face Trainer on a tiny CPU model (no downloads)."""

import numpy as np
import pytest
from front_end import send_from_browser

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
from livescope.integrations.transformers import TransformersCallback  # noqa: E402

pytestmark = pytest.mark.frameworks


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.Linear(2, 1)

    def forward(self, x, labels=None):
        out = self.layer(x)
        return {"loss": torch.nn.functional.mse_loss(out, labels), "logits": out}


class Pairs(torch.utils.data.Dataset):
    def __init__(self, n):
        self.x = torch.rand(n, 2)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {"x": self.x[i], "labels": self.x[i].sum(dim=0, keepdim=True)}


class ClickStop(transformers.TrainerCallback):
    """Clicks Stop in the plot at step `at`, as a user would."""

    def __init__(self, plot, at):
        self.plot, self.at, self.ended = plot, at, False

    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == self.at:
            send_from_browser(self.plot, {"type": "stop"})

    def on_train_end(self, args, state, control, **kwargs):
        self.ended = True


def test_logs_are_plotted_and_stop_ends_training_after_the_step(tmp_path):
    callback = TransformersCallback(title="transformers")
    clicker = ClickStop(callback.plot, at=12)
    args = transformers.TrainingArguments(
        output_dir=str(tmp_path),
        max_steps=1000,
        per_device_train_batch_size=4,
        logging_steps=1,
        eval_strategy="steps",
        eval_steps=5,
        save_strategy="steps",
        save_steps=1000,
        report_to=[],
        use_cpu=True,
        disable_tqdm=True,
    )
    trainer = transformers.Trainer(
        model=Tiny(),
        args=args,
        train_dataset=Pairs(64),
        eval_dataset=Pairs(8),
        callbacks=[clicker, callback],
    )
    trainer.train()
    assert trainer.state.global_step == 12
    assert clicker.ended  # on_train_end still ran
    assert list(tmp_path.glob("checkpoint-12"))  # and the final checkpoint was saved
    w = callback.plot
    loss = w.history[:, w.columns.index("loss")]
    np.testing.assert_array_equal(w.steps[np.isfinite(loss)], np.arange(1, 13))
    eval_loss = w.history[:, w.columns.index("eval_loss")]
    # Training and evaluation logs of a step share its row.
    np.testing.assert_array_equal(w.steps[np.isfinite(eval_loss)], [5, 10])
    assert np.isfinite(loss[np.isfinite(eval_loss)]).all()
    assert "epoch" not in w.columns  # bookkeeping, not a metric


def test_a_store_records_the_training_arguments(tmp_path):
    from livescope import runs

    store = tmp_path / "runs.db"
    callback = TransformersCallback(title="hf", store=store, run="t", params={"seed": 7})
    args = transformers.TrainingArguments(
        output_dir=str(tmp_path),
        max_steps=4,
        per_device_train_batch_size=4,
        learning_rate=0.01,
        logging_steps=1,
        save_strategy="no",
        report_to=[],
        use_cpu=True,
        disable_tqdm=True,
    )
    transformers.Trainer(
        model=Tiny(), args=args, train_dataset=Pairs(16), callbacks=[callback]
    ).train()
    callback.plot.close()
    (info,) = runs(store)
    assert (info.label, info.status, info.last_step) == ("t", "finished", 4)
    assert info.params["learning_rate"] == 0.01 and info.params["max_steps"] == 4
    assert info.params["seed"] == 7  # params= wins over the arguments' seed
