// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from "vitest";
import { frontEndOf, sharedFrontEnd } from "./loader.js";

const FRONT_ENDS = Symbol.for("livescope.frontEnds");

function stateModel(state, manager) {
  const listeners = new Set();
  return {
    get: (name) => state[name],
    widget_manager: manager,
    on: (name, fn) => name === "msg:custom" && listeners.add(fn),
    off: (_name, fn) => listeners.delete(fn),
    emit: (content, buffers) => {
      for (const fn of [...listeners]) fn(content, buffers);
    },
  };
}

// A widget manager with one runtime model, and the plots that refer to it.
function session(digest = "d1", css = ".livescope{}") {
  const models = new Map();
  const manager = { get_model: async (id) => models.get(id) };
  models.set("rt", stateModel({ code: `code of ${digest}`, css, digest }, manager));
  const plot = () => stateModel({ _runtime: "IPY_MODEL_rt" }, manager);
  return { plot, runtime: models.get("rt") };
}

// Stands for importing the code: a module whose default export records its calls.
function fakeImporter() {
  const imported = [];
  const calls = [];
  const load = async (code) => {
    imported.push(code);
    return {
      default: {
        initialize(props) {
          calls.push(["initialize", code, props]);
          return "cleanup";
        },
        render(props) {
          calls.push(["render", code, props]);
          return "view cleanup";
        },
      },
    };
  };
  return { load, imported, calls };
}

afterEach(() => {
  delete globalThis[FRONT_ENDS];
  for (const style of document.head.querySelectorAll("style")) style.remove();
});

describe("the loader", () => {
  it("imports the runtime's code once for all plots, forwarding initialize and render", async () => {
    const { plot } = session();
    const { load, imported, calls } = fakeImporter();
    const widget = sharedFrontEnd(load);
    const [a, b] = [plot(), plot()];
    const el = document.createElement("div");
    expect(await widget.initialize({ model: a })).toBe("cleanup");
    expect(await widget.initialize({ model: b })).toBe("cleanup");
    expect(await widget.render({ model: a, el })).toBe("view cleanup");
    expect(imported).toEqual(["code of d1"]);
    expect(calls.map(([hook, , props]) => [hook, props.model.get("_runtime")])).toEqual([
      ["initialize", "IPY_MODEL_rt"],
      ["initialize", "IPY_MODEL_rt"],
      ["render", "IPY_MODEL_rt"],
    ]);
    expect(calls[2][2].model).toBe(a);
    expect(calls[2][2].el).toBe(el);
    const styles = document.head.querySelectorAll("style[data-livescope-runtime]");
    expect([...styles].map((s) => [s.dataset.livescopeRuntime, s.textContent])).toEqual([
      ["d1", ".livescope{}"],
    ]);
  });

  it("keeps one front end per digest, so two versions on a page do not clash", async () => {
    const { load, imported } = fakeImporter();
    const first = await frontEndOf(session("v1").runtime, load);
    const second = await frontEndOf(session("v2").runtime, load);
    expect(first).not.toBe(second);
    expect(await frontEndOf(session("v1").runtime, load)).toBe(first);
    expect(imported).toEqual(["code of v1", "code of v2"]);
    expect(document.head.querySelectorAll("style[data-livescope-runtime]")).toHaveLength(2);
  });

  it("tries a failed import again on the next view, without a second style", async () => {
    const { runtime } = session();
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error("blocked");
      return { default: { render: () => "ok" } };
    };
    await expect(frontEndOf(runtime, flaky)).rejects.toThrow("blocked");
    expect((await frontEndOf(runtime, flaky)).render()).toBe("ok");
    expect(document.head.querySelectorAll("style[data-livescope-runtime]")).toHaveLength(1);
  });

  it("puts the style in the shadow root a host renders the view in, once", async () => {
    const { plot } = session("d1", ".shadowed{}");
    const widget = sharedFrontEnd(fakeImporter().load);
    const host = document.createElement("div");
    const shadow = host.attachShadow({ mode: "open" });
    const [first, second] = [document.createElement("div"), document.createElement("div")];
    shadow.append(first, second);
    await widget.render({ model: plot(), el: first });
    await widget.render({ model: plot(), el: second });
    const styles = shadow.querySelectorAll("style[data-livescope-runtime]");
    expect([...styles].map((s) => s.textContent)).toEqual([".shadowed{}"]);
  });

  it("hands the front end the rows that came while it loaded, before any later ones", async () => {
    const { plot } = session();
    const model = plot();
    const got = [];
    let release;
    const loading = new Promise((resolve) => {
      release = resolve;
    });
    const load = async () => {
      await loading;
      return {
        default: {
          initialize({ model: m }) {
            m.on("msg:custom", (content) => got.push(content));
          },
        },
      };
    };
    const initialized = sharedFrontEnd(load).initialize({ model });
    model.emit("early 1");
    model.emit("early 2");
    release();
    await initialized;
    model.emit("later");
    expect(got).toEqual(["early 1", "early 2", "later"]);
  });

  it("says so when a widget names no runtime model", async () => {
    const widget = sharedFrontEnd(fakeImporter().load);
    const model = stateModel({ _runtime: null }, { get_model: async () => undefined });
    await expect(widget.render({ model, el: null })).rejects.toThrow(/names no runtime model/);
  });
});
