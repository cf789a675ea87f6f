"""Listener: the plot's side of Publisher, a background thread on a ZeroMQ ROUTER socket."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from . import protocol as proto
from .endpoints import endpoint, is_loopback, require_zmq
from .merge import merger_of
from .problems import ProblemCount
from .publisher import HELLO_INTERVAL

log = logging.getLogger("livescope")

TICK = 0.05  # the thread wakes this often to draw aligned rows and notice Stop
SYNC_RETRY = 1.0  # an identical resend request is repeated at most this often
MAX_PEERS = 1024  # publishers told about Stop; the least recently heard are forgotten
MAX_MESSAGE_BYTES = 64 << 20  # larger messages are refused by ZeroMQ itself

_listening: dict[str, Listener] = {}  # address -> listener, to take an address over
_listening_lock = threading.Lock()


@dataclass
class _Session:
    """What the listener knows of one publisher session."""

    name: str | None
    held: int = 0
    sync_from: int = -1
    sync_at: float = 0.0


class Listener:
    """Receives rows from Publishers for one plot; made by `LivePlot.listen`.

    Attributes
    ----------
    address : str
        The address listened on (with the actual port when bound to ``*``).
    """

    def __init__(self, plot: Any, address: str | int, *, allow_remote: bool = False) -> None:
        zmq = require_zmq()
        wanted = endpoint(address, bind=True)
        if not allow_remote and not is_loopback(wanted):
            raise ValueError(
                f"listening on {wanted!r} accepts rows (and tells whether the plot was "
                "stopped) to anyone who can reach this machine, without authentication; "
                "pass allow_remote=True to do it anyway, or listen on 127.0.0.1 and reach "
                "it through an SSH tunnel (see the README)"
            )
        if not plot._view.named_columns:
            raise ValueError(f"kind={plot.kind!r} plots cannot listen: their values have no names")
        self._plot = plot
        self._merger = merger_of(plot)
        self._sessions: dict[str, _Session] = {}
        self._peers: OrderedDict[bytes, None] = OrderedDict()
        self._rejected = ProblemCount(
            plot, ("bad message", "bad messages"), "rejected", f"listener on {wanted}"
        )
        self._lost = ProblemCount(
            plot, ("row", "rows"), "dropped by publishers", f"listener on {wanted}"
        )
        self._closing = threading.Event()

        with _listening_lock:
            earlier = _listening.pop(wanted, None)
        if earlier is not None:
            log.info("livescope: a new plot takes over %s from an earlier one", wanted)
            earlier.close()
        self._context = zmq.Context()
        socket = self._context.socket(zmq.ROUTER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        try:
            socket.bind(wanted)
        except zmq.ZMQError as error:
            socket.close()
            self._context.term()
            raise OSError(
                f"cannot listen on {wanted}: {error}; is another program or kernel "
                "listening there? Choose another port, or close that listener"
            ) from error
        self.address: str = socket.getsockopt_string(zmq.LAST_ENDPOINT)
        with _listening_lock:
            _listening[wanted] = self
        self._wanted = wanted
        # Publishers say hello every HELLO_INTERVAL: wait for all of them before
        # drawing, so rows of the same step, resent after a restart, share a row.
        self._merger.settle(time.monotonic() + 2 * HELLO_INTERVAL + TICK)
        self._thread = threading.Thread(
            target=self._run, args=(socket, zmq), name="livescope-listener", daemon=True
        )
        self._thread.start()

    @property
    def rejected(self) -> int:
        """Messages that did not follow the format and were ignored."""
        return self._rejected.count

    def close(self) -> None:
        """Stop listening, free the address and draw the rows still waiting."""
        self._closing.set()
        if threading.current_thread() is not self._thread:
            self._thread.join()
        with _listening_lock:
            if _listening.get(self._wanted) is self:
                del _listening[self._wanted]
        self._merger.flush()

    def __repr__(self) -> str:
        state = "closed" if self._closing.is_set() else "listening"
        return f"<Listener {self.address} {state}, {len(self._sessions)} publishers>"

    # ----- the listening thread ---------------------------------------------------

    def _run(self, socket: Any, zmq: Any) -> None:
        told_stopped = False
        try:
            while not self._closing.is_set():
                if socket.poll(TICK * 1000):
                    self._read(socket, zmq)
                self._merger.commit_due(time.monotonic())
                stopped = self._plot.stopped
                if stopped != told_stopped:
                    told_stopped = stopped
                    state = proto.encode_reply(proto.Reply("state", stopped))
                    for peer in self._peers:
                        socket.send_multipart([peer, *state], flags=zmq.NOBLOCK)
        except Exception:  # the kernel must live on; say why the plot stopped receiving
            log.exception("livescope listener on %s stopped", self.address)
        finally:
            socket.close()
            self._context.term()

    def _read(self, socket: Any, zmq: Any) -> None:
        for _ in range(1000):  # then draw and check Stop before reading on
            try:
                frames = socket.recv_multipart(flags=zmq.NOBLOCK, copy=True)
            except zmq.Again:
                return
            peer, body = frames[0], frames[1:]
            try:
                message = proto.decode_from_publisher(body)
            except proto.BadMessage as error:
                self._rejected.add(str(error))
                continue
            self._peers[peer] = None
            self._peers.move_to_end(peer)
            if len(self._peers) > MAX_PEERS:
                self._peers.popitem(last=False)
            reply = self._handle(message)
            socket.send_multipart([peer, *proto.encode_reply(reply)], flags=zmq.NOBLOCK)

    def _handle(self, message: proto.Rows | proto.Hello) -> proto.Reply:
        session = self._sessions.get(message.session)
        if session is None:
            session = self._sessions[message.session] = _Session(message.name)
        if isinstance(message, proto.Hello):
            self._merger.announce(message.session, time.monotonic())
            if message.rows > session.held:  # rows went missing, e.g. we restarted
                return self._ask_again(message.session, session)
            return self._ack(message.session, session)

        if message.start > session.held and message.oldest > session.held:
            who = message.name or message.session[:8]
            lost = message.oldest - session.held
            self._lost.add(f"publisher {who} dropped them from its full buffer", lost)
            session.held = message.oldest
        if message.start > session.held:
            return self._ask_again(message.session, session)
        skip = session.held - message.start
        if skip < len(message.steps):
            prefix = f"{message.name}/" if message.name else ""
            names = [prefix + column for column in message.columns]
            rows = [dict(zip(names, row, strict=True)) for row in message.values[skip:].tolist()]
            self._merger.add(message.session, message.steps[skip:], rows, time.monotonic())
            session.held = message.start + len(message.steps)
        return self._ack(message.session, session)

    def _ack(self, session_id: str, session: _Session) -> proto.Reply:
        return proto.Reply("ack", self._plot.stopped, session_id, session.held)

    def _ask_again(self, session_id: str, session: _Session) -> proto.Reply:
        now = time.monotonic()
        if session.sync_from == session.held and now - session.sync_at < SYNC_RETRY:
            return self._ack(session_id, session)  # asked already; the rows are on their way
        session.sync_from, session.sync_at = session.held, now
        return proto.Reply("sync", self._plot.stopped, session_id, session.held)
