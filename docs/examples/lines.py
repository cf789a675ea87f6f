"""Lines: named series against step, smoothed.

`kind="lines"` is the default: each value of a row is a named series drawn
against step, as a per-pixel min/max envelope of the rows in view (read from
per-block summaries the page keeps as rows arrive), so no spike is hidden
and ten million values stay live (see [performance](../performance.md)).

## Options

Where the view starts; its controls change them later.

| option | meaning |
|--------|---------|
| `smoothing=0.0` | weight of the smoothing, 0 (off) to 0.99 |
| `log_y=False` | a log-scale y axis |
| `x_axis="step"` | `"step"` or `"time"`: what x shows |
| `colormap=None` | colour the series in column order through a colormap (`"viridis"`, `"magma"`, ...: series that are timesteps, layers or quantiles), instead of the palette (whose 10 colours repeat) |

With a colormap and more than 10 series, the legend is a ramp: the first
series' name, the colormap, the last series' name and a "40 series" button
that opens the entries with their values (and the buttons that hide a
series). Ordered series read best that way: the colour says where in the
order a line is, and dozens of names no longer push the chart down. With
10 series or fewer, every entry shows as usual, in the colormap's colours.

NaN, inf and None are data: they are kept and drawn as gaps. A value with
no finite neighbour is drawn as a dot.

A series some rows leave out is drawn as a line through its own points: a
validation loss logged every 10 steps among per-step rows
(`w.update({"loss": l})`, and `w.update({"loss": l, "val_loss": v})` every
10th step), a followed file's field that a record leaves out (`null` or
no field in JSON lines, an empty CSV field), or a name a `Publisher`'s rows
leave out (`pub.update({"val_loss": v}, step=step)` every 10th step beside
`pub.update({"loss": l})`, or a second publisher of its own cadence). Its
legend shows the value it last reported. A NaN or None it really reported
(`{"val_loss": None}`, `NaN` in a file or sent by a publisher) still breaks
the line, from the value before to the value after. The history holds NaN in both cases (`w.history` is one float
matrix); the plot keeps beside it which columns rows left out and the steps
at which those reported a non-finite value (the widget's `sparse` trait,
saved with the notebook), so the live view, a saved notebook, the static
picture and exports draw alike. Rows given as lists or arrays name every
column, so their NaNs are always gaps. When rows are binned (more than two
a pixel), a reported gap narrower than a bin may close.

## In the chart

Drag across it to zoom into a range of steps (the zoom stays while rows
arrive); double-click or press "Follow latest" to go back to following the
newest rows. Hovering shows the values at that step. The header shows the
title, the current step, steps per second, the elapsed time and the Stop
button. The theme follows JupyterLab's light or dark theme.

Above the lines, for watching training:

- **smoothing** (slider, 0 to 0.99): TensorBoard's debiased exponential
  moving average, drawn over a faint raw line. It runs over every row the
  page holds, from the first, and is extended as rows arrive, so zooming in
  shows the same curve; NaN gaps stay gaps and the average carries on
  across them.
- **log y**: a logarithmic y axis; values <= 0 are drawn as gaps.
- **x**: each row at its step or at the wall-clock time it arrived (rows of
  one `extend()` share a time).
- **compare** (there when the plot has previous runs): shows or hides the
  previous runs drawn faded behind the live one ([Runs](../runs.md#comparing-runs)).
- Click a series' name in the legend to hide it (and its values leave the y
  range); click again to show it. With dozens of series the legend keeps to
  about four rows and scrolls, so the chart stays in view.

These settings are shared by every view of the plot and kept in the
widget's state, so a reloaded page shows them as they were left.
"""

import numpy as np

from livescope import LivePlot

rng = np.random.default_rng(0)
w = LivePlot(["loss", "val_loss"], title="training", smoothing=0.6, log_y=True)
for step in range(2000):  # in a notebook: display(w), then `while w.running():`
    loss = 2.0 * np.exp(-step / 400) + 0.05 + 0.1 * rng.random() * np.exp(-step / 1000)
    val_loss = 2.1 * np.exp(-step / 450) + 0.09 + 0.02 * rng.random()
    w.update([loss, val_loss])
