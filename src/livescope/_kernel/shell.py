"""Where we run: inside a Jupyter kernel, under `livescope serve`, or neither; cell-end hook."""

from __future__ import annotations

import sys
from collections.abc import Callable


def current_shell() -> object | None:
    """The IPython shell of a Jupyter kernel, or None (plain Python, terminal IPython)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    shell = ipython.get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    return shell


_page_server = False  # widgets of this process are shown by `livescope serve`


def serve_pages() -> None:
    """Declare that this process's widgets have front ends: the pages `livescope serve` serves."""
    global _page_server
    _page_server = True


def serving_pages() -> bool:
    """Whether `livescope serve` shows this process's widgets (outside any kernel)."""
    return _page_server


def on_cell_end(callback: Callable[[], None]) -> None:
    """Call `callback` on the kernel's main thread after every cell, if in a kernel."""
    shell = current_shell()
    if shell is not None:
        shell.events.register("post_run_cell", lambda _result: callback())
