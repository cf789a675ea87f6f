"""What a plot leaves for a saved notebook: the snapshot trait and the static picture,
both refreshed when a cell ends, not on every update."""

import IPython.display
import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import unpack

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture
def published(monkeypatch):
    """Record display and update_display calls instead of publishing them."""
    calls = []

    def display(bundle, *, metadata=None, raw=False, display_id=None):
        calls.append(("display", bundle, display_id))

    def update_display(bundle, *, metadata=None, raw=False, display_id=None):
        calls.append(("update", bundle, display_id))

    monkeypatch.setattr(IPython.display, "display", display)
    monkeypatch.setattr(IPython.display, "update_display", update_display)
    return calls


def end_cell(front_end):
    for hook in front_end.cell_end_hooks:
        hook()


def snapshot_changes(w):
    changes = []
    w._widget.observe(lambda change: changes.append(change["new"]), names="_snapshot")
    return changes


def test_the_snapshot_is_refreshed_when_a_cell_ends_not_on_every_update(front_end):
    w = LivePlot(columns=["a", "b"])
    changes = snapshot_changes(w)
    for i in range(500):
        w.update([i, -i])
    assert changes == []
    end_cell(front_end)
    assert len(changes) == 1
    snapshot = unpack(w._widget._snapshot)
    assert snapshot.fields["rows"] == 500
    np.testing.assert_array_equal(snapshot.arrays["values"], w.history)

    end_cell(front_end)  # nothing new: nothing sent
    assert len(changes) == 1
    w.update([1, 2])
    end_cell(front_end)
    assert len(changes) == 2
    w.reset()
    end_cell(front_end)
    assert unpack(w._widget._snapshot).fields == {
        "rows": 0,
        "generation": 1,
        "exact": True,
        "t0": 0.0,
    }


def test_the_output_carries_the_widget_view_and_a_picture_of_the_data(front_end, published):
    w = LivePlot(columns=["loss"], title="run")
    w._ipython_display_()
    (kind, bundle, display_id), *_ = published
    assert kind == "display"
    assert display_id == f"livescope-{w._widget._uid}"
    assert bundle[WIDGET_VIEW]["model_id"] == w._widget.model_id
    assert bundle["text/plain"] == repr(w)
    assert "no rows yet" in bundle["image/svg+xml"]
    assert w._widget._snapshot  # set at display, so saving right away keeps it

    end_cell(front_end)  # the cell that displayed it: nothing changed since
    assert len(published) == 1

    w.extend(np.arange(100.0)[:, None])
    end_cell(front_end)
    kind, bundle, update_id = published[-1]
    assert (kind, update_id) == ("update", display_id)
    assert "latest step 99" in bundle["image/svg+xml"]
    assert bundle[WIDGET_VIEW]["model_id"] == w._widget.model_id
    assert len(published) == 2


def test_a_plot_never_displayed_only_refreshes_its_snapshot(front_end, published):
    w = LivePlot(columns=1)
    w.update(1.0)
    end_cell(front_end)
    assert published == []
    assert unpack(w._widget._snapshot).fields["rows"] == 1


def test_repr_mimebundle_offers_the_picture_too():
    w = LivePlot(columns=["x"])
    w.update(2.0)
    bundle, _ = w._repr_mimebundle_()
    assert set(bundle) == {WIDGET_VIEW, "image/svg+xml", "text/plain"}
    assert "latest step 0" in bundle["image/svg+xml"]


def test_a_plot_with_max_rows_refreshes_as_its_window_slides(front_end):
    w = LivePlot(columns=1, max_rows=100)
    w.extend(np.arange(100.0)[:, None])
    end_cell(front_end)
    w.extend(np.arange(100.0, 150.0)[:, None])  # same length, newer rows
    end_cell(front_end)
    snapshot = unpack(w._widget._snapshot)
    assert snapshot.fields["rows"] == 100
    assert snapshot.arrays["steps"][-1] == 149


def test_view_options_set_in_the_browser_redraw_the_picture(front_end, published):
    w = LivePlot(columns=["loss"], log_y=False)
    w._ipython_display_()
    w.extend(np.array([[1.0], [10.0], [100.0]]))
    end_cell(front_end)
    assert published[-1][0] == "update"
    count = len(published)
    w._widget.view_options = {**w._widget.view_options, "log_y": True}  # as the log y checkbox
    end_cell(front_end)
    assert len(published) == count + 1
    assert ">100</text>" in published[-1][1]["image/svg+xml"]
