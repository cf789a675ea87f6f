// Previous runs in the lines view: where each run's points fall on the x
// axis, what they add to the ranges, their values at a hovered x, and their
// faded lines (the twin of src/livescope/_picture/runs.py).

import { nearestIndex } from "../../data/store.js";
import { formatValue } from "../../host/format.js";
import { pointWeight, smoothEma } from "./smoothing.js";

const NEWEST_ALPHA = 0.5; // the run before this one
const ALPHA_STEP = 0.1; // each older run is this much fainter ...
const OLDEST_ALPHA = 0.15; // ... down to this

/** How strongly the run `age` runs back (0: the newest previous one) is drawn. */
export function runAlpha(age) {
  return Math.max(OLDEST_ALPHA, NEWEST_ALPHA - ALPHA_STEP * age);
}

/**
 * A run's x values: its steps, or on a time axis its times moved to start
 * with the live run (`liveStart`, seconds since the epoch), so runs align
 * by time since their start.
 */
export function runXs(run, xAxis, liveStart) {
  if (xAxis !== "time") return run.steps;
  const key = `time:${liveStart}`;
  if (run._xsKey !== key) {
    run._xs = Float64Array.from(run.times, (t) => liveStart + t);
    run._xsKey = key;
  }
  return run._xs;
}

/**
 * `runs` as they are drawn with smoothing `weight`: each with its series
 * smoothed as the live ones are, over as many rows (a run kept as its
 * envelope has fewer points than rows: see pointWeight). Weight 0 gives
 * `runs` themselves. The smoothed copy is kept on the run for the next draw.
 */
export function smoothRuns(runs, weight) {
  if (!(weight > 0)) return runs;
  return runs.map((run) => {
    if (run._smoothed?.weight !== weight) {
      const w = pointWeight(weight, run.rows, run.steps.length);
      const columns = new Map();
      for (const [name, ys] of run.columns) {
        columns.set(name, smoothEma(ys, 0, ys.length, w, new Float64Array(ys.length)));
      }
      run._smoothed = { weight, run: { ...run, columns, _smoothed: null } };
    }
    return run._smoothed.run;
  });
}

/** The x range the runs span, or null when they have no points. */
export function runsExtent(runs, xAxis, liveStart) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const run of runs) {
    const xs = runXs(run, xAxis, liveStart);
    if (!xs.length) continue;
    lo = Math.min(lo, xs[0]);
    hi = Math.max(hi, xs[xs.length - 1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Min and max of the runs' series `names` within [x0, x1] (log scale: positive only). */
export function runsYRange(runs, names, xAxis, liveStart, x0, x1, logY) {
  let min = Infinity;
  let max = -Infinity;
  for (const run of runs) {
    const xs = runXs(run, xAxis, liveStart);
    for (const name of names) {
      const ys = run.columns.get(name);
      if (!ys) continue;
      for (let i = 0; i < xs.length; i++) {
        const y = ys[i];
        if (xs[i] < x0 || xs[i] > x1 || !Number.isFinite(y) || (logY && y <= 0)) continue;
        if (y < min) min = y;
        if (y > max) max = y;
      }
    }
  }
  return min <= max ? { min, max } : null;
}

/** "loss 0.31 · acc 0.9": the run's series `names` at its point nearest `x`. */
export function runValuesAt(run, names, xAxis, liveStart, x) {
  const xs = runXs(run, xAxis, liveStart);
  const i = nearestIndex(xs, xs.length, x);
  if (i < 0) return "–";
  return names
    .filter((name) => run.columns.has(name))
    .map((name) => `${name} ${formatValue(run.columns.get(name)[i])}`)
    .join(" · ");
}

/** Each of `params` reduced to the names whose values are not the same in all of them. */
export function differingParams(params) {
  const names = [...new Set(params.flatMap((p) => Object.keys(p)))].sort();
  const differ = names.filter(
    (name) => new Set(params.map((p) => JSON.stringify(p[name] ?? "-"))).size > 1,
  );
  const text = (value) => (typeof value === "number" ? formatValue(value) : (value ?? "-"));
  return params.map((p) => differ.map((name) => `${name}=${text(p[name])}`).join(" "));
}

/**
 * Draw `runs` (newest first) on uPlot `u`'s canvas, the oldest first, each
 * series `names[c]` in `colors[c]` faded by the run's age; `shown[c]` false
 * leaves a series out. Gaps (NaN, and values <= 0 on a log scale) break lines.
 */
export function drawRuns(u, runs, { names, colors, shown, xAxis, liveStart, logY, ages }) {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  ctx.lineWidth = devicePixelRatio;
  for (let k = runs.length - 1; k >= 0; k--) {
    const run = runs[k];
    const xs = runXs(run, xAxis, liveStart);
    ctx.globalAlpha = runAlpha(ages[k]);
    names.forEach((name, c) => {
      const ys = run.columns.get(name);
      if (!ys || !shown[c]) return;
      ctx.strokeStyle = colors[c];
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < xs.length; i++) {
        const y = ys[i];
        if (!Number.isFinite(y) || (logY && y <= 0)) {
          pen = false;
          continue;
        }
        const px = u.valToPos(xs[i], "x", true);
        const py = u.valToPos(y, "y", true);
        if (pen) ctx.lineTo(px, py);
        else ctx.moveTo(px, py);
        pen = true;
      }
      ctx.stroke();
    });
  }
  ctx.restore();
}

/** The previous runs drawn of `runs`: none with `compare` off, none of the `hidden` ids. */
export function shownRuns(runs, compare, hidden) {
  return compare ? runs.filter((run) => !hidden.includes(run.id)) : [];
}
