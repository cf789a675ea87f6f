"""Let shell messages (a Stop click) through while a cell keeps the kernel busy.

While a cell runs, the kernel reads no shell message, so a widget's comm message
(the Stop button) waits until the cell ends. :func:`poll_shell`, called from the
user's loop, takes the shell messages that are waiting, handles the ones that are
not ``execute_request`` with the kernel's own ``dispatch_shell`` and hands the
``execute_request`` ones back to the kernel unchanged, in arrival order, so queued
cells still run once, afterwards, and are aborted if the running cell raises.

This relies on private ipykernel internals that changed at 7.0, 7.1 and 7.4, so
everything is feature-detected once per process; a kernel that does not match
gets one warning and a no-op (Stop then takes effect when the cell ends).
"""

from __future__ import annotations

import sys
import threading
import time
import warnings
from typing import Any, Protocol

from .poller import Unsupported, ipykernel_version, warn_unsupported
from .shell import current_shell

MAIN_THREAD_ID = threading.main_thread().ident


class _Poller(Protocol):
    def poll(self) -> None: ...


class _NoOp:
    """Poller used outside a kernel and where the kernel is not supported."""

    def poll(self) -> None:
        return None


_NOOP = _NoOp()
_poller: _Poller | None = None
_polling = False

BACKGROUND_MESSAGE = (
    "livescope: running() is called on a background thread while a cell keeps the "
    "kernel busy, and nothing on the main thread calls running(). Only the main "
    "thread may take browser messages from the kernel, so a Stop click takes effect "
    "when the cell ends. To stop such a loop early, call running() on the main "
    "thread while it waits, e.g. `while thread.is_alive() and plot.running(): "
    "time.sleep(0.05)` instead of `thread.join()`."
)
# How long a background running() loop may go without the main thread polling
# before the warning: the main thread may be about to start its own loop.
BACKGROUND_GRACE = 1.0
_main_polled_at = float("-inf")
_background_cell: object = None  # execution count of the cell a background loop was seen in
_background_since = 0.0
_background_warned = False


def poll_shell() -> None:
    """Handle shell messages that arrived while the current cell is busy.

    Comm messages (widget events such as a Stop click) and other requests are
    dispatched to the kernel right away; ``execute_request`` messages are handed
    back to the kernel in arrival order so that queued cells run after the
    current one, exactly once, with their own outputs.

    Cheap when nothing is pending, a silent no-op outside an IPython kernel and
    outside a running cell. Rate limiting is the caller's job. Never raises
    because of kernel internals: on an unsupported kernel it warns once and
    does nothing. On other threads than the main one it takes no message
    (dispatching from there is not safe), and warns once if nothing on the
    main thread does either.
    """
    global _poller, _polling, _main_polled_at
    poller = _poller
    if threading.get_ident() != MAIN_THREAD_ID:
        _background_poll(poller)
        return
    _main_polled_at = time.monotonic()
    # A comm handler dispatched from here may itself call poll_shell.
    if poller is _NOOP or _polling:
        return
    if poller is None:
        poller = _poller = _detect()
    _polling = True
    try:
        poller.poll()
    finally:
        _polling = False


def _background_poll(poller: _Poller | None) -> None:
    """Warn once if a background loop polls in a busy cell whose main thread never does."""
    global _background_cell, _background_since, _background_warned
    if _background_warned or poller is _NOOP:
        return
    shell = current_shell()
    displayhook = getattr(shell, "displayhook", None)
    if getattr(displayhook, "exec_result", None) is None:  # no cell is running
        return
    now = time.monotonic()
    cell = getattr(shell, "execution_count", None)
    if cell != _background_cell:
        _background_cell, _background_since = cell, now
        return
    if now - max(_background_since, _main_polled_at) > BACKGROUND_GRACE:
        _background_warned = True
        # stacklevel: the user's code that called running().
        warnings.warn(BACKGROUND_MESSAGE, RuntimeWarning, stacklevel=4)


def _detect() -> _Poller:
    """Pick the poller for this process; called once, on the main thread."""
    shell = current_shell()
    if shell is None or "ipykernel" not in sys.modules:
        return _NOOP
    kernel = shell.kernel
    try:
        return _make_poller(shell, kernel)
    except Unsupported as exc:
        warn_unsupported(str(exc))
    except Exception as exc:
        log = getattr(kernel, "log", None)
        if log is not None:
            log.error("livescope: could not set up the shell poll", exc_info=True)
        warn_unsupported(f"unexpected {type(exc).__name__}: {exc}")
    return _NOOP


def _make_poller(shell: Any, kernel: Any) -> _Poller:
    if getattr(kernel, "shell_channel_thread", None):
        from .poll_v7 import ShellChannelPoller

        return ShellChannelPoller(shell, kernel)
    if hasattr(kernel, "msg_queue"):
        from .poll_v6 import MsgQueuePoller

        return MsgQueuePoller(shell, kernel)
    raise Unsupported(
        f"ipykernel {ipykernel_version()} has neither a shell channel thread nor a message queue"
    )
