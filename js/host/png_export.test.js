// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { createLegend } from "../kinds/lines/legend.js";
import { legendEntries } from "./png_export.js";

describe("png export legend", () => {
  it("reads each entry's name and value, and which are hidden", () => {
    const root = document.createElement("div");
    const legend = createLegend(root);
    legend.setSeries(["loss", "val_loss"], ["#111111", "#222222"]);
    legend.show(3, [0.5, 0.75], false);
    legend.setHidden([false, true]);
    expect(legendEntries(root)).toEqual([
      { color: "#111111", text: "loss 0.5", hidden: false },
      { color: "#222222", text: "val_loss 0.75", hidden: true },
    ]);
  });
});
