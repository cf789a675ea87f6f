"""Frame: curves over x, one step at a time.

`kind="frame"`: the values of a row drawn as curves over their index (or
over `x`), one step at a time, with a [replay bar](../kinds.md#replay). Its
values are positions, so `columns` takes only a count M (or nothing: the
first row decides).

## Several curves

Name the curves with `curves` and `update` takes an n x L array (one line
per curve, in that order) or a dict name -> L values; each curve gets a
legend entry and its own colour from the palette, and hovering shows every
curve's value at that x. Without `curves`, the names come from the first
row when it is a dict; a first row that is an array draws one unnamed
curve. The names then stay: a row that leaves one out, adds one or changes
a curve's length is refused, and the history stays as it was:

```text
ValueError: row must give exactly 'wave', 'envelope' (as curves= names them); got 'wave': missing 'envelope'
```

Clicking a curve's legend entry hides it and clicking again shows it, as in
a line plot's legend. The y axis then spans the curves shown, and the
plot's `view_options` keep the hidden curves, so a saved notebook, its
picture and its exports leave them out too.

## An x that changes every row

With `x="row"` each row carries its own x: a dict's `"x"` entry, or the
first line of an (n + 1) x L array. It must be finite and sorted (ties are
fine); the x axis spans every x received, as the y axis spans every value,
so a replayed curve moves on still axes. A sorted sample against the
normal density fitted to it, at each step of a training loop:

```python
w = LivePlot(kind="frame", x="row", markers=True, title="sample vs fit")
for step in range(200):
    sample = np.sort(model_sample(step))            # 1-D, L values
    mu, sd = sample.mean(), sample.std()
    fitted = np.exp(-0.5 * ((sample - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))
    w.update({"x": sample, "fitted normal": fitted, "sample (KDE)": kde(sample)})
```

## Comparing runs

Made again under its name (its `title`, or `name=`), a frame shows the
previous run's row at the step shown, faded behind the live row, each
curve in its colour; the legend's runs row lists the runs (a click hides
one) and the **compare** checkbox above the plot hides them all.
`compare=N` shows N previous runs, `compare=0` none. A run keeps at
most 200 of its rows, sampled evenly by step, so the row drawn is the last
one kept at or before the step shown; see [Runs](../runs.md#kinds). A
frame split into `facet` panels does not compare.

## Options

| option | meaning |
|--------|---------|
| `x` | L increasing finite numbers, one curve's positions (fixes L); `"row"`: each row carries its own x; default the index 0..L-1 |
| `curves` | the curves' names, or a count n (named "0".."n-1"); default: the first row's names when it is a dict, else one curve |
| `markers` | `True` draws a dot at each point, as matplotlib's `'-o'`; default False |
| `xlim` | `(lo, hi)`, finite with lo < hi; default (None) the first to the last x (with `x="row"`, the range of every x received) |
| `ylim` | `(lo, hi)`; default the range of every value received so far of the curves shown, so a height means the same value at every step |
| `facet` | n (1 to 1,024) small panels, each drawing one of n equal consecutive parts of the row on the same y range (`update` then also takes an n x L array, and `x` gives one panel's L positions). A panel draws one curve: `facet` with `curves` or `x="row"` is refused |
| `facet_columns` | panels a row with `facet` (default: the layout whose smallest panel side is largest; panels stay at least 120 x 80 px) |

```python
w = LivePlot(kind="frame", facet=4)   # update() takes 4 x L: 4 small panels
```
"""

import numpy as np

from livescope import LivePlot

x = np.linspace(-1, 1, 200)
w = LivePlot(kind="frame", x=x, ylim=(-1, 1), curves=["wave", "envelope"], title="wave packet")
for t in np.linspace(0, 1, 60):
    envelope = np.exp(-((x - 1.6 * t + 0.8) ** 2) / 0.05)
    w.update({"wave": envelope * np.cos(30 * x - 20 * t), "envelope": envelope})
PICTURE = "gif"
