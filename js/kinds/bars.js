// kind="bars": the row shown as L bars, over bin `edges` (a histogram: bins
// touch), one per `label`, or over the index. The y range is `ylim`, or
// every value received so far and 0, widened to round ticks, so replayed
// and streamed rows share still axes (as the Python picture, _picture/bars.py).

import { RowStore } from "../data/row_store.js";
import { drawAxes, drawFrame, niceRange, yLabelWidth } from "../draw/axes.js";
import { createCanvas, font, prepareCanvas } from "../draw/canvas.js";
import { createPlotArea } from "../draw/readout.js";
import { ValueRange } from "../draw/value_range.js";
import { formatStep, formatValue } from "../host/format.js";
import { PALETTE } from "../host/theme.js";
import { ReplayableView } from "./replay.js";

const MARGIN = { right: 12, top: 8, bottom: 22 };
/** Of a bar's slot left empty on each side, without edges. */
export const GAP = 0.1;

/**
 * Left and right x of every one of `length` bars, and the x range.
 * @returns {{ left: number[], right: number[], range: [number, number] }}
 */
export function barExtents(edges, length) {
  if (edges && edges.length === length + 1) {
    return { left: edges.slice(0, -1), right: edges.slice(1), range: [edges[0], edges[length]] };
  }
  const left = Array.from({ length }, (_, i) => i + GAP);
  const right = Array.from({ length }, (_, i) => i + 1 - GAP);
  return { left, right, range: [0, Math.max(length, 1)] };
}

/** The y range: `ylim`, or [min, max] of every value and 0, widened to round ticks. */
export function barsYRange(ylim, min, max) {
  if (ylim) return ylim;
  if (!(min <= max)) return [0, 1];
  return niceRange(Math.min(min, 0), Math.max(max, 0));
}

export class BarsView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate, signal }) {
    super(store, invalidate);
    this.range = new ValueRange();
    this.geometry = null;
    this.hover = -1; // the bar under the pointer
    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.canvas = createCanvas(plot, "livescope-image");
    this.canvas.addEventListener("pointermove", (e) => this.onPointer(e.offsetX), { signal });
    this.canvas.addEventListener("pointerleave", () => this.onPointer(null), { signal });
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const parts = [
      store.version,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      this.hover,
      JSON.stringify(this.options),
    ];
    if (!this.needsDraw(parts)) return false;
    this.range.update(store);
    const { theme, options } = this;
    const length = store.columnCount;
    const labels = options.labels ?? null;
    const bars = barExtents(options.edges ?? null, length);
    const yRange = barsYRange(options.ylim ?? null, this.range.min, this.range.max);
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const height = this.height - MARGIN.top - MARGIN.bottom;
    const left = yLabelWidth(ctx, yRange, height, theme);
    const rect = { x: left, y: MARGIN.top, width: this.width - left - MARGIN.right, height };
    const axes = drawAxes(ctx, rect, bars.range, yRange, theme, { xLabels: !labels });
    this.geometry = { rect, bars, px: axes.px };
    const row = shown >= 0 && length ? store.row(shown) : null;
    if (row) {
      const base = axes.py(Math.min(Math.max(0, yRange[0]), yRange[1]));
      const clamp = (v) => Math.min(Math.max(v, yRange[0]), yRange[1]);
      for (let i = 0; i < length; i++) {
        const v = row[i];
        if (!Number.isFinite(v)) continue;
        const x0 = axes.px(bars.left[i]);
        const x1 = axes.px(bars.right[i]);
        const y = axes.py(clamp(v));
        ctx.fillStyle = options.color ?? PALETTE[0];
        ctx.globalAlpha = i === this.hover ? 0.7 : 1;
        ctx.fillRect(
          x0,
          Math.min(y, base),
          Math.max(x1 - x0 - 0.5, 0.5),
          Math.abs(base - y) || 0.5,
        );
      }
      ctx.globalAlpha = 1;
    }
    drawFrame(ctx, rect, axes, theme);
    if (labels) this.drawLabels(ctx, rect, axes, labels);
    this.showReadout(shown, row);
    return true;
  }

  /** Each bar's label under it; every k-th when they would overlap. */
  drawLabels(ctx, rect, axes, labels) {
    ctx.font = font(this.theme);
    ctx.fillStyle = this.theme.text;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const slot = rect.width / Math.max(1, labels.length);
    const widest = Math.max(...labels.map((t) => ctx.measureText(t).width)) + 6;
    const every = Math.max(1, Math.ceil(widest / slot));
    for (let i = 0; i < labels.length; i += every) {
      ctx.fillText(labels[i], axes.px(i + 0.5), rect.y + rect.height + 6);
    }
  }

  /** The bar at CSS pixel x, or -1. */
  barAt(px) {
    const g = this.geometry;
    if (!g || px === null) return -1;
    const { left, right } = g.bars;
    for (let i = 0; i < left.length; i++) if (px >= g.px(left[i]) && px < g.px(right[i])) return i;
    return -1;
  }

  onPointer(px) {
    const bar = this.barAt(px);
    if (bar === this.hover) return;
    this.hover = bar;
    this.invalidate();
  }

  showReadout(shown, row) {
    if (shown < 0) {
      this.readout.show("no rows yet");
      return;
    }
    const step = `step ${formatStep(this.store.steps[shown])}`;
    const i = this.hover;
    if (i < 0 || !row || i >= row.length) {
      this.readout.show(step);
      return;
    }
    const { labels, edges } = this.options;
    const which = labels
      ? labels[i]
      : edges
        ? `[${formatValue(edges[i])}, ${formatValue(edges[i + 1])})`
        : `bar ${i}`;
    this.readout.show(`${step} · ${which}: ${formatValue(row[i])}`);
  }
}
