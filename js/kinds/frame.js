// kind="frame": the row shown as curves over their index, over the `x`
// option or over the row's own x (`x: "row"`), drawn with uPlot: one curve,
// named `curves` with a legend entry and a palette colour each, or with
// `facet` = n, n small panels of equal consecutive parts of the row (the
// parts' layout is in frame/parts.js). Clicking a curve's legend entry
// hides or shows it (kept in the options as `hidden`, as a line plot's
// series). The y range, shared by all panels, is fixed (`ylim`) or spans
// every value received of the curves shown, and the x range is fixed
// (`xlim`) or a row's own x spans every x received, so a replayed or
// streamed curve moves on still axes. Previous runs of the plot's name are
// drawn faded behind the row, each at the step shown (frame/runs.js), with a
// runs row in the legend and a compare toggle (controls.js).

import uPlot from "uplot";
import style from "../../src/livescope/_spec/style.json" with { type: "json" };
import { RowStore } from "../data/row_store.js";
import { createPlotArea } from "../draw/readout.js";
import { resolveLimits, ValueRange } from "../draw/value_range.js";
import { formatStep, formatValue } from "../host/format.js";
import { createCompareToggle } from "./controls.js";
import { createCurveLegend } from "./frame/legend.js";
import { fillPositions, frameParts, xLimits } from "./frame/parts.js";
import { drawFrameRuns, frameRunsExtent } from "./frame/runs.js";
import { ShownRange } from "./frame/y_range.js";
import { axisSize } from "./lines/axis_size.js";
import { labelSpace, linearAxisValues } from "./lines/axis_values.js";
import { toggled } from "./lines/options.js";
import { shownRuns } from "./lines/runs.js";
import { createRunsLegend } from "./lines/runs_legend.js";
import { ReplayableView } from "./replay.js";

const PANEL_GAP = 4;
const MIN_PANEL_WIDTH = style.facets.min_panel_width;
const MIN_PANEL_HEIGHT = style.facets.min_panel_height;
const LINE_WIDTH = style.frame.line_width;
const MARKER_SIZE = style.frame.marker_size;

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

/** `range` ({ min, max }) widened to [lo, hi] too: what the axis limits read. */
function widened(range, [lo, hi]) {
  const min = Math.min(range.min, lo);
  const max = Math.max(range.max, hi);
  return { min, max, empty: !(min <= max) };
}

export class FrameView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  /**
   * @param {HTMLElement} parent
   * @param {any} store
   * @param {import("./index.js").ViewHooks} hooks
   */
  constructor(parent, store, { invalidate, signal, setOptions = () => {} }) {
    super(store, invalidate);
    this.setOptions = setOptions;
    this.range = new ShownRange(); // every value received of the curves shown
    this.xRange = new ValueRange("xExtent"); // every x of rows that carry their x
    this.hover = null; // { panel, index } under the pointer
    this.panels = []; // { uplot, curves: [{ ...curve, ys }] } per panel
    this.parts = frameParts({}, 0);
    this.layoutKey = "";
    this.xs = [];
    const { readout, plot } = createPlotArea(parent, "livescope-plot livescope-panels");
    this.readout = readout;
    this.legend = createCurveLegend(readout.bar, {
      onToggle: (name) => this.toggleCurve(name),
      signal,
    });
    // Only there when the plot has previous runs to compare with.
    this.compareToggle = createCompareToggle(readout.bar, { onChange: setOptions, signal });
    this.runsLegend = createRunsLegend(readout.bar, {
      onToggle: (id) => this.toggleRun(id),
      signal,
    });
    /** @type {{ key: string | null, x: [number, number], y: [number, number] }} frameRunsExtent's, for `key` */
    this.runsExtent = { key: null, x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
    this.runsStep = NaN; // the step whose rows of the runs are drawn
    this.plot = plot;
  }

  /** Every previous run held (newest first). */
  get allRuns() {
    return this.store.runs?.runs ?? [];
  }

  /** The previous runs drawn: none with compare off, and none hidden from the legend. */
  get comparedRuns() {
    const { compare, hidden_runs: hidden = [] } = this.options;
    return shownRuns(this.allRuns, compare !== false, hidden);
  }

  /** Hide curve `name` if shown, show it if hidden (through the options, so every view follows). */
  toggleCurve(name) {
    this.setOptions({ hidden: toggled(this.options.hidden ?? [], name) });
  }

  /** Hide previous run `id` if shown, show it if hidden (through the options). */
  toggleRun(id) {
    this.setOptions({ hidden_runs: toggled(this.options.hidden_runs ?? [], id) });
  }

  /** The uPlot of the first panel (all of the plot without facets). */
  get uplot() {
    return this.panels[0]?.uplot ?? null;
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const parts = frameParts(this.options, store.columnCount);
    const { cols, rows } = panelGrid(parts.panels, this.width, this.options.facet_columns ?? null);
    const layoutKey = JSON.stringify([
      this.theme.fontFamily,
      this.options.x ?? null,
      parts.names,
      parts.panels,
      parts.length, // the curves' offsets in a row
      parts.curves.map((curve) => curve.hidden),
      this.options.markers === true,
      cols,
    ]);
    const key = [
      layoutKey,
      store.version,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      JSON.stringify(this.hover),
      JSON.stringify([this.options.xlim ?? null, this.options.ylim ?? null]),
      this.comparedRuns.map((run) => run.id).join(","),
    ];
    this.showRunsLegend();
    if (!this.needsDraw(key)) return false;
    if (layoutKey !== this.layoutKey) this.build(layoutKey, parts, cols);
    this.parts = parts;
    const yRange = this.range.update(store, parts);
    if (parts.rowX) this.xRange.update(store, 0, parts.length);

    this.fillData(shown);
    const runs = this.runsExtentOf(this.comparedRuns);
    const [lo, hi] = this.options.ylim ?? resolveLimits(widened(yRange, runs.y), null, null);
    const [yMin, yMax] = this.options.ylim ? [lo, hi] : uPlot.rangeNum(lo, hi, 0.05, true);
    const [x0, x1] = xLimits(parts, widened(this.xRange, runs.x));
    this.runsStep = shown >= 0 ? store.steps[shown] : NaN;
    const width = Math.floor((this.width - (cols - 1) * PANEL_GAP) / cols);
    const height = Math.max(
      MIN_PANEL_HEIGHT,
      Math.floor((this.height - (rows - 1) * PANEL_GAP) / rows),
    );
    for (const { uplot: u, curves } of this.panels) {
      u.batch(() => {
        if (u.width !== width || u.height !== height) u.setSize({ width, height });
        u.setData([this.xs, ...curves.map(({ ys }) => ys)], false);
        u.setScale("x", { min: x0, max: x1 });
        u.setScale("y", { min: yMin, max: yMax });
      });
    }
    this.showReadout(shown);
    return true;
  }

  /** The extent of `runs`' rows (frame/runs.js), computed again only when they change. */
  runsExtentOf(runs) {
    const hidden = this.options.hidden ?? [];
    const key = JSON.stringify([runs.map((run) => run.id), this.options.x ?? null, hidden]);
    if (this.runsExtent.key !== key) {
      this.runsExtent = { key, ...frameRunsExtent(runs, this.options) };
    }
    return this.runsExtent;
  }

  /** Panel `panel`'s share of the previous runs, under its curves (uPlot's drawAxes hook). */
  drawRuns(u, panel) {
    const runs = this.comparedRuns;
    if (!runs.length || Number.isNaN(this.runsStep)) return;
    const ages = runs.map((run) => this.allRuns.indexOf(run));
    drawFrameRuns(u, runs, ages, this.runsStep, this.options, panel);
  }

  /**
   * The runs row of the legend: the live run, then each previous one (click
   * hides it); and the compare toggle, there when there are previous runs.
   */
  showRunsLegend() {
    const { live = {}, runs = [] } = this.store.runs ?? {};
    const shown = this.options.compare === false ? [] : runs;
    this.runsLegend.listRuns(live, shown, this.store.length);
    this.runsLegend.setHidden(this.options.hidden_runs ?? []);
    this.compareToggle.show(this.options.compare !== false, runs.length > 0);
  }

  /** x positions and each curve's part of the shown row, NaN and inf as gaps (null). */
  fillData(shown) {
    const { length } = this.parts;
    if (this.xs.length !== length) this.xs = new Array(length);
    const row = shown >= 0 ? this.store.row(shown) : null;
    fillPositions(this.parts, row, this.xs);
    for (const panel of this.panels) {
      for (const curve of panel.curves) {
        const { ys, offset } = curve;
        ys.length = length;
        for (let i = 0; i < length; i++) {
          const v = row ? row[offset + i] : NaN;
          ys[i] = Number.isFinite(v) ? v : null;
        }
      }
    }
  }

  showReadout(shown) {
    const { parts, hover } = this;
    const at = hover && hover.index < parts.length ? hover : null;
    this.legend.show(
      shown >= 0 && at
        ? parts.curves.map((c) => this.store.value(shown, c.offset + at.index))
        : null,
    );
    if (shown < 0) {
      this.readout.show("");
      return;
    }
    const step = `step ${formatStep(this.store.steps[shown])}`;
    if (!at) {
      this.readout.show(step);
      return;
    }
    const { panel, index } = at;
    const x = parts.rowX || parts.fixedX ? `x ${formatValue(this.xs[index])}` : `index ${index}`;
    if (parts.names) {
      this.readout.show(`${step} · ${x}`); // each curve's value is in the legend
      return;
    }
    const where = [parts.panels > 1 ? `panel ${panel}` : "", x].filter(Boolean);
    const value = this.store.value(shown, parts.curves[panel].offset + index);
    this.readout.show(`${step} · ${where.join(", ")}: ${formatValue(value)}`);
  }

  destroy() {
    for (const { uplot } of this.panels) uplot.destroy();
    this.panels = [];
  }

  build(layoutKey, parts, cols) {
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
    const markers = this.options.markers === true;
    for (let k = 0; k < parts.panels; k++) {
      const curves = parts.curves
        .filter((curve) => curve.panel === k)
        .map((curve) => ({ ...curve, ys: [] }));
      const series = curves.map(({ name, color, hidden }) => ({
        label: name ?? "",
        show: !hidden,
        stroke: color,
        width: LINE_WIDTH,
        // matplotlib's "-o": a filled dot at each point.
        points: markers
          ? { show: true, size: MARKER_SIZE, width: 0, fill: color, stroke: color }
          : { show: false },
      }));
      const opts = {
        width: this.width,
        height: this.height,
        legend: { show: false },
        scales: { x: { time: false, auto: false }, y: { auto: false } },
        // Small panels still get a few y ticks (uPlot's default spacing is 30 px).
        axes: [
          axis({ size: 28, values: linearAxisValues, space: labelSpace }),
          axis({ size: axisSize, space: parts.panels > 1 ? 18 : 30, values: linearAxisValues }),
        ],
        series: [{}, ...series],
        cursor: { points: { show: false }, drag: { x: false, y: false } },
        hooks: {
          setCursor: [(u) => this.onCursor(k, u.cursor.idx)],
          drawAxes: [(u) => this.drawRuns(u, k)], // after the grid, under the curves
        },
      };
      const empty = [[], ...curves.map(() => [])];
      this.panels.push({ uplot: new uPlot(opts, empty, this.plot), curves });
    }
    this.legend.setCurves(parts.curves);
    this.legend.setHidden(parts.curves.map((curve) => curve.hidden));
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
