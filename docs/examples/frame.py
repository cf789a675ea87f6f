"""Frame: a curve over x, one step at a time.

`kind="frame"`: the M values of a row drawn as one curve over their index
(or over `x`), one step at a time, with a [replay bar](../kinds.md#replay).
Its values are positions, so `columns` takes only a count M (or nothing: the
first row decides).

## Options

| option | meaning |
|--------|---------|
| `x` | M increasing finite numbers (fixes M); default the index 0..M-1 |
| `ylim` | `(lo, hi)`; default the range of every value received so far, so a height means the same value at every step |
| `facet` | n small panels, each drawing one of n equal consecutive parts of the row on the same y range (`update` then also takes an n x L array, and `x` gives one panel's L positions) |
| `facet_columns` | panels a row with `facet` (default: the layout whose smallest panel side is largest; panels stay at least 120 x 80 px) |

```python
w = LivePlot(kind="frame", facet=4)   # update() takes 4 x L: 4 small panels
```
"""

import numpy as np

from livescope import LivePlot

x = np.linspace(-1, 1, 200)
w = LivePlot(kind="frame", x=x, ylim=(-1, 1), title="wave packet")
for t in np.linspace(0, 1, 60):
    w.update(np.exp(-((x - 1.6 * t + 0.8) ** 2) / 0.05) * np.cos(30 * x - 20 * t))
PICTURE = "gif"
