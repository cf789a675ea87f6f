"""Heatmap: one image a step, with a colorbar.

`kind="heatmap"`: each row is one `shape` = (rows, cols) image. `update`
takes a rows x cols array or `rows * cols` values, `extend` a K x rows x cols
array (or K x `rows * cols`); anything else is a `ValueError` naming `shape`.
Steps replay with the [replay bar](../kinds.md#replay).

## Options

| option | meaning |
|--------|---------|
| `shape` | (rows, cols), required |
| `colormap` | `"viridis"` (default), a sequential map such as `"YlGn"`, or a diverging map such as `"RdBu"` ([colours](../kinds.md#colours-and-limits)) |
| `vmin`, `vmax` | the ends of the colormap; default the range of every value received so far |
| `vcenter` | the value that takes the colormap's middle colour (signed weights: `vcenter=0`), each side scaled on its own; strictly between `vmin` and `vmax` |
| `row_labels`, `col_labels` | one per row / column |
| `annotate` | None (values written in the cells up to 20 x 20), True, False, or a format such as `"{:.3f}"` (`{:.Nf}`, `{:.Ne}`, `{:.Ng}`, `{:.N%}`) |
| `colorbar_label` | written above the colorbar |

Cells are square, as large as fit, and scaled without smoothing; column
labels wider than their cells stand on end (every one shown) while the cells
stay at least 14 px wide, and are thinned beyond; row labels are thinned
when they do not fit. Hovering a cell shows its row, column (with
labels) and value.
"""

import numpy as np

from livescope import LivePlot

rows, cols = np.mgrid[0:8, 0:6]
w = LivePlot(
    kind="heatmap",
    shape=(8, 6),
    colormap="magma",
    title="attention",
    row_labels=[f"q{i}" for i in range(8)],
    col_labels=list("abcdef"),
)
for t in np.linspace(0, 2 * np.pi, 40):
    centre_r, centre_c = 3.5 + 3 * np.sin(t), 2.5 + 2 * np.cos(t)
    w.update(np.exp(-((rows - centre_r) ** 2 + (cols - centre_c) ** 2) / 4))
PICTURE = "gif"
