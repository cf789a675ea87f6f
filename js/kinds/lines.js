// The line chart: every column against step or wall-clock time, drawn with
// uPlot from the envelope of the visible range, with drag-to-zoom, hover,
// follow mode, smoothing, log-scale y, series hidden from the legend, and
// earlier runs of the plot drawn faded behind it (lines/runs.js).

import uPlot from "uplot";
import { nearestIndex } from "../data/store.js";
import { seriesColors } from "../draw/colormaps.js";
import { RAMP_LEGEND_OVER, seriesColor } from "../host/theme.js";
import { axisSize } from "./lines/axis_size.js";
import { labelSpace, linearAxisValues, logAxisValues } from "./lines/axis_values.js";
import { densePaths } from "./lines/dense_paths.js";
import { isolatedPoints } from "./lines/isolated_points.js";
import { createLegend } from "./lines/legend.js";
import { readLineOptions, toggled } from "./lines/options.js";
import {
  drawRuns,
  runsExtent,
  runsYRange,
  runValuesAt,
  shownRuns,
  smoothRuns,
} from "./lines/runs.js";
import { createRunsLegend } from "./lines/runs_legend.js";
import { seriesData, xValues } from "./lines/series_data.js";
import { SmoothedColumns } from "./lines/smoothed_columns.js";
import { gapXValues, joinLeftOut, latestReported, readSparse } from "./lines/sparse.js";
import { createToolbar } from "./lines/toolbar.js";

const MIN_SELECT_PX = 3;
// With more rows than this per pixel column, lines that travel far are drawn
// as columns (dense_paths.js): cheap to rasterize, and there a line is a band.
const DENSE_ROWS_PER_PX = 8;
// Alpha appended to a series colour for its raw line behind the smoothed one.
const FAINT = "4d";

/**
 * y range over the visible data, padded; a flat or empty range still gets a height.
 * (uPlot's ranges may hold null, for limits left open; ranges of two numbers are numbers.)
 * @param {number | null} yMin
 * @param {number | null} yMax
 * @param {boolean} logY
 * @returns {{ min: number, max: number }}
 */
function yRange(yMin, yMax, logY) {
  if (logY) {
    // Only positive values reach a log scale.
    if (yMin === null || yMax === null) return { min: 1, max: 10 };
    const [min, max] = /** @type {[number, number]} */ (uPlot.rangeLog(yMin, yMax, 10, false));
    return { min, max };
  }
  if (yMin === null || yMax === null) return { min: 0, max: 1 };
  const [min, max] = /** @type {[number, number]} */ (uPlot.rangeNum(yMin, yMax, 0.05, true));
  return { min, max };
}

export class LineChart {
  /**
   * Build the chart inside `parent`. `invalidate` asks for a frame;
   * `setOptions(patch, save)` changes the `view_options` trait (the
   * controls' and legend's changes); DOM listeners go away when `signal` aborts.
   */
  /**
   * @param {HTMLElement} parent
   * @param {import("../data/store.js").HistoryStore} store
   * @param {import("./index.js").ViewHooks} hooks
   */
  constructor(parent, store, { invalidate, signal, setOptions = () => {} }) {
    this.store = store;
    this.invalidate = invalidate;
    this.setOptions = setOptions;
    this.options = readLineOptions({});
    this.hidden = [];
    this.sparse = new Map(); // column -> reported-gap steps, for series rows left out
    this.sparseKey = "";
    this.smoothed = new SmoothedColumns();
    this.theme = null;
    this.width = 0;
    this.height = 300;
    this.names = [];
    this.xLabel = "";
    this.zoom = null;
    this.generation = store.generation;
    this.hoverX = null;
    this.uplot = null;
    this.dense = false; // whether the last draw had more than DENSE_ROWS_PER_PX rows a pixel
    this.layoutKey = "";
    this.drawnKey = "";
    this.themeVersion = 0;
    this.zoomVersion = 0;

    const bar = document.createElement("div");
    bar.className = "livescope-bar";
    this.legend = createLegend(bar, { onToggle: (i) => this.toggleSeries(i), signal });
    this.legendKey = "";
    this.toolbar = createToolbar(bar, { onChange: setOptions, signal });
    this.followButton = document.createElement("button");
    this.followButton.type = "button";
    this.followButton.className = "livescope-follow";
    this.followButton.textContent = "Follow latest";
    this.followButton.title = "Show all data and follow new rows (or double-click the chart)";
    this.followButton.addEventListener("click", () => this.followLatest(), { signal });
    bar.appendChild(this.followButton);
    this.runsLegend = createRunsLegend(bar, { onToggle: (id) => this.toggleRun(id), signal });
    this.plot = document.createElement("div");
    this.plot.className = "livescope-plot";
    parent.append(bar, this.plot);
  }

  get following() {
    return this.zoom === null;
  }

  /** The x values of the rows: steps, or wall-clock times in seconds. */
  get xs() {
    return xValues(this.store, this.options.xAxis);
  }

  /** The earlier runs drawn: none with compare off, and none hidden from the legend. */
  get comparedRuns() {
    const { compare, hiddenRuns } = this.options;
    return shownRuns(this.store.runs.runs, compare, hiddenRuns);
  }

  /** Where runs start on a time axis: with the live run's first row (or the newest run). */
  get liveStart() {
    const { store } = this;
    return store.length ? store.times[0] : (store.runs.runs[0]?.started ?? 0);
  }

  /** The x range shown: the zoomed one, or all data (earlier runs' too) while following. */
  get xRange() {
    if (this.zoom) return [this.zoom.x0, this.zoom.x1];
    const { xs } = this;
    const { length } = this.store;
    let lo = length ? xs[0] : Infinity;
    let hi = length ? xs[length - 1] : -Infinity;
    const runs = runsExtent(this.comparedRuns, this.options.xAxis, this.liveStart);
    if (runs) [lo, hi] = [Math.min(lo, runs[0]), Math.max(hi, runs[1])];
    if (!(lo <= hi)) return [0, 1];
    // One row, or rows that share one x (an extend() on a time axis), still get a width.
    if (hi === lo) return [lo - 1, lo + 1];
    return [lo, hi];
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

  /** Hide series `i` if shown, show it if hidden (through the options, so every view follows). */
  toggleSeries(i) {
    const name = this.names[i];
    this.setOptions({ hidden: toggled(this.options.hidden, name) });
  }

  /** Hide earlier run `id` if shown, show it if hidden (through the options). */
  toggleRun(id) {
    this.setOptions({ hidden_runs: toggled(this.options.hiddenRuns, id) });
  }

  /**
   * Take the current traits, `options` being the `view_options` trait;
   * layout changes rebuild the uPlot instance on the next render.
   */
  configure({ names, xLabel, height, width, options: viewOptions, sparse = {} }) {
    const options = readLineOptions(viewOptions);
    const count = this.store.columnCount || names.length;
    this.names = Array.from({ length: count }, (_, i) => names[i] ?? `y${i}`);
    const sparseKey = JSON.stringify(sparse);
    if (sparseKey !== this.sparseKey) {
      this.sparseKey = sparseKey;
      this.sparse = readSparse(sparse, this.names);
    }
    this.xLabel = xLabel;
    this.height = height;
    this.width = Math.floor(width);
    // A zoom in steps means nothing in time, and back.
    if (options.xAxis !== this.options.xAxis && this.zoom) {
      this.zoom = null;
      this.zoomVersion++;
    }
    this.options = options;
    this.hidden = this.names.map((name) => options.hidden.includes(name));
    this.toolbar.show(options, this.store.runs.runs.length > 0);
  }

  /** Draw if anything changed since the last draw; returns whether it drew. */
  render() {
    if (this.width <= 0 || !this.theme) return false;
    // A reset history leaves nothing in a zoomed range: follow the new one.
    if (this.store.generation !== this.generation) {
      this.generation = this.store.generation;
      this.zoom = null;
    }
    const { smoothing, logY, xAxis, colormap } = this.options;
    const layoutKey = JSON.stringify([
      colormap,
      [...this.sparse.keys()],
      this.names,
      this.xLabel,
      this.theme.fontFamily,
      smoothing > 0,
      logY,
      xAxis,
      this.hidden,
    ]);
    const key = [
      layoutKey,
      this.sparseKey,
      smoothing,
      this.store.version,
      this.width,
      this.height,
      this.zoomVersion,
      this.themeVersion,
      this.options.compare,
      this.options.hiddenRuns,
    ].join("|");
    if (key === this.drawnKey) return false;
    if (layoutKey !== this.layoutKey) this.build(layoutKey);

    const [x0, x1] = this.xRange;
    const options = { smoothing, logY, xAxis, hidden: this.hidden };
    const data = seriesData(this.store, options, x0, x1, this.width, this.smoothed);
    const perName = (ys) => this.names.map((_, i) => this.joined(i, ys?.[i], data.x));
    const ys =
      smoothing > 0 ? [...perName(data.raw), ...perName(data.smoothed)] : perName(data.raw);
    const u = this.uplot;
    if (!u) return false; // destroyed: build() above made one otherwise
    this.dense = data.binned && data.rows > DENSE_ROWS_PER_PX * this.width;
    const shownNames = this.names.filter((_, i) => !this.hidden[i]);
    const start = this.liveStart;
    const drawnRuns = smoothRuns(this.comparedRuns, smoothing);
    const runY = runsYRange(drawnRuns, shownNames, xAxis, start, x0, x1, logY);
    if (runY) {
      data.yMin = data.yMin === null ? runY.min : Math.min(data.yMin, runY.min);
      data.yMax = data.yMax === null ? runY.max : Math.max(data.yMax, runY.max);
    }
    u.batch(() => {
      if (u.width !== this.width || u.height !== this.height) {
        u.setSize({ width: this.width, height: this.height });
      }
      u.setData([data.x, ...ys], false);
      u.setScale("x", { min: x0, max: x1 });
      u.setScale("y", yRange(data.yMin, data.yMax, logY));
    });
    this.followButton.disabled = this.following;
    this.showRunsLegend();
    this.showLegend();
    this.drawnKey = key;
    return true;
  }

  /** Column `c`'s y values to draw: a sparse series joined over the rows it left out. */
  joined(c, ys, x) {
    if (!ys) return x.map(() => null);
    const gaps = this.sparse.get(c);
    if (!gaps) return ys;
    return joinLeftOut(ys, x, gapXValues(this.store, this.xs, gaps));
  }

  destroy() {
    this.uplot?.destroy();
    this.uplot = null;
  }

  build(layoutKey) {
    this.destroy();
    this.layoutKey = layoutKey;
    const { colormap } = this.options;
    const colors = colormap
      ? seriesColors(colormap, this.names.length)
      : this.names.map((_, i) => seriesColor(i));
    // Rebuilt only when the series change, so a clicked entry keeps its focus.
    const legendKey = JSON.stringify([colormap, this.names]);
    if (legendKey !== this.legendKey) {
      // Dozens of ordered series read as a ramp from the first name to the last.
      const ramp = colormap && this.names.length > RAMP_LEGEND_OVER;
      this.legend.setSeries(this.names, colors, ramp ? seriesColors(colormap, 20) : null);
      this.legendKey = legendKey;
    }
    this.legend.setHidden(this.hidden);
    const { smoothing, logY, xAxis } = this.options;
    const time = xAxis === "time";
    const line = (name, i, stroke, width) => ({
      label: name,
      stroke,
      width,
      show: !this.hidden[i],
      paths: densePaths(() => this.dense, stroke),
      // Values with no neighbour (sparse metrics) show as dots.
      points: { show: false, filter: isolatedPoints, fill: stroke },
    });
    const lines =
      smoothing > 0
        ? [
            ...this.names.map((name, i) => line(`${name} (raw)`, i, colors[i] + FAINT, 1)),
            ...this.names.map((name, i) => line(name, i, colors[i], 1.5)),
          ]
        : this.names.map((name, i) => line(name, i, colors[i], 1.25));
    const xLabel = time ? "time" : this.xLabel;

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
    /** @type {uPlot.Options} */
    const opts = {
      width: this.width,
      height: this.height,
      legend: { show: false },
      scales: {
        x: { time, auto: false },
        y: logY ? { auto: false, distr: 3, log: 10 } : { auto: false },
      },
      axes: [
        // Time ticks take two lines at the boundaries of days.
        axis({
          label: xLabel || null,
          size: time ? 44 : 32,
          labelSize: xLabel ? 18 : 0,
          labelGap: 0,
          ...(time ? {} : { values: linearAxisValues, space: labelSpace }),
        }),
        axis({ size: axisSize, values: logY ? logAxisValues : linearAxisValues }),
      ],
      series: [{}, ...lines],
      cursor: {
        points: { show: false },
        drag: { x: true, y: false, setScale: false },
        // Double-click returns to following instead of uPlot's reset to the data range.
        // (uPlot's types want the listener to return null; the DOM ignores it.)
        bind: { dblclick: /** @type {any} */ (() => () => this.followLatest()) },
      },
      hooks: {
        setSelect: [(u) => this.onSelect(u)],
        setCursor: [(u) => this.onCursor(u)],
        // Over the grid, under the live series.
        drawAxes: [(u) => this.drawRuns(u)],
      },
    };
    const data = /** @type {uPlot.AlignedData} */ ([[], ...lines.map(() => [])]);
    this.uplot = new uPlot(opts, data, this.plot);
  }

  drawRuns(u) {
    const all = this.store.runs.runs;
    const runs = this.comparedRuns;
    if (!runs.length) return;
    drawRuns(u, smoothRuns(runs, this.options.smoothing), {
      names: this.names,
      colors: this.names.map((_, i) => seriesColor(i)),
      shown: this.hidden.map((h) => !h),
      xAxis: this.options.xAxis,
      liveStart: this.liveStart,
      logY: this.options.logY,
      ages: runs.map((run) => all.indexOf(run)),
    });
  }

  /**
   * The runs row of the legend, rebuilt when the runs or the compare toggle
   * change; the live run's rows are kept current in place (a rebuild on every
   * row would swallow clicks on the entries).
   */
  showRunsLegend() {
    const { live, runs } = this.store.runs;
    this.runsLegend.listRuns(live, this.options.compare ? runs : [], this.store.length);
    this.runsLegend.setHidden(this.options.hiddenRuns);
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

  /** Legend values at the hovered x (looked up exactly in the store) or the latest row. */
  showLegend() {
    const { store } = this;
    const hovered = this.hoverX !== null;
    const i = hovered ? nearestIndex(this.xs, store.length, this.hoverX) : store.length - 1;
    if (i < 0) {
      this.legend.show(null, null, false);
      return;
    }
    // A sparse series shows the value it last reported, not the NaN of rows it left out.
    const valueAt = (c) => {
      const gaps = this.sparse.get(c);
      const j = gaps ? latestReported(store, c, i, gaps) : i;
      return j < 0 ? null : (store.columns[c]?.[j] ?? null);
    };
    this.legend.show(
      store.steps[i],
      this.names.map((_, c) => valueAt(c)),
      hovered,
    );
    this.showRunValues(hovered ? this.xs[i] : null);
  }

  /** Each earlier run's values at x (the hovered row's), or nothing when not hovering. */
  showRunValues(x) {
    const runs = this.options.compare ? this.store.runs.runs : [];
    if (!runs.length) return;
    const { xAxis } = this.options;
    const names = this.names.filter((_, i) => !this.hidden[i]);
    const start = this.liveStart;
    const texts = runs.map((run) => (x === null ? "" : runValuesAt(run, names, xAxis, start, x)));
    this.runsLegend.showValues(["", ...texts]);
  }
}
