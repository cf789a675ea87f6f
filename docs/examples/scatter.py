"""Scatter: frames of K points, with a trail.

`kind="scatter"`: each row of the history is one frame of K points,
flattened to `x0, y0, x1, y1, ...` (so `w.history` is N x 2K and `w.columns`
is empty). `update` takes a K x 2 array (or a flat row of 2K values),
`extend` an N x K x 2 array; K is `points=` or the first frame's, and a frame
of another shape is refused:

```text
ValueError: points must be a K x 2 array (K=100) of x, y pairs (or a flat row of 2K values); got shape 100x3
```

Point i keeps its colour in every frame, so motion is visible. Frames
replay with the [replay bar](../kinds.md#replay).

## Options

| option | meaning |
|--------|---------|
| `points` | K, the points per frame; default: from the first frame |
| `color` | one CSS colour for every point (`"#1f77b4"`, `"red"`); by default the palette's first colour when neither `colormap` nor `colors` is given |
| `colormap` | the colormap of `colors` (default `"viridis"`); given without `colors`, it colours points by index (point 0 at the low end), for points whose order means something ([colours](../kinds.md#colours-and-limits)) |
| `colors` | one value per point (length K), mapped from their min..max through the colormap; NaN is drawn grey |
| `trail` | `0` (default) replaces: only the shown frame is drawn. `n` appends: the n frames before it stay visible, fading (older frames paler) |
| `paths` | with `trail`, also draw each point's path through the trail frames (suits up to about 10,000 points) |
| `facet` | small multiples with shared scales: an int P splits the K points into P equal consecutive groups (points 0..K/P-1 in the first panel); or a sequence of K labels puts each point in the panel of its label (panels in order of first appearance; at most 64) |
| `facet_columns` | panels a row with `facet` (default: the layout whose smallest panel side is largest; panels stay at least 120 x 80 px) |
| `xlim`, `ylim` | fixed axis ranges `(lo, hi)`; default: the range of the frames drawn, widened to round ticks |
| `size` | marker diameter in CSS pixels; default: from 7 for a few hundred points down to 2 for 50,000 and more |

Frames of 100,000 points are drawn straight into image pixels (see
[performance](../performance.md#scatter-and-trajectory)). A frame of K
points takes 16 K bytes of history in Python and in the browser (8 K with
`dtype="float32"`), so long runs of very large frames are best kept in
float32.
"""

import numpy as np

from livescope import LivePlot

radius = np.linspace(0.2, 1.0, 60)
w = LivePlot(
    kind="scatter",
    trail=4,
    colormap="plasma",
    xlim=(-1.1, 1.1),
    ylim=(-1.1, 1.1),
    title="particles",
)
for t in np.linspace(0, 1, 40):
    angle = 2 * np.pi * (t / radius + radius * 3)
    w.update(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
PICTURE = "gif"
