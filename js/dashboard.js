// anywidget entry of a Dashboard's controls: its title and the one Stop
// button that ends the loop feeding every panel. The panels are LivePlot
// views laid out by an ipywidgets GridBox.
//
// Each view asks the kernel whether it is there (`sync`); until a kernel
// answers (`live`) for this model, as in a reopened notebook or an exported
// page, the Stop button shows "Ended", disabled, and the root is marked
// `data-source="snapshot"` as the panels are.

import "./widget.css";
import "./dashboard.css";
import { createHeader } from "./host/header.js";

// Models a kernel answered for, by widget manager and `_uid`.
const liveByManager = new WeakMap();

function liveModels(model) {
  let live = liveByManager.get(model.widget_manager);
  if (!live) {
    live = new Set();
    liveByManager.set(model.widget_manager, live);
  }
  return live;
}

export default {
  render({ model, el }) {
    const controller = new AbortController();
    const root = document.createElement("div");
    root.className = "livescope livescope-dashboard";
    el.appendChild(root);
    const header = createHeader(root, {
      onStop: () => model.send({ type: "stop" }),
      signal: controller.signal,
      stats: false,
    });
    const known = liveModels(model);
    let live = known.has(model.get("_uid"));
    const show = () => {
      const stopped = Boolean(model.get("stopped"));
      const activity = model.get("activity") ?? "live";
      const showStop = model.get("stop_button") !== false;
      header.update({
        title: model.get("title") ?? "",
        stopped,
        activity,
        ended: !live,
        showStop,
        // What the host keeps a live dashboard from doing means nothing without a kernel.
        note: live ? (model.get("host_note") ?? "") : "",
      });
      root.dataset.stopped = String(stopped);
      root.dataset.activity = activity;
      root.dataset.source = live ? "kernel" : "snapshot";
    };
    const onMessage = (content) => {
      if (content?.type !== "live" || live) return;
      live = true;
      known.add(model.get("_uid"));
      show();
    };
    model.on("change:stopped", show);
    model.on("change:activity", show);
    model.on("change:title", show);
    model.on("change:stop_button", show);
    model.on("change:host_note", show);
    model.on("msg:custom", onMessage);
    show();
    model.send({ type: "sync" });
    return () => {
      model.off("change:stopped", show);
      model.off("change:activity", show);
      model.off("change:title", show);
      model.off("change:stop_button", show);
      model.off("change:host_note", show);
      model.off("msg:custom", onMessage);
      controller.abort();
      root.remove();
    };
  },
};
