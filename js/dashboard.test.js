// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import dashboard from "./dashboard.js";
import { fakeModel } from "./testing/fake_model.js";

let uid = 0;

function mount(state = { title: "training", stopped: false, _uid: `d${++uid}` }, manager = {}) {
  const model = { ...fakeModel(state), widget_manager: manager };
  const el = document.createElement("div");
  const cleanup = dashboard.render({ model, el });
  const button = () => el.querySelector("button.livescope-stop");
  const root = () => el.querySelector(".livescope-dashboard");
  return { model, el, cleanup, button, root };
}

describe("dashboard controls", () => {
  it("ask for the kernel and show Ended, disabled, until one answers", () => {
    const { model, button, root } = mount();
    expect(model.sent).toEqual([{ type: "sync" }]);
    expect(button().textContent).toBe("Ended");
    expect(button().disabled).toBe(true);
    expect(root().dataset.source).toBe("snapshot");
    model.emit("msg:custom", { type: "live" });
    expect(button().textContent).toBe("Stop");
    expect(button().disabled).toBe(false);
    expect(root().dataset.source).toBe("kernel");
  });

  it("send stop once live, and show Stopped while the trait says so", () => {
    const { model, button, root } = mount();
    model.emit("msg:custom", { type: "live" });
    button().click();
    expect(model.sent.at(-1)).toEqual({ type: "stop" });
    model.set("stopped", true);
    expect(button().textContent).toBe("Stopped");
    expect(button().disabled).toBe(true);
    expect(root().dataset.stopped).toBe("true");
  });

  it("start live in a new view of a model a kernel answered for", () => {
    const manager = {};
    const state = { title: "t", stopped: false, _uid: "again" };
    const first = mount(state, manager);
    first.model.emit("msg:custom", { type: "live" });
    first.cleanup();
    const second = mount(state, manager);
    expect(second.button().textContent).toBe("Stop");
    expect(mount({ ...state }, {}).button().textContent).toBe("Ended"); // another page
  });

  it("hide Stop where the kernel hears it only after the cell (stop_button false)", () => {
    const { model, button } = mount({
      title: "t",
      stopped: false,
      stop_button: false,
      _uid: "vs",
    });
    model.emit("msg:custom", { type: "live" });
    expect(button().hidden).toBe(true);
    model.set("stop_button", true);
    expect(button().hidden).toBe(false);
  });

  it("leave no listener behind", () => {
    const { model, el, cleanup } = mount();
    cleanup();
    expect(model.listenerCount()).toBe(0);
    expect(el.children.length).toBe(0);
  });
});
