// When the kernel refreshes a display output (at cell end it replaces the
// static picture beside the widget view, see docs/wire-format.md), JupyterLab
// renders a new view of the model into the same output and drops the old
// view's element without disposing the view. The new view moves the old
// one's chart into its own element instead of building another: no chart is
// rebuilt and redrawn at every cell end, zoom and replay place stay as they
// were, and replaced views do not pile up.
//
// A view counts as replaced once its element, having been placed, has no
// parent any more, or sits in a widget container (a Dashboard's grid) whose
// own element was dropped so. A view whose cell is merely out of the page (a
// scrolled-away cell in a windowed notebook) hangs from its cell, not from a
// widget, and is left alone, and so is a new view that has not been placed yet.

// Jupyter widget views (an ipywidgets Box, say) carry this class.
const WIDGET_CLASS = "jupyter-widgets";

/** @param {HTMLElement} el */
function dropped(el) {
  /** @type {Node} */
  let top = el;
  while (top.parentNode) top = top.parentNode;
  return top === el || (top instanceof Element && top.classList.contains(WIDGET_CLASS));
}

/**
 * A chart and the element it was last rendered into: `placed` once that
 * element had a parent (mountView's `{ root, dispose, moved }` besides).
 * @typedef {{
 *   el: HTMLElement,
 *   placed: boolean,
 *   root: HTMLElement,
 *   dispose: () => void,
 *   moved: () => void,
 * }} PlacedView
 */

/** @type {WeakMap<object, Set<PlacedView>>} */
const viewsByStore = new WeakMap();

/**
 * @param {object} store
 * @returns {Set<PlacedView>}
 */
function viewsOf(store) {
  let views = viewsByStore.get(store);
  if (!views) {
    views = new Set();
    viewsByStore.set(store, views);
  }
  return views;
}

/**
 * Show a view of `store` in `el`: the chart of a view this one replaces,
 * moved in, or else a new one that `mount(seen)` builds in `el`; it returns
 * `{ root, dispose, moved }` and calls `seen()` on each draw (`moved()` asks
 * for one). Other replaced views of the store are ended. Returns the cleanup
 * for the view rendered into `el`, which ends the chart unless a later view
 * took it over.
 * @param {object} store
 * @param {HTMLElement} el
 * @param {(seen: () => void) => { root: HTMLElement, dispose: () => void, moved: () => void }} mount
 * @returns {() => void}
 */
export function placeView(store, el, mount) {
  const views = viewsOf(store);
  /** @type {PlacedView | null} */
  let view = null;
  for (const other of [...views]) {
    if (!other.placed || !dropped(other.el)) continue;
    if (view) {
      views.delete(other);
      other.dispose();
    } else {
      view = other;
    }
  }
  if (view) {
    el.appendChild(view.root);
    view.el = el;
    view.placed = Boolean(el.parentNode);
    view.moved();
  } else {
    const where = { el, placed: Boolean(el.parentNode) };
    const seen = () => {
      if (where.el.parentNode) where.placed = true;
    };
    view = Object.assign(where, mount(seen));
    views.add(view);
  }
  const placed = view; // what the cleanup ends, unless a later view took it over
  return () => {
    if (placed.el !== el || !views.delete(placed)) return;
    placed.dispose();
  };
}
