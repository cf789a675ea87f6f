// The legend of a frame's named curves, in the bar above the plot: a swatch
// and a name each, and each curve's value under the pointer.

import { formatValue } from "../../host/format.js";

/** Build the legend inside `bar` (hidden while no curve has a name). */
export function createCurveLegend(bar) {
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
        const item = document.createElement("span");
        item.className = "livescope-legend-item";
        const swatch = document.createElement("span");
        swatch.className = "livescope-swatch";
        swatch.style.background = color;
        const label = document.createElement("span");
        label.className = "livescope-legend-name";
        label.textContent = name;
        const value = document.createElement("span");
        value.className = "livescope-legend-value";
        item.append(swatch, label, value);
        return value;
      });
      root.replaceChildren(...items.map((value) => value.parentElement));
    },

    /** Each curve's value under the pointer, or none (`values` null). */
    show(values) {
      items.forEach((node, i) => {
        const text = values ? formatValue(values[i]) : "";
        if (node.textContent !== text) node.textContent = text;
      });
    },
  };
}
