// The comm side of a model: decodes `rows` messages into the history store
// (and `runs` messages into its previous runs) and asks the kernel for what
// is missing (see docs/wire-format.md).

import { decodeRuns } from "./runs.js";
import { toTypedArray } from "./typed_array.js";

/** @typedef {import("./typed_array.js").BinaryBuffer} BinaryBuffer */
/** @typedef {import("./typed_array.js").WireArray} WireArray */

/**
 * A `rows` message (docs/wire-format.md), as the kernel sends it; `decodeRows` checks it.
 * @typedef {{
 *   type: "rows",
 *   generation: number,
 *   start: number,
 *   count: number,
 *   columns: number,
 *   dtype: string,
 *   dropped?: number,
 * }} RowsMessage
 */

/**
 * What the kernel sends a plot's model.
 * @typedef {RowsMessage | import("./runs.js").RunsMessage} KernelMessage
 */

/** @typedef {(content: KernelMessage, buffers: BinaryBuffer[]) => void} MessageListener */

/**
 * "send me rows `from`.. of generation `generation`" (absolute).
 * @typedef {{ type: "sync", generation: number, from: number }} SyncRequest
 */

/**
 * What this layer uses of an anywidget model (host/model_shim.js makes one
 * outside Jupyter): the `_snapshot` trait, the kernel's messages, `sync`.
 * @typedef {{
 *   get(name: "_snapshot"): BinaryBuffer | undefined,
 *   on(event: "msg:custom", callback: MessageListener): void,
 *   on(event: "change:_snapshot", callback: () => void): void,
 *   off(event: "msg:custom", callback: MessageListener): void,
 *   off(event: "change:_snapshot", callback: () => void): void,
 *   send(content: SyncRequest): void,
 * }} Model
 */

/**
 * A `rows` message's rows: `m` values each, `values` row-major.
 * @typedef {{
 *   generation: number,
 *   start: number,
 *   dropped: number,
 *   m: number,
 *   steps: WireArray,
 *   times: WireArray,
 *   values: WireArray,
 * }} Rows
 */

// uint8 carries pixels (kind="image"); the others, values.
/** @type {Partial<Record<string, import("./typed_array.js").WireArrayType>>} */
const DTYPES = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array };

// A repeated identical sync is only re-sent after this long, so the burst of
// live messages that follows a gap does not flood the kernel with requests.
const SYNC_RETRY_MS = 2000;

/** @param {number} x */
const isCount = (x) => Number.isInteger(x) && x >= 0;

/**
 * Check a `rows` message against its buffers and return typed arrays; throws if malformed.
 * @param {RowsMessage} content
 * @param {BinaryBuffer[]} [buffers] steps, times and values (none when `count` is 0)
 * @returns {Rows}
 */
export function decodeRows(content, buffers = []) {
  const { generation, start, count, columns: m, dtype, dropped = 0 } = content;
  if (typeof generation !== "number" || !Number.isFinite(generation)) {
    throw new Error(`bad generation ${JSON.stringify(generation)}`);
  }
  if (!isCount(start) || !isCount(count) || !isCount(m)) {
    throw new Error(`start, count and columns must be non-negative integers`);
  }
  if (!isCount(dropped) || dropped > start) {
    throw new Error(`dropped must be an integer from 0 to start; got ${JSON.stringify(dropped)}`);
  }
  const Values = DTYPES[dtype];
  if (!Values) throw new Error(`unsupported dtype ${JSON.stringify(dtype)}`);
  if (count === 0) {
    const empty = new Float64Array(0);
    return { generation, start, dropped, m, steps: empty, times: empty, values: empty };
  }
  if (buffers.length !== 3) throw new Error(`expected 3 buffers, got ${buffers.length}`);
  return {
    generation,
    start,
    dropped,
    m,
    steps: toTypedArray(buffers[0], Float64Array, count, "steps"),
    times: toTypedArray(buffers[1], Float64Array, count, "times"),
    values: toTypedArray(buffers[2], Values, count * m, "values"),
  };
}

/**
 * Apply decoded rows to the store: a new generation drops what is held
 * first, then rows append, overlap or leave a gap. Returns `{ added, gap }`.
 * @param {import("./store.js").HistoryStore} store
 * @param {Rows} rows
 * @returns {{ added: number, gap: boolean }}
 */
export function applyRows(store, rows) {
  if (rows.generation !== store.generation) store.clear(rows.generation);
  return store.append(rows.start, rows.steps, rows.times, rows.values, rows.m, rows.dropped);
}

/**
 * Listen for rows on `model` and keep `store` current; sends the initial
 * `sync`. Returns a function that stops listening.
 * @param {Model} model
 * @param {import("./store.js").HistoryStore} store
 * @param {() => number} [now]
 * @returns {() => void}
 */
export function connect(model, store, now = () => Date.now()) {
  /** @type {(SyncRequest & { at: number }) | null} the last sync sent, and when */
  let lastSync = null;

  const sync = () => {
    /** @type {SyncRequest} */
    const request = { type: "sync", generation: store.generation, from: store.total };
    const t = now();
    const same =
      lastSync &&
      lastSync.generation === request.generation &&
      lastSync.from === request.from &&
      t - lastSync.at < SYNC_RETRY_MS;
    if (same) return;
    lastSync = { ...request, at: t };
    model.send(request);
  };

  /** @type {MessageListener} */
  const onMessage = (content, buffers) => {
    if (content?.type === "runs") {
      try {
        store.setRuns(decodeRuns(content, buffers));
      } catch (error) {
        console.warn(
          `livescope: ignoring malformed runs message: ${error instanceof Error ? error.message : error}`,
        );
      }
      return;
    }
    if (content?.type !== "rows") return;
    let result;
    try {
      result = applyRows(store, decodeRows(content, buffers));
    } catch (error) {
      console.warn(
        `livescope: ignoring malformed rows message: ${error instanceof Error ? error.message : error}`,
        content,
      );
      return;
    }
    if (result.gap) sync();
  };

  model.on("msg:custom", onMessage);
  sync();
  return () => model.off("msg:custom", onMessage);
}
