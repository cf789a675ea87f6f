// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "./testing/fake_model.js";

vi.mock("uplot", () => import("./testing/fake_uplot.js"));

const { default: widget } = await import("./widget.js");

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

function plotModel(uid) {
  const model = fakeModel({ columns: ["a"], title: "", x_label: "step", height: 200 });
  model.state._uid = uid;
  return model;
}

function sendRows(model, count) {
  const steps = Float64Array.from({ length: count }, (_, i) => i);
  const content = { type: "rows", generation: 0, start: 0, count, columns: 1, dtype: "float64" };
  model.emit(
    "msg:custom",
    content,
    [steps, steps, steps].map((a) => new DataView(a.buffer)),
  );
}

function renderedStore(proxy) {
  const el = document.createElement("div");
  widget.render({ model: proxy, el });
  return el.querySelector(".livescope").livescope.store;
}

describe("the store a view shows", () => {
  it("is the one initialize feeds, when each proxy carries a new widget manager (marimo)", () => {
    const model = plotModel("proxies");
    const cleanup = widget.initialize({ model: { ...model, widget_manager: {} } });
    sendRows(model, 7);
    expect(renderedStore({ ...model, widget_manager: {} }).length).toBe(7);
    cleanup();
  });

  it("is kept per widget manager when two managers hold the same uid (a notebook open twice)", () => {
    const [first, second] = [plotModel("twice"), plotModel("twice")];
    const [one, two] = [{}, {}];
    const cleanups = [
      widget.initialize({ model: { ...first, widget_manager: one } }),
      widget.initialize({ model: { ...second, widget_manager: two } }),
    ];
    sendRows(first, 3);
    sendRows(second, 5);
    expect(renderedStore({ ...first, widget_manager: one }).length).toBe(3);
    expect(renderedStore({ ...second, widget_manager: two }).length).toBe(5);
    for (const cleanup of cleanups) cleanup();
  });
});
