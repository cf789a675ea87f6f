"""Image: RGB(A) frames, drawn as they are.

`kind="image"`: each row is one picture, no colormap and no colour limits.
`update` takes an H x W x 3 (RGB) or H x W x 4 (RGBA) array, `extend` an
N x H x W x 3 (or x 4) array. uint8 values are taken as they are, floats
must lie in 0..1 (rounded to 0..255), other integers in 0..255; booleans are
black and white. The first image fixes H, W and the channels, unless
`shape=(H, W, C)` gives them up front (then a frame may also come flat,
H*W*C values, as `w.history` holds it): an image of another shape, or
anything that is not an image, is refused:

```text
ValueError: row must keep the shape of the first image, 256 x 256 x 3; got 256 x 256 x 4
ValueError: row of floats must hold values from 0 to 1; got -0.2 to 1.3
```

The history is kept as uint8 (`w.history` is N x H*W*C of dtype uint8;
`dtype=` does not apply), and rows travel to the browser as bytes, so a
256 x 256 RGB frame is 192 KiB a step in Python, on the wire and in the
browser ([performance](../performance.md#images-and-segments)). Use
`max_rows` to keep only the last frames of a loop that never ends. The image
is drawn as large as fits, by whole pixels when enlarged, unsmoothed;
transparent pixels show the "no data" hatch behind them. Hovering shows a
pixel's row, column and channel values. A saved notebook keeps at most 100
frames and 4 MB of them, sampled evenly, the last among them. Steps replay
with the [replay bar](../kinds.md#replay).
"""

import numpy as np

from livescope import LivePlot

y, x = np.mgrid[0:48, 0:64] / 48.0
w = LivePlot(kind="image", title="a rendered scene")
for t in np.linspace(0, 2 * np.pi, 24):
    red = 0.5 + 0.5 * np.sin(6 * x + t)
    green = 0.5 + 0.5 * np.cos(5 * y - t)
    blue = np.clip(1 - np.hypot(x - 0.7 - 0.3 * np.cos(t), y - 0.5), 0, 1)
    w.update(np.stack([red, green, blue], axis=-1))
PICTURE = "gif"
