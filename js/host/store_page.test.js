// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { encode, FakeSocket } from "../testing/fake_socket.js";
import {
  comparable,
  connectStore,
  defaultCompare,
  defaultRun,
  formatPick,
  keepViewOptions,
  MAX_COMPARED,
  paramsText,
  parsePick,
} from "./store_page.js";

const run = (id, fields = {}) => ({
  id,
  name: "mnist",
  label: `run ${id}`,
  params: { lr: id / 100 },
  started: 1_700_000_000 + id,
  ended: null,
  status: "finished",
  rows: 100 * id,
  kind: "lines",
  compares: true, // as the server says of a line plot
  last_step: null,
  ...fields,
});
const byId = (runs) => new Map(runs.map((r) => [r.id, r]));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  FakeSocket.made = [];
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("picks", () => {
  it("go to and from the location hash", () => {
    expect(parsePick("#run=3&compare=1,2")).toEqual({ run: 3, compare: [1, 2] });
    expect(parsePick("#run=3")).toEqual({ run: 3, compare: [] });
    expect(parsePick("#run=3&compare=3,x,1,1")).toEqual({ run: 3, compare: [1] });
    expect(parsePick("")).toBeNull();
    expect(parsePick("#run=-1")).toBeNull();
    const many = Array.from({ length: 20 }, (_, i) => i + 10).join(",");
    expect(parsePick(`#run=1&compare=${many}`).compare).toHaveLength(MAX_COMPARED);
    expect(formatPick({ run: 3, compare: [1, 2] })).toBe("#run=3&compare=1,2");
    expect(formatPick({ run: 3, compare: [] })).toBe("#run=3");
  });

  it("open on the newest running run, compared with the one of its name before it", () => {
    const runs = byId([run(1), run(2), run(3, { status: "running" }), run(4, { name: "cifar" })]);
    expect(defaultRun(runs).id).toBe(3);
    expect(defaultCompare(runs, runs.get(3))).toEqual([2]);
    expect(defaultRun(byId([run(1), run(2)])).id).toBe(2);
    expect(defaultRun(new Map())).toBeNull();
    expect(defaultCompare(runs, runs.get(1))).toEqual([]);
  });

  it("compare runs of the same name and kind, of a kind that compares", () => {
    expect(comparable(run(1), run(2))).toBe(true);
    expect(comparable(run(1), run(1))).toBe(false);
    expect(comparable(run(1), run(2, { name: "cifar" }))).toBe(false);
    const heatmap = { kind: "heatmap", compares: false };
    expect(comparable(run(1, heatmap), run(2, heatmap))).toBe(false);
    const frame = { kind: "frame" };
    expect(comparable(run(1, frame), run(2, frame))).toBe(true);
    expect(comparable(run(1, { ...frame, compares: false }), run(2, frame))).toBe(false); // facets
    expect(comparable(run(1, frame), run(2))).toBe(false); // kinds apart
    expect(comparable(run(1), undefined)).toBe(false);
    expect(paramsText({ lr: 0.0003, opt: "adam" })).toBe("lr=3e-4 opt=adam");
  });
});

describe("connectStore", () => {
  const open = (hash = "") => {
    const location = { hash };
    const history = {
      replaceState: (_state, _title, url) => {
        location.hash = url;
      },
    };
    const el = document.createElement("div");
    document.body.appendChild(el);
    const mounted = [];
    const mount = async (_el, { state }) => {
      const host = { state, disposed: false, dispose: () => (host.disposed = true) };
      mounted.push(host);
      return host;
    };
    connectStore(el, "ws://here/ws", { mount, WebSocketClass: FakeSocket, location, history });
    const socket = FakeSocket.made.at(-1);
    socket.accept();
    const rows = () => [...el.querySelectorAll("tbody tr")];
    const box = (id, what) => el.querySelector(`tr[data-run-id="${id}"] input[type=${what}]`);
    return { el, socket, location, mounted, rows, box };
  };
  const list = (runs, reset = false) =>
    encode("list", { store: "store='runs.db'", runs, ...(reset ? { reset } : {}) });

  it("lists the runs newest first and follows the newest until one is picked", async () => {
    const page = open();
    page.socket.deliver(list([run(1), run(2), run(3, { name: "cifar" })], true));
    await flush();
    expect(page.rows().map((tr) => tr.dataset.runId)).toEqual(["3", "2", "1"]);
    const cells = [...page.rows()[1].querySelectorAll("td")].slice(2).map((td) => td.textContent);
    expect(cells[0]).toBe("mnist");
    expect(cells[1]).toBe("run 2");
    expect(cells[2]).toBe("lr=0.02");
    expect(cells[4]).toBe("finished");
    expect(cells[5]).toBe("200");
    expect(page.el.querySelector(".livescope-store-head").textContent).toBe(
      "store='runs.db' · 3 runs",
    );
    // The newest run (cifar's, alone of its name) is shown.
    expect(page.socket.sent.at(-1)).toEqual({ kind: "pick", run: 3, compare: [] });
    expect(page.box(3, "radio").checked).toBe(true);
    expect(page.box(1, "checkbox").disabled).toBe(true);

    // A new run comes: followed, with the one of its name before it.
    page.socket.deliver(list([run(4, { status: "running" })]));
    await flush();
    expect(page.rows().map((tr) => tr.dataset.runId)).toEqual(["4", "3", "2", "1"]);
    expect(page.socket.sent.at(-1)).toEqual({ kind: "pick", run: 4, compare: [2] });
    expect(page.box(2, "checkbox").checked).toBe(true);
    expect(page.box(1, "checkbox").disabled).toBe(false);
    expect(page.box(3, "checkbox").disabled).toBe(true);
    expect(page.location.hash).toBe("");

    // Ticking a run picks; a newer run then joins the list but is not shown.
    page.box(1, "checkbox").click();
    expect(page.socket.sent.at(-1)).toEqual({ kind: "pick", run: 4, compare: [2, 1] });
    expect(page.location.hash).toBe("#run=4&compare=2,1");
    const sent = page.socket.sent.length;
    page.socket.deliver(list([run(5, { status: "running" })]));
    await flush();
    expect(page.socket.sent).toHaveLength(sent);
    expect(page.box(5, "checkbox").disabled).toBe(false);

    // Showing another run of the name keeps the runs ticked that can compare with it.
    page.box(1, "radio").click();
    expect(page.socket.sent.at(-1)).toEqual({ kind: "pick", run: 1, compare: [2] });
    expect(page.el.querySelector(".livescope-store-picked").dataset.runId).toBe("1");
  });

  it("opens on the hash's pick, asks it again after a reconnect, and shows problems", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"], shouldAdvanceTime: true });
    const page = open("#run=1&compare=2,3");
    page.socket.deliver(list([run(1), run(2), run(3, { name: "cifar" })], true));
    await flush();
    expect(page.socket.sent).toEqual([{ kind: "pick", run: 1, compare: [2] }]);
    page.socket.deliver(encode("open", { state: { title: "mnist" }, view: 1, run: 1 }));
    await flush();
    expect(page.mounted.map((host) => host.state.title)).toEqual(["mnist"]);

    page.socket.deliver(encode("problem", { text: "store='runs.db' has no run 9", pick: true }));
    page.socket.deliver(encode("problem", { text: "store='runs.db' cannot be read" }));
    await flush();
    const problem = page.el.querySelector(".livescope-store-problem");
    expect(problem.textContent).toBe(
      "store='runs.db' cannot be read · store='runs.db' has no run 9",
    );
    page.box(2, "checkbox").click(); // a new pick: its problem goes, the store's stays
    expect(problem.textContent).toBe("store='runs.db' cannot be read");

    page.socket.onclose();
    await vi.advanceTimersByTimeAsync(1000);
    const again = FakeSocket.made.at(-1);
    again.accept();
    again.deliver(list([run(1), run(2), run(3, { name: "cifar" })], true));
    await flush();
    expect(again.sent).toEqual([{ kind: "pick", run: 1, compare: [] }]);
  });

  it("stops ticking at the most runs compared", async () => {
    const page = open();
    const runs = Array.from({ length: MAX_COMPARED + 2 }, (_, i) => run(i + 1));
    page.socket.deliver(list(runs, true));
    await flush();
    // The newest is shown with the one before it; tick the oldest until full.
    for (let id = 1; id < MAX_COMPARED; id++) page.box(id, "checkbox").click();
    expect(page.socket.sent.at(-1).compare).toHaveLength(MAX_COMPARED);
    const left = page.box(MAX_COMPARED, "checkbox");
    expect([left.checked, left.disabled]).toEqual([false, true]);
    expect(page.box(1, "checkbox").disabled).toBe(false); // a ticked one can be unticked
  });
});

describe("view settings", () => {
  const fakeStorage = () => {
    const items = new Map();
    return {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => items.set(key, String(value)),
      items,
    };
  };
  const mounting = () => {
    const mounted = [];
    const mount = async (_cell, host) => {
      mounted.push(host);
      return host;
    };
    return { mount, mounted };
  };
  const host = (run, saved = []) => ({
    state: { title: "mnist", view_options: { smoothing: 0, log_y: false } },
    send: () => {},
    saveChanges: (patch) => saved.push(patch),
    run,
  });

  it("a run's plot reopens with what its controls set, per store and run", async () => {
    const storage = fakeStorage();
    const { mount, mounted } = mounting();
    const keeping = keepViewOptions(mount, storage, () => "store='runs.db'");
    const saved = [];
    await keeping(null, host(3, saved));
    expect(mounted[0].state.view_options).toEqual({ smoothing: 0, log_y: false });
    mounted[0].saveChanges({ view_options: { smoothing: 0.6, log_y: true } });
    expect(saved).toEqual([{ view_options: { smoothing: 0.6, log_y: true } }]); // still sent

    await keeping(null, host(3)); // the tab reloaded
    expect(mounted[1].state.view_options).toEqual({ smoothing: 0.6, log_y: true });
    expect(mounted[1].state.title).toBe("mnist");
    await keeping(null, host(4)); // another run keeps its own
    expect(mounted[2].state.view_options).toEqual({ smoothing: 0, log_y: false });
    const other = keepViewOptions(mount, storage, () => "store='other.db'");
    await other(null, host(3)); // a run 3 of another store
    expect(mounted[3].state.view_options).toEqual({ smoothing: 0, log_y: false });
  });

  it("ignores what this page did not write, and works without storage", async () => {
    const storage = fakeStorage();
    storage.setItem(JSON.stringify(["livescope-view", "s", 1]), "not json");
    storage.setItem(JSON.stringify(["livescope-view", "s", 2]), "[1, 2]");
    const { mount, mounted } = mounting();
    await keepViewOptions(mount, storage, () => "s")(null, host(1));
    await keepViewOptions(mount, storage, () => "s")(null, host(2));
    await keepViewOptions(mount, null, () => "s")(null, host(1));
    for (const { state } of mounted) {
      expect(state.view_options).toEqual({ smoothing: 0, log_y: false });
    }
  });
});
