// Colours and fonts from the JupyterLab theme, with fallbacks for plain pages.

import spec from "../../src/livescope/_spec/style.json" with { type: "json" };

// Mid-luminance hues that stay readable on white and on near-black, shared with
// the static picture (src/livescope/_spec/style.json).
export const PALETTE = [...spec.palette];

/** @param {number} index */
export const seriesColor = (index) => PALETTE[index % PALETTE.length];

// With a colormap and more series than this, the lines legend is a ramp.
export const RAMP_LEGEND_OVER = spec.lines.ramp_legend_over;

const FALLBACK = spec.theme;

const FONT_FAMILY = spec.font.family;

/** JupyterLab marks its theme on <body>; elsewhere follow the OS preference. */
function prefersDark() {
  const light = document.body?.dataset.jpThemeLight;
  if (light === "true") return false;
  if (light === "false") return true;
  return globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/**
 * The theme as seen from `el`: Jupyter CSS variables where defined, fallbacks
 * otherwise; `dark` whether the page is dark.
 * @param {Element} el
 * @returns {import("../draw/canvas.js").Theme & { dark: boolean }}
 */
export function readTheme(el) {
  const dark = prefersDark();
  const fallback = dark ? FALLBACK.dark : FALLBACK.light;
  const style = getComputedStyle(el);
  /** @type {(name: string, value: string) => string} */
  const read = (name, value) => style.getPropertyValue(name).trim() || value;
  return {
    dark,
    text: read("--jp-ui-font-color1", fallback.text),
    muted: read("--jp-ui-font-color2", fallback.muted),
    background: read("--jp-layout-color0", fallback.background),
    grid: read("--jp-border-color2", fallback.grid),
    axis: read("--jp-border-color1", fallback.axis),
    fontFamily: read("--jp-ui-font-family", FONT_FAMILY),
  };
}

/**
 * Call `onChange` when the Jupyter or OS theme changes; returns the function that stops watching.
 * @param {() => void} onChange
 * @returns {() => void}
 */
export function watchTheme(onChange) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ["data-jp-theme-light", "data-jp-theme-name"],
  });
  const media = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
  media?.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener("change", onChange);
  };
}
