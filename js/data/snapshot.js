// Snapshots: the compact data a saved notebook or an exported page keeps of
// a plot (docs/wire-format.md). A model loads its snapshot into the store
// until the kernel answers; with no kernel behind it (a reopened notebook,
// a page from disk) the snapshot is what the views show.

import { snapshotRuns } from "./runs.js";
import { toTypedArray } from "./typed_array.js";

/** @typedef {import("./typed_array.js").BinaryBuffer} BinaryBuffer */
/** @typedef {import("./store.js").HistoryStore} HistoryStore */

const MAGIC = "LSNP";
const VERSION = 1;
/** @type {Partial<Record<string, import("./typed_array.js").WireArrayType>>} */
const DTYPES = { float64: Float64Array, float32: Float32Array, uint8: Uint8Array };

// The store generation of snapshot data: never one the kernel uses, so the
// first kernel rows replace the snapshot and a `sync` asks for every row.
export const SNAPSHOT_GENERATION = -1;

/**
 * Whether `store` holds a snapshot's rows (no kernel rows yet).
 * @param {HistoryStore} store
 * @returns {boolean}
 */
export const isSnapshot = (store) => store.generation === SNAPSHOT_GENERATION;

/** @param {BinaryBuffer} buffer */
const asBytes = (buffer) =>
  ArrayBuffer.isView(buffer)
    ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : new Uint8Array(buffer);

/**
 * A snapshot header's fields besides `kind`, `version` and `arrays`
 * (docs/wire-format.md): those of every kind, then those of some.
 * @typedef {{
 *   rows: number,
 *   generation: number,
 *   t0: number,
 *   exact?: boolean,
 *   range?: [number, number] | null,
 *   non_finite?: boolean,
 *   x_range?: [number, number] | null,
 *   curve_ranges?: ([number, number] | null)[],
 *   runs?: import("./runs.js").RunDescription[],
 *   live_run?: import("./runs.js").LiveRun,
 * }} SnapshotFields
 */

/**
 * A decoded snapshot: its kind, the header's other fields, its named arrays.
 * @typedef {{
 *   kind: string,
 *   fields: SnapshotFields,
 *   arrays: Record<string, import("./typed_array.js").WireArray>,
 * }} Snapshot
 */

/**
 * A snapshot's JSON header.
 * @typedef {SnapshotFields & {
 *   kind: string,
 *   version: number,
 *   arrays: { name: string, dtype: string, shape: number[] }[],
 * }} SnapshotHeader
 */

/**
 * Decode a snapshot (DataView, typed array or ArrayBuffer) into `{ kind, fields, arrays }`.
 * @param {BinaryBuffer} buffer
 * @returns {Snapshot}
 */
export function decodeSnapshot(buffer) {
  const bytes = asBytes(buffer);
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error("not a livescope snapshot");
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset + 4, 4).getUint32(0, true);
  /** @type {SnapshotHeader} */
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
  if (header.version !== VERSION)
    throw new Error(`unsupported snapshot version ${header.version}`);
  const { kind, arrays: specs, version, ...fields } = header;
  /** @type {Snapshot["arrays"]} */
  const arrays = {};
  let offset = 8 + length;
  for (const { name, dtype, shape } of specs) {
    const Type = DTYPES[dtype];
    if (!Type) throw new Error(`unsupported dtype ${dtype} in snapshot array ${name}`);
    const count = shape.reduce((a, b) => a * b, 1);
    const size = count * Type.BYTES_PER_ELEMENT;
    if (offset + size > bytes.length) throw new Error(`snapshot array ${name} runs past the end`);
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, size);
    arrays[name] = toTypedArray(view, Type, count, name);
    offset += size + ((8 - (size % 8)) % 8);
  }
  return { kind, fields, arrays };
}

/**
 * Load steps, times (seconds after `t0`) and row-major values into `store` as
 * snapshot rows: the layout of line, scatter and trajectory snapshots.
 * @param {HistoryStore} store
 * @param {Snapshot} snapshot
 */
export function loadRows(store, { fields, arrays }) {
  const { steps, times, values } = arrays;
  const n = steps.length;
  const absolute = Float64Array.from(times, (t) => t + fields.t0);
  store.clear(SNAPSHOT_GENERATION);
  store.append(0, steps, absolute, values, n ? values.length / n : 0);
  // A long history saved as its envelope: each point stands for several rows.
  if (fields.exact === false && fields.rows > n) store.rowsPerPoint = fields.rows / n;
  if (fields.runs) store.setRuns(snapshotRuns({ fields, arrays }));
}

/**
 * Show the model's `_snapshot` trait in `store` until the kernel sends rows
 * (from then on the kernel's history is newer). Call before `connect`.
 * `apply(store, snapshot)` loads a decoded snapshot by its kind (kinds/index.js).
 * Returns the function that stops listening.
 * @param {import("./transport.js").Model} model
 * @param {HistoryStore} store
 * @param {(store: HistoryStore, snapshot: Snapshot) => void} apply
 * @returns {() => void}
 */
export function followSnapshot(model, store, apply) {
  let live = false;
  const load = () => {
    const buffer = model.get("_snapshot");
    if (live || !buffer || buffer.byteLength === 0) return;
    try {
      apply(store, decodeSnapshot(buffer));
    } catch (error) {
      console.warn(
        `livescope: ignoring the saved snapshot: ${error instanceof Error ? error.message : error}`,
      );
    }
  };
  /** @type {import("./transport.js").MessageListener} */
  const onMessage = (content) => {
    if (content?.type === "rows") live = true;
  };
  model.on("msg:custom", onMessage);
  model.on("change:_snapshot", load);
  load();
  return () => {
    model.off("msg:custom", onMessage);
    model.off("change:_snapshot", load);
  };
}
