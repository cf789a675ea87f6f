// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from "vitest";
import { RowStore } from "../data/row_store.js";
import { SNAPSHOT_GENERATION } from "../data/snapshot.js";
import { ReplayableView, ReplayBar, SPEEDS } from "./replay.js";

function storeOf(n) {
  const store = new RowStore();
  grow(store, n);
  return store;
}
function grow(store, k) {
  const start = store.length;
  const steps = Float64Array.from({ length: k }, (_, r) => 10 * (start + r));
  store.append(start, steps, new Float64Array(k), new Float64Array(k), 1);
}

let clock;
let frames;
let store;
let view;
let bar;
let invalidations;
function runFrame(ms) {
  clock += ms;
  const pending = frames;
  frames = new Map();
  for (const f of pending.values()) f();
}

beforeEach(() => {
  clock = 0;
  frames = new Map();
  invalidations = 0;
  store = storeOf(100);
  view = new ReplayableView(store, () => invalidations++);
  let id = 0;
  bar = new ReplayBar(document.body, store, view, {
    now: () => clock,
    requestFrame: (f) => {
      frames.set(++id, f);
      return id;
    },
    cancelFrame: (i) => frames.delete(i),
  });
});

describe("ReplayableView", () => {
  it("follows the latest row until told to show one, and again after a reset", () => {
    expect([view.following, view.shownIndex]).toEqual([true, 99]);
    view.showIndex(40);
    expect([view.following, view.shownIndex]).toEqual([false, 40]);
    grow(store, 5);
    expect(view.shownIndex).toBe(40);
    view.showIndex(1000);
    expect(view.shownIndex).toBe(104);
    store.clear(1);
    expect([view.following, view.shownIndex]).toEqual([true, -1]);
    grow(store, 3);
    expect(view.shownIndex).toBe(2);
  });

  it("keeps its place when the kernel's rows replace a saved snapshot, and follows a later reset", () => {
    const saved = new RowStore();
    saved.clear(SNAPSHOT_GENERATION);
    grow(saved, 5);
    const opened = new ReplayableView(saved, () => {});
    opened.showIndex(0); // from_history opens on its first step
    saved.clear(0);
    grow(saved, 50);
    expect([opened.following, opened.shownIndex]).toEqual([false, 0]);
    saved.clear(1);
    grow(saved, 2);
    expect([opened.following, opened.shownIndex]).toEqual([true, 1]);
  });

  it("invalidates only when the row to show changes", () => {
    view.showIndex(3);
    view.showIndex(3.4);
    expect(invalidations).toBe(1);
  });
});

describe("ReplayBar", () => {
  it("follows the latest step while rows stream in", () => {
    expect([bar.slider.max, bar.slider.value]).toEqual(["99", "99"]);
    expect(bar.label.textContent).toBe("step 990 · 100 / 100");
    expect(bar.latestButton.disabled).toBe(true);
    grow(store, 10);
    bar.update();
    expect([bar.slider.max, bar.slider.value, view.following]).toEqual(["109", "109", true]);
  });

  it("shows the step the slider is dragged to, and follows again at the end", () => {
    bar.slider.value = "25";
    bar.slider.dispatchEvent(new Event("input"));
    expect([view.shownIndex, view.following, bar.latestButton.disabled]).toEqual([
      25,
      false,
      false,
    ]);
    expect(bar.label.textContent).toBe("step 250 · 26 / 100");
    grow(store, 10);
    bar.update();
    expect([view.shownIndex, bar.slider.value]).toEqual([25, "25"]);
    bar.slider.value = bar.slider.max;
    bar.slider.dispatchEvent(new Event("input"));
    expect(view.following).toBe(true);
  });

  it("plays from the first step at the chosen speed and resumes following at the end", () => {
    expect(SPEEDS).toContain(10);
    bar.speedSelect.value = "10";
    bar.speedSelect.dispatchEvent(new Event("change"));
    bar.playButton.click();
    expect([bar.playing, view.shownIndex, bar.playButton.textContent]).toEqual([true, 0, "Pause"]);
    runFrame(1000);
    expect(view.shownIndex).toBe(10);
    runFrame(2500);
    expect(view.shownIndex).toBe(35);
    runFrame(10_000);
    expect([bar.playing, view.following, bar.playButton.textContent]).toEqual([
      false,
      true,
      "Play",
    ]);
    expect(frames.size).toBe(0);
  });

  it("plays on from a dragged step, and pauses where it is", () => {
    bar.seek(50);
    bar.play();
    runFrame(1000);
    expect(view.shownIndex).toBe(50 + 30);
    bar.playButton.click();
    runFrame(1000);
    expect([bar.playing, view.shownIndex, view.following]).toEqual([false, 80, false]);
  });

  it("keeps its place when the speed changes while playing", () => {
    bar.seek(0);
    bar.play();
    runFrame(1000);
    bar.setSpeed(1);
    runFrame(2000);
    expect(view.shownIndex).toBe(32);
  });

  it("has nothing to play or drag with fewer than two rows", () => {
    const empty = new ReplayableView(new RowStore(), () => {});
    const frames = { requestFrame: () => 0, cancelFrame: () => {} };
    const idle = new ReplayBar(document.body, empty.store, empty, frames);
    const state = [idle.slider.disabled, idle.playButton.disabled, idle.label.textContent];
    expect(state).toEqual([true, true, "step –"]);
    idle.play();
    expect(idle.playing).toBe(false);
  });

  it("'Latest' stops playing and follows", () => {
    bar.seek(10);
    bar.play();
    bar.latestButton.click();
    expect([bar.playing, view.following]).toEqual([false, true]);
  });
});
