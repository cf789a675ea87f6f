import { describe, expect, it } from "vitest";
import { joinLeftOut, latestReported, readSparse } from "./sparse.js";

describe("sparse series", () => {
  it("joins a series over the rows it left out", () => {
    const xs = [0, 1, 2, 3, 4];
    expect(joinLeftOut([1, null, null, 2, null], xs, new Set())).toEqual([
      1,
      undefined,
      undefined,
      2,
      undefined,
    ]);
  });

  it("breaks it from the value before a reported gap to the value after", () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    const ys = [1, null, null, null, null, null, 2];
    expect(joinLeftOut(ys, xs, new Set([3]))).toEqual([1, null, null, null, null, null, 2]);
    expect(joinLeftOut([1, null, 2, null, 3], [0, 1, 2, 3, 4], new Set([3]))).toEqual([
      1,
      undefined,
      2,
      null,
      3,
    ]);
  });

  it("reads the trait for the columns named, and finds the latest reported value", () => {
    const sparse = readSparse({ val: [3], gone: [] }, ["loss", "val"]);
    expect([...sparse.keys()]).toEqual([1]);
    const store = {
      steps: [0, 1, 2, 3, 4],
      columns: [[], [0.5, NaN, 0.4, NaN, NaN]],
    };
    expect(latestReported(store, 1, 2, sparse.get(1))).toBe(2);
    expect(latestReported(store, 1, 4, sparse.get(1))).toBe(3); // the reported NaN
    expect(latestReported(store, 1, 4, new Set())).toBe(2);
  });
});
