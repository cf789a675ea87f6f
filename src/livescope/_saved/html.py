"""One self-contained HTML page: the page host bundle, its CSS and saved model states.

The page runs the same front end as the notebook (js/page.js mounts
js/widget.js over a model shim) with no server, kernel or network: the
model's traits travel in the page as Jupyter's saved widget-state form,
binary traits as base64 buffers. A dashboard's page holds one such state
per panel, placed on the dashboard's grid, and its controls.
"""

from __future__ import annotations

import base64
import html
import json
from typing import Any

from .._widget.runtime import bundle_file

# The page around the widget: a margin, and the OS light/dark preference.
_PAGE_CSS = """
:root { color-scheme: light dark; }
body { margin: 24px; background: Canvas; }
#livescope-plot { max-width: 1200px; }
#livescope-plot.livescope-page-dashboard { max-width: 1600px; }
"""

_MOUNT = """
const el = document.getElementById("livescope-plot");
const saved = JSON.parse(document.getElementById("livescope-state").textContent);
livescopePage.mountSaved(el, saved).catch((error) => {
  el.textContent = "livescope could not show this plot: " + error.message;
});
"""

_MOUNT_DASHBOARD = """
const el = document.getElementById("livescope-plot");
const saved = JSON.parse(document.getElementById("livescope-state").textContent);
livescopePage.mountDashboard(el, saved).catch((error) => {
  el.textContent = "livescope could not show this dashboard: " + error.message;
});
"""


def saved_form(state: dict[str, Any]) -> dict[str, Any]:
    """Split bytes-like traits out of `state` as base64 buffers with their paths."""
    plain, buffers = {}, []
    for name, value in state.items():
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = base64.b64encode(value).decode("ascii")
            buffers.append({"path": [name], "encoding": "base64", "data": data})
        else:
            plain[name] = value
    return {"state": plain, "buffers": buffers}


def html_page(state: dict[str, Any], title: str) -> str:
    """The page showing a model with traits `state` (binary traits as bytes)."""
    return _document(saved_form(state), title or "livescope plot", _MOUNT)


def dashboard_page(saved: dict[str, Any], title: str) -> str:
    """The page showing a dashboard: `saved` is what js/page.js `mountDashboard` takes."""
    return _document(saved, title or "livescope dashboard", _MOUNT_DASHBOARD)


def script_json(payload: object) -> str:
    """`payload` as JSON to place in a script element."""
    # "</" would end the script element early; in JSON "<\/" means the same.
    return json.dumps(payload, separators=(",", ":")).replace("</", "<\\/")


def script_text(code: str) -> str:
    """JavaScript `code` to place in a script element ("</script" only occurs in its strings)."""
    return code.replace("</script", "<\\/script")


def _document(payload: dict[str, Any], title: str, mount: str) -> str:
    script = script_text(bundle_file("page.js").read_text(encoding="utf-8"))
    css = bundle_file("page.css").read_text(encoding="utf-8")
    data = script_json(payload)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{_PAGE_CSS}</style>",
            f"<style>{css}</style>",
            "</head>",
            "<body>",
            '<div id="livescope-plot"></div>',
            f'<script type="application/json" id="livescope-state">{data}</script>',
            f"<script>{script}</script>",
            f"<script>{mount}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
