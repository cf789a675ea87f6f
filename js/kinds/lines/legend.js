// The legend: one swatch, name and value per series, plus the step shown.
// Clicking a series' name hides or shows it.

import { formatStep, formatValue } from "../../host/format.js";

/**
 * One entry: a toggle button (swatch and `name`, pressed while shown) that
 * runs `onClick`, and a value beside it. Lines and frame curves share it.
 * @param {string} name
 * @param {string} color
 * @param {string} what what a click hides: "series", "curve"
 * @param {() => void} onClick
 * @param {AbortSignal} [signal]
 */
export function legendEntry(name, color, what, onClick, signal) {
  const item = document.createElement("span");
  item.className = "livescope-legend-item";
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "livescope-legend-toggle";
  toggle.title = `Hide or show this ${what}`;
  toggle.setAttribute("aria-pressed", "true");
  const swatch = document.createElement("span");
  swatch.className = "livescope-swatch";
  swatch.style.background = color;
  const label = document.createElement("span");
  label.className = "livescope-legend-name";
  label.textContent = name;
  toggle.append(swatch, label);
  toggle.addEventListener("click", onClick, { signal });
  const value = document.createElement("span");
  value.className = "livescope-legend-value";
  item.append(toggle, value);
  return { item, toggle, value };
}

/** Mark entry `i` of `entries` hidden where `hidden[i]` is true. */
export function markHidden(entries, hidden) {
  entries.forEach(({ item, toggle }, i) => {
    const shown = !hidden[i];
    item.classList.toggle("livescope-legend-hidden", !shown);
    toggle.setAttribute("aria-pressed", String(shown));
  });
}

/**
 * Build the legend inside `parent`. `onToggle(index)` runs when a series'
 * entry is clicked; listeners go away when `signal` aborts.
 * @param {HTMLElement} parent
 * @param {{ onToggle?: (index: number) => void, signal?: AbortSignal }} [hooks]
 */
export function createLegend(parent, { onToggle = () => {}, signal } = {}) {
  const root = document.createElement("div");
  root.className = "livescope-legend";
  parent.appendChild(root);
  /** @type {HTMLSpanElement | null} the step shown, made by setSeries */
  let caption = null;
  /** @type {ReturnType<typeof legendEntry>[]} */
  let items = [];

  return {
    /**
     * Rebuild the entries for series `names` drawn in `colors`. With `ramp`
     * (colours along a colormap), the legend is the first name, the ramp and
     * the last name; the entries open from the series count.
     * @param {string[]} names
     * @param {string[]} colors
     * @param {string[] | null} [ramp] CSS colours along the colormap
     */
    setSeries(names, colors, ramp = null) {
      root.replaceChildren();
      root.classList.toggle("livescope-legend-ramp", ramp !== null);
      caption = document.createElement("span");
      caption.className = "livescope-legend-step";
      root.appendChild(caption);
      let entries = root;
      if (ramp) {
        const bar = document.createElement("span");
        bar.className = "livescope-legend-bar";
        const gradient = document.createElement("span");
        gradient.className = "livescope-legend-gradient";
        gradient.style.background = `linear-gradient(to right, ${ramp.join(", ")})`;
        const first = document.createElement("span");
        first.textContent = names[0];
        const last = document.createElement("span");
        last.textContent = names[names.length - 1];
        const more = document.createElement("button");
        more.type = "button";
        more.className = "livescope-legend-more";
        more.textContent = `${names.length} series`;
        more.title = "Show or hide every series with its value";
        more.setAttribute("aria-expanded", "false");
        bar.append(first, gradient, last, more);
        entries = document.createElement("div");
        entries.className = "livescope-legend-entries";
        entries.hidden = true;
        more.addEventListener(
          "click",
          () => {
            entries.hidden = !entries.hidden;
            more.setAttribute("aria-expanded", String(!entries.hidden));
          },
          { signal },
        );
        root.append(bar, entries);
      }
      items = names.map((name, i) => {
        const entry = legendEntry(name, colors[i], "series", () => onToggle(i), signal);
        entries.appendChild(entry.item);
        return entry;
      });
    },

    /** Mark series `i` hidden where `hidden[i]` is true. */
    setHidden(hidden) {
      markHidden(items, hidden);
    },

    /** Show `values` (one per series) at `step`; `hovered` tells the latest row from a picked one. */
    show(step, values, hovered) {
      const text = step === null ? "" : `${hovered ? "at" : "latest"} step ${formatStep(step)}`;
      if (caption && caption.textContent !== text) caption.textContent = text;
      items.forEach(({ value: node }, i) => {
        const value = values ? formatValue(values[i]) : "–";
        if (node.textContent !== value) node.textContent = value;
      });
    },
  };
}
