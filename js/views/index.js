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
// A view that shows one step at a time sets `static replayable = true`.

import { LineChart } from "../chart.js";

const VIEWS = {
  lines: LineChart,
};

/** The view class for `kind`; unknown kinds (a newer kernel) fall back to lines. */
export function viewClass(kind) {
  return VIEWS[kind] ?? LineChart;
}
