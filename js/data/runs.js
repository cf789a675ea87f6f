// Previous runs a line plot compares with (docs/wire-format.md): from a
// `runs` message or from a saved snapshot, kept beside the model's history
// in `store.runs` (they outlive a new generation of the live rows).

import { toTypedArray } from "./typed_array.js";

/** @typedef {import("./typed_array.js").WireArray} WireArray */

/**
 * A run as the kernel describes it, in a `runs` message or a snapshot's
 * `runs` field (docs/wire-format.md); a missing `width` is one value per column.
 * @typedef {{
 *   id: string,
 *   label: string,
 *   started: number,
 *   params: Record<string, unknown>,
 *   status: string,
 *   rows: number,
 *   columns: string[],
 *   width?: number,
 * }} RunDescription
 */

/**
 * A `runs` message: each run's description with its `count` of points and
 * their `dtype`, the live run's legend words (`{}` when not compared).
 * @typedef {{
 *   type: "runs",
 *   live?: LiveRun,
 *   runs: (RunDescription & { count: number, dtype: string })[],
 * }} RunsMessage
 */

/** @typedef {{ label?: string, params?: Record<string, unknown> }} LiveRun */

/** @type {Partial<Record<string, Float64ArrayConstructor | Float32ArrayConstructor>>} */
const DTYPES = { float64: Float64Array, float32: Float32Array };

/**
 * Values a point of `described`: its `width` (a frame's whole rows), else one per column.
 * @param {RunDescription} described
 * @returns {number}
 */
function runWidth(described) {
  const { width } = described;
  if (typeof width === "number" && Number.isInteger(width) && width >= 0) return width;
  return Array.isArray(described.columns) ? described.columns.length : 0;
}

/**
 * One run as the views read it: its fields, steps, times (seconds after
 * `started`), one Float64Array per series name, and its `values` row-major,
 * `width` a point (a frame reads whole rows from them).
 * @param {RunDescription} described
 * @param {WireArray} steps
 * @param {WireArray} times
 * @param {WireArray} values
 * @returns {Run}
 */
function makeRun(described, steps, times, values) {
  const names = Array.isArray(described.columns) ? described.columns.map(String) : [];
  const count = steps.length;
  const m = runWidth(described);
  if (values.length !== count * m) {
    throw new Error(`run ${described.id} has ${values.length} values, expected ${count * m}`);
  }
  /** @type {Map<string, Float64Array>} */
  const columns = new Map();
  names.slice(0, m).forEach((name, c) => {
    columns.set(
      name,
      Float64Array.from({ length: count }, (_, r) => values[r * m + c]),
    );
  });
  return {
    id: String(described.id),
    label: String(described.label ?? described.id),
    started: Number(described.started) || 0,
    params: described.params && typeof described.params === "object" ? described.params : {},
    status: String(described.status ?? ""),
    rows: Number.isInteger(described.rows) ? described.rows : count,
    steps: Float64Array.from(steps),
    times: Float64Array.from(times),
    columns,
    width: m,
    values: values.slice(), // its own copy, not a view of a message's buffer
  };
}

/**
 * One run as the views read it (see `makeRun`).
 * @typedef {{
 *   id: string,
 *   label: string,
 *   started: number,
 *   params: Record<string, unknown>,
 *   status: string,
 *   rows: number,
 *   steps: Float64Array,
 *   times: Float64Array,
 *   columns: Map<string, Float64Array>,
 *   width: number,
 *   values: WireArray,
 * }} Run
 */

/**
 * The runs a plot compares with, and the legend's words for its own (live) run.
 * @typedef {{ live: LiveRun, runs: Run[] }} Runs
 */

/**
 * `{ live, runs }` from a `runs` message; throws when it is malformed.
 * @param {RunsMessage} content
 * @param {import("./typed_array.js").BinaryBuffer[]} [buffers] each run's steps, times and values
 * @returns {Runs}
 */
export function decodeRuns(content, buffers = []) {
  const described = content?.runs;
  if (!Array.isArray(described)) throw new Error("runs must be a list");
  if (buffers.length !== 3 * described.length) {
    throw new Error(`expected ${3 * described.length} buffers, got ${buffers.length}`);
  }
  const runs = described.map((run, i) => {
    const count = run.count;
    if (!Number.isInteger(count) || count < 0) throw new Error(`bad count ${count}`);
    const Values = DTYPES[run.dtype];
    if (!Values) throw new Error(`unsupported dtype ${JSON.stringify(run.dtype)}`);
    const m = runWidth(run);
    const steps = toTypedArray(buffers[3 * i], Float64Array, count, "run steps");
    const times = toTypedArray(buffers[3 * i + 1], Float64Array, count, "run times");
    const values = toTypedArray(buffers[3 * i + 2], Values, count * m, "run values");
    return makeRun(run, steps, times, values);
  });
  return { live: content.live ?? {}, runs };
}

/**
 * `{ live, runs }` from a lines snapshot's fields and arrays (none without `runs`).
 * @param {Pick<import("./snapshot.js").Snapshot, "fields" | "arrays">} snapshot
 * @returns {Runs}
 */
export function snapshotRuns({ fields, arrays }) {
  const described = Array.isArray(fields.runs) ? fields.runs : [];
  const runs = described.map((run, i) => {
    const steps = arrays[`run${i}_steps`];
    const times = arrays[`run${i}_times`];
    const values = arrays[`run${i}_values`];
    if (!steps || !times || !values) throw new Error(`snapshot run ${i} lacks its arrays`);
    return makeRun(run, steps, times, values);
  });
  return { live: fields.live_run ?? {}, runs };
}
