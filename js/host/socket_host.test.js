import { afterEach, describe, expect, it, vi } from "vitest";
import { encode, FakeSocket } from "../testing/fake_socket.js";
import { connect, decodeMessage } from "./socket_host.js";

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

  it("tags a picked view's messages, hands other kinds on, and sends only while open", async () => {
    const hosts = [];
    const mount = async (_el, { send }) => {
      const host = { send, dispose() {} };
      hosts.push(host);
      return host;
    };
    const others = [];
    const socket = connect("el", "ws://here/ws", {
      mount,
      onMessage: (message) => others.push(message),
      WebSocketClass: FakeSocket,
    });
    const [first] = FakeSocket.made;
    socket.send({ kind: "pick", run: 1, compare: [] });
    expect(first.sent).toEqual([]); // not open yet: dropped
    first.accept();
    socket.send({ kind: "pick", run: 1, compare: [] });
    first.deliver(encode("list", { runs: [{ id: 1 }], reset: true }));
    first.deliver(encode("open", { state: {}, view: 3 }));
    await flush();
    hosts[0].send({ type: "sync", generation: 0, from: 0 });
    expect(others.map((m) => [m.kind, m.runs])).toEqual([["list", [{ id: 1 }]]]);
    expect(first.sent).toEqual([
      { kind: "pick", run: 1, compare: [] },
      { kind: "custom", content: { type: "sync", generation: 0, from: 0 }, view: 3 },
    ]);
  });
});
