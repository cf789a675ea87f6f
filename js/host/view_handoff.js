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

function dropped(el) {
  let top = el;
  while (top.parentNode) top = top.parentNode;
  return top === el || Boolean(top.classList?.contains(WIDGET_CLASS));
}

const viewsByStore = new WeakMap();

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
 */
export function placeView(store, el, mount) {
  const views = viewsOf(store);
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
    view = { el, placed: Boolean(el.parentNode) };
    const seen = () => {
      if (view.el.parentNode) view.placed = true;
    };
    Object.assign(view, mount(seen));
    views.add(view);
  }
  return () => {
    if (view.el !== el || !views.delete(view)) return;
    view.dispose();
  };
}
