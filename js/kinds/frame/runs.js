// Previous runs in the frame view: at the step shown, each run's row at
// that step (the last it kept at or before it), faded behind the live row,
// each curve in the colour of the live curve in the same place, a curve
// hidden from the legend left out (the twin of
// src/livescope/_picture/frame_runs.py). A run keeps some whole rows,
// sampled evenly by step; its `values` are row-major, `width` a row.

import { runAlpha } from "../lines/runs.js";
import { frameParts } from "./parts.js";

/** The index of `run`'s last row at or before `step`; -1 when it starts later. */
export function runRowAt(run, step) {
  const { steps } = run;
  let lo = 0;
  let hi = steps.length; // first row after `step`, by bisection
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid] <= step) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Row `at` of `run`: a view of its values, `run.width` long. */
export function runRow(run, at) {
  return run.values.subarray(at * run.width, (at + 1) * run.width);
}

/**
 * The extent of the runs' values of the curves shown and of their rows' own
 * x, every row they kept: `{ y: [lo, hi], x: [lo, hi] }` (Infinity,
 * -Infinity if none).
 */
export function frameRunsExtent(runs, options) {
  /** @type {[number, number]} */
  const y = [Infinity, -Infinity];
  /** @type {[number, number]} */
  const x = [Infinity, -Infinity];
  for (const run of runs) {
    const parts = frameParts(options, run.width);
    const { length } = parts;
    if (!length) continue;
    // Bands of each row: its own x, then each curve shown.
    /** @type {{ from: number, to: number, into: number[] }[]} */
    const bands = parts.rowX ? [{ from: 0, to: length, into: x }] : [];
    for (const curve of parts.curves) {
      if (!curve.hidden) bands.push({ from: curve.offset, to: curve.offset + length, into: y });
    }
    for (let r = 0; r < run.steps.length; r++) {
      const row = runRow(run, r);
      for (const { from, to, into } of bands) {
        for (let i = from; i < to; i++) {
          const v = row[i];
          if (!Number.isFinite(v)) continue;
          if (v < into[0]) into[0] = v;
          if (v > into[1]) into[1] = v;
        }
      }
    }
  }
  return { x, y };
}

/**
 * Draw on panel `panel`'s uPlot `u` each of `runs` (newest first) at
 * `step`, the oldest first, faded by its age (`ages[k]`: 0 for the run
 * before this one), clipped to the plot.
 */
export function drawFrameRuns(u, runs, ages, step, options, panel) {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  ctx.lineWidth = devicePixelRatio;
  ctx.lineJoin = "round";
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k];
    const at = runRowAt(run, step);
    const parts = frameParts(options, run.width);
    if (at < 0 || !parts.length) continue;
    const row = runRow(run, at);
    ctx.globalAlpha = runAlpha(ages[k]);
    for (const curve of parts.curves) {
      if (curve.panel !== panel || curve.hidden) continue;
      ctx.strokeStyle = curve.color;
      strokeCurve(ctx, u, parts, row, curve.offset);
    }
  }
  ctx.restore();
}

function strokeCurve(ctx, u, parts, row, offset) {
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < parts.length; i++) {
    const xv = parts.rowX ? row[i] : parts.fixedX ? parts.fixedX[i] : i;
    const y = row[offset + i];
    if (!Number.isFinite(xv) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = u.valToPos(xv, "x", true);
    const py = u.valToPos(y, "y", true);
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
}
