// anywidget entry: one history store and transport per model, one view per render.

import "uplot/dist/uPlot.min.css";
import "./widget.css";
import { HistoryStore } from "./store.js";
import { connect } from "./transport.js";
import { mountView } from "./view.js";

// anywidget hands initialize and render the same model, not shared state,
// so the per-model store is kept here, keyed by model.
const stores = new WeakMap();

function storeFor(model) {
  let store = stores.get(model);
  if (!store) {
    store = new HistoryStore();
    stores.set(model, store);
  }
  return store;
}

export default {
  initialize({ model }) {
    const disconnect = connect(model, storeFor(model));
    return () => {
      disconnect();
      stores.delete(model);
    };
  },
  render({ model, el }) {
    return mountView(model, el, storeFor(model));
  },
};
