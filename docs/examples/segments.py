"""Segments: vector fields and displacements.

`kind="segments"`: each row is one frame of K segments. `update` takes a
K x 2 x 2 array, segment i from `a[i, 0]` = (x0, y0) to `a[i, 1]` = (x1, y1)
(or a flat row of 4K values), `extend` an N x K x 2 x 2 array. The row is
kept flattened to `x0, y0, x1, y1` per segment (`w.history` is N x 4K). K is
`segments=` or the first frame's; anything else is refused:

```text
ValueError: row must be a K x 2 x 2 array (K=400) of segments, each its start (x, y) and end (x, y) (or a flat row of 4K values); got shape 400x2x3
```

A segment's colour comes from the segment itself, so `update` needs no
second argument. Steps replay with the [replay bar](../kinds.md#replay).

## Options

| option | meaning |
|--------|---------|
| `segments` | K, the segments per frame; default: from the first frame |
| `color_by` | `None` (default): one colour; `"length"`: from 0 to the longest segment drawn (the key above the plot shows the range); `"angle"`: the direction, -π to π |
| `colormap` | for `color_by`: `"viridis"` (default), `"magma"`, `"inferno"`, `"plasma"`, `"cividis"`, `"greys"` |
| `color` | the one colour (a CSS colour) when `color_by` is None; default the palette's first |
| `trail` | keep the n frames before the shown one visible, fading |
| `facet` | small multiples with shared scales, as a scatter's: P equal consecutive groups, or one label per segment |
| `xlim`, `ylim` | fixed axis ranges; default: both ends of the frames drawn, widened to round ticks |

Colours come in 32 steps along the colormap, one canvas path each
([performance](../performance.md#images-and-segments)). A saved notebook
keeps frames as a scatter's (at most 100, the last `trail + 1` in a row).
"""

import numpy as np

from livescope import LivePlot

x, y = (a.ravel() for a in np.mgrid[-1:1:12j, -1:1:12j])
starts = np.stack([x, y], axis=-1)
w = LivePlot(kind="segments", color_by="length", trail=2, title="a rotating flow")
for t in np.linspace(0, np.pi, 24):
    u, v = -y + 0.5 * np.sin(t) * x, x + 0.5 * np.cos(t) * y
    w.update(np.stack([starts, starts + 0.08 * np.stack([u, v], axis=-1)], axis=1))
PICTURE = "gif"
