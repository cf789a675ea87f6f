"""Dashboard: several plots, one Stop button.

`Dashboard(plots, *, layout=None, columns=2, title=None, name=None,
compare=None, params=None, store=None, run=None)` takes a mapping
name -> LivePlot (or a list, named `"0"`, `"1"`, ...). `layout` places each
panel at a 0-based `(row, col)` or `(row, col, rowspan, colspan)`, within a
64 x 64 grid; without it panels flow left to right, `columns` (1 to 64) per
row. Panels share the notebook's width and follow it when it resizes.

Each plot keeps its own history and streams on its own; the dashboard adds
one Stop button (the panels hide theirs) and one loop guard: `running()`,
`stop()`, `resume()`, `reset()` (clears every panel), `stopped`, `close()`
(the dashboard and its panels), `with Dashboard(...) as d:`; `d[name]` is a
panel, `d.plots` all of them (name -> LivePlot), and `len(d)` and `iter(d)`
count and name them. It saves the whole grid with the same `save_html`,
`save_png` (1000 px wide by default), `save_gif` and `save_mp4`: frame i of
a replay shows each panel at the same fraction of its own history
([exports](../saved.md#exports)). Every member: [API](../api.md).

A dashboard with a title (or `name=`) names each panel's run
`"<title>/<panel>"`: re-running its cell shows each line panel's previous
run faded behind the live one, and `store=`, `run=` and `params=` record
every panel as a run of the store ([comparing runs](../runs.md#dashboards)).
"""

import numpy as np

from livescope import Dashboard, LivePlot

rng = np.random.default_rng(0)
d = Dashboard(
    {
        "loss": LivePlot(["loss", "val_loss"], smoothing=0.5),
        "lr": LivePlot(["lr"]),
        "weights": LivePlot(kind="heatmap", shape=(4, 4)),
    },
    layout={"loss": (0, 0, 1, 2), "lr": (1, 0), "weights": (1, 1)},
    title="training",
)
for step in range(500):  # in a notebook: display(d), then `while d.running():`
    loss = np.exp(-step / 150) + 0.05 * rng.random()
    d["loss"].update([loss, 1.1 * loss + 0.05])
    d["lr"].update([1e-3 * min(1.0, step / 50) * 0.5 ** (step // 200)])
    if step % 50 == 0:
        d["weights"].update(rng.standard_normal((4, 4)) * np.exp(-step / 300))
