// Colormaps as 256-entry RGB tables, interpolated from evenly spaced samples
// of matplotlib's maps (perceptually uniform), plus greys.
// The names must match COLORMAPS in src/livescope/_views/_colormaps.py (a test checks).

const STOPS = {
  viridis: ["#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c", "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"],
  plasma: ["#0d0887", "#41049d", "#6a00a8", "#8f0da4", "#b12a90", "#cc4778", "#e16462", "#f2844b", "#fca636", "#fcce25", "#f0f921"],
  inferno: ["#000004", "#160b39", "#420a68", "#6a176e", "#932667", "#bc3754", "#dd513a", "#f37819", "#fca50a", "#f6d746", "#fcffa4"],
  magma: ["#000004", "#140e36", "#3b0f70", "#641a80", "#8c2981", "#b73779", "#de4968", "#f7705c", "#fe9f6d", "#fecf92", "#fcfdbf"],
  cividis: ["#00204d", "#00336f", "#39486b", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#ffea46"],
  greys: ["#000000", "#ffffff"],
};

export const COLORMAP_NAMES = Object.keys(STOPS);
export const DEFAULT_COLORMAP = "viridis";
export const TABLE_SIZE = 256;

const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

// Tables are constants, built on first use.
const tables = new Map();

/** The 256 x RGB table (a Uint8Array of 768) of `name`; unknown names fall back to viridis. */
export function colormapTable(name) {
  const key = STOPS[name] ? name : DEFAULT_COLORMAP;
  let table = tables.get(key);
  if (!table) {
    const stops = STOPS[key].map(hexToRgb);
    table = new Uint8Array(TABLE_SIZE * 3);
    for (let i = 0; i < TABLE_SIZE; i++) {
      const t = (i / (TABLE_SIZE - 1)) * (stops.length - 1);
      const j = Math.min(Math.floor(t), stops.length - 2);
      const f = t - j;
      for (let c = 0; c < 3; c++) {
        table[i * 3 + c] = Math.round(stops[j][c] * (1 - f) + stops[j + 1][c] * f);
      }
    }
    tables.set(key, table);
  }
  return table;
}

/** The colour at `t` in [0, 1] of `name` as a CSS "rgb(...)" string. */
export function colormapCss(name, t) {
  const table = colormapTable(name);
  const i = Math.max(0, Math.min(TABLE_SIZE - 1, Math.round(t * (TABLE_SIZE - 1)))) * 3;
  return `rgb(${table[i]}, ${table[i + 1]}, ${table[i + 2]})`;
}

/** A CSS linear-gradient along `name`, for a colour key. */
export function colormapGradient(name, direction = "to right") {
  const steps = Array.from({ length: 9 }, (_, i) => colormapCss(name, i / 8));
  return `linear-gradient(${direction}, ${steps.join(", ")})`;
}
