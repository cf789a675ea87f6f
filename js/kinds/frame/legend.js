// The legend of a frame's named curves, in the bar above the plot: a swatch
// and a name each, and each curve's value under the pointer. Clicking a
// curve's name hides or shows it, as a line plot's legend does.

import { formatValue } from "../../host/format.js";
import { legendEntry, markHidden } from "../lines/legend.js";

/**
 * Build the legend inside `bar` (hidden while no curve has a name).
 * `onToggle(name)` runs when a curve's entry is clicked; listeners go away
 * when `signal` aborts.
 * @param {HTMLElement} bar
 * @param {{ onToggle?: (name: string) => void, signal?: AbortSignal }} [hooks]
 */
export function createCurveLegend(bar, { onToggle = () => {}, signal } = {}) {
  const root = document.createElement("div");
  root.className = "livescope-legend livescope-curves";
  root.hidden = true;
  bar.appendChild(root);
  let items = [];
  let key = "";

  return {
    root,
    /** One entry per named curve ({ name, color }), rebuilt only when they change. */
    setCurves(curves) {
      const named = curves.filter((curve) => curve.name !== null);
      const next = JSON.stringify(named.map(({ name, color }) => [name, color]));
      if (next === key) return;
      key = next;
      root.hidden = named.length === 0;
      items = named.map(({ name, color }) => {
        return legendEntry(name, color, "curve", () => onToggle(name), signal);
      });
      root.replaceChildren(...items.map(({ item }) => item));
    },

    /** Mark entry `i` hidden where `hidden[i]` is true (one flag per named curve). */
    setHidden(hidden) {
      markHidden(items, hidden);
    },

    /** Each curve's value under the pointer, or none (`values` null). */
    show(values) {
      items.forEach(({ value: node }, i) => {
        const text = values ? formatValue(values[i]) : "";
        if (node.textContent !== text) node.textContent = text;
      });
    },
  };
}
