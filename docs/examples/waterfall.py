"""Waterfall: every row one line of an image of the whole history.

`kind="waterfall"`: M values a row, drawn as one line of an image of the
whole history, step down, value index across. Its values are positions, so
`columns` takes only a count M (or nothing: the first row decides).

## Options

| option | meaning |
|--------|---------|
| `colormap` | `"viridis"` (default), `"magma"`, `"inferno"`, `"plasma"`, `"cividis"`, `"greys"` ([colours](../kinds.md#colours-and-limits)) |
| `vmin`, `vmax` | the ends of the colormap; default the range of every value received so far |

It draws incrementally: a new row paints one line of pixels. When steps
outnumber the pixel rows, each pixel row shows the *last* row of a
power-of-two bin of steps (the bin doubles as the history grows).
Last-value binning keeps every colour a value that was really recorded and
shows the newest row at once; a spike between two shown rows is not seen at
that size (replaying an earlier step with the [replay bar](../kinds.md#replay)
gives each row more room). Rows wider than 4,096 values are sampled the same
way. Hovering shows the step, index and value under the pointer.
"""

import numpy as np

from livescope import LivePlot

rng = np.random.default_rng(0)
bins = np.arange(128)
w = LivePlot(kind="waterfall", colormap="magma", title="spectrum")
for step in range(300):
    peak = 64 + 40 * np.sin(step / 40)
    w.update(np.exp(-((bins - peak) ** 2) / 30) + 0.05 * rng.random(128))
