// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { createHeader } from "./header.js";

const state = { title: "Run", lastStep: 42, rate: 12.34, elapsed: 83, stopped: false };

describe("header", () => {
  it("shows the title and statistics", () => {
    const parent = document.createElement("div");
    const header = createHeader(parent, { onStop() {}, signal: new AbortController().signal });
    header.update(state);
    expect(parent.querySelector(".livescope-title").textContent).toBe("Run");
    const values = [...parent.querySelectorAll(".livescope-stat-value")].map((n) => n.textContent);
    expect(values).toEqual(["42", "12.3", "1:23"]);
    header.update({ ...state, title: "" });
    expect(parent.querySelector(".livescope-title").hidden).toBe(true);
  });

  it("says how many rows are shown once old ones were dropped", () => {
    const parent = document.createElement("div");
    const header = createHeader(parent, { onStop() {}, signal: new AbortController().signal });
    const note = parent.querySelector(".livescope-window");
    header.update({ ...state, held: 500, dropped: 0 });
    expect(note.hidden).toBe(true);
    header.update({ ...state, held: 10_000, dropped: 1_224_567 });
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe("showing last 10,000 of 1,234,567 rows");
  });

  it("shows what background sources report, and nothing when there is nothing", () => {
    const parent = document.createElement("div");
    const header = createHeader(parent, { onStop() {}, signal: new AbortController().signal });
    header.update(state);
    const note = parent.querySelector(".livescope-note");
    expect(note.hidden).toBe(true);
    header.update({ ...state, note: "3 lines skipped" });
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe("3 lines skipped");
  });

  it("says Done once nothing can write, Following for a followed file, and wakes again", () => {
    const parent = document.createElement("div");
    const header = createHeader(parent, { onStop() {}, signal: new AbortController().signal });
    const button = parent.querySelector("button");
    header.update({ ...state, activity: "done" });
    expect([button.textContent, button.disabled]).toEqual(["Done", true]);
    header.update({ ...state, stopped: true, activity: "done" });
    expect(button.textContent).toBe("Done");
    header.update({ ...state, activity: "following" });
    expect([button.textContent, button.disabled]).toEqual(["Following", true]);
    expect(button.title).toMatch(/file/);
    header.update({ ...state, activity: "live" });
    expect([button.textContent, button.disabled]).toEqual(["Stop", false]);
    header.update({ ...state, activity: "done", ended: true });
    expect(button.textContent).toBe("Ended");
  });

  it("has a Stop button that turns into a disabled Stopped and back", () => {
    const parent = document.createElement("div");
    const onStop = vi.fn();
    const controller = new AbortController();
    const header = createHeader(parent, { onStop, signal: controller.signal });
    header.update(state);
    const button = parent.querySelector("button");
    expect(button.textContent).toBe("Stop");
    expect(button.getAttribute("aria-label")).toBe(null);
    button.click();
    expect(onStop).toHaveBeenCalledTimes(1);

    header.update({ ...state, stopped: true });
    expect(button.textContent).toBe("Stopped");
    expect(button.disabled).toBe(true);
    header.update(state);
    expect(button.textContent).toBe("Stop");
    expect(button.disabled).toBe(false);

    controller.abort();
    button.click();
    expect(onStop).toHaveBeenCalledTimes(1);
  });

  it("can hide its Stop button, and can leave out the statistics", () => {
    const parent = document.createElement("div");
    const signal = new AbortController().signal;
    const header = createHeader(parent, { onStop() {}, signal, stats: false });
    header.update({ title: "Run", stopped: false });
    expect(parent.querySelectorAll(".livescope-stat")).toHaveLength(0);
    expect(parent.querySelector("button").hidden).toBe(false);
    header.update({ title: "Run", stopped: false, showStop: false });
    expect(parent.querySelector("button").hidden).toBe(true);
  });

  it("has a PNG button when asked for one", () => {
    const parent = document.createElement("div");
    const onSavePng = vi.fn();
    const header = createHeader(parent, {
      onStop() {},
      onSavePng,
      signal: new AbortController().signal,
    });
    header.update(state);
    parent.querySelector("button.livescope-png").click();
    expect(onSavePng).toHaveBeenCalledTimes(1);
    const without = document.createElement("div");
    createHeader(without, { onStop() {}, signal: new AbortController().signal });
    expect(without.querySelector("button.livescope-png")).toBe(null);
  });
});
