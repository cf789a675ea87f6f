// The tick labels of a uPlot number axis, by the rule of draw/ticks.js in
// place of uPlot's (at most three decimals: 0.0002 and 0.0004 both read "0"),
// and x ticks spaced for labels that grow long (a million and millionths).

import { exactLabel, niceStep, tickLabels } from "../../draw/ticks.js";

// uPlot's least spacing of x ticks in CSS pixels, and the room kept between two labels.
const X_SPACE = 50;
const LABEL_GAP = 16;

/** Labels of a linear axis: uPlot's splits, `incr` apart, written exactly to the step. */
export function linearAxisValues(_u, splits, _axisIdx, _space, incr) {
  return tickLabels(splits, incr);
}

/** Labels of a log axis: each split written to its own last digit; splits uPlot hides stay empty. */
export function logAxisValues(_u, splits) {
  return splits.map((v) => (v === null || v === undefined ? "" : exactLabel(v)));
}

/**
 * uPlot `space` of a linear x axis: its default, or more where the labels of
 * the range at that spacing are wider, so long labels do not overlap.
 */
export function labelSpace(u, axisIdx, min, max, plotWidth) {
  if (!(max > min) || !(plotWidth > 0)) return X_SPACE;
  const step = niceStep(max - min, Math.max(1, Math.floor(plotWidth / X_SPACE)));
  u.ctx.font = u.axes[axisIdx].font[0];
  const widths = tickLabels([min, max], step).map((label) => u.ctx.measureText(label).width);
  return Math.max(X_SPACE, Math.ceil(Math.max(...widths) / devicePixelRatio) + LABEL_GAP);
}
