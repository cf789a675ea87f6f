// kind="waterfall": the history up to the row shown as an image, one pixel
// row per step (binned once steps outnumber pixels, see waterfall_image.js),
// values left to right, through a colormap, with step and index axes, a
// colorbar and hover. New rows repaint only their own pixel row.

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
import { colormapLUT } from "../draw/colormaps.js";
import { createPlotArea } from "../draw/readout.js";
import { labelledTicks, niceTicks } from "../draw/ticks.js";
import { resolveLimits, ValueRange } from "../draw/value_range.js";
import { formatStep, formatValue } from "../host/format.js";
import { ReplayableView } from "./replay.js";
import { WaterfallImage } from "./waterfall_image.js";

const PAD = 6;
const TICK = 3;
const AXIS_GAP = 4;
const BOTTOM = 30;

export class WaterfallView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate, signal }) {
    super(store, invalidate);
    this.xLabel = "";
    this.range = new ValueRange();
    this.picture = new WaterfallImage(createImage);
    this.geometry = null;
    this.hover = null; // { slot, col } under the pointer
    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.canvas = createCanvas(plot, "livescope-image");
    this.canvas.addEventListener("pointermove", (e) => this.onPointer(e.offsetX, e.offsetY), {
      signal,
    });
    this.canvas.addEventListener("pointerleave", () => this.onPointer(null, null), { signal });
  }

  configure(traits) {
    super.configure(traits);
    this.xLabel = traits.xLabel;
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const hover = this.hover ? `${this.hover.slot},${this.hover.col}` : "";
    const parts = [
      store.version,
      store.generation,
      shown,
      this.width,
      this.height,
      this.themeVersion,
      hover,
      this.xLabel,
      JSON.stringify(this.options),
    ];
    if (!this.needsDraw(parts)) return false;
    this.range.update(store);
    const { vmin = null, vmax = null } = this.options;
    const [lo, hi] = resolveLimits(this.range, vmin, vmax);
    const lut = colormapLUT(this.options.colormap);
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const g = this.layout(ctx, lo, hi, shown + 1);
    this.geometry = g;

    const ratio = globalThis.devicePixelRatio || 1;
    const maxSlots = Math.max(1, Math.round(g.h * ratio));
    const dirty = this.picture.update(store, shown + 1, maxSlots, lut, lo, hi);
    const { image } = this.picture;
    if (dirty && dirty[1] > dirty[0]) {
      const w = this.picture.width;
      image.ctx.putImageData(image.data, 0, 0, 0, dirty[0], w, dirty[1] - dirty[0]);
    }
    fillNoData(ctx, g.x, g.y, g.w, g.h, this.theme);
    if (this.picture.slots > 0) drawPixels(ctx, image, 0, this.picture.slots, g.x, g.y, g.w, g.h);
    this.drawAxes(ctx, g, shown);
    this.drawHover(ctx, g);
    const noData = this.range.nonFinite;
    drawColorbar(ctx, { x: g.barX, y: g.y, height: g.h, lut, lo, hi, theme: this.theme, noData });
    this.showReadout(shown);
    return true;
  }

  layout(ctx, lo, hi, count) {
    const { theme } = this;
    ctx.font = font(theme);
    const lastStep = count > 0 ? formatStep(this.store.steps[count - 1]) : "0";
    const labelWidth = Math.ceil(ctx.measureText(lastStep).width);
    const left = PAD + (this.xLabel ? 16 : 0) + labelWidth + TICK + AXIS_GAP;
    const h = Math.max(20, this.height - PAD - BOTTOM);
    const noData = this.range.nonFinite;
    const right = 12 + colorbarWidth(ctx, { lo, hi, height: h, theme, noData }) + PAD;
    const w = Math.max(20, this.width - left - right);
    return { x: left, y: PAD, w, h, barX: left + w + 12 };
  }

  /** Steps down the left (placed at their rows), value indices along the bottom. */
  drawAxes(ctx, g, shown) {
    const { theme, store, picture } = this;
    ctx.strokeStyle = theme.axis;
    ctx.fillStyle = theme.text;
    ctx.lineWidth = 1;
    ctx.font = font(theme);
    ctx.beginPath();
    const slots = picture.slots;
    if (slots > 0) {
      const first = store.steps[0];
      const last = store.steps[shown];
      ctx.textAlign = "right";
      ctx.textBaseline = "middle";
      for (const { value, label } of labelledTicks(
        first,
        last,
        Math.max(2, Math.floor(g.h / 36)),
      )) {
        const row = Math.min(store.lowerBound(value), shown);
        const y = Math.round(g.y + ((picture.slotOfRow(row) + 0.5) / slots) * g.h) + 0.5;
        ctx.moveTo(g.x - TICK, y);
        ctx.lineTo(g.x, y);
        ctx.fillText(label, g.x - TICK - 2, y);
      }
    }
    const m = store.columnCount;
    if (m > 0) {
      ctx.textAlign = "center";
      ctx.textBaseline = "top";
      for (const c of niceTicks(0, m - 1, Math.max(2, Math.floor(g.w / 70)), { integer: true })) {
        const x = Math.round(g.x + ((c + 0.5) / m) * g.w) + 0.5;
        ctx.moveTo(x, g.y + g.h);
        ctx.lineTo(x, g.y + g.h + TICK);
        ctx.fillText(String(c), x, g.y + g.h + TICK + 2);
      }
    }
    ctx.stroke();
    if (this.xLabel) {
      ctx.save();
      ctx.translate(PAD + 6, g.y + g.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.fillStyle = theme.muted;
      ctx.fillText(this.xLabel, 0, 0);
      ctx.restore();
    }
  }

  drawHover(ctx, g) {
    const cell = this.hoverCell();
    if (!cell) return;
    const m = this.store.columnCount;
    const slots = this.picture.slots;
    ctx.strokeStyle = this.theme.text;
    ctx.lineWidth = 1;
    const x = g.x + (cell.col / m) * g.w;
    const y = g.y + (this.hover.slot / slots) * g.h;
    ctx.strokeRect(x - 0.5, y - 0.5, Math.max(g.w / m, 1) + 1, Math.max(g.h / slots, 1) + 1);
  }

  /** The row and value index under the pointer, or null. */
  hoverCell() {
    if (!this.hover || this.hover.slot >= this.picture.slots) return null;
    return { row: this.picture.rowOfSlot(this.hover.slot), col: this.hover.col };
  }

  onPointer(px, py) {
    const g = this.geometry;
    const m = this.store.columnCount;
    const slots = this.picture.slots;
    /** @type {{ slot: number, col: number } | null} */
    let hover = null;
    if (g && px !== null && m > 0 && slots > 0) {
      const col = Math.floor(((px - g.x) / g.w) * m);
      const slot = Math.floor(((py - g.y) / g.h) * slots);
      if (col >= 0 && col < m && slot >= 0 && slot < slots) hover = { slot, col };
    }
    if (hover?.slot === this.hover?.slot && hover?.col === this.hover?.col) return;
    this.hover = hover;
    this.invalidate();
  }

  showReadout(shown) {
    if (shown < 0) {
      this.readout.show("");
      return;
    }
    const cell = this.hoverCell();
    if (!cell) {
      this.readout.show(`step ${formatStep(this.store.steps[shown])}`);
      return;
    }
    const value = formatValue(this.store.value(cell.row, cell.col));
    this.readout.show(
      `step ${formatStep(this.store.steps[cell.row])} · index ${cell.col}: ${value}`,
    );
  }

  destroy() {
    this.picture = new WaterfallImage(createImage);
  }
}
