// A WebSocket that tests drive, and server messages framed as `livescope serve`
// frames them (docs/serve.md).

/** A server message as `livescope serve` builds it (see docs/serve.md). */
export function encode(kind, header, buffers = []) {
  const pad = (n) => (n + 7) & ~7;
  let offset = 0;
  const spans = buffers.map((b) => {
    const span = [offset, b.byteLength];
    offset += pad(b.byteLength);
    return span;
  });
  const text = new TextEncoder().encode(JSON.stringify({ kind, ...header, buffers: spans }));
  const length = pad(4 + text.length) - 4;
  const out = new Uint8Array(4 + length + offset);
  new DataView(out.buffer).setUint32(0, length, true);
  out.fill(32, 4, 4 + length);
  out.set(text, 4);
  buffers.forEach((b, i) => {
    out.set(new Uint8Array(b.buffer), 4 + length + spans[i][0]);
  });
  return out.buffer;
}

export class FakeSocket {
  static OPEN = 1;
  static made = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    this.readyState = 0;
    FakeSocket.made.push(this);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closed = true;
  }
  /** The server accepts the connection. */
  accept() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  deliver(data) {
    this.onmessage({ data });
  }
}
