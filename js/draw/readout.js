// The line above a drawn view: the step shown, and the value under the pointer.

/**
 * The readout line, then the element the view draws in under it (class
 * `className`): what every drawn view puts in its parent first.
 */
export function createPlotArea(parent, className = "livescope-plot") {
  const readout = createReadout(parent);
  const plot = document.createElement("div");
  plot.className = className;
  parent.appendChild(plot);
  return { readout, plot };
}

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
