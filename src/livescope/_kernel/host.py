"""The front end a kernel serves, where it changes what a plot can offer."""

from __future__ import annotations

import os

from .shell import current_shell

VSCODE_NOTE = (
    "Stop is not delivered while a cell runs in VS Code: "
    "use the interrupt button; the history is kept"
)


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
