// The front end against the golden vectors the static picture (Python) also
// reproduces: src/livescope/_spec/fixtures, written by tools/generate_fixtures.py.
// A rule changed on one side only fails here or in tests/test_parity.py.

import { describe, expect, it } from "vitest";
import colormapFixture from "../src/livescope/_spec/fixtures/colormap.json" with { type: "json" };
import envelopeFixture from "../src/livescope/_spec/fixtures/envelope.json" with { type: "json" };
import formatFixture from "../src/livescope/_spec/fixtures/format.json" with { type: "json" };
import frameFixture from "../src/livescope/_spec/fixtures/frame.json" with { type: "json" };
import pathFixture from "../src/livescope/_spec/fixtures/path_decimate.json" with { type: "json" };
import smoothingFixture from "../src/livescope/_spec/fixtures/smoothing.json" with {
  type: "json",
};
import ticksFixture from "../src/livescope/_spec/fixtures/ticks.json" with { type: "json" };
import valueFormatFixture from "../src/livescope/_spec/fixtures/value_format.json" with {
  type: "json",
};
import { BlockSummaries } from "./data/block_summary.js";
import { RowStore } from "./data/row_store.js";
import { lowerBound, upperBound } from "./data/search.js";
import {
  COLORMAPS,
  colormapLUT,
  packRGB,
  seriesColors,
  textColorOn,
  unpackRGB,
} from "./draw/colormaps.js";
import { centeredLimits, colorIndex, NO_DATA, paintValues } from "./draw/pixels.js";
import { exactLabel, niceStep, niceTicks, tickLabels } from "./draw/ticks.js";
import { valueFormatter } from "./draw/value_format.js";
import { ValueRange } from "./draw/value_range.js";
import { formatStep, formatValue } from "./host/format.js";
import { fillPositions, frameParts, xLimits } from "./kinds/frame/parts.js";
import { ShownRange } from "./kinds/frame/y_range.js";
import { envelope } from "./kinds/lines/envelope.js";
import { smoothEma } from "./kinds/lines/smoothing.js";
import { decimatePath } from "./kinds/path_decimate.js";

/** A fixture number: JSON has no NaN or infinities, so they are written as strings. */
const num = (x) =>
  x === "NaN" ? NaN : x === "Infinity" ? Infinity : x === "-Infinity" ? -Infinity : x;

describe("ticks match the fixture", () => {
  for (const c of ticksFixture.cases) {
    const name = `[${c.lo}, ${c.hi}] count ${c.count}${c.integer ? " integer" : ""}`;
    it(`values on ${name}`, () => {
      expect(niceTicks(c.lo, c.hi, c.count, { integer: c.integer })).toEqual(c.ticks);
    });
    if (c.hi > c.lo) {
      it(`step and labels on ${name}`, () => {
        expect(niceStep(c.hi - c.lo, c.count)).toBe(c.step);
        expect(tickLabels(c.ticks, c.step)).toEqual(c.labels);
      });
    }
  }

  for (const c of ticksFixture.labels) {
    it(`labels of [${c.values}] ${c.step} apart`, () => {
      expect(tickLabels(c.values, c.step)).toEqual(c.labels);
    });
  }

  it("labels log ticks each on its own", () => {
    expect(ticksFixture.exact.map((c) => exactLabel(c.value))).toEqual(
      ticksFixture.exact.map((c) => c.label),
    );
  });
});

describe("legend numbers match the fixture", () => {
  it("formats values", () => {
    const values = formatFixture.values.map((v) => num(v.value));
    expect(values.map(formatValue)).toEqual(formatFixture.values.map((v) => v.text));
  });

  it("formats steps", () => {
    const steps = formatFixture.steps.map((s) => s.step);
    expect(steps.map(formatStep)).toEqual(formatFixture.steps.map((s) => s.text));
  });
});

describe("colormaps match the fixture", () => {
  const { samples } = colormapFixture;

  it("offers the same maps", () => {
    expect(COLORMAPS).toEqual(colormapFixture.names);
  });

  for (const name of colormapFixture.names) {
    it(`${name}: table entries and text colours`, () => {
      const lut = colormapLUT(name);
      expect(lut).toHaveLength(256);
      expect(samples.map((i) => unpackRGB(lut[i]))).toEqual(colormapFixture.luts[name]);
      expect(samples.map((i) => textColorOn(lut, i))).toEqual(colormapFixture.text_on[name]);
    });
  }

  it("maps values on two slopes around a centre, and centres limits", () => {
    const { lo, hi, center, indices, limits } = colormapFixture.center;
    const values = colormapFixture.center.values.map(num);
    expect(values.map((v) => colorIndex(v, lo, hi, center))).toEqual(indices);
    const pixels = new Uint32Array(values.length);
    const lut = Uint32Array.from({ length: 256 }, (_, i) => packRGB(i, 0, 0));
    paintValues(pixels, 0, values, 0, values.length, lut, lo, hi, 1, center);
    expect(
      Array.from(pixels, (p, j) =>
        indices[j] < 0 ? p === NO_DATA : unpackRGB(p)[0] === indices[j],
      ),
    ).not.toContain(false);
    for (const [a, b, c, want] of limits) expect(centeredLimits(a, b, c)).toEqual(want);
  });

  it("colours series in order along a colormap", () => {
    for (const [name, byCount] of Object.entries(colormapFixture.series)) {
      for (const [count, colors] of Object.entries(byCount)) {
        expect(seriesColors(name, Number(count))).toEqual(colors);
      }
    }
  });

  it("maps values to table indices, -1 (no data) where not finite", () => {
    const { lo, hi, indices } = colormapFixture.index;
    const values = colormapFixture.index.values.map(num);
    expect(values.map((v) => colorIndex(v, lo, hi))).toEqual(indices);
  });

  it("paints values through the same indices", () => {
    const { lo, hi, indices } = colormapFixture.index;
    const values = colormapFixture.index.values.map(num);
    // An identity table: each painted pixel is its index.
    const lut = Uint32Array.from({ length: 256 }, (_, i) => packRGB(i, 0, 0));
    const pixels = new Uint32Array(values.length);
    paintValues(pixels, 0, values, 0, values.length, lut, lo, hi);
    const painted = Array.from(pixels, (p) => (p === NO_DATA ? -1 : unpackRGB(p)[0]));
    expect(painted).toEqual(indices);
  });
});

describe("smoothing matches the fixture", () => {
  for (const c of smoothingFixture.cases) {
    it(`weight ${c.weight}`, () => {
      const values = c.values.map(num);
      const expected = c.smoothed.map(num);
      const out = smoothEma(values, 0, values.length, c.weight, new Float64Array(values.length));
      expect(out).toHaveLength(expected.length);
      out.forEach((got, i) => {
        const want = expected[i];
        if (!Number.isFinite(want)) {
          expect(got, `index ${i}`).toBe(want);
          return;
        }
        const error = Math.abs(got - want) / Math.max(Math.abs(want), Number.MIN_VALUE);
        expect(error, `index ${i}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-12);
      });
    });
  }
});

describe("heatmap value formats match the fixture", () => {
  for (const [spec, texts] of Object.entries(valueFormatFixture.texts)) {
    it(spec, () => {
      expect(valueFormatFixture.values.map(valueFormatter(spec))).toEqual(texts);
    });
  }
});

// The envelope picks values and compares steps with the same arithmetic on
// both sides (bin edges x0 + b * (x1 - x0) / bins, first occurrences of
// each extreme), so its points must match exactly.
describe("the envelope matches the fixture", () => {
  /** The widget's null (a gap) as Python's NaN. */
  const asNumbers = (ys) => ys.map((v) => (v === null ? NaN : v));

  for (const c of envelopeFixture.cases) {
    const steps = Float64Array.from(c.steps);
    const columns = c.columns.map((column) => Float64Array.from(column, num));
    const n = steps.length;
    // Blocks of 4 and 16 rows, so that the fixture's short bins hold whole ones.
    const summaries = new BlockSummaries([2, 4]);
    summaries.reset(0, columns.length);
    summaries.extend(columns, 0, 0, n);
    const ways = [
      ["scanning rows", []],
      ["reading block summaries", columns.map((_, k) => summaries.column(k))],
    ];
    for (const [way, blocks] of ways) {
      it(`${c.name}, ${way}`, () => {
        const out = envelope(steps, columns, n, c.x0, c.x1, c.bins, blocks, 0, c.positive);
        // The widget adds the row either side of [x0, x1], so a zoomed line
        // runs to the plot's edges; the picture draws [x0, x1] only.
        const i0 = lowerBound(steps, n, c.x0);
        const i1 = upperBound(steps, n, c.x1);
        const inside = (a) => a.slice(i0 > 0 ? 1 : 0, a.length - (i1 < n ? 1 : 0));
        if (i0 > 0) expect(out.x[0]).toBe(steps[i0 - 1]);
        if (i1 < n) expect(out.x.at(-1)).toBe(steps[i1]);
        expect(inside(out.x)).toEqual(c.rows.map((r) => steps[r]));
        expect(out.ys.map((ys) => asNumbers(inside(ys)))).toEqual(c.values.map((v) => v.map(num)));
        expect(out.rows).toBe(i1 - i0);
        expect(out.binned).toBe(i1 - i0 > 2 * c.bins);
        const drawn = c.values.flat().map(num).filter(Number.isFinite);
        expect(out.yMin).toBe(drawn.length ? Math.min(...drawn) : null);
        expect(out.yMax).toBe(drawn.length ? Math.max(...drawn) : null);
      });
    }
  }
});

// The widget thins a path per pixel as it draws (no budget), keeping the
// first point of each run in one pixel; Python's cell_runs is that rule.
// The test divides by the cell as Python does (x / cell) and draws at scale
// 1, so both floor the same numbers: the points must match exactly. The
// fixture's "budget" cases are the picture's and snapshot's alone (the
// widget has none): tests/test_parity.py holds Python to them.
describe("path decimation matches the fixture", () => {
  const IDENTITY = { ox: 0, sx: 1, oy: 0, sy: 1 };

  /**
   * Python's kept rows as the widget's points: x, y pairs placed as it
   * places them (ox + x * sx, so -0 becomes 0), the first point of a gap as
   * one NaN pair, except before any point (no line to break).
   */
  function asPoints(xs, ys, rows) {
    const { ox, sx, oy, sy } = IDENTITY;
    const out = [];
    for (const r of rows) {
      if (Number.isFinite(xs[r]) && Number.isFinite(ys[r]))
        out.push(ox + xs[r] * sx, oy + ys[r] * sy);
      else if (out.length) out.push(NaN, NaN);
    }
    return out;
  }

  for (const c of pathFixture.runs) {
    it(`${c.name}`, () => {
      const xs = Float64Array.from(c.x, (v) => num(v) / c.cell);
      const ys = Float64Array.from(c.y, (v) => num(v) / c.cell);
      const { xy, n } = decimatePath(xs, ys, 0, xs.length, IDENTITY);
      expect([...xy.subarray(0, 2 * n)]).toEqual(asPoints(xs, ys, c.rows));
    });
  }
});

describe("frame curves match the fixture", () => {
  for (const c of frameFixture.cases) {
    it(c.name, () => {
      const rows = c.rows.map((row) => row.map(num));
      const width = rows[0].length;
      const parts = frameParts(c.options, width);
      expect(parts.length).toBe(c.length);
      expect(parts.curves).toEqual(c.curves);
      rows.forEach((row, i) => {
        const x = fillPositions(parts, Float64Array.from(row), new Array(parts.length));
        expect(x).toEqual(c.shown[i].x.map(num));
        const ys = parts.curves.map(({ offset }) => row.slice(offset, offset + parts.length));
        expect(ys).toEqual(c.shown[i].ys.map((y) => y.map(num)));
      });
      // The ranges over every row, as the view keeps them: x (a row's own) and y apart.
      const store = new RowStore();
      const steps = Float64Array.from(rows, (_, i) => i);
      store.append(0, steps, new Float64Array(rows.length), Float64Array.from(rows.flat()), width);
      const xRange = new ValueRange("xExtent");
      if (parts.rowX) xRange.update(store, 0, parts.length);
      expect(xLimits(parts, xRange)).toEqual(c.x_range);
      const yRange = new ValueRange();
      yRange.update(store, parts.rowX ? parts.length : 0);
      expect(yRange.empty ? null : [yRange.min, yRange.max]).toEqual(c.y_extent);
      // The y axis's: the curves shown only.
      const shown = new ShownRange().update(store, parts);
      expect(shown.empty ? null : [shown.min, shown.max]).toEqual(c.y_shown);
    });
  }
});
