// The lines view's controls: smoothing slider, log-scale y, x as step or time,
// and whether earlier runs are compared.

import { control, createCompareToggle } from "../controls.js";
import { MAX_SMOOTHING } from "./options.js";

/**
 * Build the controls inside `parent`. `onChange(patch, save)` gets the
 * `view_options` a control changed, e.g. `{ log_y: true }`; `save` is false
 * while the slider is dragged. Listeners go away when `signal` aborts.
 */
export function createToolbar(parent, { onChange, signal }) {
  const root = document.createElement("div");
  root.className = "livescope-tools";
  parent.appendChild(root);

  const smoothingLabel = control(root, "livescope-smoothing", "smoothing ");
  const slider = document.createElement("input");
  slider.type = "range";
  slider.min = "0";
  slider.max = String(MAX_SMOOTHING);
  slider.step = "0.01";
  slider.title = "Exponential moving average, debiased; the raw line stays faint behind";
  const readout = document.createElement("output");
  smoothingLabel.append(slider, readout);
  const smoothing = () => Number(slider.value);
  slider.addEventListener("input", () => onChange({ smoothing: smoothing() }, false), { signal });
  slider.addEventListener("change", () => onChange({ smoothing: smoothing() }, true), { signal });

  const logLabel = control(root, "livescope-log-y");
  const logY = document.createElement("input");
  logY.type = "checkbox";
  logLabel.append(logY, " log y");
  logLabel.title = "Logarithmic y axis; values <= 0 are left out";
  logY.addEventListener("change", () => onChange({ log_y: logY.checked }, true), { signal });

  const xLabel = control(root, "livescope-x-axis", "x ");
  const xAxis = document.createElement("select");
  xAxis.setAttribute("aria-label", "x axis");
  for (const value of ["step", "time"]) {
    const option = document.createElement("option");
    option.value = option.textContent = value;
    xAxis.appendChild(option);
  }
  xLabel.appendChild(xAxis);
  xAxis.addEventListener("change", () => onChange({ x_axis: xAxis.value }, true), { signal });

  // Only there when the plot has previous runs to compare with.
  const compare = createCompareToggle(root, { onChange, signal });

  return {
    /**
     * Show `options` (`{ smoothing, logY, xAxis, compare }`, see lines/options.js)
     * without firing onChange; `hasRuns` shows the compare toggle.
     */
    show(options, hasRuns = false) {
      compare.show(options.compare, hasRuns);
      if (smoothing() !== options.smoothing) slider.value = String(options.smoothing);
      const text = options.smoothing.toFixed(2);
      if (readout.textContent !== text) readout.textContent = text;
      logY.checked = options.logY;
      xAxis.value = options.xAxis;
    },
  };
}
