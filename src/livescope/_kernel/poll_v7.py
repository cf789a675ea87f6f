"""Shell poll for ipykernel 7.x: read the main shell's inproc pair socket.

A "Shell channel" thread reads the shell socket and forwards each message meant
for the main shell over an inproc PAIR socket to the main thread, where a
``ZMQStream`` hands it to ``kernel.shell_main``; that waits on the main shell's
asyncio lock, which the running cell holds. The poll reads the main side of that
pair directly and dispatches everything but ``execute_request``s. Those go to the
stream's own receive callback right away, as if the stream had read them: they
then wait FIFO on the main lock and run after the cell (or are aborted when it
raises, as the kernel's "stop aborting" marker arrives on the same pair later).
"""

from __future__ import annotations

from typing import Any

import zmq

from .poller import DEFERRED_MSG_TYPES, KernelPoller, Unsupported, require, start_task

_KEEP_FOR_KERNEL = DEFERRED_MSG_TYPES | {None}


class ShellChannelPoller(KernelPoller):
    """Poller for kernels whose shell socket is read by a shell channel thread."""

    def __init__(self, shell: Any, kernel: Any) -> None:
        super().__init__(shell, kernel)
        thread = kernel.shell_channel_thread
        require(thread, "manager")
        # Accessed on the main thread: the manager is created there (lazily).
        manager = thread.manager
        require(manager, "_shell_channel_to_main")
        pair = manager._shell_channel_to_main
        require(pair, "to_socket", "to_stream")
        stream = pair.to_stream
        if stream is None:
            raise Unsupported("the main shell's receive stream is not set up")
        callback = getattr(stream, "_recv_callback", None)
        if not callable(callback):
            raise Unsupported("the main shell's receive stream has no callback")
        self._socket = pair.to_socket
        self._callback = callback

    def _pending(self) -> bool:
        return bool(self._socket.get(zmq.EVENTS) & zmq.POLLIN)

    def _poll_pending(self) -> None:
        received = []
        socket = self._socket
        # Drain completely: the stream waits on the socket's edge-triggered fd,
        # which fires again only for messages that arrive after this.
        while socket.get(zmq.EVENTS) & zmq.POLLIN:
            try:
                received.append(socket.recv_multipart(zmq.NOBLOCK, copy=False))
            except zmq.Again:
                break
        done = 0
        try:
            for frames in received:
                done += 1
                if self.msg_type(frames) in _KEEP_FOR_KERNEL:
                    self._give_back(frames)
                else:
                    self.dispatch(frames)
        finally:
            # Interrupted (Ctrl-C in a handler): the rest still reaches the kernel.
            for frames in received[done:]:
                self._give_back(frames)

    def _give_back(self, frames: list[Any]) -> None:
        """Hand a message to the main shell's stream callback, as the stream would."""
        result = self._callback(frames)
        if result is not None:
            start_task(result, self.log)
