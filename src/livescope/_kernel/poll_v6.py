"""Shell poll for ipykernel 6.x: the main thread reads the shell socket itself.

The shell ``ZMQStream`` lives on the main thread and puts every message on
``kernel.msg_queue`` as ``(index, dispatch_shell, (frames,))``; one consumer
task takes them one at a time. While a cell runs that consumer is busy with the
cell, so the poll flushes the stream into the queue, takes what is there and
dispatches it, except ``execute_request``s, which it sets aside and puts back at
the head of the queue when the cell ends (``post_run_cell``). Putting them back
before ``execute_reply`` is sent keeps the kernel's abort-on-error behaviour:
``_abort_queues`` then aborts them like any request that was waiting.
"""

from __future__ import annotations

import asyncio
from typing import Any

import zmq

from .poller import DEFERRED_MSG_TYPES, KernelPoller, Unsupported, require

_KEEP_FOR_KERNEL = DEFERRED_MSG_TYPES | {None}


class MsgQueuePoller(KernelPoller):
    """Poller for kernels with ``shell_stream`` on the main thread and ``msg_queue``."""

    def __init__(self, shell: Any, kernel: Any) -> None:
        super().__init__(shell, kernel)
        require(kernel, "shell_stream", "msg_queue")
        stream = kernel.shell_stream
        if stream is None:
            raise Unsupported("the kernel has no shell stream (in-process kernel?)")
        require(stream, "socket", "flush")
        require(kernel.msg_queue, "get_nowait", "put_nowait", "qsize")
        require(shell, "events")
        self._stream = stream
        self._socket = stream.socket
        self._queue = kernel.msg_queue
        self._empty = _queue_empty_types()
        self._held: list[Any] = []
        shell.events.register("post_run_cell", self._release)

    def _pending(self) -> bool:
        return bool(self._socket.get(zmq.EVENTS) & zmq.POLLIN) or self._queue.qsize() > 0

    def _in_cell(self) -> bool:
        if not super()._in_cell():
            return False
        # Held requests come back from post_run_cell, which IPython skips for
        # silent executions: never hold anything there.
        parent = self.kernel.get_parent("shell")
        header = parent.get("header", {}) if parent else {}
        content = parent.get("content", {}) if parent else {}
        return header.get("msg_type") == "execute_request" and not content.get("silent")

    def _poll_pending(self) -> None:
        self._stream.flush(zmq.POLLIN)
        dispatch_shell = self.kernel.dispatch_shell
        while True:
            try:
                item = self._queue.get_nowait()
            except self._empty:
                return
            # Set aside first, so an interrupt during a dispatch loses nothing.
            if _is_shell(item, dispatch_shell):
                frames = item[2][0]
                if self.msg_type(frames) not in _KEEP_FOR_KERNEL:
                    self.dispatch(frames)
                    continue
            self._held.append(item)

    def _release(self, result: Any = None) -> None:
        """Put held items back at the head of the queue, in arrival order."""
        if not self._held:
            return
        held, self._held = self._held, []
        try:
            # The queue has no "put at head": drain it and put everything back.
            rest = []
            while True:
                try:
                    rest.append(self._queue.get_nowait())
                except self._empty:
                    break
            for item in held + rest:
                self._queue.put_nowait(item)
        except Exception:
            self.log.error(
                "livescope: could not give %d queued requests back to the kernel",
                len(held),
                exc_info=True,
            )


def _is_shell(item: Any, dispatch_shell: Any) -> bool:
    try:
        _, dispatch, args = item
    except (TypeError, ValueError):
        return False
    return dispatch == dispatch_shell and len(args) == 1


def _queue_empty_types() -> tuple[type[BaseException], ...]:
    empty: tuple[type[BaseException], ...] = (asyncio.QueueEmpty,)
    try:
        from tornado.queues import QueueEmpty
    except ImportError:
        return empty
    return (*empty, QueueEmpty)
