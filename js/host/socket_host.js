// The page's side of `livescope serve`: one WebSocket feeds the page host
// (see docs/serve.md). Every message from the server is one binary frame;
// the page answers with small JSON text frames.

const RETRY_MS = 1000;

/**
 * Decode one server message: a little-endian uint32 header length, the JSON
 * header, then the buffers at `[offset, length]` from the end of the header
 * (8-byte aligned, so typed arrays can view them in place).
 */
export function decodeMessage(data) {
  const length = new DataView(data).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(data, 4, length)));
  const base = 4 + length;
  const buffers = (header.buffers ?? []).map(
    ([offset, size]) => new DataView(data, base + offset, size),
  );
  return { ...header, buffers };
}

/**
 * Show the server's plot in `el`, reconnecting (and loading the history
 * again) when the connection drops. `mount` is the page host's
 * `mountWidget`; `status` an element that says when the server is away.
 * Returns `{ close() }`.
 */
export function connect(el, url, { mount, status = null, WebSocketClass = WebSocket }) {
  let socket = null;
  let host = null;
  let closed = false;
  let queue = Promise.resolve();
  const say = (text) => {
    if (status) status.textContent = text;
  };

  const handle = async (message, current) => {
    if (message.kind === "open") {
      host?.dispose();
      host = await mount(el, {
        state: message.state,
        send: (content) => current.send(JSON.stringify({ kind: "custom", content })),
        saveChanges: (state) => current.send(JSON.stringify({ kind: "update", state })),
      });
    } else if (message.kind === "update") {
      host?.update(message.state);
    } else if (message.kind === "custom") {
      host?.receive(message.content, message.buffers);
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
      queue = queue.then(() => host?.dispose());
    },
  };
}
