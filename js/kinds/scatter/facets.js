// Small multiples: panels in a grid sharing one x and one y scale, and which
// panel each point belongs to. Used by the scatter view; any view that splits
// its data into panels can lay them out the same way.

import { decodeBytes } from "./point_colors.js";

/**
 * Lay out `count` panels inside `width` x `height` CSS pixels. `margin`
 * (left, right, top, bottom) is kept around the grid for tick labels, `gap`
 * between panels and `title` above each panel for its name. Picks the number
 * of columns that makes the smallest panel side largest. Returns
 * `{ columns, rows, panels, height }`, each panel `{ x, y, width, height, row, column }`
 * being its plot area (its title in the `title` pixels above `y`), `height`
 * the view's height: more than asked when panels would be smaller than
 * `minWidth` x `minHeight`. `columns` fixes the panels a row.
 */
export function facetGrid(
  count,
  width,
  height,
  { margin, gap = 0, title = 0, columns: asked = null, minWidth = 1, minHeight = 1 },
) {
  const n = Math.max(1, count);
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const sizes = (columns) => {
    const rows = Math.ceil(n / columns);
    const w = (innerW - (columns - 1) * gap) / columns;
    const h = (innerH - rows * title - (rows - 1) * gap) / rows;
    return { columns, rows, w, h, side: Math.min(w, h) };
  };
  let best = sizes(asked ? Math.min(n, asked) : 1);
  if (!asked) {
    for (let columns = 2; columns <= n; columns++) {
      const option = sizes(columns);
      if (option.side > best.side) best = option;
    }
  }
  if (n > 1 && !asked && best.w < minWidth) {
    // Never narrower than the minimum: fewer columns, more rows, a taller view.
    best = sizes(Math.max(1, Math.floor((innerW + gap) / (minWidth + gap))));
  }
  const { columns, rows } = best;
  const w = Math.max(1, best.w);
  const h = n > 1 ? Math.max(minHeight, best.h) : Math.max(1, best.h);
  const panels = Array.from({ length: n }, (_, i) => {
    const row = Math.floor(i / columns);
    const column = i % columns;
    return {
      x: margin.left + column * (w + gap),
      y: margin.top + row * (h + gap + title) + title,
      width: w,
      height: h,
      row,
      column,
    };
  });
  const total = margin.top + rows * (h + title) + (rows - 1) * gap + margin.bottom;
  return { columns, rows, panels, height: Math.max(height, total) };
}

/**
 * For every panel, the map from data to device pixels (`ratio` device pixels
 * per CSS pixel) with one shared x range and one shared y range (y grows
 * upwards), and the panel's clip rectangle in whole device pixels:
 * `{ ox, sx, oy, sy, left, top, right, bottom }`, pixel x = ox + x * sx.
 */
export function panelScales(panels, [x0, x1], [y0, y1], ratio = 1) {
  // Whole device pixels, the same number in every panel, so scales are equal exactly.
  const w = Math.round((panels[0]?.width ?? 0) * ratio);
  const h = Math.round((panels[0]?.height ?? 0) * ratio);
  return panels.map((p) => {
    const left = Math.round(p.x * ratio);
    const top = Math.round(p.y * ratio);
    const right = left + w;
    const bottom = top + h;
    const sx = (right - left) / (x1 - x0);
    const sy = -(bottom - top) / (y1 - y0);
    return { ox: left - x0 * sx, sx, oy: bottom - y0 * sy, sy, left, top, right, bottom };
  });
}

/**
 * Which panel each of `k` points is in, from the `facet` view option:
 * `{ count }` splits the points into that many consecutive, equal groups;
 * `{ labels, index }` names the panels and gives each point's panel (base64
 * bytes). Returns `{ labels, panelOf }`; `panelOf` is null for one panel.
 */
export function facetMembership(facet, k) {
  if (!facet || k === 0) return { labels: [], panelOf: null };
  if (facet.labels) {
    const index = decodeBytes(facet.index ?? "");
    const panelOf = new Uint8Array(k);
    panelOf.set(index.subarray(0, k));
    return { labels: facet.labels.map(String), panelOf };
  }
  const count = Math.max(1, Math.min(facet.count ?? 1, k));
  if (count === 1) return { labels: [], panelOf: null };
  const panelOf = new Uint8Array(k);
  const labels = [];
  for (let p = 0; p < count; p++) {
    const first = Math.floor((p * k) / count);
    const end = Math.floor(((p + 1) * k) / count);
    panelOf.fill(p, first, end);
    labels.push(end - first === 1 ? `point ${first}` : `points ${first}–${end - 1}`);
  }
  return { labels, panelOf };
}
