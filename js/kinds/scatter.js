// kind="scatter": each row is a frame of K points (x0, y0, x1, y1, ...),
// coloured by index (or by per-point values, or one colour), with a fading
// trail of earlier frames and optional small multiples.

import style from "../../src/livescope/_spec/style.json" with { type: "json" };
import { RowStore } from "../data/row_store.js";
import { drawAxes, drawFrame, finiteExtent, niceRange, yLabelWidth } from "../draw/axes.js";
import {
  context2d,
  createCanvas,
  createImage,
  cssRgb,
  font,
  prepareCanvas,
} from "../draw/canvas.js";
import { colormapLUT } from "../draw/colormaps.js";
import { createPlotArea } from "../draw/readout.js";
import { formatStep } from "../host/format.js";
import { PALETTE } from "../host/theme.js";
import { ReplayableView } from "./replay.js";
import { createColorKey, formatCount } from "./scatter/color_key.js";
import { facetGrid, facetMembership, panelScales } from "./scatter/facets.js";
import {
  decodeBytes,
  fadedPalette,
  levelRgb,
  pointLevels,
  trailAlpha,
} from "./scatter/point_colors.js";
import { discStamp, splatPoints } from "./scatter/splat.js";

const MIN_PANEL_WIDTH = style.facets.min_panel_width;
const MIN_PANEL_HEIGHT = style.facets.min_panel_height;
const MARGIN = { right: 12, top: 8, bottom: 22 };
const FACET_GAP = 12;
const FACET_TITLE = 16;
// Path segments are drawn in this many colour groups (one canvas path each).
const PATH_BUCKETS = 16;

/** Absolute index of the first row held: rows a `max_rows` window let go (0 without one). */
const firstRow = (store) => store.dropped ?? 0;

/** Marker diameter in CSS pixels: smaller as there are more points. */
export function autoSize(k) {
  if (k <= 500) return 7;
  if (k <= 5000) return 4;
  if (k <= 50000) return 2.5;
  return 2;
}

export class ScatterView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate }) {
    super(store, invalidate);
    this.derivedKey = "";
    this.cache = null;
    this.image = null;
    this.extents = new Map();
    this.extentsGeneration = store.generation;
    // The panels last drawn (facetGrid's answer), for tests and debugging.
    this.layout = null;

    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.colorKey = createColorKey(readout.bar);
    this.canvas = createCanvas(plot, "livescope-image");
  }

  /** Points per frame (K), known from the rows or the `points` option. */
  get points() {
    return this.store.width ? this.store.width / 2 : (this.options.points ?? 0);
  }

  /** The shown frame's x and y of every point, as plain arrays (for tests and debugging). */
  shownFrame() {
    const i = this.shownIndex;
    if (i < 0) return null;
    const row = this.store.row(i);
    const x = [];
    const y = [];
    for (let k = 0; k < row.length; k += 2) {
      x.push(row[k]);
      y.push(row[k + 1]);
    }
    return { index: i, step: this.store.steps[i], x, y };
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const shown = this.shownIndex;
    const { store } = this;
    this.readout.show(
      shown < 0
        ? "no frames yet"
        : `step ${formatStep(store.steps[shown])} · ${formatCount(this.points)} points`,
    );
    // Rows other than the shown one only matter through the trail, so new
    // rows redraw only while following.
    const parts = [
      shown,
      shown < 0 ? 0 : store.steps[shown],
      store.generation,
      this.width,
      this.height,
      this.optionsKey,
      this.themeVersion,
      this.points,
    ];
    if (!this.needsDraw(parts)) return false;
    this.draw(shown);
    return true;
  }

  destroy() {
    this.image = null;
    this.cache = null;
  }

  /** Colours, panels and marker for the current K and options; rebuilt when they change. */
  derived() {
    const k = this.points;
    const key = [k, this.optionsKey, this.themeVersion].join("|");
    if (this.cache && key === this.derivedKey) return this.cache;
    this.derivedKey = key;
    const { options, theme } = this;
    const ctx = context2d(this.canvas);
    const colors = options.colors ? decodeBytes(options.colors.levels) : null;
    const levels = pointLevels(k, { single: Boolean(options.color), colors });
    const lut = colormapLUT(options.colormap);
    const facets = facetMembership(options.facet, k);
    this.cache = {
      k,
      levels,
      lut,
      facets,
      background: cssRgb(ctx, theme.background, theme.dark ? [17, 17, 17] : [255, 255, 255]),
      missing: cssRgb(ctx, theme.muted, [128, 128, 128]),
      single: cssRgb(ctx, options.color ?? PALETTE[0], cssRgb(ctx, PALETTE[0])),
      palettes: new Map(),
      buckets: null,
    };
    this.colorKey.show(options, k);
    return this.cache;
  }

  palette(cache, alpha) {
    let palette = cache.palettes.get(alpha);
    if (!palette) {
      palette = fadedPalette(cache.lut, cache.missing, cache.single, alpha, cache.background);
      cache.palettes.set(alpha, palette);
    }
    return palette;
  }

  /** Data ranges over the frames drawn (or the fixed limits), snapped to round ticks. */
  ranges(first, last) {
    const { xlim, ylim } = this.options;
    if (xlim && ylim) return [xlim, ylim];
    let [xlo, xhi, ylo, yhi] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = first; i <= last; i++) {
      const [x0, x1, y0, y1] = this.rowExtent(i);
      xlo = Math.min(xlo, x0);
      xhi = Math.max(xhi, x1);
      ylo = Math.min(ylo, y0);
      yhi = Math.max(yhi, y1);
    }
    // Rows never change, so their extents are kept while they are drawn.
    const base = firstRow(this.store);
    for (const key of this.extents.keys())
      if (key < base + first || key > base + last) this.extents.delete(key);
    return [xlim ?? niceRange(xlo, xhi), ylim ?? niceRange(ylo, yhi)];
  }

  /** [xmin, xmax, ymin, ymax] of the finite coordinates of row `i`. */
  rowExtent(i) {
    const { store } = this;
    if (this.extentsGeneration !== store.generation) {
      this.extents.clear();
      this.extentsGeneration = store.generation;
    }
    // Keyed by absolute index: a max_rows window shifts the indices held.
    const key = firstRow(store) + i;
    let extent = this.extents.get(key);
    if (!extent) {
      const row = store.row(i);
      const [x0, x1] = finiteExtent(row, 0, row.length, 2);
      const [y0, y1] = finiteExtent(row, 1, row.length, 2);
      extent = [x0, x1, y0, y1];
      this.extents.set(key, extent);
    }
    return extent;
  }

  draw(shown) {
    const { theme, options } = this;
    const cache = this.derived();
    const trail = options.trail ?? 0;
    const first = Math.max(0, shown - trail);
    const [xRange, yRange] =
      shown < 0
        ? [
            [0, 1],
            [0, 1],
          ]
        : this.ranges(first, shown);
    const { labels } = cache.facets;
    const titled = labels.length > 0;
    const layout = (left) =>
      facetGrid(labels.length || 1, this.width, this.height, {
        margin: { ...MARGIN, left },
        gap: titled ? FACET_GAP : 0,
        title: titled ? FACET_TITLE : 0,
        columns: options.facet_columns ?? null,
        minWidth: MIN_PANEL_WIDTH,
        minHeight: MIN_PANEL_HEIGHT,
      });
    // The y labels' width depends on the panel height through the tick step.
    const measure = context2d(this.canvas);
    const grid = layout(yLabelWidth(measure, yRange, layout(40).panels[0].height, theme));
    this.layout = grid;
    // Many panels make the view taller rather than smaller than the minimum.
    const ctx = prepareCanvas(this.canvas, this.width, grid.height);
    const ratio = this.canvas.width / this.width;
    // Shared scales: tick labels only on the outer panels.
    const axes = grid.panels.map((p, i) =>
      drawAxes(ctx, p, xRange, yRange, theme, {
        xLabels: i + grid.columns >= grid.panels.length,
        yLabels: p.column === 0,
      }),
    );
    if (shown >= 0) {
      const scales = panelScales(grid.panels, xRange, yRange, ratio);
      if (options.paths && trail > 0)
        this.drawPaths(ctx, cache, scales, first, shown, trail, ratio);
      this.drawPoints(ctx, cache, scales, first, shown, trail, ratio);
    }
    grid.panels.forEach((p, i) => {
      drawFrame(ctx, p, axes[i], theme);
      if (titled) {
        ctx.fillStyle = theme.text;
        ctx.font = font(theme);
        ctx.textAlign = "left";
        ctx.textBaseline = "bottom";
        ctx.fillText(labels[i] ?? "", p.x, p.y - 3, p.width);
      }
    });
  }

  /** Every frame from `first` to `last` into one image, oldest first, then onto the canvas. */
  drawPoints(ctx, cache, panels, first, last, trail, ratio) {
    const { width: w, height: h } = this.canvas;
    if (!this.image || this.image.canvas.width !== w || this.image.canvas.height !== h) {
      this.image = createImage(w, h);
    }
    const { canvas, ctx: imageCtx, data, pixels } = this.image;
    pixels.fill(0);
    const size = this.options.size ?? autoSize(cache.k);
    const stamp = discStamp((size / 2) * ratio);
    for (let i = first; i <= last; i++) {
      const palette = this.palette(cache, trailAlpha(last - i, trail));
      splatPoints(pixels, w, this.store.row(i), cache.k, {
        levels: cache.levels,
        palette,
        panelOf: cache.facets.panelOf,
        panels,
        stamp,
      });
    }
    imageCtx.putImageData(data, 0, 0);
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(canvas, 0, 0);
    ctx.restore();
  }

  /** Each point's path through the trail frames, one canvas path per colour group and age. */
  drawPaths(ctx, cache, panels, first, last, trail, ratio) {
    const buckets = this.pathBuckets(cache);
    const { panelOf } = cache.facets;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.lineWidth = ratio;
    for (let i = first + 1; i <= last; i++) {
      const from = this.store.row(i - 1);
      const to = this.store.row(i);
      ctx.globalAlpha = trailAlpha(last - i, trail);
      for (const { color, members } of buckets) {
        ctx.strokeStyle = color;
        ctx.beginPath();
        for (const k of members) {
          const p = panels[panelOf ? panelOf[k] : 0];
          const x0 = p.ox + from[2 * k] * p.sx;
          const y0 = p.oy + from[2 * k + 1] * p.sy;
          const x1 = p.ox + to[2 * k] * p.sx;
          const y1 = p.oy + to[2 * k + 1] * p.sy;
          if (Number.isFinite(x0 + y0 + x1 + y1)) {
            ctx.moveTo(x0, y0);
            ctx.lineTo(x1, y1);
          }
        }
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  /** Points grouped by colour, each group with the CSS colour of its middle level. */
  pathBuckets(cache) {
    if (cache.buckets) return cache.buckets;
    const groups = new Map();
    const span = 256 / PATH_BUCKETS;
    cache.levels.forEach((level, k) => {
      const bucket = level < 256 ? Math.floor(level / span) : level;
      let members = groups.get(bucket);
      if (!members) {
        members = [];
        groups.set(bucket, members);
      }
      members.push(k);
    });
    cache.buckets = [...groups].map(([bucket, members]) => {
      const level =
        bucket < PATH_BUCKETS ? Math.min(255, Math.round((bucket + 0.5) * span)) : bucket;
      const [r, g, b] = levelRgb(level, cache.lut, cache.missing, cache.single);
      return { color: `rgb(${r}, ${g}, ${b})`, members: Int32Array.from(members) };
    });
    return cache.buckets;
  }
}
