// anywidget entry: one history store and transport per model, one view per render.

import "uplot/dist/uPlot.min.css";
import "./widget.css";
import { followSnapshot } from "./data/snapshot.js";
import { HistoryStore } from "./data/store.js";
import { connect } from "./data/transport.js";
import { mountView } from "./host/view.js";
import { applySnapshot, viewClass } from "./kinds/index.js";

// anywidget hands initialize and render separate proxies of one model, so a
// model is known by its widget manager and its per-instance `_uid` trait.
const storesByManager = new WeakMap();

function storesOf(model) {
  let stores = storesByManager.get(model.widget_manager);
  if (!stores) {
    stores = new Map();
    storesByManager.set(model.widget_manager, stores);
  }
  return stores;
}

function storeFor(model) {
  const stores = storesOf(model);
  const uid = model.get("_uid");
  let store = stores.get(uid);
  if (!store) {
    // Each kind keeps rows in the layout it reads fastest (see kinds/index.js).
    const Store = viewClass(model.get("kind")).Store ?? HistoryStore;
    store = new Store();
    stores.set(uid, store);
  }
  return store;
}

export default {
  initialize({ model }) {
    const store = storeFor(model);
    // The saved snapshot first: shown until (unless) the kernel answers.
    const unfollow = followSnapshot(model, store, applySnapshot);
    const disconnect = connect(model, store);
    return () => {
      unfollow();
      disconnect();
      storesOf(model).delete(model.get("_uid"));
    };
  },
  render({ model, el }) {
    return mountView(model, el, storeFor(model));
  },
};
