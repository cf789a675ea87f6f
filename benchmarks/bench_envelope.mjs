// The lines chart's per-frame work at scale, in node: the envelope of a
// history of 2,500,000 steps x 4 series, scanning every row against reading
// the store's block summaries, in one run. Run by hand from the repository:
//
//     node benchmarks/bench_envelope.mjs [--steps 2500000] [--width 1000]
//
// Times are CPU time of this process (user + system), medians: on a shared
// machine wall time mostly measures the other jobs. Compare the ratios
// within one run.

import { parseArgs } from "node:util";
import { BlockSummaries } from "../js/data/block_summary.js";
import { envelope } from "../js/kinds/lines/envelope.js";
import { seriesData } from "../js/kinds/lines/series_data.js";
import { SmoothedColumns } from "../js/kinds/lines/smoothed_columns.js";
import { HistoryStore } from "../js/data/store.js";

const { values: args } = parseArgs({
  options: {
    steps: { type: "string", default: "2500000" },
    width: { type: "string", default: "1000" },
    batch: { type: "string", default: "40000" },
  },
});
const steps = Number(args.steps);
const width = Number(args.width);
const batch = Number(args.batch);
const m = 4;

/** CPU milliseconds this process has used. */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Median CPU milliseconds of `f()` over `runs` runs, after one warm-up. */
function median(f, runs = 15) {
  f();
  const times = [];
  for (let k = 0; k < runs; k++) {
    const t0 = cpuMs();
    f();
    times.push(cpuMs() - t0);
  }
  return times.sort((a, b) => a - b)[runs >> 1];
}

// A noisy walk with gaps and spikes, appended in batches as messages arrive.
let seed = 1;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const store = new HistoryStore();
const level = [0, 0, 0, 0];
let appendMs = 0;
for (let start = 0; start < steps; start += batch) {
  const k = Math.min(batch, steps - start);
  const stepArray = Float64Array.from({ length: k }, (_, r) => start + r);
  const values = new Float64Array(k * m);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < m; c++) {
      level[c] += rand() - 0.5;
      const u = rand();
      values[r * m + c] = u < 0.001 ? NaN : u > 0.9999 ? level[c] * 100 : level[c];
    }
  }
  const t0 = cpuMs();
  store.append(start, stepArray, stepArray, values, m);
  appendMs += cpuMs() - t0;
}

const { columns, length, dropped } = store;
const blocks = columns.map((_, c) => store.blocks.column(c));
const x0 = store.steps[0];
const x1 = store.steps[length - 1];
const zoom = [Math.floor(length / 3), Math.floor(length / 3) + 1000];
const options = { xAxis: "step", smoothing: 0, logY: false, hidden: [] };
const smoothedColumns = new SmoothedColumns();

const rows = [
  ["envelope, all rows", () => envelope(store.steps, columns, length, x0, x1, width),
    () => envelope(store.steps, columns, length, x0, x1, width, blocks, dropped)],
  ["envelope, a 1,000-step zoom", () => envelope(store.steps, columns, length, ...zoom, width),
    () => envelope(store.steps, columns, length, ...zoom, width, blocks, dropped)],
];
console.log(`${length.toLocaleString("en")} steps x ${m} series, width ${width} px`);
console.log(`| measure | every row scanned | block summaries | ratio |`);
console.log(`|---|---|---|---|`);
for (const [name, plain, summarised] of rows) {
  const a = median(plain);
  const b = median(summarised);
  console.log(`| ${name} | ${a.toFixed(2)} ms | ${b.toFixed(3)} ms | ${(a / b).toFixed(0)}x |`);
}
const draw = median(() => seriesData(store, options, x0, x1, width, smoothedColumns));
const logY = median(() => seriesData(store, { ...options, logY: true }, x0, x1, width, smoothedColumns));
const smoothing = { ...options, smoothing: 0.6 };
// Turning smoothing on smooths every row once; later draws read the result.
const firstSmoothed = median(() => seriesData(store, smoothing, x0, x1, width, new SmoothedColumns()), 5);
const smoothed = median(() => seriesData(store, smoothing, x0, x1, width, smoothedColumns));
// The slider dragged: every draw has a new weight.
let weight = 0.6;
const newWeight = median(() => {
  weight = weight >= 0.9 ? 0.6 : weight + 0.01;
  seriesData(store, { ...options, smoothing: weight }, x0, x1, width, smoothedColumns);
}, 5);
console.log(`\nseriesData (a whole lines draw's data), all rows: ${draw.toFixed(3)} ms`);
console.log(`the same, log y: ${logY.toFixed(3)} ms`);
console.log(
  `the same, smoothed: first draw ${firstSmoothed.toFixed(1)} ms, later draws ${smoothed.toFixed(3)} ms,` +
    ` a draw with a new weight ${newWeight.toFixed(1)} ms`,
);
// The summaries' share of appending: the same batches summarised again.
const again = new BlockSummaries();
again.reset(0, m);
const t0 = cpuMs();
for (let start = 0; start < steps; start += batch) {
  again.extend(columns, 0, start, Math.min(steps, start + batch));
}
const summaryMs = cpuMs() - t0;
const bytes = (store.capacity * (m + 2) * 8) / 1e6;
console.log(
  `appending all rows: ${appendMs.toFixed(0)} ms, of which block summaries ${summaryMs.toFixed(0)} ms`,
);
console.log(
  `store arrays ${bytes.toFixed(0)} MB (${store.capacity.toLocaleString("en")} rows)` +
    ` for ${((steps * m * 8) / 1e6).toFixed(0)} MB of values`,
);
