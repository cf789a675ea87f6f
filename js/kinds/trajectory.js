// kind="trajectory": the rows' (x, y) points drawn as one growing line with
// a marker on its head. The line is kept in a layer and only new rows are
// added to it; it is redrawn whole when the ranges, size or theme change,
// or when replay goes back in time. Previous runs of the plot's name are
// drawn faded under it (trajectory_runs.js), with a runs row in the legend
// and a compare toggle (controls.js); in replay they are drawn up to the
// step shown, like the live path.

import { drawAxes, drawFrame, finiteExtent, niceRange, yLabelWidth } from "../draw/axes.js";
import { createCanvas, createLayer, prepareCanvas } from "../draw/canvas.js";
import { createPlotArea } from "../draw/readout.js";
import { formatStep, formatValue } from "../host/format.js";
import { PALETTE } from "../host/theme.js";
import { createCompareToggle } from "./controls.js";
import { toggled } from "./lines/options.js";
import { shownRuns } from "./lines/runs.js";
import { createRunsLegend } from "./lines/runs_legend.js";
import { decimatePath, freshPathState, strokePath } from "./path_decimate.js";
import { ReplayableView } from "./replay.js";
import { formatCount } from "./scatter/color_key.js";
import { facetGrid, panelScales } from "./scatter/facets.js";
import { drawRunPaths, pathRunsExtent } from "./trajectory_runs.js";

const MARGIN = { right: 12, top: 8, bottom: 22 };
const HEAD_COLOR = "#f97316";
const HEAD_RADIUS = 4;
// Lines get fainter as the path gets long, so where it winds densely shows
// darker; in steps, since each change redraws the whole line.
const LINE_ALPHAS = [
  [50_000, 1],
  [200_000, 0.6],
  [500_000, 0.4],
  [Infinity, 0.25],
];

/** Opacity of the line for a path of `n` points. */
export const lineAlpha = (n) =>
  (LINE_ALPHAS.find(([upTo]) => n <= upTo) ?? LINE_ALPHAS[LINE_ALPHAS.length - 1])[1];

/** Absolute index of the first row held: rows a `max_rows` window let go (0 without one). */
const firstRow = (store) => store.dropped ?? 0;

export class TrajectoryView extends ReplayableView {
  static replayable = true;

  /**
   * @param {HTMLElement} parent
   * @param {any} store
   * @param {import("./index.js").ViewHooks} hooks
   */
  constructor(parent, store, { invalidate, signal, setOptions = () => {} }) {
    super(store, invalidate);
    this.setOptions = setOptions;
    // Running extent of rows [first, end) (absolute indices), and the layer's line.
    /** @type {{ generation: number, first: number, end: number, x: [number, number], y: [number, number] }} */
    this.extent = {
      generation: -1,
      first: 0,
      end: 0,
      x: [Infinity, -Infinity],
      y: [Infinity, -Infinity],
    };
    this.layer = null;
    // Full redraws of the line so far, for tests and measurements.
    this.fullRedraws = 0;

    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    // Only there when the plot has previous runs to compare with.
    this.compareToggle = createCompareToggle(readout.bar, { onChange: setOptions, signal });
    this.runsLegend = createRunsLegend(readout.bar, {
      onToggle: (id) => this.toggleRun(id),
      signal,
    });
    /** @type {{ key: string | null, x: number[], y: number[] }} pathRunsExtent's, for runs `key` */
    this.runsExtent = { key: null, x: [Infinity, -Infinity], y: [Infinity, -Infinity] };
    this.canvas = createCanvas(plot, "livescope-image");
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

  /** Hide previous run `id` if shown, show it if hidden (through the options). */
  toggleRun(id) {
    this.setOptions({ hidden_runs: toggled(this.options.hidden_runs ?? [], id) });
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const shown = this.shownIndex;
    const [xRange, yRange] = this.ranges();
    this.showReadout(shown);
    this.showRunsLegend();
    const parts = [
      shown,
      this.following, // the last row replayed cuts the earlier paths; following it does not
      this.comparedRuns.map((run) => run.id).join(","),
      this.store.generation,
      xRange,
      yRange,
      this.width,
      this.height,
      JSON.stringify(this.options),
      this.themeVersion,
    ];
    if (!this.needsDraw(parts)) return false;
    this.draw(shown, xRange, yRange);
    return true;
  }

  destroy() {
    this.layer = null;
  }

  showReadout(shown) {
    const { store } = this;
    if (shown < 0) {
      this.readout.show("no points yet");
      return;
    }
    const [xs, ys] = store.columns;
    this.readout.show(
      `step ${formatStep(store.steps[shown])} · point ${formatCount(shown + 1)} of ${formatCount(store.length)}` +
        ` · x ${formatValue(xs[shown])}, y ${formatValue(ys[shown])}`,
    );
  }

  /**
   * The fixed limits, or the extent of every row held (so replay keeps the
   * frame still), snapped to round ticks. Only new rows are scanned, unless
   * the kernel's `max_rows` window let old ones go.
   */
  ranges() {
    const { store, extent } = this;
    const { xlim, ylim } = this.options;
    const first = firstRow(store);
    const end = first + store.length;
    if (extent.generation !== store.generation || extent.first !== first || extent.end > end) {
      Object.assign(extent, { generation: store.generation, first, end: first });
      extent.x = [Infinity, -Infinity];
      extent.y = [Infinity, -Infinity];
    }
    if (store.columns.length >= 2 && extent.end < end) {
      finiteExtent(store.columns[0], extent.end - first, store.length, 1, extent.x);
      finiteExtent(store.columns[1], extent.end - first, store.length, 1, extent.y);
      extent.end = end;
    }
    // The previous paths shown are seen whole.
    const runs = this.comparedRuns;
    const key = runs.map((run) => run.id).join(",");
    if (this.runsExtent.key !== key) {
      const [x, y] = pathRunsExtent(runs);
      this.runsExtent = { key, x, y };
    }
    /** @type {(own: number[], other: number[]) => [number, number]} */
    const span = (own, other) => [Math.min(own[0], other[0]), Math.max(own[1], other[1])];
    return [
      xlim ?? niceRange(...span(extent.x, this.runsExtent.x)),
      ylim ?? niceRange(...span(extent.y, this.runsExtent.y)),
    ];
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

  draw(shown, xRange, yRange) {
    const { theme } = this;
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const ratio = this.canvas.width / this.width;
    const layout = (left) =>
      facetGrid(1, this.width, this.height, { margin: { ...MARGIN, left } }).panels[0];
    // The y labels' width depends on the plot height through the tick step.
    const panel = layout(yLabelWidth(ctx, yRange, layout(40).height, theme));
    const axes = drawAxes(ctx, panel, xRange, yRange, theme);
    const [scale] = panelScales([panel], xRange, yRange, ratio);
    const runs = this.comparedRuns;
    const ages = runs.map((run) => this.allRuns.indexOf(run));
    const untilStep = this.following || shown < 0 ? Infinity : this.store.steps[shown];
    drawRunPaths(ctx, runs, ages, scale, this.options.color ?? PALETTE[0], ratio, untilStep);
    if (shown >= 0) {
      const layer = this.updateLayer(shown, scale, [xRange, yRange], ratio);
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(layer, 0, 0);
      ctx.restore();
      this.drawHead(ctx, shown, scale, ratio);
    }
    drawFrame(ctx, panel, axes, theme);
  }

  /** The layer holding the line up to `shown`: extended by the new rows, or redrawn whole. */
  updateLayer(shown, scale, ranges, ratio) {
    const { store } = this;
    const { width: w, height: h } = this.canvas;
    const color = this.options.color ?? PALETTE[0];
    const alpha = lineAlpha(store.length);
    // The line starts at the first row held: when max_rows lets rows go, it is redrawn.
    const first = firstRow(store);
    const key = JSON.stringify([
      ranges,
      w,
      h,
      color,
      alpha,
      this.themeVersion,
      store.generation,
      first,
    ]);
    const end = first + shown + 1;
    let layer = this.layer;
    if (!layer || layer.key !== key || layer.end > end) {
      const canvas = layer?.canvas ?? createLayer(w, h);
      // Setting the size clears the layer and resets its clip and styles.
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext("2d");
      ctx.beginPath();
      ctx.rect(scale.left, scale.top, scale.right - scale.left, scale.bottom - scale.top);
      ctx.clip();
      ctx.strokeStyle = color;
      ctx.globalAlpha = alpha;
      ctx.lineWidth = ratio;
      ctx.lineJoin = "round";
      layer = this.layer = { canvas, ctx, key, end: first, path: freshPathState() };
      this.fullRedraws++;
    }
    if (layer.end < end) {
      const { path } = layer;
      const fromX = path.broken ? NaN : path.x;
      const fromY = path.broken ? NaN : path.y;
      const [xs, ys] = store.columns;
      const { xy, n } = decimatePath(xs, ys, layer.end - first, end - first, scale, path);
      strokePath(layer.ctx, xy, n, fromX, fromY);
      layer.end = end;
    }
    return layer.canvas;
  }

  drawHead(ctx, shown, scale, ratio) {
    const [xs, ys] = this.store.columns;
    const x = (scale.ox + xs[shown] * scale.sx) / ratio;
    const y = (scale.oy + ys[shown] * scale.sy) / ratio;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    ctx.beginPath();
    ctx.arc(x, y, HEAD_RADIUS, 0, 2 * Math.PI);
    ctx.fillStyle = HEAD_COLOR;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = this.theme.background;
    ctx.stroke();
  }
}
