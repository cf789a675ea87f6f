import { afterEach, describe, expect, it, vi } from "vitest";
import { connect, decodeMessage } from "./socket_host.js";

/** A server message as `livescope serve` builds it (see docs/serve.md). */
function encode(kind, header, buffers = []) {
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

class FakeSocket {
  static made = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    FakeSocket.made.push(this);
  }
  send(text) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.closed = true;
  }
  deliver(data) {
    this.onmessage({ data });
  }
}

afterEach(() => {
  FakeSocket.made = [];
  vi.useRealTimers();
});

describe("decodeMessage", () => {
  it("reads the header and views each buffer in place, 8-byte aligned", () => {
    const steps = Float64Array.from([1, 2, 3]);
    const odd = Uint8Array.from([7, 8, 9]);
    const message = decodeMessage(encode("custom", { content: { type: "rows" } }, [odd, steps]));
    expect(message.kind).toBe("custom");
    expect(message.content).toEqual({ type: "rows" });
    expect(new Uint8Array(message.buffers[0].buffer, message.buffers[0].byteOffset, 3)).toEqual(
      odd,
    );
    expect(message.buffers[1].byteOffset % 8).toBe(0);
    const view = message.buffers[1];
    expect(new Float64Array(view.buffer, view.byteOffset, 3)).toEqual(steps);
  });
});

describe("connect", () => {
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("mounts on open, relays both ways, and remounts after a reconnect", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"], shouldAdvanceTime: true });
    const hosts = [];
    const mount = vi.fn(async (_el, { state, send, saveChanges }) => {
      const host = { state, received: [], updates: [], send, saveChanges, disposed: false };
      host.receive = (content, buffers) => host.received.push([content, buffers]);
      host.update = (patch) => host.updates.push(patch);
      host.dispose = () => {
        host.disposed = true;
      };
      hosts.push(host);
      return host;
    });
    const status = { textContent: "" };
    connect("el", "ws://here/ws", { mount, status, WebSocketClass: FakeSocket });
    const [first] = FakeSocket.made;
    expect(first.url).toBe("ws://here/ws");
    expect(first.binaryType).toBe("arraybuffer");

    first.deliver(encode("open", { state: { title: "T" } }));
    first.deliver(encode("update", { state: { stopped: true } }));
    first.deliver(encode("custom", { content: { type: "rows" } }, [Float64Array.from([1])]));
    await flush();
    expect(mount).toHaveBeenCalledTimes(1);
    const [host] = hosts;
    expect(host.state).toEqual({ title: "T" });
    expect(host.updates).toEqual([{ stopped: true }]);
    expect(host.received[0][0]).toEqual({ type: "rows" });

    host.send({ type: "sync", generation: 0, from: 0 });
    host.saveChanges({ view_options: { log_y: true } });
    expect(first.sent).toEqual([
      { kind: "custom", content: { type: "sync", generation: 0, from: 0 } },
      { kind: "update", state: { view_options: { log_y: true } } },
    ]);

    first.onclose();
    expect(status.textContent).toMatch(/not answering/);
    await vi.advanceTimersByTimeAsync(1000);
    const second = FakeSocket.made[1];
    second.onopen();
    expect(status.textContent).toBe("");
    second.deliver(encode("open", { state: { title: "T" } }));
    await flush();
    expect(host.disposed).toBe(true);
    expect(hosts).toHaveLength(2);
  });
});
