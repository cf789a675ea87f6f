// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "../testing/fake_model.js";

vi.mock("uplot", () => import("../testing/fake_uplot.js"));

const { default: widget } = await import("../widget.js");

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

const manager = {};
let uid = 0;

function setup() {
  const model = fakeModel({
    columns: ["a"],
    title: "",
    x_label: "step",
    height: 200,
    stopped: false,
  });
  model.state._uid = `handoff-${++uid}`;
  const proxy = { ...model, widget_manager: manager };
  widget.initialize({ model: proxy });
  const steps = Float64Array.from({ length: 100 }, (_, i) => i);
  const content = {
    type: "rows",
    generation: 0,
    start: 0,
    count: 100,
    columns: 1,
    dtype: "float64",
  };
  model.emit(
    "msg:custom",
    content,
    [steps, steps, steps].map((a) => new DataView(a.buffer)),
  );
  return proxy;
}

/** Render a view into a new element inside `output` (as JupyterLab's output renderer does). */
function render(model, output) {
  const el = document.createElement("div");
  output.appendChild(el);
  const cleanup = widget.render({ model, el });
  return { el, cleanup, root: el.querySelector(".livescope") };
}

describe("view handoff", () => {
  it("a view rendered in place of a dropped one takes over its chart, zoom included", () => {
    const model = setup();
    const output = document.createElement("div");
    document.body.appendChild(output);
    const old = render(model, output);
    const { store } = old.root.livescope;
    const before = store._listeners.size;
    old.root.livescope.view.zoomTo(10, 40);

    // update_display_data: the output's content is dropped, a new view rendered.
    output.textContent = "";
    const next = render(model, output);
    expect(next.root).toBe(old.root); // moved, not rebuilt
    expect(next.root.livescope.view.xRange).toEqual([10, 40]);
    expect(store._listeners.size).toBe(before);
    expect(old.el.children.length).toBe(0);

    old.cleanup(); // a late cleanup of the replaced view leaves the chart alone
    expect(next.el.querySelector(".livescope")).toBe(next.root);
    expect(store._listeners.size).toBe(before);
    next.cleanup();
    expect(next.el.children.length).toBe(0);
    expect(store._listeners.size).toBe(before - 1);
  });

  it("a chart taken over can be taken over again at the next refresh", () => {
    const model = setup();
    const output = document.createElement("div");
    document.body.appendChild(output);
    const first = render(model, output);
    output.textContent = "";
    render(model, output);
    output.textContent = "";
    const third = render(model, output);
    expect(third.root).toBe(first.root);
  });

  it("two dropped views and one new view: the new one takes over one, the other ends", () => {
    const model = setup();
    const output = document.createElement("div");
    document.body.appendChild(output);
    const a = render(model, output);
    const b = render(model, output);
    const { store } = a.root.livescope;
    const before = store._listeners.size;
    output.textContent = "";
    const next = render(model, output);
    expect([a.root, b.root]).toContain(next.root);
    expect(store._listeners.size).toBe(before - 1);
  });

  it("takes over the views of a dropped widget container (a Dashboard re-rendered)", () => {
    const model = setup();
    const output = document.createElement("div");
    document.body.appendChild(output);
    const grid = () => {
      const box = document.createElement("div");
      box.className = "lm-Widget jupyter-widgets widget-box";
      output.appendChild(box);
      return box;
    };
    const old = render(model, grid());
    const { store } = old.root.livescope;
    const before = store._listeners.size;
    old.root.livescope.view.zoomTo(10, 40);

    output.textContent = ""; // the dashboard's box goes, its panels stay inside it
    const next = render(model, grid());
    expect(next.root).toBe(old.root);
    expect(next.root.livescope.view.xRange).toEqual([10, 40]);
    expect(store._listeners.size).toBe(before);
    expect(old.el.children.length).toBe(0);
  });

  it("leaves alone a second display, and views of a cell out of the page", () => {
    const model = setup();
    const cell = document.createElement("div");
    document.body.appendChild(cell);
    const first = render(model, cell);
    first.root.livescope.view.zoomTo(5, 6);
    cell.remove(); // a windowed notebook detaches cells scrolled out of view
    const second = render(model, document.body);
    expect(second.root.livescope.view.following).toBe(true);
    expect(first.el.querySelector(".livescope")).not.toBe(null);
    expect(first.root.livescope.view.following).toBe(false);
  });

  it("does not end a view that was never placed", () => {
    const model = setup();
    const el = document.createElement("div");
    widget.render({ model, el }); // rendered, not yet attached
    const other = render(model, document.body);
    expect(el.querySelector(".livescope")).not.toBe(null);
    expect(other.root.livescope.view.following).toBe(true);
  });
});
