// When the kernel refreshes a display output (at cell end it replaces the
// static picture beside the widget view, see docs/wire-format.md), JupyterLab
// renders a new view of the model into the same output and drops the old
// view's element without disposing the view. The new view takes over: it
// keeps the old one's zoom and replay place and ends it, so replaced views
// do not pile up.
//
// A view counts as replaced once its element, having been placed, has no
// parent any more, or sits in a widget container (a Dashboard's grid) whose
// own element was dropped so. A view whose cell is merely out of the page (a
// scrolled-away cell in a windowed notebook) hangs from its cell, not from a
// widget, and is left alone, and so is a new view that has not been placed yet.

// Jupyter widget views (an ipywidgets Box, say) carry this class.
const WIDGET_CLASS = "jupyter-widgets";

function dropped(el) {
  let top = el;
  while (top.parentNode) top = top.parentNode;
  return top === el || Boolean(top.classList?.contains(WIDGET_CLASS));
}

const viewsByStore = new WeakMap();

/**
 * Join the views of `store` with the view rendered into `el`; `chart` is its
 * chart (for the zoom) and `dispose` ends it. Ends replaced views of the same
 * store and returns `{ zoom, replayIndex, seen, leave }`: the zoom (`{ x0, x1 }`
 * or null) and the replayed row (null when it followed the latest) of the view
 * this one replaces, `seen()` to call on each draw, and `leave()` for the
 * view's cleanup.
 */
export function joinViews(store, el, { chart, dispose }) {
  let views = viewsByStore.get(store);
  if (!views) {
    views = new Set();
    viewsByStore.set(store, views);
  }
  let zoom = null;
  let replayIndex = null;
  for (const other of [...views]) {
    if (other.placed && dropped(other.el)) {
      zoom = other.chart.zoom ?? zoom;
      if (other.chart.following === false && other.chart.shownIndex >= 0) {
        replayIndex = other.chart.shownIndex;
      }
      other.dispose();
    }
  }
  const view = { el, chart, dispose, placed: Boolean(el.parentNode) };
  views.add(view);
  return {
    zoom,
    replayIndex,
    seen() {
      if (el.parentNode) view.placed = true;
    },
    leave() {
      views.delete(view);
    },
  };
}
