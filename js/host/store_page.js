// The page of `livescope serve runs.db` (docs/serve.md, "A run store"): the
// store's runs in a table, and the run picked shown as a plot with the runs
// of its name ticked for comparison. The plot comes over the same socket as
// a served plot's (socket_host.js); the list and the picks are this page's.

import "./store_page.css";
import { formatCount, formatValue } from "./format.js";
import { connect } from "./socket_host.js";

/** @typedef {import("./socket_host.js").PanelModel} PanelModel */

export const MAX_COMPARED = 10; // the server's (and a plot's) most runs compared
const COLUMNS = ["show", "compare", "name", "run", "params", "started", "status", "rows"];

/** @typedef {{ run: number, compare: number[] }} Pick the run shown and the runs compared with it */

/**
 * A run as the server lists it (docs/serve.md): `compares` whether its plot
 * draws earlier runs; `last_step` a non-finite one as text ("nan").
 * @typedef {{
 *   id: number,
 *   name: string,
 *   label: string,
 *   params: Record<string, unknown>,
 *   started: number,
 *   ended: number | null,
 *   status: string,
 *   rows: number,
 *   kind: string,
 *   compares: boolean,
 *   last_step: number | string | null,
 * }} ListedRun
 */

/**
 * The messages of a run store's page besides its plot's (docs/serve.md):
 * the store's runs (all of them when `reset`, else those that changed), and
 * what is wrong with the store or, with `pick`, with the tab's pick ("" once fixed).
 * @typedef {(
 *   | { kind: "list", store: string, runs: ListedRun[], reset?: boolean }
 *   | { kind: "problem", text: string, pick?: boolean }
 * )} StoreMessage
 */

/**
 * A run's row in the table: the row, its cells by column, its two inputs.
 * @typedef {{
 *   tr: HTMLTableRowElement,
 *   cells: Record<string, HTMLTableCellElement>,
 *   show: HTMLInputElement,
 *   compare: HTMLInputElement,
 * }} RunRow
 */

/**
 * `{ run, compare }` from a location hash such as "#run=3&compare=1,2", or null.
 * @param {string} hash
 * @returns {Pick | null}
 */
export function parsePick(hash) {
  const fields = new URLSearchParams(String(hash ?? "").replace(/^#/, ""));
  /** @param {string} text */
  const id = (text) => (/^\d+$/.test(text) ? Number(text) : null);
  const run = id(fields.get("run") ?? "");
  if (run === null) return null;
  const compare = (fields.get("compare") ?? "")
    .split(",")
    .map(id)
    .filter(/** @returns {c is number} */ (c) => c !== null && c !== run);
  return { run, compare: [...new Set(compare)].slice(0, MAX_COMPARED) };
}

/**
 * The location hash of a pick.
 * @param {Pick} pick
 * @returns {string}
 */
export function formatPick({ run, compare }) {
  return compare.length ? `#run=${run}&compare=${compare.join(",")}` : `#run=${run}`;
}

/**
 * Whether run `other` can be drawn behind run `picked`: its name and kind,
 * and `picked` a plot that draws earlier runs (the server says: lines,
 * trajectory, a frame not split into facets).
 * @param {ListedRun | undefined} picked
 * @param {ListedRun | undefined} other
 * @returns {boolean}
 */
export function comparable(picked, other) {
  return (
    picked !== undefined &&
    other !== undefined &&
    other.id !== picked.id &&
    other.name === picked.name &&
    other.kind === picked.kind &&
    picked.compares === true
  );
}

/**
 * Why run `other` has no compare checkbox to tick with `picked` shown.
 * @param {ListedRun | undefined} picked
 * @param {ListedRun} other
 * @returns {string}
 */
function notComparable(picked, other) {
  if (picked === undefined || other.id === picked.id) return "";
  if (!picked.compares) return `run "${picked.label}" (${picked.kind}) draws no earlier runs`;
  return `only runs named "${picked.name}" of kind ${picked.kind} compare with it`;
}

/**
 * The runs shown with `picked` by default: the one of its name before it, as a plot's `compare=1`.
 * @param {Map<number, ListedRun>} runs
 * @param {ListedRun} picked
 * @returns {number[]}
 */
export function defaultCompare(runs, picked) {
  const before = [...runs.values()].filter((r) => r.id < picked.id && comparable(picked, r));
  return before.length ? [Math.max(...before.map((r) => r.id))] : [];
}

/**
 * The run a page opens on: the newest still written, else the newest.
 * @param {Map<number, ListedRun>} runs
 * @returns {ListedRun | null}
 */
export function defaultRun(runs) {
  const all = [...runs.values()];
  if (!all.length) return null;
  const running = all.filter((r) => r.status === "running");
  /** @param {ListedRun[]} list not empty */
  const newest = (list) => list.reduce((a, b) => (b.id > a.id ? b : a));
  return newest(running.length ? running : all);
}

/**
 * "lr=0.01 batch=64".
 * @param {Record<string, unknown>} params
 * @returns {string}
 */
export function paramsText(params) {
  return Object.entries(params ?? {})
    .map(([name, value]) => `${name}=${typeof value === "number" ? formatValue(value) : value}`)
    .join(" ");
}

/** @param {number} n */
const pad2 = (n) => String(n).padStart(2, "0");

/**
 * Seconds since the epoch as local "YYYY-MM-DD HH:MM:SS".
 * @param {number} seconds
 * @returns {string}
 */
export function startedText(seconds) {
  const d = new Date(seconds * 1000);
  const day = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  return `${day} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/**
 * Show the runs of the store a `livescope serve` server at WebSocket `url`
 * serves, in `el`: the list, and the plot of the run picked. The pick is
 * kept in the location hash (`#run=3&compare=1,2`); without one the page
 * follows the newest run, running ones first, until a run is picked.
 * `mount` is the page host's `mountWidget`; `status` an element that says
 * when the server is away. Returns `{ close() }`.
 * @param {HTMLElement} el
 * @param {string} url
 * @param {{
 *   mount: (cell: HTMLElement, host: PanelModel) => Promise<import("./socket_host.js").PanelHost>,
 *   status?: HTMLElement | null,
 *   WebSocketClass?: typeof WebSocket,
 *   location?: { hash: string },
 *   history?: { replaceState: History["replaceState"] },
 *   storage?: Storage | null,
 * }} options
 * @returns {{ close(): void }}
 */
export function connectStore(
  el,
  url,
  {
    mount,
    status = null,
    WebSocketClass = WebSocket,
    location = window.location,
    history = window.history,
    storage = tabStorage(),
  },
) {
  const page = buildPage(el);
  /** @type {Map<number, ListedRun>} id -> the run as the list has it */
  const runs = new Map();
  /** @type {Map<number, RunRow>} id -> its table row and controls */
  const rows = new Map();
  /** @type {Pick | null} asked of the server */
  let pick = null;
  let following = true; // picking the newest run by itself, until the user picks
  const problems = { store: "", pick: "" }; // what is wrong with the store, with the pick
  let storeName = ""; // as the server names it: with the run id, what view settings are kept by

  const showProblems = () => {
    page.problem.textContent = [problems.store, problems.pick].filter(Boolean).join(" · ");
  };

  /** @param {object} message */
  const send = (message) => socket.send(message);
  /**
   * @param {Pick} next
   * @param {boolean} chosen by the user (or the hash), not followed
   */
  const ask = (next, chosen) => {
    pick = next;
    if (chosen) {
      following = false;
      history.replaceState(null, "", formatPick(pick));
    }
    send({ kind: "pick", run: pick.run, compare: pick.compare });
    problems.pick = "";
    showProblems();
    showControls();
  };
  /** @param {ListedRun} run */
  const fresh = (run) => ({ run: run.id, compare: defaultCompare(runs, run) });

  /** @param {StoreMessage} message */
  const onMessage = (message) => {
    if (message.kind === "list") {
      storeName = String(message.store ?? "");
      if (message.reset) runs.clear();
      for (const run of message.runs ?? []) runs.set(run.id, run);
      page.head.textContent = `${message.store ?? ""} · ${formatCount(runs.size)} runs`;
      showRows();
      choose(Boolean(message.reset));
    } else if (message.kind === "problem") {
      problems[message.pick ? "pick" : "store"] = String(message.text ?? "");
      showProblems();
    }
  };

  // What to show after the list changed: the pick kept (asked again after a
  // reconnect), the hash's, or the newest run while following.
  /** @param {boolean} reconnected */
  const choose = (reconnected) => {
    if (pick && !following) {
      if (reconnected) ask(pick, false);
      return;
    }
    const hashed = pick ? null : parsePick(location.hash);
    if (hashed && runs.has(hashed.run)) {
      const picked = runs.get(hashed.run);
      const compare = hashed.compare.filter((id) => comparable(picked, runs.get(id)));
      ask({ run: hashed.run, compare }, true);
      return;
    }
    const newest = defaultRun(runs);
    if (newest && (reconnected || !pick || newest.id !== pick.run)) ask(fresh(newest), false);
  };

  const showRows = () => {
    for (const run of runs.values()) {
      let row = rows.get(run.id);
      if (!row) {
        row = makeRow(run);
        rows.set(run.id, row);
      }
      fillRow(row, run);
    }
    for (const [id, row] of rows) {
      if (!runs.has(id)) {
        row.tr.remove();
        rows.delete(id);
      }
    }
    const order = [...rows].sort(([a], [b]) => b - a); // newest first
    order.forEach(([, { tr }], i) => {
      if (page.body.children[i] !== tr) page.body.insertBefore(tr, page.body.children[i] ?? null);
    });
    showControls();
  };

  /**
   * @param {ListedRun} run
   * @returns {RunRow}
   */
  const makeRow = (run) => {
    const tr = document.createElement("tr");
    tr.dataset.runId = String(run.id);
    const cells = Object.fromEntries(
      COLUMNS.map((name) => {
        const td = document.createElement("td");
        td.className = `livescope-store-${name}`;
        tr.appendChild(td);
        return [name, td];
      }),
    );
    const show = document.createElement("input");
    show.type = "radio";
    show.name = "livescope-store-show";
    show.addEventListener("change", () => {
      const picked = listed(run.id);
      const kept = pick ? pick.compare.filter((id) => comparable(picked, runs.get(id))) : [];
      ask({ run: run.id, compare: kept.length ? kept : defaultCompare(runs, picked) }, true);
    });
    const compare = document.createElement("input");
    compare.type = "checkbox";
    compare.addEventListener("change", () => {
      if (!pick) return;
      const others = pick.compare.filter((id) => id !== run.id);
      ask({ run: pick.run, compare: compare.checked ? [...others, run.id] : others }, true);
    });
    cells.show.appendChild(show);
    cells.compare.appendChild(compare);
    return { tr, cells, show, compare };
  };

  /**
   * The run of a row in the table: listed, as showRows keeps the rows in step with the list.
   * @param {number} id
   * @returns {ListedRun}
   */
  const listed = (id) => {
    const run = runs.get(id);
    if (!run) throw new Error(`run ${id} has a row in the table but is not listed`);
    return run;
  };

  const showControls = () => {
    const picked = pick ? runs.get(pick.run) : undefined;
    const full = (pick?.compare.length ?? 0) >= MAX_COMPARED;
    for (const [id, { tr, show, compare }] of rows) {
      const run = listed(id);
      const isPicked = pick?.run === id;
      const ticked = Boolean(pick?.compare.includes(id));
      show.checked = isPicked;
      compare.checked = ticked;
      compare.disabled = !comparable(picked, run) || (full && !ticked);
      compare.title = compare.disabled && !isPicked ? notComparable(picked, run) : "";
      tr.classList.toggle("livescope-store-picked", isPicked);
    }
  };

  const socket = connect(page.plot, url, {
    mount: keepViewOptions(mount, storage, () => storeName),
    status,
    onMessage,
    WebSocketClass,
  });
  return {
    close() {
      socket.close();
    },
  };
}

/**
 * `mount`, keeping the view settings the user sets on each run's plot
 * (smoothing, log y, hidden series) in `storage`, the tab's sessionStorage,
 * under `store()` and the run's id: a reload shows each run as it was left.
 * A plot that names no run, or a tab without storage, mounts as it is.
 * @template T
 * @param {(cell: HTMLElement, host: PanelModel) => Promise<T>} mount
 * @param {Storage | null} storage
 * @param {() => string} store
 * @returns {(cell: HTMLElement, host: PanelModel) => Promise<T>}
 */
export function keepViewOptions(mount, storage, store) {
  return (cell, host) => {
    if (!storage || host.run === undefined) return mount(cell, host);
    const key = JSON.stringify(["livescope-view", store(), host.run]);
    const { state } = host;
    return mount(cell, {
      ...host,
      state: { ...state, view_options: { ...state.view_options, ...kept(storage, key) } },
      saveChanges: (patch) => {
        if (patch.view_options) keep(storage, key, patch.view_options);
        host.saveChanges(patch);
      },
    });
  };
}

/** The tab's sessionStorage, or null where the browser refuses it (storage turned off). */
function tabStorage() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The settings kept under `key`: an object, or none when absent or not one.
 * @param {Storage} storage
 * @param {string} key
 * @returns {Record<string, unknown>}
 */
function kept(storage, key) {
  try {
    const value = JSON.parse(storage.getItem(key) ?? "null");
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {}; // not written by this page: nothing kept
  }
}

/**
 * @param {Storage} storage
 * @param {string} key
 * @param {Record<string, unknown>} options
 */
function keep(storage, key, options) {
  try {
    storage.setItem(key, JSON.stringify(options));
  } catch (error) {
    console.warn("livescope: the view settings cannot be kept for a reload", error);
  }
}

/**
 * @param {RunRow} row
 * @param {ListedRun} run
 */
function fillRow({ cells, show, compare }, run) {
  const label = String(run.label);
  show.setAttribute("aria-label", `show ${label}`);
  compare.setAttribute("aria-label", `compare ${label}`);
  setText(cells.name, run.name);
  setText(cells.run, label);
  setText(cells.params, paramsText(run.params));
  setText(cells.started, startedText(run.started));
  setText(cells.status, run.status);
  cells.status.dataset.status = run.status;
  setText(cells.rows, formatCount(run.rows));
}

/**
 * @param {Node} el
 * @param {string} text
 */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** @param {HTMLElement} el */
function buildPage(el) {
  el.classList.add("livescope-store");
  const top = document.createElement("div");
  top.className = "livescope-store-top";
  const head = document.createElement("div");
  head.className = "livescope-store-head";
  const problem = document.createElement("div");
  problem.className = "livescope-store-problem";
  problem.setAttribute("role", "alert");
  top.append(head, problem);
  const list = document.createElement("div");
  list.className = "livescope-store-list";
  const table = document.createElement("table");
  const header = document.createElement("tr");
  for (const name of COLUMNS) {
    const th = document.createElement("th");
    th.textContent = name;
    header.appendChild(th);
  }
  table.createTHead().appendChild(header);
  const body = table.createTBody();
  list.appendChild(table);
  const plot = document.createElement("div");
  plot.className = "livescope-store-plot";
  el.append(top, list, plot);
  return { head, problem, body, plot };
}
