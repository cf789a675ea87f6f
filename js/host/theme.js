// Colours and fonts from the JupyterLab theme, with fallbacks for plain pages.

// Mid-luminance hues that stay readable on white and on near-black.
export const PALETTE = [
  "#3b82f6", // blue
  "#f97316", // orange
  "#10b981", // green
  "#ef4444", // red
  "#a855f7", // purple
  "#06b6d4", // cyan
  "#ec4899", // pink
  "#84cc16", // lime
  "#eab308", // amber
  "#94a3b8", // slate
];

export const seriesColor = (index) => PALETTE[index % PALETTE.length];

const FALLBACK = {
  light: {
    text: "#1f2328",
    muted: "#59636e",
    background: "#ffffff",
    grid: "#e5e7eb",
    axis: "#bdbdbd",
  },
  dark: {
    text: "#e6edf3",
    muted: "#9198a1",
    background: "#111111",
    grid: "#30363d",
    axis: "#616161",
  },
};

const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** JupyterLab marks its theme on <body>; elsewhere follow the OS preference. */
function prefersDark() {
  const light = document.body?.dataset.jpThemeLight;
  if (light === "true") return false;
  if (light === "false") return true;
  return globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** The theme as seen from `el`: Jupyter CSS variables where defined, fallbacks otherwise. */
export function readTheme(el) {
  const dark = prefersDark();
  const fallback = dark ? FALLBACK.dark : FALLBACK.light;
  const style = getComputedStyle(el);
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

/** Call `onChange` when the Jupyter or OS theme changes; returns the function that stops watching. */
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
