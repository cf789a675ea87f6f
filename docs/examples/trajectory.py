"""Trajectory: one growing path.

`kind="trajectory"`: each row is one x, y point of a path drawn as a
growing line. The columns are `("x", "y")` (the `columns` argument is
refused); `update` takes `[x, y]` or `{"x": x, "y": y}`.

## Options

| option | meaning |
|--------|---------|
| `xlim`, `ylim` | fixed axis ranges `(lo, hi)`; default: every point held, widened to round ticks |
| `color` | the line's CSS colour |

The line grows as rows arrive, with a marker on its head. Long paths are
drawn fainter so dense regions show, and only the new points are drawn on
each update: a path of a million points stays live. Steps replay with the
[replay bar](../kinds.md#replay): each step shows the path up to it.
"""

from livescope import LivePlot

w = LivePlot(kind="trajectory", title="Lorenz attractor")
x, y, z, dt = 1.0, 1.0, 1.0, 0.005
for _ in range(4000):
    x, y, z = x + 10 * (y - x) * dt, y + (x * (28 - z) - y) * dt, z + (x * y - 8 / 3 * z) * dt
    w.update([x, y])
PICTURE = "gif"
