"""The front-end bundle goes to the browser once per session, not once per widget."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import livescope
from livescope import Dashboard, LivePlot
from livescope._widget.runtime import FrontEndRuntime

STATIC = Path(livescope.__file__).parent / "static"
LOADER_MAX = 2_000  # bytes of a plot's own `_esm`


@pytest.fixture
def fresh_runtime():
    """Each test starts without a runtime model, as a new kernel does."""
    livescope._widget.runtime._current = None
    yield
    if livescope._widget.runtime._current is not None:
        livescope._widget.runtime._current.close()
    livescope._widget.runtime._current = None


def runtime_of(plot: LivePlot) -> FrontEndRuntime:
    return plot._widget._runtime


def test_a_plot_state_carries_a_small_loader_and_a_reference_not_the_bundle(fresh_runtime):
    w = LivePlot(columns=["loss"])
    state = w._widget.get_state()
    assert len(state["_esm"]) < LOADER_MAX
    assert state["_esm"] == (STATIC / "loader.js").read_text(encoding="utf-8")
    assert "_css" not in state
    assert state["_runtime"] == f"IPY_MODEL_{runtime_of(w).model_id}"
    bundle = (STATIC / "widget.js").read_text(encoding="utf-8")
    assert len(state["_esm"]) < len(bundle) / 50


def test_every_plot_of_a_session_shares_one_runtime_carrying_the_bundle(fresh_runtime):
    plots = [LivePlot(columns=2), LivePlot(kind="heatmap", shape=(2, 2))]
    plots.append(Dashboard({"a": LivePlot(["a"]), "b": LivePlot(["b"])})["b"])
    (runtime,) = {id(runtime_of(p)): runtime_of(p) for p in plots}.values()
    code = (STATIC / "widget.js").read_text(encoding="utf-8")
    css = (STATIC / "widget.css").read_text(encoding="utf-8")
    state = runtime.get_state()
    assert state["code"] == code and state["css"] == css
    assert state["digest"] == hashlib.sha256(f"{code}\0{css}".encode()).hexdigest()[:16]
    assert state["_view_name"] is None, "the runtime model is never shown"


def test_a_closed_runtime_is_made_again_for_new_plots_and_for_redisplayed_ones(fresh_runtime):
    old = LivePlot(columns=1)
    closed = runtime_of(old)
    closed.close()
    new = LivePlot(columns=1)
    assert runtime_of(new) is not closed and runtime_of(new).comm is not None
    bundle, _ = old._widget._repr_mimebundle_()
    assert runtime_of(old) is runtime_of(new)
    assert "application/vnd.jupyter.widget-view+json" in bundle
