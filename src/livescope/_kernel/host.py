"""Which front end shows this process's widgets, where it changes what a plot can offer."""

from __future__ import annotations

import os
import sys

from .shell import current_shell

# marimo handles a front end's widget messages between cells only: a Stop click
# made while a cell runs reaches the plot when that cell has ended.
MARIMO_NOTE = "Stop is not delivered while a marimo cell runs: use marimo's interrupt (■)"
VSCODE_NOTE = (
    "Stop is not delivered while a cell runs in VS Code: "
    "use the interrupt button; the history is kept"
)


def in_marimo() -> bool:
    """Whether this code runs in a marimo notebook or app (whose kernel is no IPython)."""
    marimo = sys.modules.get("marimo")
    running_in_notebook = getattr(marimo, "running_in_notebook", None)
    return running_in_notebook is not None and bool(running_in_notebook())


def in_vscode() -> bool:
    """Whether this kernel's notebook is open in VS Code.

    VS Code's Jupyter extension sets ``__vsc_ipynb_file__`` in the namespace of
    a notebook's kernel; kernels it starts itself also inherit ``VSCODE_PID``
    or ``VSCODE_CWD`` (and, unlike those a Jupyter server starts, have no
    ``JPY_SESSION_NAME``, so JupyterLab launched from VS Code's terminal is not
    taken for VS Code).
    """
    shell = current_shell()
    if shell is None:
        return False
    if "__vsc_ipynb_file__" in getattr(shell, "user_ns", {}):
        return True
    env = os.environ
    return ("VSCODE_PID" in env or "VSCODE_CWD" in env) and "JPY_SESSION_NAME" not in env


def hears_front_end_while_busy() -> bool:
    """Whether a front end's messages (Stop, a view's `sync`) can reach a busy cell's loop."""
    return not in_marimo()


def host_note() -> str:
    """What a plot's header says about the host it runs in ("" when Stop works as usual)."""
    if in_marimo():
        return MARIMO_NOTE
    if in_vscode():
        return VSCODE_NOTE
    return ""
