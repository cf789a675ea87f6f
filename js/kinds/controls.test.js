// @vitest-environment happy-dom
// The compare toggle, shared by the lines toolbar and the trajectory and frame views.
import { describe, expect, it, vi } from "vitest";
import { createCompareToggle } from "./controls.js";

/** Tick or untick `checkbox` as a click does. */
function flip(checkbox) {
  checkbox.checked = !checkbox.checked;
  checkbox.dispatchEvent(new Event("change"));
}

describe("the compare toggle", () => {
  it("is hidden until there are runs, and shows the option without firing", () => {
    const parent = document.createElement("div");
    const onChange = vi.fn();
    const toggle = createCompareToggle(parent, { onChange });
    const label = parent.querySelector(".livescope-control.livescope-compare");
    const checkbox = /** @type {HTMLInputElement} */ (label.querySelector("input"));
    expect(label.hidden).toBe(true);
    toggle.show(false, true);
    expect([label.hidden, checkbox.checked]).toEqual([false, false]);
    toggle.show(true, false);
    expect([label.hidden, checkbox.checked]).toEqual([true, true]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it("hands each click to onChange as a saved `compare` option, until the signal aborts", () => {
    const parent = document.createElement("div");
    const onChange = vi.fn();
    const abort = new AbortController();
    const toggle = createCompareToggle(parent, { onChange, signal: abort.signal });
    toggle.show(true, true);
    const checkbox = /** @type {HTMLInputElement} */ (parent.querySelector("input"));
    flip(checkbox);
    expect(onChange).toHaveBeenLastCalledWith({ compare: false }, true);
    flip(checkbox);
    expect(onChange).toHaveBeenLastCalledWith({ compare: true }, true);
    abort.abort();
    flip(checkbox);
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
