// The legend: one swatch, name and value per series, plus the step shown.

import { formatStep, formatValue } from "./format.js";

export function createLegend(parent) {
  const root = document.createElement("div");
  root.className = "livescope-legend";
  parent.appendChild(root);
  let caption = null;
  let items = [];

  return {
    /** Rebuild the entries for series `names` drawn in `colors`. */
    setSeries(names, colors) {
      root.replaceChildren();
      caption = document.createElement("span");
      caption.className = "livescope-legend-step";
      root.appendChild(caption);
      items = names.map((name, i) => {
        const item = document.createElement("span");
        item.className = "livescope-legend-item";
        const swatch = document.createElement("span");
        swatch.className = "livescope-swatch";
        swatch.style.background = colors[i];
        const label = document.createElement("span");
        label.className = "livescope-legend-name";
        label.textContent = name;
        const value = document.createElement("span");
        value.className = "livescope-legend-value";
        item.append(swatch, label, value);
        root.appendChild(item);
        return value;
      });
    },

    /** Show `values` (one per series) at `step`; `hovered` tells the latest row from a picked one. */
    show(step, values, hovered) {
      const text = step === null ? "" : `${hovered ? "at" : "latest"} step ${formatStep(step)}`;
      if (caption.textContent !== text) caption.textContent = text;
      items.forEach((node, i) => {
        const value = values ? formatValue(values[i]) : "–";
        if (node.textContent !== value) node.textContent = value;
      });
    },
  };
}
