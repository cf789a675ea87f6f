"""Exported notebooks: livescope outputs become fragments that need no network.

The notebooks here are built as Jupyter saves them: each output the display
bundle of a plot (widget view, picture, summary), the widget state in the
metadata (ipywidgets' embed form, which JupyterLab and nbclient also write).
"""

from __future__ import annotations

import base64
import json
import re

import ipywidgets
import nbformat
import numpy as np
from ipywidgets.embed import dependency_state, embed_data
from nbconvert.exporters import HTMLExporter

from livescope import Dashboard, LivePlot
from livescope._saved.notebook_html import WIDGET_STATE, WIDGET_VIEW, offline_plots
from livescope.nbconvert import OfflineHTMLExporter


def saved_notebook(*shown: object) -> nbformat.NotebookNode:
    """A notebook with one output per object, saved with the state of their widgets."""
    nb = nbformat.v4.new_notebook()
    views = []
    for thing in shown:
        if isinstance(thing, ipywidgets.Widget):
            data, views = thing._repr_mimebundle_(), [*views, thing]
        else:
            thing._refresh_at_cell_end()  # the snapshot, as at the end of the cell
            data = thing._repr_mimebundle_()
            if isinstance(data, tuple):
                data = data[0]
            views.append(thing._box if isinstance(thing, Dashboard) else thing.widget)
        output = nbformat.v4.new_output("display_data", data=data)
        nb.cells.append(nbformat.v4.new_code_cell("show()", outputs=[output]))
    state = dependency_state(views, drop_defaults=False)
    manager = embed_data(views=views, drop_defaults=False, state=state)["manager_state"]
    nb.metadata["widgets"] = {WIDGET_STATE: manager}
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def plot(n: int = 50, **kwargs: object) -> LivePlot:
    w = LivePlot(["a", "b"], **{"title": "run", **kwargs})
    w.extend(np.column_stack([np.arange(n), np.arange(n) ** 0.5]))
    return w


def payload(html: str) -> dict:
    (data,) = re.findall(r'<script type="application/json">(.*?)</script>', html, re.S)
    return json.loads(data)


def test_a_plot_output_becomes_its_saved_state_with_its_picture_as_fallback() -> None:
    w = plot()
    nb = saved_notebook(w)
    assert offline_plots(nb) == 1

    data = nb.cells[0].outputs[0].data
    assert WIDGET_VIEW not in data
    assert data["text/plain"] == repr(w)
    html = data["text/html"]
    assert html.count("livescopePage") >= 2  # the bundle defines it, the mount uses it
    assert "livescopePage.mountSaved(" in html
    picture = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(picture).decode() == data["image/svg+xml"]
    saved = payload(html)
    assert saved["state"]["title"] == "run"
    assert saved["state"]["columns"] == ["a", "b"]
    assert "_esm" not in saved["state"] and "_runtime" not in saved["state"]
    assert [b["path"] for b in saved["buffers"]] == [["_snapshot"]]
    assert base64.b64decode(saved["buffers"][0]["data"]) == bytes(w.widget._snapshot)
    # Nothing else used those models: no widget state, so nothing loads from a CDN.
    assert "widgets" not in nb.metadata


def test_the_bundle_is_included_once_for_many_plots() -> None:
    nb = saved_notebook(plot(), plot(kind="lines"), plot())
    assert offline_plots(nb) == 3
    pages = [cell.outputs[0].data["text/html"] for cell in nb.cells]
    assert ["var livescopePage" in html for html in pages] == [True, False, False]


def test_other_widgets_keep_their_state_and_outputs() -> None:
    slider = ipywidgets.IntSlider(value=3)
    w = plot()
    nb = saved_notebook(w, slider)
    assert offline_plots(nb) == 1

    assert WIDGET_VIEW in nb.cells[1].outputs[0].data
    models = nb.metadata["widgets"][WIDGET_STATE]["state"]
    assert slider.model_id in models
    assert slider.layout.model_id in models and slider.style.model_id in models
    assert w.widget.model_id not in models
    assert w.widget._runtime.model_id not in models  # the bundle's model went with the plot


def test_a_plot_without_saved_state_is_left_to_its_picture() -> None:
    nb = saved_notebook(plot())
    nb.metadata.pop("widgets")
    before = json.dumps(nb)
    assert offline_plots(nb) == 0
    assert json.dumps(nb) == before


def test_a_dashboard_becomes_its_grid_of_saved_plots() -> None:
    d = Dashboard(
        {"loss": plot(title="loss"), "map": LivePlot(kind="heatmap", shape=(2, 2))},
        columns=2,
        title="board",
    )
    d["map"].update(np.eye(2))
    nb = saved_notebook(d)
    assert offline_plots(nb) == 1

    html = nb.cells[0].outputs[0].data["text/html"]
    assert "livescopePage.mountDashboard(" in html
    saved = payload(html)
    assert saved["columns"] == 2
    assert saved["controls"]["state"] == {"title": "board", "stopped": False}
    areas = [p["area"] for p in saved["panels"]]
    assert areas == ["1 / 1 / span 1 / span 1", "1 / 2 / span 1 / span 1"]
    assert [p["kind"] for p in saved["panels"]] == ["lines", "heatmap"]
    assert all(p["saved"]["buffers"][0]["path"] == ["_snapshot"] for p in saved["panels"])
    assert "widgets" not in nb.metadata


def test_the_exporter_runs_the_preprocessor_and_the_plain_one_does_not() -> None:
    nb = saved_notebook(plot())
    offline, _ = OfflineHTMLExporter().from_notebook_node(nbformat.from_dict(nb))
    plain, _ = HTMLExporter().from_notebook_node(nbformat.from_dict(nb))
    assert "livescopePage.mountSaved(" in offline
    assert "widget-state+json" not in offline
    assert "livescopePage" not in plain
    assert "widget-state+json" in plain  # the placeholder a CDN script should fill

    # Or the plain HTML export with the preprocessor configured.
    configured = HTMLExporter(
        config={
            "HTMLExporter": {"preprocessors": ["livescope.nbconvert.OfflinePlotsPreprocessor"]}
        }
    )
    html, _ = configured.from_notebook_node(nbformat.from_dict(nb))
    assert "livescopePage.mountSaved(" in html
