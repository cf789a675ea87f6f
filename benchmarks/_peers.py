"""The plotting libraries compared, each as the kernel code of one streaming loop.

Every peer defines, in kernel code, ``make(name)`` (create and display a
plot of four series, return what ``step`` needs) and ``step(p, i, r)``
(append row ``r`` of step ``i`` and show it, the way that library's own
documentation streams data). Page side, a peer says how to tell that the
last point is on screen:

- ``state`` peers draw from data the browser holds: ``shown_js(el, arg)``
  is true once the drawn data ends at the last step, ``points_js(el, arg)``
  counts the points drawn (the smallest count of the four series).
- ``canvas`` / ``img`` peers draw images the kernel renders: the last point
  is shown with the last image painted after the loop, and the final
  picture is checked against the kernel's own (see ``_peer_run``).

``el`` is the output area the plot is displayed in; ``arg`` is
``{"last": last step, "name": plot name}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["state", "canvas", "img"]

COLORS = '["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]'


@dataclass(frozen=True)
class Peer:
    key: str
    label: str
    packages: tuple[str, ...]
    kernel_code: str
    kind: Kind
    ready_selector: str | None = None
    shown_js: str | None = None
    points_js: str | None = None
    # The plot shows in the output of the cell that runs the loop, not of make().
    shows_in_loop_cell: bool = False
    steps: int = 2000
    work_steps: int = 400


LIVESCOPE = Peer(
    key="livescope",
    label="livescope `update` + `running`",
    packages=("livescope",),
    kind="state",
    kernel_code="""
from livescope import LivePlot

def make(name):
    w = LivePlot(columns=["a", "b", "c", "d"], title=name)
    display(w)
    return w

def step(w, i, r):
    w.update(r)
    w.running()
""",
    ready_selector=".livescope canvas",
    # draw() writes data-last-step right after the chart drew the store.
    shown_js="""(el, a) => {
      const root = el.querySelector(".livescope");
      return !!root && root.dataset.lastStep === String(a.last);
    }""",
    points_js="""(el) => el.querySelector(".livescope").livescope.store.length""",
)

BOKEH = Peer(
    key="bokeh",
    label="Bokeh `stream` + `push_notebook`",
    packages=("bokeh", "jupyter_bokeh"),
    kind="state",
    kernel_code=f"""
from types import SimpleNamespace
from bokeh.io import output_notebook, push_notebook, show
from bokeh.models import ColumnDataSource
from bokeh.plotting import figure
from bokeh.resources import INLINE

output_notebook(INLINE, hide_banner=True)  # BokehJS from the package, not a CDN

def make(name):
    src = ColumnDataSource({{c: [] for c in "xabcd"}}, name="bench-" + name)
    fig = figure(width=600, height=300, title=name)
    for col, color in zip("abcd", {COLORS}):
        fig.line("x", col, source=src, color=color)
    return SimpleNamespace(src=src, handle=show(fig, notebook_handle=True))

def step(p, i, r):
    p.src.stream({{"x": [i], "a": [r[0]], "b": [r[1]], "c": [r[2]], "d": [r[3]]}})
    push_notebook(handle=p.handle)
""",
    ready_selector=".bk-Figure",
    # BokehJS repaints a source's glyphs on the animation frame after it changed.
    shown_js="""(el, a) => {
      for (const doc of window.Bokeh?.documents ?? []) {
        const src = doc.get_model_by_name("bench-" + a.name);
        if (src) { const x = src.data.x; return x.length > 0 && x[x.length - 1] === a.last; }
      }
      return false;
    }""",
    points_js="""(el, a) => {
      for (const doc of window.Bokeh.documents) {
        const src = doc.get_model_by_name("bench-" + a.name);
        if (src) return Math.min(...["x", "a", "b", "c", "d"].map((c) => src.data[c].length));
      }
      return 0;
    }""",
)

PLOTLY = Peer(
    key="plotly",
    label="Plotly `FigureWidget` + `batch_update`",
    packages=("plotly", "anywidget"),
    kind="state",
    kernel_code="""
from types import SimpleNamespace
import numpy as np
import plotly.graph_objects as go

def make(name, capacity=100_000):
    fig = go.FigureWidget(
        data=[go.Scatter(x=[], y=[], mode="lines", name=c) for c in "abcd"],
        layout={"width": 600, "height": 300, "title": {"text": name}},
    )
    display(fig)
    # numpy arrays: plotly validates and sends them far faster than lists.
    return SimpleNamespace(fig=fig, x=np.arange(float(capacity)), y=np.zeros((4, capacity)))

def step(p, i, r):
    p.y[:, i] = r
    with p.fig.batch_update():
        for k, trace in enumerate(p.fig.data):
            trace.x = p.x[: i + 1]
            trace.y = p.y[k, : i + 1]
""",
    ready_selector=".js-plotly-plot .main-svg",
    # calcdata is what plotly.js computed for its last (synchronous) draw.
    shown_js="""(el, a) => {
      const cd = el.querySelector(".js-plotly-plot")?.calcdata;
      return !!cd && cd.length === 4
        && cd.every((t) => t.length > 0 && t[t.length - 1].x === a.last);
    }""",
    points_js="""(el) => Math.min(
      ...el.querySelector(".js-plotly-plot").calcdata.map((t) => t.length))""",
)

BQPLOT = Peer(
    key="bqplot",
    label="bqplot `Lines` (`hold_sync`)",
    packages=("bqplot",),
    kind="state",
    kernel_code=f"""
from types import SimpleNamespace
import numpy as np
import bqplot as bq

def make(name, capacity=100_000):
    sx, sy = bq.LinearScale(), bq.LinearScale()
    line = bq.Lines(x=np.zeros(0), y=np.zeros((4, 0)), scales={{"x": sx, "y": sy}},
                    colors={COLORS})
    axes = [bq.Axis(scale=sx), bq.Axis(scale=sy, orientation="vertical")]
    display(bq.Figure(marks=[line], axes=axes, title=name,
                      layout={{"width": "600px", "height": "300px"}}))
    return SimpleNamespace(line=line, x=np.arange(float(capacity)), y=np.zeros((4, capacity)))

def step(p, i, r):
    p.y[:, i] = r
    with p.line.hold_sync():
        p.line.x = p.x[: i + 1]
        p.line.y = p.y[:, : i + 1]
""",
    ready_selector=".bqplot svg",
    # The SVG path of each series: "M x,y" then "L x,y" per further point.
    shown_js="""(el, a) => {
      const paths = el.querySelectorAll("path.line");
      return paths.length === 4 && [...paths].every(
        (p) => (p.getAttribute("d") || "").split("L").length === a.last + 1);
    }""",
    points_js="""(el) => Math.min(...[...el.querySelectorAll("path.line")].map(
      (p) => (p.getAttribute("d") ? p.getAttribute("d").split("L").length : 0)))""",
)

_IPYMPL = """
%matplotlib widget
from types import SimpleNamespace
import matplotlib.pyplot as plt
import numpy as np

plt.ioff()  # shown by display(), not by the cell that made the figure

def make(name, capacity=100_000):
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.set_title(name)
    lines = [ax.plot([], [], color=color)[0] for color in {colors}]
    display(fig.canvas)
    x, y = np.arange(float(capacity)), np.zeros((4, capacity))
    return SimpleNamespace(fig=fig, ax=ax, lines=lines, x=x, y=y)

def step(p, i, r):
    p.y[:, i] = r
    for k, line in enumerate(p.lines):
        line.set_data(p.x[: i + 1], p.y[k, : i + 1])
    p.ax.relim()
    p.ax.autoscale_view()
    p.fig.canvas.{draw}()

def save_last_render(p, path):
    # The picture the kernel drew last, to compare with the page's canvas.
    np.save(path, np.asarray(p.fig.canvas.get_renderer().buffer_rgba()))
"""

IPYMPL_DRAW_IDLE = Peer(
    key="ipympl-draw-idle",
    label="ipympl `draw_idle`",
    packages=("ipympl", "matplotlib"),
    kind="canvas",
    kernel_code=_IPYMPL.format(colors=COLORS, draw="draw_idle"),
    ready_selector=".jupyter-matplotlib canvas",
)

IPYMPL_DRAW = Peer(
    key="ipympl-draw",
    label="ipympl `canvas.draw`",
    packages=("ipympl", "matplotlib"),
    kind="canvas",
    kernel_code=_IPYMPL.format(colors=COLORS, draw="draw"),
    ready_selector=".jupyter-matplotlib canvas",
    work_steps=200,
)

LIVELOSSPLOT = Peer(
    key="livelossplot",
    label="livelossplot `update` + `send`",
    packages=("livelossplot", "matplotlib"),
    kind="img",
    kernel_code="""
from livelossplot import PlotLosses

def make(name):
    return PlotLosses()  # draws into the output of the cell that calls send()

def step(p, i, r):
    p.update({"a": r[0], "b": r[1], "c": r[2], "d": r[3]})
    p.send()
""",
    shows_in_loop_cell=True,
    # A whole matplotlib figure per send(): seconds per step here.
    steps=40,
    work_steps=20,
)

PEERS: tuple[Peer, ...] = (
    LIVESCOPE,
    BOKEH,
    PLOTLY,
    BQPLOT,
    IPYMPL_DRAW_IDLE,
    IPYMPL_DRAW,
    LIVELOSSPLOT,
)
