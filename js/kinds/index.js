// The plot kinds: the one place that lists them. Each kind has the view a
// model is drawn as (chosen by its `kind` trait) and the loader of its saved
// snapshot (docs/wire-format.md).
//
// Every view class has the same shape, so host/view.js can host any of them:
//   new View(parent, store, { invalidate, signal, setOptions })
//                                                    build DOM inside `parent`;
//                                                    setOptions(patch, save) merges
//                                                    `patch` into `view_options`
//   setTheme(theme)                                  colours and fonts (host/theme.js)
//   configure({ names, xLabel, height, width, options })
//                                                    current traits; `options` is
//                                                    the `view_options` trait
//   render() -> boolean                              draw if something changed
//   destroy()                                        release what it holds
// `static Store` is the history layout the view reads (default HistoryStore,
// one array per named series; RowStore keeps wide rows contiguous).
// A view that shows one step at a time sets `static replayable = true`,
// extends ReplayableView (kinds/replay.js) and gets the replay bar under it.

import { loadRows } from "../data/snapshot.js";
import { BarsView } from "./bars.js";
import { FrameView } from "./frame.js";
import { loadGrid } from "./grid_snapshot.js";
import { HeatmapView } from "./heatmap.js";
import { ImageView } from "./image.js";
import { LineChart } from "./lines.js";
import { ScatterView } from "./scatter.js";
import { SegmentsView } from "./segments.js";
import { TrajectoryView } from "./trajectory.js";
import { WaterfallView } from "./waterfall.js";

/**
 * What host/view.js hands every view.
 * @typedef {object} ViewHooks
 * @property {() => void} invalidate asks for a draw on the next animation frame
 * @property {AbortSignal} signal aborts when the view goes
 * @property {(patch: object, save?: boolean) => void} [setOptions] merges into `view_options`
 */

/**
 * @typedef {{
 *   new (parent: HTMLElement, store: any, hooks: ViewHooks): any,
 *   replayable?: boolean,
 *   Store?: new () => any,
 * }} ViewClass
 */

/**
 * @typedef {{
 *   View: ViewClass,
 *   loadSnapshot: (store: any, snapshot: import("../data/snapshot.js").Snapshot) => void,
 * }} Kind
 */

/** @type {Record<string, Kind>} */
export const KINDS = {
  lines: { View: LineChart, loadSnapshot: loadRows },
  frame: { View: FrameView, loadSnapshot: loadGrid },
  heatmap: { View: HeatmapView, loadSnapshot: loadGrid },
  waterfall: { View: WaterfallView, loadSnapshot: loadGrid },
  scatter: { View: ScatterView, loadSnapshot: loadRows },
  trajectory: { View: TrajectoryView, loadSnapshot: loadRows },
  image: { View: ImageView, loadSnapshot: loadRows },
  segments: { View: SegmentsView, loadSnapshot: loadRows },
  bars: { View: BarsView, loadSnapshot: loadGrid },
};

// The names of KINDS, sorted. tests/test_kind_registry.py compares them with
// livescope._kinds.KINDS: it matches /^export const KIND_NAMES = (\[.*\]);$/m
// and reads the brackets as JSON, so keep this array on one line of
// double-quoted names.
// biome-ignore format: the test reads this array from one line
export const KIND_NAMES = ["bars", "frame", "heatmap", "image", "lines", "scatter", "segments", "trajectory", "waterfall"];

/**
 * The view class for `kind`; unknown kinds (a newer kernel) fall back to lines.
 * @param {string} kind
 * @returns {ViewClass}
 */
export function viewClass(kind) {
  return KINDS[kind]?.View ?? LineChart;
}

/** Put a decoded snapshot into `store` with its kind's loader. */
export function applySnapshot(store, snapshot) {
  const load = KINDS[snapshot.kind]?.loadSnapshot;
  if (!load) throw new Error(`no snapshot loader for plots of kind ${snapshot.kind}`);
  load(store, snapshot);
}
