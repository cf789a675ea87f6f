// One view of a model: the header and the kind's chart under a `.livescope` root,
// redrawn at most once per animation frame when something changed.

import { isSnapshot } from "../data/snapshot.js";
import { stepRate } from "./format.js";
import { createHeader } from "./header.js";
import { downloadPng } from "./png_export.js";
import { readTheme, watchTheme } from "./theme.js";
import { placeView } from "./view_handoff.js";

/**
 * The traits of a plot's model that a view reads (docs/wire-format.md).
 * @typedef {{
 *   kind: string,
 *   columns: string[],
 *   title: string,
 *   x_label: string,
 *   height: number,
 *   stopped: boolean,
 *   activity: "live" | "following" | "done",
 *   stop_button: boolean,
 *   view_options: Record<string, unknown>,
 *   note: string,
 *   host_note: string,
 *   sparse: Record<string, number[]>,
 *   replay_start: "latest" | "first",
 * }} ViewTraits
 */

/**
 * What a view uses of an anywidget model: its traits (a page host's state
 * may lack any), `view_options` set and saved, Stop sent, trait changes heard.
 * @typedef {{
 *   get<K extends keyof ViewTraits>(name: K): ViewTraits[K] | undefined,
 *   set(name: "view_options", value: ViewTraits["view_options"]): void,
 *   save_changes(): void,
 *   send(content: { type: "stop" }): void,
 *   on(event: `change:${keyof ViewTraits}`, callback: () => void): void,
 *   off(event: `change:${keyof ViewTraits}`, callback: () => void): void,
 * }} ViewModel
 */

/** @typedef {import("../data/store.js").HistoryStore} HistoryStore */

/**
 * What the host asks of a kind's chart (js/kinds/): configured and rendered
 * once a frame at most, themed, destroyed; a replayable one also shows a row.
 * @typedef {{
 *   configure(settings: {
 *     names: string[],
 *     xLabel: string,
 *     height: number,
 *     width: number,
 *     options: Record<string, unknown>,
 *     sparse: Record<string, number[]>,
 *   }): void,
 *   render(): boolean,
 *   setTheme(theme: import("../draw/canvas.js").Theme): void,
 *   destroy(): void,
 *   showIndex(index: number): void,
 *   shownIndex: number,
 *   following: boolean,
 * }} Chart
 */

/**
 * The chart class of a kind: what `new` takes, and whether it replays.
 * @typedef {{
 *   new (
 *     root: HTMLElement,
 *     store: HistoryStore,
 *     hooks: {
 *       invalidate: () => void,
 *       signal: AbortSignal,
 *       setOptions: (patch: object, save?: boolean) => void,
 *     },
 *   ): Chart,
 *   replayable?: boolean,
 * }} ChartClass
 */

/**
 * The kinds a view hosts, handed in by the entry (widget.js) so that the
 * host imports none: the chart class of a kind, and the replay bar.
 * @typedef {{
 *   chartClass: (kind: string) => ChartClass,
 *   ReplayBar: new (
 *     parent: HTMLElement,
 *     store: HistoryStore,
 *     chart: Chart,
 *     hooks: { signal: AbortSignal },
 *   ) => { update(): void, playing: boolean },
 * }} Kinds
 */

/** @type {(keyof ViewTraits)[]} the traits whose changes ask for a draw */
const TRAITS = [
  "columns",
  "title",
  "x_label",
  "height",
  "stopped",
  "activity",
  "stop_button",
  "view_options",
  "note",
  "host_note",
  "sparse",
];
const DEFAULT_HEIGHT = 300;

/**
 * Render a view of `model` into `el`; returns the cleanup that undoes all of it.
 * @param {ViewModel} model
 * @param {HTMLElement} el
 * @param {HistoryStore} store the model's history, in the layout its kind reads
 * @param {Kinds} kinds
 * @returns {() => void}
 */
export function mountView(model, el, store, kinds) {
  // A view replacing one that was dropped takes over its chart (see view_handoff.js).
  return placeView(store, el, (seen) => buildView(model, el, store, kinds, seen));
}

/**
 * Build the header and chart in `el`; returns `{ root, dispose, moved }` for placeView.
 * @param {ViewModel} model
 * @param {HTMLElement} el
 * @param {HistoryStore} store
 * @param {Kinds} kinds
 * @param {() => void} seen called on each draw
 * @returns {{ root: HTMLElement, dispose: () => void, moved: () => void }}
 */
function buildView(model, el, store, { chartClass, ReplayBar }, seen) {
  const controller = new AbortController();
  const { signal } = controller;
  const root = document.createElement("div");
  root.className = "livescope";
  // A missing kind is drawn as lines, as an unknown one is (chartClass).
  const kind = model.get("kind") ?? "lines";
  root.dataset.kind = kind;
  el.appendChild(root);

  let frame = 0;
  let draws = 0;
  let width = root.clientWidth;
  const invalidate = () => {
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const header = createHeader(root, {
    onStop: () => model.send({ type: "stop" }),
    onSavePng: () => downloadPng(root),
    signal,
  });
  const View = chartClass(kind);
  /** @type {(patch: object, save?: boolean) => void} */
  const setOptions = (patch, save = true) => {
    // Every view of the model follows at once; the kernel keeps them for a
    // reload once saved (not while a slider is still being dragged).
    model.set("view_options", { ...model.get("view_options"), ...patch });
    if (save) model.save_changes();
  };
  const chart = new View(root, store, { invalidate, signal, setOptions });
  chart.setTheme(readTheme(root));
  const replay = View.replayable ? new ReplayBar(root, store, chart, { signal }) : null;
  if (replay && model.get("replay_start") === "first") chart.showIndex(0);

  function draw() {
    // Also called directly on mount, when a frame may already be pending.
    cancelAnimationFrame(frame);
    frame = 0;
    seen();
    const height = model.get("height") ?? DEFAULT_HEIGHT;
    chart.configure({
      names: model.get("columns") ?? [],
      xLabel: model.get("x_label") ?? "",
      height: Number.isFinite(height) && height > 0 ? height : DEFAULT_HEIGHT,
      width,
      options: model.get("view_options") ?? {},
      sparse: model.get("sparse") ?? {},
    });
    if (chart.render()) draws++;
    // In replay the header names the step on screen, as the replay bar does.
    let headerStep = store.lastStep;
    if (replay) {
      replay.update();
      const shown = chart.shownIndex;
      if (shown >= 0) headerStep = store.steps[shown];
      root.dataset.shownIndex = shown < 0 ? "" : String(shown);
      root.dataset.shownStep = shown < 0 ? "" : String(store.steps[shown]);
      root.dataset.following = String(chart.following);
      root.dataset.playing = String(replay.playing);
    }

    const { length, times } = store;
    const stopped = Boolean(model.get("stopped"));
    const saved = isSnapshot(store);
    header.update({
      title: model.get("title") ?? "",
      lastStep: headerStep,
      rate: stepRate(store.steps, times, length),
      elapsed: length ? times[length - 1] - times[0] : 0,
      stopped,
      activity: model.get("activity") ?? "live",
      // No Stop without a kernel behind the data.
      showStop: model.get("stop_button") !== false && !saved,
      held: length,
      dropped: store.dropped,
      // What the host keeps a live plot from doing means nothing without a kernel.
      note: [model.get("note"), saved ? "" : model.get("host_note")].filter(Boolean).join(" · "),
    });
    root.dataset.rows = String(length);
    root.dataset.dropped = String(store.dropped);
    root.dataset.generation = String(store.generation);
    root.dataset.lastStep = length ? String(store.lastStep) : "";
    root.dataset.stopped = String(stopped);
    root.dataset.activity = model.get("activity") ?? "live";
    root.dataset.draws = String(draws);
    root.dataset.viewOptions = JSON.stringify(model.get("view_options") ?? {});
    root.dataset.source = saved ? "snapshot" : "kernel";
  }

  for (const name of TRAITS) model.on(`change:${name}`, invalidate);
  const unsubscribe = store.subscribe(invalidate);
  const resizeObserver = new ResizeObserver(([entry]) => {
    width = entry.contentRect.width;
    invalidate();
  });
  resizeObserver.observe(root);
  const unwatchTheme = watchTheme(() => {
    chart.setTheme(readTheme(root));
    invalidate();
  });

  // For tests and debugging: reach the store and view from the element.
  Object.defineProperty(root, "livescope", {
    value: { store, view: chart, replay },
    configurable: true,
  });
  draw();

  function dispose() {
    cancelAnimationFrame(frame);
    for (const name of TRAITS) model.off(`change:${name}`, invalidate);
    unsubscribe();
    resizeObserver.disconnect();
    unwatchTheme();
    controller.abort();
    chart.destroy();
    root.remove();
  }
  return { root, dispose, moved: invalidate };
}
