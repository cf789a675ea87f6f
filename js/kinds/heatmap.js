// kind="heatmap": the row shown as a rows x cols image through a colormap,
// cells square and scaled without smoothing, with a colorbar, optional
// labels, the values written in the cells of small frames, and hover.

import { RowStore } from "../data/row_store.js";
import {
  createCanvas,
  createImage,
  drawPixels,
  fillNoData,
  font,
  prepareCanvas,
} from "../draw/canvas.js";
import { colorbarWidth, drawColorbar } from "../draw/colorbar.js";
import { colormapLUT, textColorOn } from "../draw/colormaps.js";
import { centeredLimits, colorIndex, paintValues } from "../draw/pixels.js";
import { createPlotArea } from "../draw/readout.js";
import { niceTicks } from "../draw/ticks.js";
import { valueFormatter } from "../draw/value_format.js";
import { resolveLimits, ValueRange } from "../draw/value_range.js";
import { formatStep, formatValue } from "../host/format.js";
import { ReplayableView } from "./replay.js";

// Frames up to this size get their values written in the cells by default.
export const ANNOTATE_MAX = 20;
const MIN_ANNOTATION_PX = 7;
const PAD = 6;
const LABEL_GAP = 4;
// The height of a line of labels; cells narrower than this get no labels on end.
const LABEL_HEIGHT = 14;

/**
 * How to write the values of one frame in its cells: with the `annotate`
 * format when it is one ("{:.3f}"), else one number of decimals for all, so
 * the largest value gets 3 significant digits and the columns line up;
 * exponents only for very large or very small frames.
 */
export function cellFormat(values, annotate = null) {
  const given = valueFormatter(annotate);
  if (given) return (v) => (Number.isFinite(v) ? given(v) : formatValue(v));
  let largest = 0;
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > largest) largest = Math.abs(v);
  const exponent = largest > 0 ? Math.floor(Math.log10(largest)) : 0;
  if (exponent >= 5 || exponent < -3) {
    return (v) => (Number.isFinite(v) ? v.toExponential(1).replace("e+", "e") : formatValue(v));
  }
  const decimals = Math.max(0, 2 - exponent);
  return (v) => {
    if (!Number.isFinite(v)) return formatValue(v);
    const text = v.toFixed(decimals);
    return Number(text) === 0 ? text.replace("-", "") : text;
  };
}

/** Whether to write values in the cells: forced by `annotate` (a format forces it), or by the frame's size. */
export function annotates(annotate, rows, cols) {
  if (typeof annotate === "string") return true;
  return annotate ?? (rows <= ANNOTATE_MAX && cols <= ANNOTATE_MAX);
}

export class HeatmapView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate, signal }) {
    super(store, invalidate);
    this.range = new ValueRange();
    this.image = null;
    this.geometry = null;
    this.hover = null; // { row, col } under the pointer
    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.canvas = createCanvas(plot, "livescope-image");
    this.canvas.addEventListener("pointermove", (e) => this.onPointer(e.offsetX, e.offsetY), {
      signal,
    });
    this.canvas.addEventListener("pointerleave", () => this.onPointer(null, null), { signal });
  }

  get shape() {
    const [rows, cols] = this.options.shape ?? [1, this.store.columnCount || 1];
    return { rows, cols };
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const hover = this.hover ? `${this.hover.row},${this.hover.col}` : "";
    const parts = [
      store.version,
      store.generation,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      hover,
      JSON.stringify(this.options),
    ];
    if (!this.needsDraw(parts)) return false;
    this.range.update(store);
    const { rows, cols } = this.shape;
    const { vmin = null, vmax = null, vcenter = null } = this.options;
    const center = Number.isFinite(vcenter) ? vcenter : null;
    let [lo, hi] = resolveLimits(this.range, vmin, vmax);
    if (center !== null) [lo, hi] = centeredLimits(lo, hi, center);
    const lut = colormapLUT(this.options.colormap);
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const g = this.layout(ctx, rows, cols, lo, hi, center);
    this.geometry = g;
    const row = shown >= 0 && store.columnCount === rows * cols ? store.row(shown) : null;

    fillNoData(ctx, g.x, g.y, g.w, g.h, this.theme);
    if (row) {
      if (!this.image || this.image.canvas.width !== cols || this.image.canvas.height !== rows) {
        this.image = createImage(cols, rows);
      }
      paintValues(this.image.pixels, 0, row, 0, rows * cols, lut, lo, hi, 1, center);
      this.image.ctx.putImageData(this.image.data, 0, 0);
      drawPixels(ctx, this.image, 0, rows, g.x, g.y, g.w, g.h);
      if (annotates(this.options.annotate ?? null, rows, cols)) {
        this.annotate(ctx, g, row, lut, lo, hi, center);
      }
    }
    this.drawLabels(ctx, g);
    this.drawHover(ctx, g);
    const noData = this.range.nonFinite;
    drawColorbar(ctx, {
      x: g.barX,
      y: g.y,
      height: g.barHeight,
      lut,
      lo,
      hi,
      theme: this.theme,
      noData,
      center,
    });
    this.drawColorbarLabel(ctx, g);
    this.showReadout(shown, row, g);
    return true;
  }

  /** Where everything goes, in CSS pixels: square cells as large as fit. */
  layout(ctx, rows, cols, lo, hi, center) {
    const { theme, options } = this;
    ctx.font = font(theme);
    const rowLabels = options.row_labels ?? null;
    const colLabels = options.col_labels ?? null;
    const widest = (labels) => Math.max(0, ...labels.map((t) => ctx.measureText(t).width));
    const rowTicks = rowLabels ? rowLabels : [String(rows - 1)];
    const left = PAD + Math.ceil(widest(rowTicks)) + LABEL_GAP;
    const noData = this.range.nonFinite;
    const place = (band) => {
      const top = PAD + band + LABEL_GAP;
      const barHeight0 = Math.max(40, this.height - top - PAD);
      const label = options.colorbar_label ?? null;
      const bar = { lo, hi, height: barHeight0, theme, noData, center, label };
      const right = 12 + colorbarWidth(ctx, bar) + PAD;
      const availW = Math.max(1, this.width - left - right);
      const availH = Math.max(1, this.height - top - PAD);
      let cell = Math.min(availW / cols, availH / rows);
      if (cell >= 1) cell = Math.floor(cell); // whole pixels: every cell the same size
      const w = cell * cols;
      const h = cell * rows;
      const barHeight = Math.min(availH, Math.max(h, 100));
      const barX = left + w + 12;
      return { x: left, y: top, w, h, cell, rows, cols, barX, barHeight, rowLabels, colLabels };
    };
    const level = { ...place(LABEL_HEIGHT), rotated: false };
    // Column labels too wide for their cells stand on end rather than be thinned away.
    if (!colLabels || level.cell >= widest(colLabels) + 6) return level;
    const rotated = place(Math.ceil(widest(colLabels)));
    return rotated.cell >= LABEL_HEIGHT ? { ...rotated, rotated: true } : level;
  }

  /** Row labels (or indices) on the left, column labels (or indices) on top; thinned to fit. */
  drawLabels(ctx, g) {
    const { theme } = this;
    ctx.fillStyle = theme.text;
    ctx.font = font(theme);
    ctx.textBaseline = "middle";
    ctx.textAlign = "right";
    for (const r of this.labelPositions(g.rowLabels, g.rows, g.cell, 14)) {
      const text = g.rowLabels ? g.rowLabels[r] : String(r);
      ctx.fillText(text, g.x - LABEL_GAP, g.y + (r + 0.5) * g.cell);
    }
    if (g.rotated) {
      ctx.textAlign = "left";
      ctx.textBaseline = "middle";
      g.colLabels.forEach((text, c) => {
        ctx.save();
        ctx.translate(g.x + (c + 0.5) * g.cell, g.y - LABEL_GAP);
        ctx.rotate(-Math.PI / 2);
        ctx.fillText(text, 0, 0);
        ctx.restore();
      });
      return;
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "bottom";
    const texts = g.colLabels ?? Array.from({ length: g.cols }, (_, c) => String(c));
    const width = Math.max(...this.labelSample(texts).map((t) => ctx.measureText(t).width)) + 6;
    for (const c of this.labelPositions(g.colLabels, g.cols, g.cell, width)) {
      ctx.fillText(texts[c], g.x + (c + 0.5) * g.cell, g.y - LABEL_GAP);
    }
  }

  labelSample(texts) {
    return texts.length > 64 ? [texts[0], texts[texts.length - 1]] : texts;
  }

  /** Which of `count` positions get a label when each needs `space` pixels. */
  labelPositions(labels, count, cell, space) {
    if (labels && cell >= space) return labels.map((_, i) => i);
    if (labels) {
      const every = Math.ceil(space / cell);
      return Array.from({ length: Math.ceil(count / every) }, (_, k) => k * every);
    }
    return niceTicks(0, count - 1, Math.max(1, Math.floor((count * cell) / space)), {
      integer: true,
    });
  }

  /** Values in the cells, in black or white by the cell's colour; skipped when they cannot fit. */
  annotate(ctx, g, row, lut, lo, hi, center) {
    let size = Math.min(12, Math.floor(g.cell * 0.4));
    if (size < MIN_ANNOTATION_PX) return;
    const texts = Array.from(row, cellFormat(row, this.options.annotate));
    ctx.font = font(this.theme, size);
    const widest = Math.max(...texts.map((t) => ctx.measureText(t).width));
    if (widest > g.cell - 2) size = Math.floor((size * (g.cell - 2)) / widest);
    if (size < MIN_ANNOTATION_PX) return;
    ctx.font = font(this.theme, size);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let r = 0; r < g.rows; r++) {
      for (let c = 0; c < g.cols; c++) {
        const v = row[r * g.cols + c];
        const i = colorIndex(v, lo, hi, center);
        ctx.fillStyle = i < 0 ? this.theme.text : textColorOn(lut, i);
        ctx.fillText(texts[r * g.cols + c], g.x + (c + 0.5) * g.cell, g.y + (r + 0.5) * g.cell);
      }
    }
  }

  /** The `colorbar_label` above the colorbar, where the column labels are above the cells. */
  drawColorbarLabel(ctx, g) {
    const label = this.options.colorbar_label;
    if (!label) return;
    ctx.fillStyle = this.theme.muted;
    ctx.font = font(this.theme);
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    ctx.fillText(label, g.barX, g.y - LABEL_GAP);
  }

  drawHover(ctx, g) {
    if (!this.hover) return;
    ctx.strokeStyle = this.theme.text;
    ctx.lineWidth = 2;
    const cell = Math.max(g.cell, 2);
    ctx.strokeRect(g.x + this.hover.col * g.cell, g.y + this.hover.row * g.cell, cell, cell);
  }

  /** The cell at CSS pixel (px, py) of the canvas, or null outside the image. */
  cellAt(px, py) {
    const g = this.geometry;
    if (!g || px === null || g.cell <= 0) return null;
    const col = Math.floor((px - g.x) / g.cell);
    const row = Math.floor((py - g.y) / g.cell);
    return row >= 0 && row < g.rows && col >= 0 && col < g.cols ? { row, col } : null;
  }

  onPointer(px, py) {
    const cell = this.cellAt(px, py);
    if (cell?.row === this.hover?.row && cell?.col === this.hover?.col) return;
    this.hover = cell;
    this.invalidate();
  }

  /** Say the step shown, and the value under the pointer in the cells laid out as `g`. */
  showReadout(shown, row, g) {
    if (shown < 0) {
      this.readout.show("");
      return;
    }
    const step = `step ${formatStep(this.store.steps[shown])}`;
    if (!this.hover || !row) {
      this.readout.show(step);
      return;
    }
    const { row: r, col: c } = this.hover;
    const name = (labels, i) => (labels ? `${i} (${labels[i]})` : String(i));
    const value = formatValue(row[r * g.cols + c]);
    this.readout.show(
      `${step} · row ${name(g.rowLabels, r)}, col ${name(g.colLabels, c)}: ${value}`,
    );
  }

  destroy() {
    this.image = null;
  }
}
