// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("uplot", () => import("./testing/fake_uplot.js"));

const { decodeSavedState, mountDashboard, mountSaved, mountWidget } = await import("./page.js");
const { linesSnapshot } = await import("./testing/snapshot_fixture.js");

beforeEach(() => {
  vi.stubGlobal("requestAnimationFrame", () => 1);
  vi.stubGlobal("cancelAnimationFrame", () => {});
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

const STATE = {
  columns: ["a"],
  title: "T",
  x_label: "step",
  height: 200,
  stopped: false,
  _uid: "u",
};

function rows(generation, start, values) {
  const k = values.length;
  const steps = Float64Array.from(values, (_, i) => start + i);
  const times = Float64Array.from(values, (_, i) => 1000 + i);
  return [
    { type: "rows", generation, start, count: k, columns: 1, dtype: "float64" },
    [steps, times, Float64Array.from(values)].map((a) => new DataView(a.buffer)),
  ];
}

describe("decodeSavedState", () => {
  it("puts base64 buffers back at their paths as DataViews", () => {
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    const data = btoa(String.fromCharCode(...bytes));
    const state = decodeSavedState({
      state: { title: "x", nested: { list: [0, 1] } },
      buffers: [
        { path: ["blob"], encoding: "base64", data },
        { path: ["nested", "list", 1], encoding: "base64", data },
      ],
    });
    expect(state.title).toBe("x");
    expect(new Uint8Array(state.blob.buffer)).toEqual(bytes);
    expect(state.nested.list[1]).toBeInstanceOf(DataView);
  });

  it("rejects encodings it does not know", () => {
    expect(() =>
      decodeSavedState({ state: {}, buffers: [{ path: ["b"], encoding: "hex", data: "00" }] }),
    ).toThrow(/hex/);
  });
});

describe("mountWidget", () => {
  it("runs the widget over a pluggable source: state in, messages both ways", async () => {
    const sent = [];
    const el = document.createElement("div");
    const host = await mountWidget(el, { state: STATE, send: (content) => sent.push(content) });
    const root = el.querySelector(".livescope");
    expect(sent).toEqual([{ type: "sync", generation: 0, from: 0 }]);

    host.receive(...rows(0, 0, [1, 2, 3]));
    expect(root.livescope.store.length).toBe(3);
    host.update({ stopped: true });
    expect(host.model.get("stopped")).toBe(true);

    host.dispose();
    expect(el.children.length).toBe(0);
  });

  it("calls initialize once and render once, and cleans both up in reverse", async () => {
    const calls = [];
    const definition = {
      initialize: ({ model }) => {
        calls.push(`initialize ${model.get("title")}`);
        return () => calls.push("dispose model");
      },
      render: async ({ el }) => {
        calls.push(`render ${el.id}`);
        return () => calls.push("dispose view");
      },
    };
    const el = document.createElement("div");
    el.id = "here";
    const host = await mountWidget(el, { state: STATE, definition });
    host.dispose();
    expect(calls).toEqual(["initialize T", "render here", "dispose view", "dispose model"]);
  });

  it("shows a saved state's snapshot, with no Stop button and no kernel", async () => {
    const snapshot = linesSnapshot([1, 2, 3, 4, 5, 6]);
    const bytes = new Uint8Array(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
    const data = btoa(String.fromCharCode(...bytes));
    const el = document.createElement("div");
    await mountSaved(el, {
      state: { ...STATE, columns: ["a", "b"] },
      buffers: [{ path: ["_snapshot"], encoding: "base64", data }],
    });
    const root = el.querySelector(".livescope");
    expect(root.dataset.source).toBe("snapshot");
    expect(root.dataset.rows).toBe("3");
    expect(root.dataset.lastStep).toBe("20");
    expect(root.querySelector(".livescope-stop").hidden).toBe(true);
    expect(Array.from(root.livescope.store.columns[1].subarray(0, 3))).toEqual([2, 4, 6]);
  });
});

describe("mountDashboard", () => {
  it("puts each saved panel in its grid area under the controls, which show Ended", async () => {
    const snapshot = linesSnapshot([1, 2, 3, 4, 5, 6]);
    const bytes = new Uint8Array(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
    const data = btoa(String.fromCharCode(...bytes));
    const panel = (name, area) => ({
      name,
      area,
      saved: {
        state: { ...STATE, columns: ["a", "b"], _uid: name, stop_button: false },
        buffers: [{ path: ["_snapshot"], encoding: "base64", data }],
      },
    });
    const el = document.createElement("div");
    const page = await mountDashboard(el, {
      columns: 2,
      controls: { state: { title: "run", stopped: false }, buffers: [] },
      panels: [panel("loss", "1 / 1 / span 1 / span 2"), panel("lr", "2 / 1 / span 1 / span 1")],
    });
    const controls = el.querySelector(".livescope-dashboard");
    expect(controls.querySelector(".livescope-title").textContent).toBe("run");
    expect(controls.querySelector(".livescope-stop").textContent).toBe("Ended");
    expect(controls.querySelector(".livescope-stop").disabled).toBe(true);
    const cells = [...el.querySelectorAll("[data-panel]")];
    expect(cells.map((c) => [c.dataset.panel, c.style.gridArea])).toEqual([
      ["loss", "1 / 1 / span 1 / span 2"],
      ["lr", "2 / 1 / span 1 / span 1"],
    ]);
    for (const cell of cells) {
      const root = cell.querySelector(".livescope");
      expect(root.dataset.source).toBe("snapshot");
      expect(root.dataset.rows).toBe("3");
    }
    page.dispose();
    expect(el.querySelectorAll(".livescope").length).toBe(0);
  });
});
