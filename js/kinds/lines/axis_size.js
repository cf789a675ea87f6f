// The width of a uPlot y axis, sized to its tick labels.

/** Axis width that fits its widest tick label (uPlot's fixed default clips big numbers). */
export function axisSize(u, values, axisIdx, cycleNum) {
  const axis = u.axes[axisIdx];
  if (cycleNum > 1) return axis._size;
  // The widest label, not the longest: "-5" has more characters than "20" but is narrower.
  u.ctx.font = axis.font[0];
  const widest = (values ?? []).reduce((w, v) => Math.max(w, u.ctx.measureText(v).width), 0);
  return Math.ceil(axis.ticks.size + axis.gap + widest / devicePixelRatio);
}
