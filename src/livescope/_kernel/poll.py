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

from .shell import current_shell

MAIN_THREAD_ID = threading.main_thread().ident

# Requests that must keep their place behind the running cell: running a cell
# inside another one is wrong, and a shutdown inside the user's loop would
# tear the kernel down under it.
DEFERRED_MSG_TYPES = frozenset({"execute_request", "shutdown_request"})

UNSUPPORTED_MESSAGE = (
    "livescope cannot handle browser messages while a cell runs in this kernel "
    "({detail}); a Stop click will take effect when the cell ends."
)


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
        f"ipykernel {_ipykernel_version()} has neither a shell channel thread nor a message queue"
    )


class Unsupported(Exception):
    """The running kernel lacks an internal the poll needs."""


_warned = False


def warn_unsupported(detail: str) -> None:
    """Warn once per process that Stop only takes effect when the cell ends."""
    global _warned
    if _warned:
        return
    _warned = True
    warnings.warn(UNSUPPORTED_MESSAGE.format(detail=detail), RuntimeWarning, stacklevel=4)


def require(obj: Any, *names: str) -> None:
    """Raise :class:`Unsupported` unless ``obj`` has every attribute in ``names``."""
    missing = [name for name in names if not hasattr(obj, name)]
    if missing:
        raise Unsupported(
            f"ipykernel {_ipykernel_version()}: {type(obj).__name__} has no " + ", ".join(missing)
        )


def _ipykernel_version() -> str:
    module = sys.modules.get("ipykernel")
    return str(getattr(module, "__version__", "unknown"))


class KernelPoller:
    """What both kernel lines share: parent bookkeeping and dispatch around it.

    Subclasses implement ``_pending`` (cheap) and ``_poll_pending``.
    """

    def __init__(self, shell: Any, kernel: Any) -> None:
        require(
            kernel, "dispatch_shell", "get_parent", "set_parent", "_parent_ident", "session", "log"
        )
        require(kernel.session, "feed_identities", "unpack")
        require(shell, "displayhook")
        require(shell.displayhook, "exec_result")
        self.shell = shell
        self.kernel = kernel
        self.log = kernel.log
        self._displayhook = shell.displayhook
        self._broken = False

    def poll(self) -> None:
        """Handle pending shell messages if a cell is running; never raises Exception."""
        if self._broken:
            return
        try:
            if self._pending() and self._in_cell():
                self._poll_pending()
        except Exception as exc:
            self._broken = True
            self.log.error("livescope: shell poll failed; disabling it", exc_info=True)
            warn_unsupported(f"unexpected {type(exc).__name__}: {exc}")

    def _pending(self) -> bool:
        raise NotImplementedError

    def _poll_pending(self) -> None:
        raise NotImplementedError

    def _in_cell(self) -> bool:
        # IPython sets exec_result only while user code of a cell runs; after the
        # cell (e.g. an asyncio task still running) there is nothing to poll for.
        return self._displayhook.exec_result is not None

    def msg_type(self, frames: list[Any]) -> str | None:
        """Return the msg_type of a raw shell message, None if it has no header."""
        try:
            _, parts = self.kernel.session.feed_identities(frames, copy=False)
            header = self.kernel.session.unpack(_frame_bytes(parts[1]))
            return str(header["msg_type"])
        except Exception:  # noqa: BLE001 - not a protocol message: leave it to the kernel
            return None

    def dispatch(self, frames: list[Any]) -> None:
        """Run one message through the kernel's own ``dispatch_shell``.

        The running cell's output is flushed first, and its parent header (which
        ``dispatch_shell`` replaces) is restored afterwards so the cell's later
        prints stay in the cell.
        """
        kernel = self.kernel
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        ident = kernel._parent_ident["shell"]
        parent = kernel.get_parent("shell")
        # dispatch_shell's pre/post handler hooks overwrite the SIGINT handler the
        # running cell saved; without this the kernel would leave Ctrl-C armed
        # (default_int_handler) once idle.
        sigint = getattr(kernel, "saved_sigint_handler", _MISSING)
        try:
            drive(kernel.dispatch_shell(frames), self.log)
        finally:
            if sigint is not _MISSING:
                kernel.saved_sigint_handler = sigint
            kernel.set_parent(ident, parent, channel="shell")


_MISSING = object()


def _frame_bytes(frame: Any) -> bytes:
    return frame.bytes if hasattr(frame, "bytes") else bytes(frame)


def drive(coro: Any, log: Any) -> None:
    """Run a ``dispatch_shell`` coroutine to completion if it never suspends.

    For comm messages it completes in one ``send(None)``. If it suspends (a
    handler really awaits something), the rest is handed to the event loop,
    which finishes it once the cell gives control back; it is never dropped.
    """
    if not hasattr(coro, "send"):  # a synchronous dispatch_shell already ran
        return
    try:
        yielded = coro.send(None)
    except StopIteration:
        return
    log.info("livescope: a shell handler suspended inside the poll; finishing it later")

    async def finish() -> None:
        await _resume(coro, yielded)

    start_task(finish(), log)


_tasks: set[Any] = set()


def start_task(coro: Any, log: Any) -> None:
    """Schedule ``coro`` on the running event loop, keep it alive, log its failure."""
    import asyncio

    task = asyncio.ensure_future(coro)
    # The loop keeps only weak references to tasks.
    _tasks.add(task)

    def done(task: Any) -> None:
        _tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("livescope: deferred shell handler failed", exc_info=task.exception())

    task.add_done_callback(done)


def _resume(coro: Any, yielded: Any) -> Any:
    """Awaitable that continues a suspended coroutine from what it last yielded."""
    import types

    @types.coroutine
    def resume() -> Any:
        value = yielded
        while True:
            try:
                sent = yield value
            except BaseException as exc:  # noqa: BLE001 - forwarded into the coroutine
                try:
                    value = coro.throw(exc)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    value = coro.send(sent)
                except StopIteration as stop:
                    return stop.value

    return resume()
