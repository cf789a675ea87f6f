"""The front-end bundle, sent to the browser once per kernel session.

anywidget syncs a widget's `_esm` and `_css` with every model, and Jupyter
saves them with every model's state: ten plots would put ten copies of the
bundle in a saved notebook. Instead, one hidden model per session carries the
bundle, and each widget's `_esm` is a small loader (js/loader.js) that takes
the code from that model, imports it once per page and hands it the widget.
The shared model is saved with the widget state like any other, so a notebook
reopened without its kernel still finds the code.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets
import traitlets

_STATIC = Path(__file__).parent.parent / "static"


def bundle_file(name: str) -> Path:
    """The built front-end file `name`; ImportError when it was never built."""
    path = _STATIC / name
    if not path.exists():
        raise ImportError(
            f"livescope's front-end bundle {path} is missing; reinstall livescope, "
            "or in a source checkout run `npm install && npm run build`"
        )
    return path


class FrontEndRuntime(ipywidgets.Widget):  # type: ignore[misc]  # ipywidgets has no types
    """A model with no view that carries the front end's code and CSS."""

    code = traitlets.Unicode("").tag(sync=True)
    css = traitlets.Unicode("").tag(sync=True)
    # Names this code in the browser, where it is imported once per page: two
    # versions of livescope on one page each get their own.
    digest = traitlets.Unicode("").tag(sync=True)


_lock = threading.Lock()
_current: FrontEndRuntime | None = None


def shared_runtime() -> FrontEndRuntime:
    """The session's runtime model: made on first use, made again once closed."""
    global _current
    with _lock:
        if _current is None or _current.comm is None:
            code = bundle_file("widget.js").read_text(encoding="utf-8")
            css = bundle_file("widget.css").read_text(encoding="utf-8")
            digest = hashlib.sha256(f"{code}\0{css}".encode()).hexdigest()[:16]
            _current = FrontEndRuntime(code=code, css=css, digest=digest)
        return _current


class SharedBundleWidget(anywidget.AnyWidget):
    """An anywidget whose front end comes from the session's runtime model."""

    _esm = bundle_file("loader.js")
    _runtime = traitlets.Instance(FrontEndRuntime).tag(
        sync=True, **ipywidgets.widget_serialization
    )

    @traitlets.default("_runtime")
    def _shared_runtime(self) -> FrontEndRuntime:
        return shared_runtime()

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        # A view made after the runtime model was closed needs a live one.
        if self._runtime.comm is None:
            self._runtime = shared_runtime()
        return super()._repr_mimebundle_(**kwargs)
