"""Which host shows this process's widgets, and what a plot's header says about it."""

from __future__ import annotations

import sys

# marimo handles a front end's widget messages between cells only: a Stop click
# made while a cell runs reaches the plot when that cell has ended.
MARIMO_NOTE = "Stop is not delivered while a marimo cell runs: use marimo's interrupt (■)"


def in_marimo() -> bool:
    """Whether this code runs in a marimo notebook or app (whose kernel is no IPython)."""
    marimo = sys.modules.get("marimo")
    running_in_notebook = getattr(marimo, "running_in_notebook", None)
    return running_in_notebook is not None and bool(running_in_notebook())


def hears_front_end_while_busy() -> bool:
    """Whether a front end's messages (Stop, a view's `sync`) can reach a busy cell's loop."""
    return not in_marimo()


def host_note() -> str:
    """What a plot's header says about the host it runs in ("" when Stop works as usual)."""
    return MARIMO_NOTE if in_marimo() else ""
