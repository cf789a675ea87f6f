// Previous runs in the trajectory view: each run's path, in the line's
// colour, faded more the older it is, under the live path (the twin of the
// runs in src/livescope/_picture/trajectory.py). A run's points are its
// path kept with its shape (NaN where points were left out: a gap). In
// replay each path is drawn up to the step shown, as the live path is.

import { upperBound } from "../data/search.js";
import { runAlpha } from "./lines/runs.js";

/** The x and y extents of the runs' paths: `[[x0, x1], [y0, y1]]` (Infinity, -Infinity if none). */
export function pathRunsExtent(runs) {
  const x = [Infinity, -Infinity];
  const y = [Infinity, -Infinity];
  for (const run of runs) {
    const xs = run.columns.get("x");
    const ys = run.columns.get("y");
    if (!xs || !ys) continue;
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) continue;
      x[0] = Math.min(x[0], xs[i]);
      x[1] = Math.max(x[1], xs[i]);
      y[0] = Math.min(y[0], ys[i]);
      y[1] = Math.max(y[1], ys[i]);
    }
  }
  return [x, y];
}

/**
 * Stroke `runs` (newest first) on `ctx` in device pixels (`scale` from
 * panelScales), the oldest first, each faded by its age (`ages[k]`: 0 for
 * the run before this one), clipped to the plot; of each path only its
 * points with step <= `untilStep` (the whole path by default).
 */
export function drawRunPaths(ctx, runs, ages, scale, color, ratio, untilStep = Infinity) {
  if (!runs.length) return;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.beginPath();
  ctx.rect(scale.left, scale.top, scale.right - scale.left, scale.bottom - scale.top);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = ratio;
  ctx.lineJoin = "round";
  for (let k = runs.length - 1; k >= 0; k--) {
    const xs = runs[k].columns.get("x");
    const ys = runs[k].columns.get("y");
    if (!xs || !ys) continue;
    const { steps } = runs[k];
    const end = Math.min(xs.length, upperBound(steps, steps.length, untilStep));
    ctx.globalAlpha = runAlpha(ages[k]);
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < end; i++) {
      const px = scale.ox + xs[i] * scale.sx;
      const py = scale.oy + ys[i] * scale.sy;
      if (!Number.isFinite(px) || !Number.isFinite(py)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px, py);
      else ctx.moveTo(px, py);
      pen = true;
    }
    ctx.stroke();
  }
  ctx.restore();
}
