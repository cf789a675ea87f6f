import { describe, expect, it } from "vitest";
import { BUCKETS, longest, segmentBuckets, segmentValue } from "./segments.js";

// Three segments: (0,0)->(3,4), (1,1)->(1,1), (0,0)->(0,-2); one NaN.
const ROW = [0, 0, 3, 4, 1, 1, 1, 1, 0, 0, 0, -2, NaN, 0, 1, 1];

describe("segment colours", () => {
  it("take each segment's length or angle", () => {
    expect(segmentValue(ROW, 0, "length")).toBe(5);
    expect(segmentValue(ROW, 2, "angle")).toBeCloseTo(-Math.PI / 2);
    expect(longest(ROW, 4)).toBe(5);
  });

  it("put values in colour steps over the range, not-finite ones in none", () => {
    const out = new Int8Array(4);
    segmentBuckets(ROW, 4, "length", [0, 5], out);
    expect(Array.from(out)).toEqual([BUCKETS - 1, 0, Math.floor((2 / 5) * BUCKETS), -1]);
    segmentBuckets(ROW, 4, "angle", [-Math.PI, Math.PI], out);
    expect(out[2]).toBe(BUCKETS / 4);
    segmentBuckets(ROW, 4, null, null, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});
