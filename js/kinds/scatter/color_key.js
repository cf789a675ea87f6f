// A small colour key for point colours: the colormap as a gradient between
// the values at its two ends ("point 0" .. "point K-1", or the min and max
// of per-point values); hidden when every point has one colour.

import { colormapLUT, cssColor } from "../../draw/colormaps.js";
import { formatValue } from "../../host/format.js";

export const formatCount = (n) => n.toLocaleString("en-US");

/** A CSS linear-gradient along colormap `name`. */
export function colormapGradient(name) {
  const lut = colormapLUT(name);
  const stops = Array.from({ length: 9 }, (_, i) => cssColor(lut, Math.round((i * 255) / 8)));
  return `linear-gradient(to right, ${stops.join(", ")})`;
}

export function createColorKey(parent) {
  const el = document.createElement("div");
  el.className = "livescope-colorkey";
  const low = document.createElement("span");
  const ramp = document.createElement("span");
  ramp.className = "livescope-colorkey-ramp";
  const high = document.createElement("span");
  el.append(low, ramp, high);
  parent.appendChild(el);

  return {
    el,
    /** Show the key for the scatter `options` and `k` points per frame. */
    show(options, k) {
      const byValue = options.colors?.range;
      el.hidden = Boolean(options.color) || k === 0 || Boolean(options.colors && !byValue);
      if (el.hidden) return;
      ramp.style.background = colormapGradient(options.colormap);
      low.textContent = byValue ? formatValue(byValue[0]) : "point 0";
      high.textContent = byValue ? formatValue(byValue[1]) : `point ${formatCount(k - 1)}`;
    },
  };
}
