"""Where we run: inside a Jupyter kernel or not, and the end-of-cell hook."""

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


def on_cell_end(callback: Callable[[], None]) -> None:
    """Call `callback` on the kernel's main thread after every cell, if in a kernel."""
    shell = current_shell()
    if shell is not None:
        shell.events.register("post_run_cell", lambda _result: callback())
