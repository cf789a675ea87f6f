"""Plots of an exported notebook that show with no network.

A notebook saved with widget state exports to HTML (nbconvert, JupyterLab's
"Save and Export Notebook As", nbviewer) with each widget output as a
placeholder that a script from a CDN fills when the page is opened; the
static picture beside it is dropped. Offline such a page shows nothing where
the plots were.

`offline_plots` rewrites a notebook before it is exported: each livescope
output (a plot or a dashboard) becomes an HTML fragment holding the plot's
saved state and its picture. The first fragment also carries the page host
bundle (js/page.js), which mounts every plot from its state, interactive as
in `save_html`; where scripts do not run (sanitized HTML) the picture stays.
The widget state the fragments replaced leaves the notebook's metadata, so a
notebook with no other widgets loads nothing from a CDN.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Iterator
from typing import Any

from .._widget.models import LivePlotWidget
from .._widget.runtime import bundle_file
from .html import script_json, script_text

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
SVG_MIME = "image/svg+xml"
PLOT_ID = f"{LivePlotWidget.__module__}.{LivePlotWidget.__name__}"
CONTROLS_ID = "livescope._widget.models.DashboardControlsWidget"
_REFERENCE = "IPY_MODEL_"
# The traits a page host needs of a plot (what `save_html` puts in a page).
_PLOT_TRAITS = frozenset(LivePlotWidget.class_own_traits(sync=True))

# Mounts the state in the script element just before it into the element
# before that; on failure the picture comes back.
_MOUNT = """(function () {
  var data = document.currentScript.previousElementSibling;
  var el = data.previousElementSibling;
  var picture = el.innerHTML;
  el.innerHTML = "";
  livescopePage.%s(el, JSON.parse(data.textContent)).catch(function (error) {
    el.innerHTML = picture;
    console.error("livescope could not show this plot:", error);
  });
})();"""


def offline_plots(nb: dict[str, Any]) -> int:
    """Replace every livescope widget output of `nb` by an offline fragment; return how many."""
    widgets = nb.get("metadata", {}).get("widgets", {})
    models = widgets.get(WIDGET_STATE, {}).get("state", {})
    replaced: list[str] = []
    for output in _widget_outputs(nb):
        model_id = output["data"][WIDGET_VIEW].get("model_id")
        mount = _mount(models, model_id)
        if mount is None:
            continue
        method, payload = mount
        picture = output["data"].get(SVG_MIME)
        summary = str(output["data"].get("text/plain", "livescope plot"))
        first = not replaced
        output["data"] = {
            key: value for key, value in output["data"].items() if key != WIDGET_VIEW
        }
        output["data"]["text/html"] = _fragment(method, payload, picture, summary, first)
        replaced.append(model_id)
    if replaced:
        _drop_models(nb, models, replaced)
    return len(replaced)


def _widget_outputs(nb: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                yield output


def _mount(models: dict[str, Any], model_id: object) -> tuple[str, dict[str, Any]] | None:
    """How js/page.js shows model `model_id`: the function and what it takes; None if not ours."""
    model = models.get(model_id) if isinstance(model_id, str) else None
    if model is None:
        return None
    state = model.get("state", {})
    if state.get("_anywidget_id") == PLOT_ID:
        return "mountSaved", _plot_saved(model)
    dashboard = _dashboard_saved(models, state)
    if dashboard is not None:
        return "mountDashboard", dashboard
    return None


def _plot_saved(model: dict[str, Any]) -> dict[str, Any]:
    state = {k: v for k, v in model["state"].items() if k in _PLOT_TRAITS}
    buffers = [b for b in model.get("buffers", []) if b["path"][0] in _PLOT_TRAITS]
    return {"state": state, "buffers": buffers}


def _dashboard_saved(models: dict[str, Any], box: dict[str, Any]) -> dict[str, Any] | None:
    """A Dashboard's VBox (its controls, then a grid of one-plot boxes) for `mountDashboard`."""
    children = [_model(models, ref) for ref in box.get("children", [])]
    if len(children) != 2:
        return None
    controls, grid = children
    if controls is None or grid is None:
        return None
    if controls["state"].get("_anywidget_id") != CONTROLS_ID:
        return None
    panels = []
    for i, cell in enumerate(_model(models, ref) for ref in grid["state"].get("children", [])):
        plot = _model(models, (cell or {}).get("state", {}).get("children", [None])[0])
        layout = _model(models, (cell or {}).get("state", {}).get("layout"))
        if plot is None or plot["state"].get("_anywidget_id") != PLOT_ID:
            return None
        saved = _plot_saved(plot)
        panels.append(
            {
                "name": saved["state"].get("title") or f"panel {i + 1}",
                "area": (layout or {}).get("state", {}).get("grid_area") or "auto",
                "kind": saved["state"].get("kind"),
                "height": saved["state"].get("height"),
                "saved": saved,
            }
        )
    grid_layout = _model(models, grid["state"].get("layout")) or {}
    template = grid_layout.get("state", {}).get("grid_template_columns") or ""
    columns = re.match(r"repeat\((\d+),", template)
    state = {k: controls["state"].get(k) for k in ("title", "stopped")}
    return {
        "columns": int(columns.group(1)) if columns else 1,
        "controls": {"state": state, "buffers": []},
        "panels": panels,
    }


def _model(models: dict[str, Any], ref: object) -> dict[str, Any] | None:
    if not isinstance(ref, str) or not ref.startswith(_REFERENCE):
        return None
    return models.get(ref[len(_REFERENCE) :])


def _fragment(
    method: str, payload: dict[str, Any], picture: str | None, summary: str, with_bundle: bool
) -> str:
    if picture is None:
        fallback = html.escape(summary)
    else:
        data = base64.b64encode(picture.encode("utf-8")).decode("ascii")
        fallback = f'<img alt="{html.escape(summary)}" src="data:{SVG_MIME};base64,{data}">'
    parts = []
    if with_bundle:
        css = bundle_file("page.css").read_text(encoding="utf-8")
        code = bundle_file("page.js").read_text(encoding="utf-8")
        parts += [f"<style>{css}</style>", f"<script>{script_text(code)}</script>"]
    parts += [
        f'<div class="livescope-offline">{fallback}</div>',
        f'<script type="application/json">{script_json(payload)}</script>',
        f"<script>{_MOUNT % method}</script>",
    ]
    return "\n".join(parts)


def _drop_models(nb: dict[str, Any], models: dict[str, Any], replaced: list[str]) -> None:
    """Remove the models only the replaced outputs used; the metadata entry if none is left."""
    gone = _reachable(models, replaced)
    kept = [model_id for model_id in models if model_id not in gone]
    needed = _reachable(models, kept)
    remaining = {model_id: models[model_id] for model_id in models if model_id in needed}
    if remaining:
        nb["metadata"]["widgets"][WIDGET_STATE]["state"] = remaining
    else:
        del nb["metadata"]["widgets"]


def _reachable(models: dict[str, Any], roots: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        model_id = todo.pop()
        if model_id in seen or model_id not in models:
            continue
        seen.add(model_id)
        todo.extend(_references(models[model_id].get("state", {})))
    return seen


def _references(value: object) -> Iterator[str]:
    if isinstance(value, str) and value.startswith(_REFERENCE):
        yield value[len(_REFERENCE) :]
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _references(item)
