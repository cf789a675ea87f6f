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

function injectCss(css, digest) {
  if (document.head.querySelector(`style[data-livescope-runtime="${digest}"]`)) return;
  const style = document.createElement("style");
  style.dataset.livescopeRuntime = digest;
  style.textContent = css;
  document.head.appendChild(style);
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

/** An anywidget definition that forwards initialize and render to the shared front end. */
export function sharedFrontEnd(load = importCode) {
  const frontEndFor = async (model) => frontEndOf(await runtimeOf(model), load);
  return {
    async initialize(props) {
      return (await frontEndFor(props.model)).initialize?.(props);
    },
    async render(props) {
      return (await frontEndFor(props.model)).render?.(props);
    },
  };
}

export default sharedFrontEnd();
