// kind="frame": the row shown, drawn as one curve over its index (or over
// the `x` option) with uPlot; with `facet` = n, as n small panels of equal
// consecutive parts of the row. The y range, shared by all panels, is fixed
// (`ylim`) or spans every value received so far, so a replayed or streamed
// curve moves on still axes.

import uPlot from "uplot";
import style from "../../src/livescope/_spec/style.json" with { type: "json" };
import { RowStore } from "../data/row_store.js";
import { createPlotArea } from "../draw/readout.js";
import { resolveLimits, ValueRange } from "../draw/value_range.js";
import { formatStep, formatValue } from "../host/format.js";
import { seriesColor } from "../host/theme.js";
import { axisSize } from "./lines/axis_size.js";
import { labelSpace, linearAxisValues } from "./lines/axis_values.js";
import { ReplayableView } from "./replay.js";

const PANEL_GAP = 4;
const MIN_PANEL_WIDTH = style.facets.min_panel_width;
const MIN_PANEL_HEIGHT = style.facets.min_panel_height;

/**
 * Columns and rows of the grid of `n` panels across `width`, filled row by
 * row: `columns` a row when given, else as square as can be; never so many
 * that a panel is narrower than the minimum (style.json facets).
 */
export function panelGrid(n, width = Infinity, columns = null) {
  const fit = Math.max(1, Math.floor((width + PANEL_GAP) / (MIN_PANEL_WIDTH + PANEL_GAP)));
  const cols = Math.max(1, Math.min(n, columns || Math.min(Math.ceil(Math.sqrt(n)), fit)));
  return { cols, rows: Math.ceil(n / cols) };
}

export class FrameView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate }) {
    super(store, invalidate);
    this.range = new ValueRange();
    this.hover = null; // { panel, index } under the pointer
    this.panels = []; // { uplot, ys } per facet
    this.layoutKey = "";
    this.xs = [];
    const { readout, plot } = createPlotArea(parent, "livescope-plot livescope-panels");
    this.readout = readout;
    this.plot = plot;
  }

  get facet() {
    return Math.max(1, this.options.facet ?? 1);
  }

  /** The uPlot of the first panel (all of the plot without facets). */
  get uplot() {
    return this.panels[0]?.uplot ?? null;
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const length = Math.floor(store.columnCount / this.facet);
    const { cols, rows } = panelGrid(this.facet, this.width, this.options.facet_columns ?? null);
    const layoutKey = JSON.stringify([
      this.theme.fontFamily,
      this.options.x ?? null,
      this.facet,
      cols,
    ]);
    const parts = [
      layoutKey,
      store.version,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      JSON.stringify(this.hover),
      JSON.stringify(this.options.ylim ?? null),
    ];
    if (!this.needsDraw(parts)) return false;
    if (layoutKey !== this.layoutKey) this.build(layoutKey, cols);
    this.range.update(store);

    this.fillData(shown, length);
    const [lo, hi] = this.options.ylim ?? resolveLimits(this.range, null, null);
    const [yMin, yMax] = this.options.ylim ? [lo, hi] : uPlot.rangeNum(lo, hi, 0.05, true);
    const x0 = this.xs.length ? this.xs[0] : 0;
    const x1 = this.xs.length > 1 ? this.xs[this.xs.length - 1] : x0 + 1;
    const width = Math.floor((this.width - (cols - 1) * PANEL_GAP) / cols);
    const height = Math.max(
      MIN_PANEL_HEIGHT,
      Math.floor((this.height - (rows - 1) * PANEL_GAP) / rows),
    );
    for (const { uplot: u, ys } of this.panels) {
      u.batch(() => {
        if (u.width !== width || u.height !== height) u.setSize({ width, height });
        u.setData([this.xs, ys], false);
        u.setScale("x", { min: x0, max: x1 });
        u.setScale("y", { min: yMin, max: yMax });
      });
    }
    this.showReadout(shown);
    return true;
  }

  /** x positions and each panel's part of the shown row, NaN and inf as gaps (null). */
  fillData(shown, length) {
    const x = this.options.x;
    if (this.xs.length !== length) {
      this.xs = x && x.length === length ? x.slice() : Array.from({ length }, (_, i) => i);
      for (const panel of this.panels) panel.ys = new Array(length);
    }
    const row = shown >= 0 ? this.store.row(shown) : null;
    this.panels.forEach(({ ys }, k) => {
      for (let i = 0, j = k * length; i < length; i++, j++) {
        const v = row ? row[j] : NaN;
        ys[i] = Number.isFinite(v) ? v : null;
      }
    });
  }

  showReadout(shown) {
    if (shown < 0) {
      this.readout.show("");
      return;
    }
    const step = `step ${formatStep(this.store.steps[shown])}`;
    if (!this.hover || this.hover.index >= this.xs.length) {
      this.readout.show(step);
      return;
    }
    const { panel, index } = this.hover;
    const where = [
      this.facet > 1 ? `panel ${panel}` : "",
      this.options.x ? `x ${formatValue(this.xs[index])}` : `index ${index}`,
    ].filter(Boolean);
    const value = this.store.value(shown, panel * this.xs.length + index);
    this.readout.show(`${step} · ${where.join(", ")}: ${formatValue(value)}`);
  }

  destroy() {
    for (const { uplot } of this.panels) uplot.destroy();
    this.panels = [];
  }

  build(layoutKey, cols) {
    this.destroy();
    this.plot.replaceChildren();
    this.layoutKey = layoutKey;
    this.xs = [];
    this.plot.style.gridTemplateColumns = `repeat(${cols}, 1fr)`;
    this.plot.style.gap = `${PANEL_GAP}px`;
    const font = `11px ${this.theme.fontFamily}`;
    const axis = (extra) => ({
      stroke: () => this.theme.text,
      grid: { stroke: () => this.theme.grid, width: 1 },
      ticks: { stroke: () => this.theme.axis, width: 1 },
      font,
      ...extra,
    });
    for (let k = 0; k < this.facet; k++) {
      const opts = {
        width: this.width,
        height: this.height,
        legend: { show: false },
        scales: { x: { time: false, auto: false }, y: { auto: false } },
        // Small panels still get a few y ticks (uPlot's default spacing is 30 px).
        axes: [
          axis({ size: 28, values: linearAxisValues, space: labelSpace }),
          axis({ size: axisSize, space: this.facet > 1 ? 18 : 30, values: linearAxisValues }),
        ],
        series: [{}, { stroke: seriesColor(k), width: 1.5, points: { show: false } }],
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        hooks: { setCursor: [(u) => this.onCursor(k, u.cursor.idx)] },
      };
      this.panels.push({ uplot: new uPlot(opts, [[], []], this.plot), ys: [] });
    }
  }

  onCursor(panel, i) {
    const hover = i === null || i === undefined ? null : { panel, index: i };
    if (hover?.panel === this.hover?.panel && hover?.index === this.hover?.index) return;
    // Leaving one panel for the next reports the old one's null last: keep the new one.
    if (!hover && this.hover && this.hover.panel !== panel) return;
    this.hover = hover;
    this.invalidate();
  }
}
