"""What the kernel-line pollers share: the base poller, its feature checks, and driving coroutines.

`poll.py` picks the poller for the running kernel; `poll_v6.py` and
`poll_v7.py` implement it for each ipykernel line on this base.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

# Requests that must keep their place behind the running cell: running a cell
# inside another one is wrong, and a shutdown inside the user's loop would
# tear the kernel down under it.
DEFERRED_MSG_TYPES = frozenset({"execute_request", "shutdown_request"})

UNSUPPORTED_MESSAGE = (
    "livescope cannot handle browser messages while a cell runs in this kernel "
    "({detail}); a Stop click will take effect when the cell ends."
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
            f"ipykernel {ipykernel_version()}: {type(obj).__name__} has no " + ", ".join(missing)
        )


def ipykernel_version() -> str:
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
