// A long path reduced to what a canvas can show: consecutive points that
// fall in the pixel of the point kept before them add nothing visible, so
// only the first point of each such run is kept. The path then visits
// exactly the pixels the full path visits (its extremes among them), with
// at most one point per pixel step.

/** Where the previous call stopped: the last kept pixel, and whether the path is broken. */
export const freshPathState = () => ({ cx: NaN, cy: NaN, x: NaN, y: NaN, broken: true });

/**
 * Points `from`..`to - 1` of the path (xs[i], ys[i]) in device pixels
 * (x = ox + xs[i] * sx, y = oy + ys[i] * sy), decimated to one point per
 * pixel run. A non-finite point breaks the path: the output holds a NaN
 * pair there. `state` carries the last kept pixel across calls, so a path
 * decimated in pieces equals the path decimated at once. Returns
 * `{ xy, n }`: n points as x, y pairs in `xy`.
 */
export function decimatePath(xs, ys, from, to, { ox, sx, oy, sy }, state = freshPathState()) {
  const xy = new Float64Array(2 * Math.max(0, to - from));
  let n = 0;
  let { cx, cy, broken } = state;
  for (let i = from; i < to; i++) {
    const x = ox + xs[i] * sx;
    const y = oy + ys[i] * sy;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (!broken) {
        xy[2 * n] = NaN;
        xy[2 * n + 1] = NaN;
        n++;
        broken = true;
        cx = cy = NaN;
      }
      continue;
    }
    const px = Math.floor(x);
    const py = Math.floor(y);
    if (px === cx && py === cy) continue;
    cx = px;
    cy = py;
    broken = false;
    xy[2 * n] = x;
    xy[2 * n + 1] = y;
    state.x = x;
    state.y = y;
    n++;
  }
  state.cx = cx;
  state.cy = cy;
  state.broken = broken;
  return { xy, n };
}

// Stroking a path of a million segments at once costs more than in pieces.
const CHUNK = 4096;

/**
 * Stroke `n` decimated points with the current stroke style, starting from
 * (`fromX`, `fromY`) when given (the end of the previous piece); NaN pairs
 * are breaks.
 */
export function strokePath(ctx, xy, n, fromX = NaN, fromY = NaN) {
  let open = Number.isFinite(fromX) && Number.isFinite(fromY);
  let segments = 0;
  ctx.beginPath();
  if (open) ctx.moveTo(fromX, fromY);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (Number.isNaN(x)) {
      open = false;
      continue;
    }
    if (open) {
      ctx.lineTo(x, y);
      if (++segments >= CHUNK) {
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(x, y);
        segments = 0;
      }
    } else {
      ctx.moveTo(x, y);
      open = true;
    }
  }
  ctx.stroke();
}
