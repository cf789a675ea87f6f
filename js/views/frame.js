// kind="frame": the row shown, drawn as one curve over its index (or over
// the `x` option), with uPlot; the y range is fixed (`ylim`) or spans every
// value received so far, so a replayed or streamed curve moves on still axes.

import uPlot from "uplot";
import { formatStep, formatValue } from "../format.js";
import { axisSize } from "../chart.js";
import { RowStore } from "../row_store.js";
import { seriesColor } from "../theme.js";
import { createReadout } from "./readout.js";
import { ReplayableView } from "./replay.js";
import { resolveLimits, ValueRange } from "./value_range.js";

export class FrameView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate }) {
    super(store, invalidate);
    this.theme = null;
    this.themeVersion = 0;
    this.width = 0;
    this.height = 300;
    this.options = {};
    this.range = new ValueRange();
    this.hoverIndex = null;
    this.uplot = null;
    this.layoutKey = "";
    this.drawnKey = "";
    this.xs = [];
    this.ys = [];
    this.readout = createReadout(parent);
    this.plot = document.createElement("div");
    this.plot.className = "livescope-plot";
    parent.appendChild(this.plot);
  }

  setTheme(theme) {
    this.theme = theme;
    this.themeVersion++;
  }

  configure({ height, width, options }) {
    this.height = height;
    this.width = Math.floor(width);
    this.options = options;
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const m = store.columnCount;
    const layoutKey = JSON.stringify([this.theme.fontFamily, this.options.x ?? null]);
    const key = [
      layoutKey,
      store.version,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      this.hoverIndex,
      JSON.stringify(this.options.ylim ?? null),
    ].join("|");
    if (key === this.drawnKey) return false;
    if (layoutKey !== this.layoutKey) this.build(layoutKey);
    this.range.update(store);

    this.fillData(shown, m);
    const u = this.uplot;
    const [lo, hi] = this.options.ylim ?? resolveLimits(this.range, null, null);
    const [yMin, yMax] = this.options.ylim ? [lo, hi] : uPlot.rangeNum(lo, hi, 0.05, true);
    const x0 = this.xs.length ? this.xs[0] : 0;
    const x1 = this.xs.length > 1 ? this.xs[this.xs.length - 1] : x0 + 1;
    u.batch(() => {
      if (u.width !== this.width || u.height !== this.height) {
        u.setSize({ width: this.width, height: this.height });
      }
      u.setData([this.xs, this.ys], false);
      u.setScale("x", { min: x0, max: x1 });
      u.setScale("y", { min: yMin, max: yMax });
    });
    this.showReadout(shown);
    this.drawnKey = key;
    return true;
  }

  /** x positions and the shown row's values, NaN and inf as gaps (null). */
  fillData(shown, m) {
    const x = this.options.x;
    if (this.xs.length !== m) {
      this.xs = x && x.length === m ? x.slice() : Array.from({ length: m }, (_, i) => i);
      this.ys = new Array(m);
    }
    const row = shown >= 0 ? this.store.row(shown) : null;
    for (let i = 0; i < m; i++) {
      const v = row ? row[i] : NaN;
      this.ys[i] = Number.isFinite(v) ? v : null;
    }
  }

  showReadout(shown) {
    if (shown < 0) {
      this.readout.show("");
      return;
    }
    const step = `step ${formatStep(this.store.steps[shown])}`;
    const i = this.hoverIndex;
    if (i === null || i >= this.xs.length) {
      this.readout.show(step);
      return;
    }
    const at = this.options.x ? `x ${formatValue(this.xs[i])}` : `index ${i}`;
    this.readout.show(`${step} · ${at}: ${formatValue(this.store.value(shown, i))}`);
  }

  destroy() {
    this.uplot?.destroy();
    this.uplot = null;
  }

  build(layoutKey) {
    this.destroy();
    this.layoutKey = layoutKey;
    this.xs = [];
    const font = `11px ${this.theme.fontFamily}`;
    const axis = (extra) => ({
      stroke: () => this.theme.text,
      grid: { stroke: () => this.theme.grid, width: 1 },
      ticks: { stroke: () => this.theme.axis, width: 1 },
      font,
      ...extra,
    });
    const opts = {
      width: this.width,
      height: this.height,
      legend: { show: false },
      scales: { x: { time: false, auto: false }, y: { auto: false } },
      axes: [axis({ size: 32 }), axis({ size: axisSize })],
      series: [{}, { stroke: seriesColor(0), width: 1.5, points: { show: false } }],
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      hooks: { setCursor: [(u) => this.onCursor(u)] },
    };
    this.uplot = new uPlot(opts, [[], []], this.plot);
  }

  onCursor(u) {
    const i = u.cursor.idx;
    const index = i === null || i === undefined ? null : i;
    if (index === this.hoverIndex) return;
    this.hoverIndex = index;
    this.invalidate();
  }
}
