// The line above a drawn view: the step shown, and the value under the pointer.

/**
 * The readout line above a view, and what it shows.
 * @typedef {{ bar: HTMLDivElement, show(content: string): void }} Readout
 */

/**
 * The readout line, then the element the view draws in under it (class
 * `className`): what every drawn view puts in its parent first.
 * @param {HTMLElement} parent
 * @param {string} [className]
 * @returns {{ readout: Readout, plot: HTMLDivElement }}
 */
export function createPlotArea(parent, className = "livescope-plot") {
  const readout = createReadout(parent);
  const plot = document.createElement("div");
  plot.className = className;
  parent.appendChild(plot);
  return { readout, plot };
}

/**
 * The readout line, appended to `parent`.
 * @param {HTMLElement} parent
 * @returns {Readout}
 */
export function createReadout(parent) {
  const bar = document.createElement("div");
  bar.className = "livescope-bar";
  const text = document.createElement("div");
  text.className = "livescope-readout";
  bar.appendChild(text);
  parent.appendChild(bar);
  return {
    /** The bar, for views that add more to it (a colour key). */
    bar,
    /** Show `content` (only touching the DOM when it changed). */
    show(content) {
      if (text.textContent !== content) text.textContent = content;
    },
  };
}
