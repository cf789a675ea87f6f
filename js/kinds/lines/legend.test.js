// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { createLegend } from "./legend.js";

const names = Array.from({ length: 40 }, (_, i) => `t${i}`);
const colors = names.map(() => "#000000");

describe("legend", () => {
  it("lists every series with its swatch and value", () => {
    const parent = document.createElement("div");
    const legend = createLegend(parent);
    legend.setSeries(["a", "b"], ["#111111", "#222222"]);
    legend.show(3, [1, 2], false);
    const items = [...parent.querySelectorAll(".livescope-legend-item")];
    expect(items.map((item) => item.textContent)).toEqual(["a1", "b2"]);
    expect(parent.querySelector(".livescope-legend-bar")).toBe(null);
  });

  it("shows series along a colormap as a ramp from the first name to the last", () => {
    const parent = document.createElement("div");
    const legend = createLegend(parent, { signal: new AbortController().signal });
    legend.setSeries(names, colors, ["#000000", "#ffffff"]);
    legend.show(
      7,
      names.map((_, i) => i),
      false,
    );
    const bar = parent.querySelector(".livescope-legend-bar");
    expect(bar.textContent).toBe("t0t3940 series");
    expect(parent.querySelector(".livescope-legend-gradient").style.background).toContain(
      "linear-gradient",
    );
    // The entries, with their values, open from the series count.
    const entries = parent.querySelector(".livescope-legend-entries");
    const more = parent.querySelector(".livescope-legend-more");
    expect(entries.hidden).toBe(true);
    more.click();
    expect([entries.hidden, more.getAttribute("aria-expanded")]).toEqual([false, "true"]);
    expect(entries.querySelectorAll(".livescope-legend-item")).toHaveLength(40);
    expect(entries.lastChild.textContent).toBe("t3939");
  });
});
