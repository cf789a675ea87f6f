"""Page-side JavaScript of the benchmarks.

``INSTALL_JS`` (run once the notebook is open) adds ``window.__bench``:

- notebook lookups: ``output(i)`` (the output area of cell i), ``prompt(i)``,
  ``outputs(i)`` (as nbformat JSON), ``kernelStatus()``, ``runCell(i)``;
- every animation frame's time (a requestAnimationFrame counter), for the
  frames per second the page kept and its longest frame;
- "shown" watches: a check run once after every frame was painted, which
  records the first time it held (the last point is drawn);
- paint counters for image-based plots: draws onto canvases and decoded
  <img> elements under an element, with the time of the last one.

Times are epoch milliseconds (``performance.timeOrigin + now``), the same
clock as the kernel's ``time.time()`` on this machine.

``wire_counter_js`` counts kernel websocket traffic inside the page, for a
driver that does not see frames itself.
"""

from __future__ import annotations

import json

INSTALL_JS = """
() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = { frames: [], watches: {}, paints: {}, now };
  window.__bench = bench;

  bench.panel = () => [...window.jupyterapp.shell.widgets("main")].find(
    (w) => w.context && w.sessionContext);
  bench.cell = (index) => bench.panel().content.widgets[index];
  bench.output = (index) => bench.cell(index).node.querySelector(".jp-OutputArea");
  bench.prompt = (index) =>
    bench.cell(index).node.querySelector(".jp-InputPrompt")?.textContent.trim() ?? "";
  bench.outputs = (index) => bench.cell(index).model.outputs.toJSON();
  bench.kernelStatus = () => bench.panel()?.sessionContext.session?.kernel?.status ?? null;
  bench.runCell = (index) => {
    bench.panel().content.activeCellIndex = index;
    window.jupyterapp.commands.execute("notebook:run-cell");
  };

  // A message task runs after the frame's animation callbacks and its
  // rendering: the checks see what this frame showed.
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    for (const w of Object.values(bench.watches)) {
      if (w.at !== null) continue;
      try {
        if (w.check(w.el, w.arg)) w.at = now();
      } catch (err) {
        w.error = String(err);
      }
    }
  };
  const tick = (ts) => {
    bench.frames.push(performance.timeOrigin + ts);
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);

  const painted = (node) => {
    for (const p of Object.values(bench.paints)) {
      if (p.el.contains(node)) {
        p.count++;
        p.last = now();
      }
    }
  };
  const proto = CanvasRenderingContext2D.prototype;
  for (const name of ["drawImage", "putImageData"]) {
    const original = proto[name];
    proto[name] = function (...args) {
      const result = original.apply(this, args);
      painted(this.canvas);
      return result;
    };
  }
  bench.observeImages = (el) => {
    const seen = new WeakSet();
    const onImage = (img) => {
      if (seen.has(img)) return;
      seen.add(img);
      img.decode().then(() => painted(img), () => {});
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        for (const node of m.addedNodes) {
          if (node.nodeType !== 1) continue;
          if (node.tagName === "IMG") onImage(node);
          node.querySelectorAll?.("img").forEach(onImage);
        }
      }
    }).observe(el, { childList: true, subtree: true });
  };
}
"""

# Arguments: [name, cell index, check source, arg].
WATCH_JS = """
(name, index, source, arg) => {
  const check = (0, eval)(`(${source})`);
  const el = window.__bench.output(index);
  window.__bench.watches[name] = { el, check, arg, at: null, error: null };
}
"""

PAINTS_JS = """
(name, index, images) => {
  const el = window.__bench.output(index);
  window.__bench.paints[name] = { el, count: 0, last: null };
  if (images) window.__bench.observeImages(el);
}
"""

FRAMES_JS = "(t0, t1) => window.__bench.frames.filter((t) => t >= t0 && t <= t1)"

DROP_FRAMES_JS = """
(t) => { window.__bench.frames = window.__bench.frames.filter((x) => x >= t); }
"""

# Done = the prompt shows an execution count that differs from `before`.
CELL_DONE_JS = """
(index, before) => {
  const prompt = window.__bench.prompt(index);
  return /^\\[\\d+\\]:?$/.test(prompt) && prompt !== before;
}
"""

NOTEBOOK_IDLE_JS = """
() => {
  const panel = [...(window.jupyterapp?.shell.widgets("main") ?? [])].find(
    (w) => w.context && w.sessionContext);
  const kernel = panel?.sessionContext.session?.kernel;
  return !!(panel?.context.isReady && kernel && kernel.connectionStatus === "connected"
    && kernel.status === "idle");
}
"""


MAX_ARRIVALS = 256  # enough to find the last plot message before a point shows


def wire_counter_js(not_plot_traffic: set[str]) -> str:
    """Counts iopub plot traffic (and closed sockets) on kernel websockets, in the page.

    Frames are decoded from the v1 binary protocol JupyterLab speaks.
    """
    skip = json.dumps(sorted(not_plot_traffic))
    return (
        (
            """
(() => {
  // `arrivals`: [kernel send time, page arrival time] of the latest plot
  // messages, to split an end latency into the kernel's part, the trip to
  // the page's script and the page's part.
  const wire = { messages: 0, bytes: 0, by_type: {}, closed: 0, arrivals: [] };
  window.__wire = wire;
  const skip = new Set(SKIP);
  const decoder = new TextDecoder();
  const count = (event) => {
    if (!(event.data instanceof ArrayBuffer)) return;
    const view = new DataView(event.data);
    const offset = (i) => Number(view.getBigUint64(8 * (i + 1), true));
    const part = (i) =>
      decoder.decode(new Uint8Array(event.data, offset(i), offset(i + 1) - offset(i)));
    const header = JSON.parse(part(1));
    const type = header.msg_type;
    if (part(0) !== "iopub" || skip.has(type)) return;
    wire.messages++;
    wire.bytes += event.data.byteLength;
    wire.by_type[type] = (wire.by_type[type] ?? 0) + 1;
    wire.arrivals.push([Date.parse(header.date), performance.timeOrigin + performance.now()]);
    if (wire.arrivals.length > MAX_ARRIVALS) wire.arrivals.shift();
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, ...rest) {
      super(url, ...rest);
      if (String(url).includes("/channels")) {
        this.addEventListener("message", count);
        this.addEventListener("close", () => { wire.closed++; });
      }
    }
  };
})();
"""
        )
        .replace("SKIP", skip)
        .replace("MAX_ARRIVALS", str(MAX_ARRIVALS))
    )
