// The page's side of `livescope serve`: one WebSocket feeds the page host
// (see docs/serve.md). Every message from the server is one binary frame;
// the page answers with small JSON text frames.

const RETRY_MS = 1000;

/**
 * A model's traits by name, as the server sends them: JSON values, of which
 * `view_options` is an object (docs/wire-format.md) that a run store's page
 * keeps (store_page.js).
 * @typedef {Record<string, unknown> & { view_options?: Record<string, unknown> }} Traits
 */

/**
 * A plot's messages from the server (docs/serve.md): `open` mounts it over
 * `state` (with panels, `panels` of them in a grid `columns` wide; on a run
 * store's page, run `run`'s plot), `update` changes traits, `custom` is a
 * message for the front end (`rows`). On a run store's page each names the
 * `view` (the tab's pick) it belongs to.
 * @typedef {{ view?: number } & (
 *   | { kind: "open", state: Traits, panels?: number, columns?: number, run?: number }
 *   | { kind: "update", state: Traits }
 *   | { kind: "custom", content: object }
 * )} PlotMessage
 */

/**
 * What a server message says: a plot's message, or one that a run store's
 * page reads (`onMessage`); with panels, the `panel` it is about.
 * @typedef {(PlotMessage | import("./store_page.js").StoreMessage) & { panel?: number }} ServerFields
 */

/**
 * A server message's JSON header: its `buffers` as `[offset, length]` from
 * the end of the header.
 * @typedef {ServerFields & { buffers?: [offset: number, length: number][] }} ServerHeader
 */

/**
 * A decoded server message: its `buffers` view the binary parts in place.
 * @typedef {ServerFields & { buffers: DataView[] }} ServerMessage
 */

/**
 * What a mounted panel's model is given: its saved state, and how it writes
 * to the server (page.js `mountWidget`).
 * A run store's page also says which run the plot shows (`run`).
 * @typedef {{
 *   state: Traits,
 *   send: (content: object) => void,
 *   saveChanges: (state: Traits) => void,
 *   run?: number,
 * }} PanelModel
 */

/**
 * A mounted panel, fed the server's messages for it.
 * @typedef {{
 *   update: (state: Traits) => void,
 *   receive: (content: object, buffers: DataView[]) => void,
 *   dispose: () => void,
 * }} PanelHost
 */

/**
 * Decode one server message: a little-endian uint32 header length, the JSON
 * header, then the buffers at `[offset, length]` from the end of the header
 * (8-byte aligned, so typed arrays can view them in place).
 * @param {ArrayBuffer} data
 * @returns {ServerMessage}
 */
export function decodeMessage(data) {
  const length = new DataView(data).getUint32(0, true);
  // JSON.parse types what it reads as any; the server writes such a header.
  const header = /** @type {ServerHeader} */ (
    JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length)))
  );
  const base = 4 + length;
  const buffers = (header.buffers ?? []).map(
    ([offset, size]) => new DataView(data, base + offset, size),
  );
  return { ...header, buffers };
}

/**
 * The element panel `panel` of `panels` mounts into: `el` itself for a lone
 * plot, else a cell of a grid `columns` wide made in `el` on the first panel.
 * @param {HTMLElement} el
 * @param {{ panel?: number, panels?: number, columns?: number }} layout
 * @returns {HTMLElement}
 */
function panelCell(el, { panel = 0, panels = 1, columns = 1 }) {
  if (panels <= 1) return el;
  if (panel === 0) {
    el.replaceChildren();
    Object.assign(el.style, {
      display: "grid",
      gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
      gap: "8px 12px",
    });
  }
  const cell = document.createElement("div");
  cell.dataset.panel = String(panel);
  Object.assign(cell.style, { minWidth: "0", display: "flex", flexFlow: "column" });
  el.appendChild(cell);
  return cell;
}

/**
 * Show the server's plots in `el` (one, or panels in a grid: docs/serve.md),
 * reconnecting (and loading the history again) when the connection drops.
 * `mount` is the page host's `mountWidget`; `status` an element that says
 * when the server is away. A message of another kind than `open`, `update`
 * and `custom` goes to `onMessage(message)` (a run store's list). Returns
 * `{ close(), send(message) }`: `send` writes a JSON message to the server
 * (dropped while it is away).
 * @param {HTMLElement} el
 * @param {string} url
 * @param {{
 *   mount: (cell: HTMLElement, host: PanelModel) => Promise<PanelHost>,
 *   status?: HTMLElement | null,
 *   onMessage?: (message: import("./store_page.js").StoreMessage) => void,
 *   WebSocketClass?: typeof WebSocket,
 * }} options
 */
export function connect(
  el,
  url,
  { mount, status = null, onMessage = (_message) => {}, WebSocketClass = WebSocket },
) {
  /** @type {WebSocket | null} */
  let socket = null;
  /** @type {(PanelHost | undefined)[]} by panel; a panel not mounted (yet) has none */
  let hosts = [];
  let closed = false;
  let queue = Promise.resolve();
  /** @param {string} text */
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const disposeAll = () => {
    for (const host of hosts) host?.dispose();
    hosts = [];
  };

  /**
   * @param {ServerMessage} message
   * @param {WebSocket} current the socket it came over, which answers go back over
   */
  const handle = async (message, current) => {
    const panel = message.panel ?? 0;
    if (message.kind === "open") {
      if (panel === 0) disposeAll();
      // A run store's plot is one of the tab's picks: its messages say which.
      const view = message.view === undefined ? {} : { view: message.view };
      /** @param {object} fields */
      const tag = (fields) => ({
        ...fields,
        ...((message.panels ?? 1) > 1 ? { panel } : {}),
        ...view,
      });
      hosts[panel] = await mount(panelCell(el, message), {
        state: message.state,
        send: (content) => current.send(JSON.stringify(tag({ kind: "custom", content }))),
        saveChanges: (state) => current.send(JSON.stringify(tag({ kind: "update", state }))),
        ...(message.run === undefined ? {} : { run: message.run }),
      });
    } else if (message.kind === "update") {
      hosts[panel]?.update(message.state);
    } else if (message.kind === "custom") {
      hosts[panel]?.receive(message.content, message.buffers);
    } else {
      onMessage(message);
    }
  };

  const open = () => {
    const current = new WebSocketClass(url);
    socket = current;
    current.binaryType = "arraybuffer";
    current.onopen = () => say("");
    current.onmessage = (event) => {
      const message = decodeMessage(event.data);
      // In order, each after the previous one: mounting is asynchronous.
      queue = queue
        .then(() => handle(message, current))
        .catch((error) => {
          console.warn("livescope: a message from the server failed", error);
        });
    };
    current.onclose = () => {
      if (closed) return;
      say("The server is not answering; trying again...");
      setTimeout(open, RETRY_MS);
    };
  };
  open();

  return {
    close() {
      closed = true;
      socket?.close();
      queue = queue.then(disposeAll);
    },
    /** @param {object} message */
    send(message) {
      if (socket?.readyState === WebSocketClass.OPEN) socket.send(JSON.stringify(message));
    },
  };
}
