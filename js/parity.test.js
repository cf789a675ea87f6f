// The front end against the golden vectors the static picture (Python) also
// reproduces: src/livescope/_spec/fixtures, written by tools/generate_fixtures.py.
// A rule changed on one side only fails here or in tests/test_parity.py.

import { describe, expect, it } from "vitest";
import colormapFixture from "../src/livescope/_spec/fixtures/colormap.json" with { type: "json" };
import formatFixture from "../src/livescope/_spec/fixtures/format.json" with { type: "json" };
import smoothingFixture from "../src/livescope/_spec/fixtures/smoothing.json" with {
  type: "json",
};
import ticksFixture from "../src/livescope/_spec/fixtures/ticks.json" with { type: "json" };
import valueFormatFixture from "../src/livescope/_spec/fixtures/value_format.json" with {
  type: "json",
};
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
import { formatStep, formatValue } from "./host/format.js";
import { smoothEma } from "./kinds/lines/smoothing.js";

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
