// kind="segments": each row is a frame of K line segments (x0, y0, x1, y1
// per segment), coloured by length or angle through a colormap (in BUCKETS
// steps, one canvas path each) or in one colour, with a fading trail of
// earlier frames and optional small multiples, laid out as the scatter's.

import { RowStore } from "../data/row_store.js";
import { drawAxes, drawFrame, finiteExtent, niceRange, yLabelWidth } from "../draw/axes.js";
import { createCanvas, font, prepareCanvas } from "../draw/canvas.js";
import { colormapLUT, cssColor } from "../draw/colormaps.js";
import { createPlotArea } from "../draw/readout.js";
import { formatStep } from "../host/format.js";
import { PALETTE } from "../host/theme.js";
import { ReplayableView } from "./replay.js";
import { createColorKey, formatCount } from "./scatter/color_key.js";
import { facetGrid, facetMembership, panelScales } from "./scatter/facets.js";
import { trailAlpha } from "./scatter/point_colors.js";

const MARGIN = { right: 12, top: 8, bottom: 22 };
const FACET_GAP = 12;
const FACET_TITLE = 16;
/** Colour steps along the colormap: one canvas path each (as the Python picture). */
export const BUCKETS = 32;

/** The colour value of segment `s` of `row`: its length or angle (-pi..pi). */
export function segmentValue(row, s, colorBy) {
  const dx = row[4 * s + 2] - row[4 * s];
  const dy = row[4 * s + 3] - row[4 * s + 1];
  return colorBy === "angle" ? Math.atan2(dy, dx) : Math.hypot(dx, dy);
}

/** The longest finite segment of `row` (0 when none is). */
export function longest(row, k) {
  let most = 0;
  for (let s = 0; s < k; s++) {
    const v = segmentValue(row, s, "length");
    if (v > most) most = v; // NaN compares false
  }
  return most;
}

/**
 * Each of the `k` segments' colour step 0..BUCKETS-1 into `out` (-1 when
 * not finite); all 0 without `colorBy` (one colour).
 * @param {ArrayLike<number>} row
 * @param {number} k
 * @param {string | null} colorBy
 * @param {[number, number] | null} range
 * @param {Int8Array} out
 */
export function segmentBuckets(row, k, colorBy, range, out) {
  if (!colorBy || !range) {
    out.fill(0, 0, k);
    return out;
  }
  const [lo, hi] = range;
  const scale = BUCKETS / (hi - lo);
  for (let s = 0; s < k; s++) {
    const v = segmentValue(row, s, colorBy);
    if (!Number.isFinite(v)) {
      out[s] = -1;
      continue;
    }
    const b = Math.floor((v - lo) * scale);
    out[s] = b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
  }
  return out;
}

export class SegmentsView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate }) {
    super(store, invalidate);
    this.layout = null; // the panels last drawn, for tests
    this.colorRange = null; // the values the colormap spanned in the last draw
    this.steps = new Int8Array(0);
    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.colorKey = createColorKey(readout.bar);
    this.canvas = createCanvas(plot, "livescope-image");
  }

  /** Segments per frame (K), known from the rows or the `segments` option. */
  get segments() {
    return this.store.width ? this.store.width / 4 : (this.options.segments ?? 0);
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const shown = this.shownIndex;
    const { store } = this;
    this.readout.show(
      shown < 0
        ? "no frames yet"
        : `step ${formatStep(store.steps[shown])} · ${formatCount(this.segments)} segments`,
    );
    const parts = [
      shown,
      shown < 0 ? 0 : store.steps[shown],
      store.generation,
      store.dropped,
      this.width,
      this.height,
      this.optionsKey,
      this.themeVersion,
      this.segments,
    ];
    if (!this.needsDraw(parts)) return false;
    this.draw(shown);
    return true;
  }

  /** Data ranges over both ends of the frames drawn (or the fixed limits), round. */
  ranges(first, last) {
    const { xlim, ylim } = this.options;
    if (xlim && ylim) return [xlim, ylim];
    /** @type {[number, number]} */
    const x = [Infinity, -Infinity];
    /** @type {[number, number]} */
    const y = [Infinity, -Infinity];
    for (let i = first; i <= last; i++) {
      const row = this.store.row(i);
      finiteExtent(row, 0, row.length, 2, x);
      finiteExtent(row, 1, row.length, 2, y);
    }
    return [xlim ?? niceRange(x[0], x[1]), ylim ?? niceRange(y[0], y[1])];
  }

  /** The values the colormap spans for frames first..last: 0..longest, -pi..pi, or null. */
  valueRange(first, last) {
    const colorBy = this.options.color_by;
    if (colorBy === "angle") return [-Math.PI, Math.PI];
    if (colorBy !== "length") return null;
    let most = 0;
    for (let i = first; i <= last; i++)
      most = Math.max(most, longest(this.store.row(i), this.segments));
    return [0, most || 1];
  }

  draw(shown) {
    const { theme, options } = this;
    const k = this.segments;
    const trail = options.trail ?? 0;
    const first = Math.max(0, shown - trail);
    const unit = [0, 1];
    const [xRange, yRange] = shown < 0 ? [unit, unit] : this.ranges(first, shown);
    const range = shown < 0 ? null : this.valueRange(first, shown);
    this.colorRange = range;
    this.colorKey.show(
      range ? { colormap: options.colormap, colors: { range } } : { color: "one" },
      k,
    );
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const ratio = this.canvas.width / this.width;
    const facets = facetMembership(options.facet, k);
    const { labels } = facets;
    const titled = labels.length > 0;
    const layout = (left) =>
      facetGrid(labels.length || 1, this.width, this.height, {
        margin: { ...MARGIN, left },
        gap: titled ? FACET_GAP : 0,
        title: titled ? FACET_TITLE : 0,
      });
    const grid = layout(yLabelWidth(ctx, yRange, layout(40).panels[0].height, theme));
    this.layout = grid;
    const axes = grid.panels.map((p, i) =>
      drawAxes(ctx, p, xRange, yRange, theme, {
        xLabels: i + grid.columns >= grid.panels.length,
        yLabels: p.column === 0,
      }),
    );
    if (shown >= 0) {
      const scales = panelScales(grid.panels, xRange, yRange, ratio);
      const colors = this.colors();
      for (let i = first; i <= shown; i++) {
        this.drawFrame(
          ctx,
          scales,
          facets.panelOf,
          colors,
          i,
          range,
          trailAlpha(shown - i, trail),
          ratio,
        );
      }
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

  /** The CSS colour of each step: the colormap at its middle, or the one colour. */
  colors() {
    const { options } = this;
    if (!options.color_by) return Array(BUCKETS).fill(options.color ?? PALETTE[0]);
    const lut = colormapLUT(options.colormap);
    return Array.from({ length: BUCKETS }, (_, b) =>
      cssColor(lut, Math.min(255, Math.floor(((b + 0.5) * 256) / BUCKETS))),
    );
  }

  /** Frame `i`'s segments in device pixels, clipped to their panels, one path per step. */
  drawFrame(ctx, scales, panelOf, colors, i, range, alpha, ratio) {
    const k = this.segments;
    const row = this.store.row(i);
    if (this.steps.length < k) this.steps = new Int8Array(k);
    const steps = segmentBuckets(row, k, this.options.color_by ?? null, range, this.steps);
    const paths = Array.from({ length: BUCKETS }, () => new Path2D());
    const used = new Uint8Array(BUCKETS);
    for (let s = 0; s < k; s++) {
      const b = steps[s];
      if (b < 0) continue;
      const p = scales[panelOf ? panelOf[s] : 0];
      const x0 = p.ox + row[4 * s] * p.sx;
      const y0 = p.oy + row[4 * s + 1] * p.sy;
      const x1 = p.ox + row[4 * s + 2] * p.sx;
      const y1 = p.oy + row[4 * s + 3] * p.sy;
      if (!Number.isFinite(x0 + y0 + x1 + y1)) continue;
      paths[b].moveTo(x0, y0);
      paths[b].lineTo(x1, y1);
      used[b] = 1;
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    // Clip to the panels, as fixed limits may leave segments outside them.
    ctx.beginPath();
    for (const p of scales) ctx.rect(p.left, p.top, p.right - p.left, p.bottom - p.top);
    ctx.clip();
    ctx.lineWidth = ratio;
    ctx.globalAlpha = alpha;
    for (let b = 0; b < BUCKETS; b++) {
      if (!used[b]) continue;
      ctx.strokeStyle = colors[b];
      ctx.stroke(paths[b]);
    }
    ctx.restore();
  }

  /** The shown frame as K x [x0, y0, x1, y1] (for tests and debugging). */
  shownSegments() {
    const i = this.shownIndex;
    if (i < 0) return null;
    const row = Array.from(this.store.row(i));
    return Array.from({ length: this.segments }, (_, s) => row.slice(4 * s, 4 * s + 4));
  }
}
