// anywidget entry of a LivePlot: a small loader for the real front end
// (widget.js), whose code and CSS travel once per kernel session in a shared
// runtime model (src/livescope/_widget/runtime.py) instead of in every widget's state.
//
// The code is imported once per page and kept on globalThis under its digest,
// so every plot on the page shares one module and two versions of livescope
// on one page each keep their own.

const MODEL_REF = "IPY_MODEL_";
const FRONT_ENDS = Symbol.for("livescope.frontEnds");

// As anywidget imports an `_esm` string: through a Blob URL, which JupyterLab
// and Notebook 7 allow.
async function importCode(code) {
  const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
  try {
    return await import(/* @vite-ignore */ url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function runtimeOf(model) {
  const ref = model.get("_runtime");
  if (typeof ref !== "string" || !ref.startsWith(MODEL_REF)) {
    const got = JSON.stringify(ref);
    throw new Error(`livescope: the widget names no runtime model (_runtime is ${got})`);
  }
  return model.widget_manager.get_model(ref.slice(MODEL_REF.length));
}

// `into` is document.head, or the shadow root a host (marimo) renders a view in,
// where the page's styles do not reach.
/** @param {string} css @param {string} digest @param {ParentNode} [into] */
function injectCss(css, digest, into = document.head) {
  if (into.querySelector(`style[data-livescope-runtime="${digest}"]`)) return;
  const style = document.createElement("style");
  style.dataset.livescopeRuntime = digest;
  style.textContent = css;
  into.appendChild(style);
}

function injectCssNear(el, runtime) {
  const root = el?.getRootNode?.();
  if (root instanceof ShadowRoot) injectCss(runtime.get("css"), runtime.get("digest"), root);
}

/** The front end (widget.js's default export) the runtime model carries, imported once per page. */
export function frontEndOf(runtime, load = importCode) {
  globalThis[FRONT_ENDS] ??= new Map();
  const cache = globalThis[FRONT_ENDS];
  const digest = runtime.get("digest");
  let frontEnd = cache.get(digest);
  if (!frontEnd) {
    injectCss(runtime.get("css"), digest);
    frontEnd = load(runtime.get("code")).then((module) => module.default);
    // A failed import is not kept, so a later view tries again.
    frontEnd.catch(() => cache.delete(digest));
    cache.set(digest, frontEnd);
  }
  return frontEnd;
}

/**
 * Keep the custom messages (rows) that reach `model` while the front end loads;
 * hosts that cannot answer a `sync` while a cell runs (marimo) would show
 * nothing until the cell ends if these were lost. `deliver(initialize)` runs
 * the front end's initialize with a model whose `msg:custom` listeners then get
 * the kept messages, in order, before any later one.
 */
export function holdMessages(model) {
  const held = [];
  const hold = (content, buffers) => held.push([content, buffers]);
  model.on("msg:custom", hold);
  return (initialize) => {
    const listeners = [];
    const watched = new Proxy(model, {
      get(target, key) {
        if (key === "on") {
          return (name, listener) => {
            if (name === "msg:custom") listeners.push(listener);
            return target.on(name, listener);
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    try {
      return initialize(watched);
    } finally {
      model.off("msg:custom", hold);
      for (const [content, buffers] of held) {
        for (const listener of listeners) listener(content, buffers);
      }
    }
  };
}

/** An anywidget definition that forwards initialize and render to the shared front end. */
export function sharedFrontEnd(load = importCode) {
  const frontEndFor = async (model) => frontEndOf(await runtimeOf(model), load);
  return {
    async initialize(props) {
      const deliver = holdMessages(props.model);
      const frontEnd = await frontEndFor(props.model);
      return deliver((model) => frontEnd.initialize?.({ ...props, model }));
    },
    async render(props) {
      const runtime = await runtimeOf(props.model);
      injectCssNear(props.el, runtime);
      return (await frontEndOf(runtime, load)).render?.(props);
    },
  };
}

export default sharedFrontEnd();
