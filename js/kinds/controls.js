// Controls the views put in their bar: a labelled control, and the compare
// toggle that shows or hides a plot's earlier runs (the `compare` key of
// `view_options`). The lines toolbar, the trajectory and the frame views
// each hold one compare toggle.

/** A `<label>` of class `livescope-control className` in `parent`, starting with `text`. */
export function control(parent, className, text = "") {
  const label = document.createElement("label");
  label.className = `livescope-control ${className}`;
  if (text) label.append(text);
  parent.appendChild(label);
  return label;
}

/**
 * The compare checkbox inside `parent`, hidden until `show` says the plot
 * has earlier runs. `onChange({ compare }, true)` gets each click; the
 * listener goes away when `signal` aborts.
 * @param {HTMLElement} parent
 * @param {{ onChange: (patch: { compare: boolean }, save: boolean) => void, signal?: AbortSignal }} hooks
 */
export function createCompareToggle(parent, { onChange, signal }) {
  const label = control(parent, "livescope-compare");
  const checkbox = document.createElement("input");
  checkbox.type = "checkbox";
  label.append(checkbox, " compare");
  label.title = "Show earlier runs of this plot, faded, behind this one";
  label.hidden = true;
  checkbox.addEventListener("change", () => onChange({ compare: checkbox.checked }, true), {
    signal,
  });
  return {
    /** Tick it as `compare` says, without firing onChange; there only when `hasRuns`. */
    show(compare, hasRuns) {
      label.hidden = !hasRuns;
      checkbox.checked = compare;
    },
  };
}
