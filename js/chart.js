// The line chart: every column against step, drawn with uPlot from the
// envelope of the visible range, with drag-to-zoom, hover and follow mode.

import uPlot from "uplot";
import { envelope } from "./envelope.js";
import { createLegend } from "./legend.js";
import { seriesColor } from "./theme.js";

const MIN_SELECT_PX = 3;

/** Axis width that fits its longest tick label (uPlot's fixed default clips big numbers). */
export function axisSize(u, values, axisIdx, cycleNum) {
  const axis = u.axes[axisIdx];
  if (cycleNum > 1) return axis._size;
  let size = axis.ticks.size + axis.gap;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), "");
  if (longest) {
    u.ctx.font = axis.font[0];
    size += u.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

/** y range over the visible data, padded; a flat or empty range still gets a height. */
function yRange(yMin, yMax) {
  if (yMin === null) return { min: 0, max: 1 };
  const [min, max] = uPlot.rangeNum(yMin, yMax, 0.05, true);
  return { min, max };
}

export class LineChart {
  /**
   * Build the chart inside `parent`. `invalidate` asks for a frame;
   * DOM listeners go away when `signal` aborts.
   */
  constructor(parent, store, { invalidate, signal }) {
    this.store = store;
    this.invalidate = invalidate;
    this.theme = null;
    this.width = 0;
    this.height = 300;
    this.names = [];
    this.xLabel = "";
    this.zoom = null;
    this.generation = store.generation;
    this.hoverX = null;
    this.uplot = null;
    this.layoutKey = "";
    this.drawnKey = "";
    this.themeVersion = 0;
    this.zoomVersion = 0;

    const bar = document.createElement("div");
    bar.className = "livescope-bar";
    this.legend = createLegend(bar);
    this.followButton = document.createElement("button");
    this.followButton.type = "button";
    this.followButton.className = "livescope-follow";
    this.followButton.textContent = "Follow latest";
    this.followButton.title = "Show all data and follow new rows (or double-click the chart)";
    this.followButton.addEventListener("click", () => this.followLatest(), { signal });
    bar.appendChild(this.followButton);
    this.plot = document.createElement("div");
    this.plot.className = "livescope-plot";
    parent.append(bar, this.plot);
  }

  get following() {
    return this.zoom === null;
  }

  /** The x range shown: the zoomed one, or all data while following. */
  get xRange() {
    if (this.zoom) return [this.zoom.x0, this.zoom.x1];
    const { steps, length } = this.store;
    if (length === 0) return [0, 1];
    if (length === 1) return [steps[0] - 1, steps[0] + 1];
    return [steps[0], steps[length - 1]];
  }

  /** Hold the view on [x0, x1]; new rows no longer move it. */
  zoomTo(x0, x1) {
    const lo = Math.min(x0, x1);
    const hi = Math.max(x0, x1);
    if (!(hi > lo) || !Number.isFinite(hi - lo)) return;
    this.zoom = { x0: lo, x1: hi };
    this.zoomVersion++;
    this.invalidate();
  }

  /** Show all data again, auto-scaled, and keep up with new rows. */
  followLatest() {
    if (!this.zoom) return;
    this.zoom = null;
    this.zoomVersion++;
    this.invalidate();
  }

  setTheme(theme) {
    this.theme = theme;
    this.themeVersion++;
  }

  /** Take the current traits; layout changes rebuild the uPlot instance on the next render. */
  configure({ names, xLabel, height, width }) {
    const count = this.store.columnCount || names.length;
    this.names = Array.from({ length: count }, (_, i) => names[i] ?? `y${i}`);
    this.xLabel = xLabel;
    this.height = height;
    this.width = Math.floor(width);
  }

  /** Draw if anything changed since the last draw; returns whether it drew. */
  render() {
    if (this.width <= 0 || !this.theme) return false;
    // A reset history leaves nothing in a zoomed range: follow the new one.
    if (this.store.generation !== this.generation) {
      this.generation = this.store.generation;
      this.zoom = null;
    }
    const layoutKey = JSON.stringify([this.names, this.xLabel, this.theme.fontFamily]);
    const key = [
      layoutKey,
      this.store.version,
      this.width,
      this.height,
      this.zoomVersion,
      this.themeVersion,
    ].join("|");
    if (key === this.drawnKey) return false;
    if (layoutKey !== this.layoutKey) this.build(layoutKey);

    const { store } = this;
    const [x0, x1] = this.xRange;
    const env = envelope(store.steps, store.columns, store.length, x0, x1, this.width);
    const ys = this.names.map((_, i) => env.ys[i] ?? env.x.map(() => null));
    const u = this.uplot;
    u.batch(() => {
      if (u.width !== this.width || u.height !== this.height) {
        u.setSize({ width: this.width, height: this.height });
      }
      u.setData([env.x, ...ys], false);
      u.setScale("x", { min: x0, max: x1 });
      u.setScale("y", yRange(env.yMin, env.yMax));
    });
    this.followButton.disabled = this.following;
    this.showLegend();
    this.drawnKey = key;
    return true;
  }

  destroy() {
    this.uplot?.destroy();
    this.uplot = null;
  }

  build(layoutKey) {
    this.destroy();
    this.layoutKey = layoutKey;
    const colors = this.names.map((_, i) => seriesColor(i));
    this.legend.setSeries(this.names, colors);

    const font = `11px ${this.theme.fontFamily}`;
    // Colours are read at draw time so a theme change needs only a redraw.
    const axis = (extra) => ({
      stroke: () => this.theme.text,
      grid: { stroke: () => this.theme.grid, width: 1 },
      ticks: { stroke: () => this.theme.axis, width: 1 },
      font,
      labelFont: font,
      ...extra,
    });
    const opts = {
      width: this.width,
      height: this.height,
      legend: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false } },
      axes: [axis({ label: this.xLabel || null, size: 32, labelSize: this.xLabel ? 18 : 0, labelGap: 0 }),
        axis({ size: axisSize }),
      ],
      series: [
        {},
        ...this.names.map((name, i) => ({
          label: name,
          stroke: colors[i],
          width: 1.25,
          points: { show: false },
        })),
      ],
      cursor: {
        points: { show: false },
        drag: { x: true, y: false, setScale: false },
        // Double-click returns to following instead of uPlot's reset to the data range.
        bind: { dblclick: () => () => this.followLatest() },
      },
      hooks: {
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => this.onCursor(u)],
      },
    };
    const data = [[], ...this.names.map(() => [])];
    this.uplot = new uPlot(opts, data, this.plot);
  }

  onSelect(u) {
    const { left, width } = u.select;
    if (width < MIN_SELECT_PX) return;
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.zoomTo(u.posToVal(left, "x"), u.posToVal(left + width, "x"));
  }

  onCursor(u) {
    const { left } = u.cursor;
    this.hoverX = left === null || left === undefined || left < 0 ? null : u.posToVal(left, "x");
    this.showLegend();
  }

  /** Legend values at the hovered step (looked up exactly in the store) or the latest row. */
  showLegend() {
    const { store } = this;
    const hovered = this.hoverX !== null;
    const i = hovered ? store.nearestIndex(this.hoverX) : store.length - 1;
    if (i < 0) {
      this.legend.show(null, null, false);
      return;
    }
    this.legend.show(
      store.steps[i],
      this.names.map((_, c) => store.columns[c]?.[i] ?? null),
      hovered,
    );
  }
}
