"""Bars: histograms and bar charts.

`kind="bars"`: each row is L values drawn as L bars, one step at a time.
Without `edges` or `labels` the bars stand over their index and the first
row fixes L. With them, a row of another length is refused:

```text
ValueError: row must have 40 values, one per bin of edges (len(edges) - 1 = 40); got shape 41
```

Bars grow from 0, down for negative values; NaN leaves a bar out. Hovering
shows the bar's bin (or label) and value. A saved notebook keeps rows as a
frame's (at most 100, sampled evenly). Steps replay with the
[replay bar](../kinds.md#replay).

## Options

| option | meaning |
|--------|---------|
| `edges` | L + 1 increasing finite numbers: bar i covers `edges[i]` to `edges[i + 1]`, bars touch, the x axis is numeric (as `np.histogram`'s `bins`) |
| `labels` | L labels (strings or numbers, at most 1,024; more bars take `edges`): one bar per label, written under it (every k-th when they would overlap) |
| `ylim` | a fixed y range `(lo, hi)`; default: every value received so far and 0, widened to round ticks, so bars of every step share one axis |
| `color` | the bars' CSS colour; default the palette's first |
"""

import numpy as np

from livescope import LivePlot

rng = np.random.default_rng(0)
edges = np.linspace(-4, 4, 33)
w = LivePlot(kind="bars", edges=edges, title="activations")
for step in range(30):
    sample = rng.normal(loc=np.sin(step / 5), scale=1 + step / 30, size=2000)
    w.update(np.histogram(sample, bins=edges)[0])
PICTURE = "gif"
