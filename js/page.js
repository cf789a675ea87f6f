// A standalone page host: mounts the widget's own initialize/render outside
// Jupyter over a model shim. Bundled on its own (an IIFE exposing
// `livescopePage`) for exported HTML files and other pages that feed a
// widget from elsewhere.
//
// The data source is pluggable: a host passes the initial state, calls
// `receive` for each incoming message, and gets the front end's messages
// through `send`.

import dashboardControls from "./dashboard.js";
import { createModel } from "./host/model_shim.js";
import { connect } from "./host/socket_host.js";
import { connectStore as connectStorePage } from "./host/store_page.js";
import widget from "./widget.js";

/**
 * Mount the widget into `el`.
 *
 * `state` is the model's traits (binary ones as DataView/ArrayBuffer; see
 * `decodeSavedState` for the saved form). `send(content, buffers)` gets the
 * front end's messages (omit it when nothing listens, as in a file).
 *
 * Resolves to `{ model, receive(content, buffers), update(patch), dispose() }`.
 * @param {HTMLElement} el
 * @param {{
 *   state: Record<string, any>,
 *   send?: (content: any, buffers: any[]) => void,
 *   saveChanges?: (changes: Record<string, any>) => void,
 *   definition?: {
 *     initialize?: (props: { model: any }) => any,
 *     render: (props: { model: any, el: HTMLElement }) => any,
 *   },
 * }} options
 */
export async function mountWidget(el, { state, send, saveChanges, definition = widget }) {
  const host = createModel(state, { send, saveChanges });
  const cleanups = [];
  const keep = (cleanup) => {
    if (typeof cleanup === "function") cleanups.push(cleanup);
  };
  keep(await definition.initialize?.({ model: host.model }));
  keep(await definition.render?.({ model: host.model, el }));
  return {
    model: host.model,
    receive: host.receive,
    update: host.update,
    dispose() {
      // Views first, then the model, as a widget manager does.
      while (cleanups.length) cleanups.pop()();
    },
  };
}

function base64ToDataView(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new DataView(bytes.buffer);
}

/**
 * Turn a saved model state into traits: `{ state, buffers }` where each
 * buffer is `{ path, encoding: "base64", data }`, the form Jupyter widgets
 * use in saved notebooks. Binary traits come back as DataViews.
 */
export function decodeSavedState({ state, buffers = [] }) {
  const traits = structuredClone(state);
  for (const { path, encoding, data } of buffers) {
    if (encoding !== "base64") throw new Error(`unsupported buffer encoding ${encoding}`);
    if (!Array.isArray(path) || path.length === 0) throw new Error("buffer without a path");
    let target = traits;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path.at(-1)] = base64ToDataView(data);
  }
  return traits;
}

/** Mount a saved model state (see `decodeSavedState`) with no kernel behind it. */
export function mountSaved(el, saved) {
  return mountWidget(el, { state: decodeSavedState(saved) });
}

/**
 * Mount a saved dashboard with no kernel behind it: its controls (title and
 * an ended Stop) above a CSS grid of its panels, as the notebook lays them
 * out. `saved` is `{ columns, controls, panels: [{ name, area, kind, height, saved }] }`:
 * `columns` of the grid, each panel's CSS `grid-area`, and the saved model
 * states of the controls and of each panel (see `decodeSavedState`); a
 * panel without `saved` (its kind cannot be saved yet) shows a placeholder.
 *
 * Resolves to `{ hosts, dispose() }`, the controls' host first.
 */
export async function mountDashboard(el, { columns, controls, panels }) {
  el.classList.add("livescope-page-dashboard");
  const top = document.createElement("div");
  const grid = document.createElement("div");
  Object.assign(grid.style, {
    display: "grid",
    gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
    gap: "8px 12px",
  });
  el.append(top, grid);
  const hosts = [
    await mountWidget(top, { state: decodeSavedState(controls), definition: dashboardControls }),
  ];
  for (const panel of panels) {
    const cell = document.createElement("div");
    cell.dataset.panel = panel.name;
    // A column flexbox stretches the plot to the width of its grid cell.
    Object.assign(cell.style, { gridArea: panel.area, minWidth: "0", display: "flex" });
    cell.style.flexFlow = "column";
    grid.appendChild(cell);
    if (panel.saved) {
      hosts.push(await mountSaved(cell, panel.saved));
    } else {
      cell.append(placeholder(panel));
    }
  }
  return {
    hosts,
    dispose() {
      for (const host of hosts) host.dispose();
    },
  };
}

// A panel whose kind has no saved form yet: a frame that names it.
function placeholder({ name, kind, height }) {
  const box = document.createElement("div");
  box.className = "livescope livescope-placeholder";
  box.textContent = `${name}: plots of kind "${kind}" cannot be saved yet`;
  Object.assign(box.style, {
    border: "1px solid var(--livescope-border)",
    minHeight: `${height ?? 100}px`,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
  });
  return box;
}

/** Show the plot of a `livescope serve` server at WebSocket `url` (see socket_host.js). */
export function connectServer(el, url, options = {}) {
  return connect(el, url, { ...options, mount: mountWidget });
}

/** Show the runs of a store `livescope serve runs.db` serves at WebSocket `url` (see store_page.js). */
export function connectStore(el, url, options = {}) {
  return connectStorePage(el, url, { ...options, mount: mountWidget });
}
