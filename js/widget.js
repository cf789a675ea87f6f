// anywidget entry: one history store and transport per model, one view per render.

import "uplot/dist/uPlot.min.css";
import "./widget.css";
import { followSnapshot } from "./data/snapshot.js";
import { HistoryStore } from "./data/store.js";
import { connect } from "./data/transport.js";
import { mountView } from "./host/view.js";
import { applySnapshot, viewClass } from "./kinds/index.js";
import { ReplayBar } from "./kinds/replay.js";

// anywidget hands initialize and render separate proxies of one model, so a
// model is known by its per-instance `_uid` trait and its widget manager (a
// saved notebook opened twice holds the same uids under two managers).
// uid -> Map(widget manager -> store)
const storesByUid = new Map();

function storeOf(model) {
  const uid = model.get("_uid");
  let byManager = storesByUid.get(uid);
  if (!byManager) {
    byManager = new Map();
    storesByUid.set(uid, byManager);
  }
  return { uid, byManager };
}

function newStore(model) {
  const { byManager } = storeOf(model);
  // Each kind keeps rows in the layout it reads fastest (see kinds/index.js).
  const Store = viewClass(model.get("kind")).Store ?? HistoryStore;
  const store = new Store();
  byManager.set(model.widget_manager, store);
  return store;
}

function forget(model) {
  const { uid, byManager } = storeOf(model);
  byManager.delete(model.widget_manager);
  if (byManager.size === 0) storesByUid.delete(uid);
}

// The store initialize made for this model. Some hosts (marimo) give each
// proxy a widget manager of its own; they have one manager per page, so the
// one store held for the uid is this model's.
function storeFor(model) {
  const { byManager } = storeOf(model);
  const store = byManager.get(model.widget_manager);
  if (store) return store;
  if (byManager.size === 1) return byManager.values().next().value;
  return newStore(model);
}

export default {
  initialize({ model }) {
    const store = newStore(model);
    // The saved snapshot first: shown until (unless) the kernel answers.
    const unfollow = followSnapshot(model, store, applySnapshot);
    const disconnect = connect(model, store);
    return () => {
      unfollow();
      disconnect();
      forget(model);
    };
  },
  render({ model, el }) {
    return mountView(model, el, storeFor(model), { chartClass: viewClass, ReplayBar });
  },
};
