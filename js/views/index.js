// The views a model can be drawn as, chosen by its `kind` trait.
//
// Every view class has the same shape, so `view.js` can host any of them:
//   new View(parent, store, { invalidate, signal })  build DOM inside `parent`
//   setTheme(theme)                                  colours and fonts (theme.js)
//   configure({ names, xLabel, height, width, options })
//                                                    current traits; `options` is
//                                                    the `view_options` trait
//   render() -> boolean                              draw if something changed
//   destroy()                                        release what it holds
// A view that shows one step at a time sets `static replayable = true` and
// has `showIndex(i)` (null follows the latest row), `shownIndex` and `following`.
// A view that reads whole rows sets `static storeClass` (e.g. RowStore);
// the default is the column-major HistoryStore.

import { LineChart } from "../chart.js";
import { ScatterView } from "./scatter.js";
import { TrajectoryView } from "./trajectory.js";

const VIEWS = {
  lines: LineChart,
  scatter: ScatterView,
  trajectory: TrajectoryView,
};

/** The view class for `kind`; unknown kinds (a newer kernel) fall back to lines. */
export function viewClass(kind) {
  return VIEWS[kind] ?? LineChart;
}
