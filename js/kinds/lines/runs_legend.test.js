// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { createRunsLegend, liveDetail, runEntries } from "./runs_legend.js";

describe("the runs legend", () => {
  const live = { label: "lr=0.03", params: { lr: 0.03 } };
  const runs = [{ id: "store:2", label: "lr=0.02", started: 0, rows: 250, params: {} }];

  it("lists the runs once, rebuilding only when they change, the live rows kept current", () => {
    const parent = document.createElement("div");
    const legend = createRunsLegend(parent);
    const older = { ...runs[0], id: "store:1", label: "lr=0.01", params: { lr: 0.01 } };
    legend.listRuns(live, [{ ...runs[0], params: { lr: 0.02 } }, older], 10);
    const entries = () => [...parent.querySelectorAll(".livescope-run")];
    const [, newest] = entries();
    expect(entries().map((e) => e.textContent)).toEqual([
      "lr=0.03this run · 10 rows lr=0.03",
      expect.stringContaining("lr=0.02"),
      expect.stringContaining("lr=0.01"),
    ]);
    const fades = entries().map((e) => e.querySelector(".livescope-swatch").style.opacity);
    expect(fades).toEqual(["1", "0.5", "0.4"]);

    legend.listRuns(live, [{ ...runs[0], params: { lr: 0.02 } }, older], 2500); // rows came
    expect(entries()[1]).toBe(newest); // not rebuilt
    expect(entries()[0].textContent).toBe("lr=0.03this run · 2,500 rows lr=0.03");
    legend.listRuns(live, [], 2500); // compare turned off
    expect(entries()).toHaveLength(0);
    expect(parent.querySelector(".livescope-runs").hidden).toBe(true);
  });

  it("keeps the live run's rows current without rebuilding its entries", () => {
    const parent = document.createElement("div");
    const toggled = [];
    const legend = createRunsLegend(parent, { onToggle: (id) => toggled.push(id) });
    legend.setRuns(runEntries(live, runs, 10, ["lr=0.03", "lr=0.02"], [0.5]));
    const [first, second] = parent.querySelectorAll(".livescope-run");
    expect(first.textContent).toContain("this run · 10 rows lr=0.03");
    const button = second.querySelector("button");

    legend.showLiveDetail(liveDetail(1234, "lr=0.03"));
    expect(parent.querySelector(".livescope-run").textContent).toContain("this run · 1,234 rows");
    expect(parent.querySelectorAll(".livescope-run")[1].querySelector("button")).toBe(button);
    button.click();
    expect(toggled).toEqual(["store:2"]);
  });

  it("has no live entry to update while it shows no runs", () => {
    const parent = document.createElement("div");
    const legend = createRunsLegend(parent);
    legend.setRuns([]);
    legend.showLiveDetail("this run · 5 rows");
    expect(parent.textContent).toBe("");
  });
});
