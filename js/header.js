// The header: title, live statistics and the Stop button.

import { formatElapsed, formatRate, formatStep } from "./format.js";

function element(tag, className, parent, text = "") {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  parent.appendChild(node);
  return node;
}

function stat(parent, label) {
  const wrap = element("span", "livescope-stat", parent);
  element("span", "livescope-stat-label", wrap, label);
  return element("span", "livescope-stat-value", wrap, "–");
}

// Only touch the DOM when the text changes, so a frame without news is free.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * Build the header inside `parent`; `onStop` runs when Stop is clicked.
 * Listeners go away when `signal` aborts.
 */
export function createHeader(parent, { onStop, signal }) {
  const root = element("div", "livescope-header", parent);
  const title = element("div", "livescope-title", root);
  const stats = element("div", "livescope-stats", root);
  const step = stat(stats, "step");
  const rate = stat(stats, "steps/s");
  const elapsed = stat(stats, "elapsed");
  const stop = element("button", "livescope-stop", root, "Stop");
  stop.type = "button";
  stop.addEventListener("click", onStop, { signal });

  return {
    /** Show `{ title, lastStep, rate, elapsed, stopped }`. */
    update(state) {
      setText(title, state.title);
      title.hidden = !state.title;
      setText(step, formatStep(state.lastStep));
      setText(rate, formatRate(state.rate));
      setText(elapsed, formatElapsed(state.elapsed));
      setText(stop, state.stopped ? "Stopped" : "Stop");
      stop.disabled = state.stopped;
    },
  };
}
