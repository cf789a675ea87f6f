// The lines view's options, kept in the `view_options` trait
// (docs/wire-format.md): set in Python at creation, changed by the view's
// controls, read on every draw, so every view and a reloaded page agree.

export const MAX_SMOOTHING = 0.99;

/**
 * `{ smoothing, logY, xAxis, hidden, colormap, compare, hiddenRuns }` from the
 * `view_options` trait; anything missing or unexpected reads as its default
 * (`colormap` null: the palette; `compare`, whether previous runs are drawn,
 * defaults to true).
 */
export function readLineOptions(viewOptions) {
  const { smoothing, log_y: logY, x_axis: xAxis, hidden, colormap } = viewOptions ?? {};
  const { compare, hidden_runs: hiddenRuns } = viewOptions ?? {};
  return {
    colormap: typeof colormap === "string" ? colormap : null,
    compare: compare !== false,
    hiddenRuns: Array.isArray(hiddenRuns) ? hiddenRuns.filter((id) => typeof id === "string") : [],
    smoothing: Number.isFinite(smoothing) ? Math.min(Math.max(smoothing, 0), MAX_SMOOTHING) : 0,
    logY: logY === true,
    xAxis: xAxis === "time" ? "time" : "step",
    hidden: Array.isArray(hidden) ? hidden.filter((name) => typeof name === "string") : [],
  };
}

/** `list` without `item` if it holds it, else with `item` added: a legend click's new list. */
export function toggled(list, item) {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
