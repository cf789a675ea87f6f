// The views a model can be drawn as, chosen by its `kind` trait.
//
// Every view class has the same shape, so `view.js` can host any of them:
//   new View(parent, store, { invalidate, signal, setOptions })
//                                                    build DOM inside `parent`;
//                                                    setOptions(patch, save) merges
//                                                    `patch` into `view_options`
//   setTheme(theme)                                  colours and fonts (theme.js)
//   configure({ names, xLabel, height, width, options })
//                                                    current traits; `options` is
//                                                    the `view_options` trait
//   render() -> boolean                              draw if something changed
//   destroy()                                        release what it holds
// `static Store` is the history layout the view reads (default HistoryStore,
// one array per named series; RowStore keeps wide rows contiguous).
// A view that shows one step at a time sets `static replayable = true`,
// extends ReplayableView (views/replay.js) and gets the replay bar under it.

import { LineChart } from "./lines.js";
import { FrameView } from "./frame.js";
import { HeatmapView } from "./heatmap.js";
import { ScatterView } from "./scatter.js";
import { TrajectoryView } from "./trajectory.js";
import { WaterfallView } from "./waterfall.js";
// Registers the snapshot loaders of frame, heatmap and waterfall.
import "./grid_snapshot.js";

const VIEWS = {
  lines: LineChart,
  frame: FrameView,
  heatmap: HeatmapView,
  waterfall: WaterfallView,
  scatter: ScatterView,
  trajectory: TrajectoryView,
};

/** The view class for `kind`; unknown kinds (a newer kernel) fall back to lines. */
export function viewClass(kind) {
  return VIEWS[kind] ?? LineChart;
}
