// The replay bar under every view that shows one step at a time: a slider
// over the rows held, play/pause, a speed choice and "Latest".
//
// Views take part through a small contract (ReplayableView below):
//   showIndex(i | null)   show row i (for waterfall and trajectory: the
//                         history up to row i), or follow the latest (null)
//   shownIndex            the row shown, -1 while there is none
//   following             whether new rows move the view along

import { SNAPSHOT_GENERATION } from "../data/snapshot.js";
import { formatStep } from "../host/format.js";

/** Replay speeds offered, in steps per second. */
export const SPEEDS = [1, 3, 10, 30, 100, 300, 1000];
export const DEFAULT_SPEED = 30;

/**
 * What replayable views share: the row to show, kept as an index or
 * "follow" (null), and the traits every drawn view keeps (theme, size,
 * `view_options`, the key of its last draw) with the `setTheme` and
 * `configure` of the view interface (kinds/index.js).
 */
export class ReplayableView {
  constructor(store, invalidate) {
    this.store = store;
    this.invalidate = invalidate;
    this.position = null;
    this.positionGeneration = store.generation;
    this.theme = null;
    this.themeVersion = 0;
    this.width = 0;
    this.height = 300;
    this.options = {};
    this.drawnKey = "";
    this.optionsKey = "";
  }

  setTheme(theme) {
    this.theme = theme;
    this.themeVersion++;
  }

  /**
   * The redraw guard every replayable view shares: true (and remembered) when
   * `parts`, everything the drawing depends on, differ from the last draw's.
   * @param {unknown[]} parts
   */
  needsDraw(parts) {
    const key = parts.join("|");
    if (key === this.drawnKey) return false;
    this.drawnKey = key;
    return true;
  }

  configure({ height, width, options }) {
    this.height = height;
    this.width = Math.floor(width);
    // The same options object while its content is the same, so caches keyed
    // on it hold; `optionsKey` is that content, for draw keys.
    const key = JSON.stringify(options);
    if (key !== this.optionsKey) this.options = options;
    this.optionsKey = key;
  }

  /** Show row `i` (clamped to the rows held), or follow the latest row when `i` is null. */
  showIndex(i) {
    const position = i === null || i === undefined ? null : Math.max(0, Math.floor(i));
    if (position === this.position && this.positionGeneration === this.store.generation) return;
    this.position = position;
    this.positionGeneration = this.store.generation;
    this.invalidate();
  }

  /** Whether the view follows new rows; a reset history (new generation) is followed. */
  get following() {
    if (
      this.positionGeneration === SNAPSHOT_GENERATION &&
      this.store.generation !== SNAPSHOT_GENERATION
    ) {
      // The kernel's rows replaced the saved snapshot: the same history, not a
      // reset, so the view keeps its place (from_history's first step, say).
      this.positionGeneration = this.store.generation;
    }
    return this.position === null || this.positionGeneration !== this.store.generation;
  }

  /** The row shown, or -1 while no row is held. */
  get shownIndex() {
    const n = this.store.length;
    if (n === 0) return -1;
    return this.following ? n - 1 : Math.min(this.position, n - 1);
  }
}

function element(tag, className, parent, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  parent.appendChild(node);
  return node;
}

export class ReplayBar {
  /**
   * Build the bar inside `parent` for `view` over `store`. `now`,
   * `requestFrame` and `cancelFrame` stand in for the browser's in tests.
   * @param {HTMLElement} parent
   * @param {any} store
   * @param {any} view
   * @param {{
   *   signal?: AbortSignal,
   *   now?: () => number,
   *   requestFrame?: (f: FrameRequestCallback) => number,
   *   cancelFrame?: (id: number) => void,
   * }} [hooks]
   */
  constructor(parent, store, view, { signal, now, requestFrame, cancelFrame } = {}) {
    this.store = store;
    this.view = view;
    this.now = now ?? (() => performance.now());
    this.requestFrame = requestFrame ?? ((f) => requestAnimationFrame(f));
    this.cancelFrame = cancelFrame ?? ((id) => cancelAnimationFrame(id));
    this.speed = DEFAULT_SPEED;
    this.frame = 0;
    /** @type {{ index: number, time: number } | null} where play started, while playing */
    this.playFrom = null;

    const root = element("div", "livescope-replay", parent);
    this.playButton = element("button", "livescope-play", root, "Play");
    this.playButton.type = "button";
    this.slider = element("input", "livescope-slider", root);
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.step = "1";
    this.slider.setAttribute("aria-label", "Step to show");
    this.label = element("span", "livescope-replay-step", root);
    this.speedSelect = element("select", "livescope-speed", root);
    this.speedSelect.setAttribute("aria-label", "Replay speed");
    for (const speed of SPEEDS) {
      const option = element("option", "", this.speedSelect, `${speed} steps/s`);
      option.value = String(speed);
    }
    this.speedSelect.value = String(this.speed);
    this.latestButton = element("button", "livescope-latest", root, "Latest");
    this.latestButton.type = "button";
    this.latestButton.title = "Show the latest step and follow new ones";
    this.root = root;

    const on = (node, event, handler) => node.addEventListener(event, handler, { signal });
    on(this.playButton, "click", () => (this.playing ? this.pause() : this.play()));
    on(this.slider, "input", () => this.seek(Number(this.slider.value)));
    on(this.speedSelect, "change", () => this.setSpeed(Number(this.speedSelect.value)));
    on(this.latestButton, "click", () => this.followLatest());
    signal?.addEventListener("abort", () => this.cancelFrame(this.frame));
    this.update();
  }

  get playing() {
    return this.playFrom !== null;
  }

  /** Play from the row shown on (from the first row when at the latest one). */
  play() {
    const last = this.store.length - 1;
    if (last < 1) return;
    const shown = this.view.shownIndex;
    const start = this.view.following || shown >= last ? 0 : shown;
    this.view.showIndex(start);
    this.playFrom = { index: start, time: this.now() };
    this.frame = this.requestFrame(() => this.tick());
    this.update();
  }

  pause() {
    if (!this.playing) return;
    this.cancelFrame(this.frame);
    this.frame = 0;
    this.playFrom = null;
    this.update();
  }

  /** Show row `i` (dragging the slider); the last row means "follow the latest". */
  seek(i) {
    this.pause();
    this.view.showIndex(i >= this.store.length - 1 ? null : i);
    this.update();
  }

  followLatest() {
    this.pause();
    this.view.showIndex(null);
    this.update();
  }

  setSpeed(speed) {
    if (!SPEEDS.includes(speed)) return;
    if (this.playing) this.playFrom = { index: this.view.shownIndex, time: this.now() };
    this.speed = speed;
    this.speedSelect.value = String(speed);
  }

  /** One animation frame of play: the row due at this time; the end returns to following. */
  tick() {
    if (!this.playFrom) return; // paused: nothing to play from
    const { index, time } = this.playFrom;
    const due = index + Math.floor(((this.now() - time) / 1000) * this.speed);
    if (due >= this.store.length - 1) {
      this.followLatest();
      return;
    }
    this.view.showIndex(due);
    this.frame = this.requestFrame(() => this.tick());
  }

  /** Match the slider, labels and buttons to the rows held and the row shown. */
  update() {
    const { length, steps } = this.store;
    const shown = this.view.shownIndex;
    const max = String(Math.max(0, length - 1));
    if (this.slider.max !== max) this.slider.max = max;
    const value = String(Math.max(0, shown));
    if (this.slider.value !== value) this.slider.value = value;
    this.slider.disabled = length < 2;
    const text =
      shown < 0 ? "step –" : `step ${formatStep(steps[shown])} · ${shown + 1} / ${length}`;
    if (this.label.textContent !== text) this.label.textContent = text;
    const playText = this.playing ? "Pause" : "Play";
    if (this.playButton.textContent !== playText) this.playButton.textContent = playText;
    this.playButton.disabled = length < 2;
    this.latestButton.disabled = this.view.following;
  }
}
