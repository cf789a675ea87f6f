// anywidget entry of a Dashboard's controls: its title and the one Stop
// button that ends the loop feeding every panel. The panels are LivePlot
// views laid out by an ipywidgets GridBox.

import "./widget.css";
import { createHeader } from "./header.js";

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
    const show = () => {
      const stopped = Boolean(model.get("stopped"));
      header.update({ title: model.get("title") ?? "", stopped });
      root.dataset.stopped = String(stopped);
    };
    model.on("change:stopped", show);
    model.on("change:title", show);
    show();
    return () => {
      model.off("change:stopped", show);
      model.off("change:title", show);
      controller.abort();
      root.remove();
    };
  },
};
