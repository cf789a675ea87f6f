"""What the benchmarks measure inside the page.

- Every animation frame's time (a requestAnimationFrame counter), for the
  frames per second the page kept and its longest frame.
- "Shown" watches: a page-side check, run once after every frame was
  painted, that records the first time it held (the last point is drawn).
- Paint counters for image-based plots: draws onto canvases and decoded
  <img> elements under a root, with the time of the last one.

Times are epoch milliseconds (``performance.timeOrigin + now``), the same
clock as the kernel's ``time.time()`` on this machine.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from playwright.sync_api import ElementHandle, Page

_INSTALL_JS = """
() => {
  if (window.__bench) return;
  const now = () => performance.timeOrigin + performance.now();
  const bench = { frames: [], watches: {}, paints: {} };
  window.__bench = bench;
  bench.now = now;

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

_WATCH_JS = """
([name, el, source, arg]) => {
  const check = (0, eval)(`(${source})`);
  window.__bench.watches[name] = { el, check, arg, at: null, error: null };
}
"""

_WATCH_RESULT_JS = """
([name]) => {
  const w = window.__bench.watches[name];
  return { at: w.at, error: w.error };
}
"""

_PAINTS_JS = """
([name, el, images]) => {
  window.__bench.paints[name] = { el, count: 0, last: null };
  if (images) window.__bench.observeImages(el);
}
"""

_FRAMES_JS = """
([t0, t1]) => window.__bench.frames.filter((t) => t >= t0 && t <= t1)
"""


@dataclass(frozen=True)
class FrameStats:
    fps: float
    longest_frame_ms: float
    seconds: float


def frame_stats(frames: list[float], t0_ms: float, t1_ms: float) -> FrameStats:
    """Frames per second in [t0, t1] and the longest gap between painted frames."""
    seconds = max(t1_ms - t0_ms, 1e-9) / 1000
    edges = [t0_ms, *frames, t1_ms]
    longest = max(b - a for a, b in itertools.pairwise(edges))
    return FrameStats(fps=len(frames) / seconds, longest_frame_ms=longest, seconds=seconds)


class PageProbes:
    """The probes of one page; installed on creation, before anything is measured."""

    def __init__(self, page: Page) -> None:
        self._page = page
        page.evaluate(_INSTALL_JS)
        self._cdp = page.context.new_cdp_session(page)

    def now_ms(self) -> float:
        return self._page.evaluate("window.__bench.now()")

    def watch(self, name: str, el: ElementHandle, check_js: str, arg: object) -> None:
        """Run ``check_js(el, arg)`` after every frame; remember the first time it is true."""
        self._page.evaluate(_WATCH_JS, [name, el, check_js, arg])

    def watch_result(self, name: str) -> tuple[float | None, str | None]:
        result = self._page.evaluate(_WATCH_RESULT_JS, [name])
        return result["at"], result["error"]

    def count_paints(self, name: str, el: ElementHandle, *, images: bool) -> None:
        """Count canvas draws under ``el`` (and decoded <img> elements when ``images``)."""
        self._page.evaluate(_PAINTS_JS, [name, el, images])

    def paints(self, name: str) -> tuple[int, float | None]:
        p = self._page.evaluate("([n]) => window.__bench.paints[n]", [name])
        return p["count"], p["last"]

    def frames(self, t0_ms: float, t1_ms: float) -> FrameStats:
        return frame_stats(self._page.evaluate(_FRAMES_JS, [t0_ms, t1_ms]), t0_ms, t1_ms)

    def drop_frames_before(self, t_ms: float) -> None:
        self._page.evaluate(
            "([t]) => { window.__bench.frames = window.__bench.frames.filter((x) => x >= t); }",
            [t_ms],
        )

    def heap_bytes(self) -> dict[str, float]:
        """JS heap and ArrayBuffer backing stores after a full garbage collection."""
        self._cdp.send("HeapProfiler.collectGarbage")
        usage = self._cdp.send("Runtime.getHeapUsage")
        return {key: float(value) for key, value in usage.items()}
