"""Listener: the plot's side of Publisher, a background thread on a ZeroMQ ROUTER socket."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from . import protocol as proto
from .endpoints import check_key, endpoint, is_loopback, require_zmq
from .merge import MAX_COLUMNS, check_max_columns, merger_of
from .problems import ProblemCount
from .publisher import HELLO_INTERVAL

if TYPE_CHECKING:
    from zmq.auth.thread import ThreadAuthenticator

log = logging.getLogger("livescope")

TICK = 0.05  # the thread wakes this often to draw aligned rows and notice Stop
SYNC_RETRY = 1.0  # an identical resend request is repeated at most this often
MAX_PEERS = 1024  # publishers told about Stop; the least recently heard are forgotten
# Sessions the listener remembers. A live publisher says hello every
# HELLO_INTERVAL, so one silent for SESSION_IDLE is gone (or cut off: if it
# comes back, it sends its buffered rows again); past MAX_SESSIONS the least
# recently heard is forgotten, so made-up session ids cost nothing lasting.
MAX_SESSIONS = 256
SESSION_IDLE = 60.0
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
    heard: float = 0.0


class Listener:
    """Receives rows from Publishers for one plot; made by `LivePlot.listen`.

    Attributes
    ----------
    address : str
        The address listened on (with the actual port when bound to ``*``).
    server_key : str or None
        With ``allow_remote=True``, the listener's CURVE public key (40
        characters of Z85 text) that publishers pass as `server_key`;
        None on loopback, where there is no authentication.
    """

    def __init__(
        self,
        plot: Any,
        address: str | int,
        *,
        allow_remote: bool = False,
        authorized_keys: Iterable[str] | None = None,
        max_columns: int = MAX_COLUMNS,
    ) -> None:
        zmq = require_zmq()
        self._max_columns = check_max_columns(max_columns)
        wanted = endpoint(address, bind=True)
        if not allow_remote and not is_loopback(wanted):
            raise ValueError(
                f"listening on {wanted!r} accepts rows from other machines; pass "
                "allow_remote=True to do it (publishers then need the listener's "
                "server_key), or listen on 127.0.0.1 and reach it through an SSH tunnel"
            )
        if authorized_keys is not None and not allow_remote:
            raise ValueError(
                "authorized_keys needs allow_remote=True: only remote listening authenticates"
            )
        if isinstance(authorized_keys, str):
            raise TypeError("authorized_keys must be a list of public keys, not one string")
        clients = None if authorized_keys is None else {check_key(k) for k in authorized_keys}
        if allow_remote and not zmq.has("curve"):
            raise ImportError(
                "allow_remote=True needs ZeroMQ with CURVE security, which this pyzmq lacks; "
                "install pyzmq from its wheels (pip install --force-reinstall pyzmq)"
            )
        if not plot._view.named_columns:
            raise ValueError(f"kind={plot.kind!r} plots cannot listen: their values have no names")
        self._plot = plot
        self._merger = merger_of(plot)
        self._sessions: OrderedDict[str, _Session] = OrderedDict()  # least recently heard first
        self._peers: OrderedDict[bytes, None] = OrderedDict()
        self._rejected = ProblemCount(
            plot, ("bad message", "bad messages"), "rejected", f"listener on {wanted}"
        )
        self._lost = ProblemCount(
            plot, ("row", "rows"), "dropped by publishers", f"listener on {wanted}"
        )
        self._refused = ProblemCount(
            plot,
            ("message", "messages"),
            f"named columns beyond max_columns={max_columns} (their values were dropped)",
            f"listener on {wanted}",
            log_every=math.inf,  # the same columns come in every message
        )
        self._closing = threading.Event()

        with _listening_lock:
            earlier = _listening.pop(wanted, None)
        if earlier is not None:
            log.info("livescope: a new plot takes over %s from an earlier one", wanted)
            earlier.close()
        self._context = zmq.Context()
        self._authenticator: ThreadAuthenticator | None = None
        self.server_key: str | None = None
        socket = self._context.socket(zmq.ROUTER)
        if allow_remote:
            self._secure(socket, zmq, clients)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)
        try:
            socket.bind(wanted)
        except zmq.ZMQError as error:
            socket.close()
            self._stop_authenticator()
            self._context.term()
            raise OSError(
                f"cannot listen on {wanted}: {error}; is another program or kernel "
                "listening there? Choose another port, or close that listener"
            ) from error
        self.address: str = socket.getsockopt_string(zmq.LAST_ENDPOINT)
        if self.server_key is not None:
            log.info(
                "livescope: publishers to %s need server_key=%r",
                self.address,
                self.server_key,
            )
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

    # Stop makes Publisher.running() False in every publisher.
    stop_reaches_writer = True

    @property
    def open(self) -> bool:
        """Whether the listener still listens (not closed)."""
        return not self._closing.is_set()

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
                now = time.monotonic()
                self._merger.commit_due(now)
                self._forget_idle(now)
                stopped = self._plot.stopped
                if stopped != told_stopped:
                    told_stopped = stopped
                    state = proto.encode_reply(proto.Reply("state", stopped))
                    for peer in self._peers:
                        socket.send_multipart([peer, *state], flags=zmq.NOBLOCK)
        except Exception as error:  # the kernel must live on; say why the plot stopped receiving
            log.exception("livescope listener on %s stopped", self.address)
            self._plot._set_note(
                self, f"listener on {self.address} stopped: {type(error).__name__}: {error}"
            )
        finally:
            socket.close()
            self._stop_authenticator()
            self._context.term()

    def _secure(self, socket: Any, zmq: Any, clients: set[str] | None) -> None:
        """Make `socket` a CURVE server; with `clients`, let in only those public keys."""
        public, secret = zmq.curve_keypair()
        if clients is not None:
            from zmq.auth.thread import ThreadAuthenticator

            self._authenticator = ThreadAuthenticator(self._context, log=log)
            self._authenticator.start()
            self._authenticator.configure_curve_callback("*", _AuthorizedKeys(clients))
        socket.curve_secretkey = secret
        socket.curve_publickey = public
        socket.curve_server = True
        self.server_key = public.decode("ascii")

    def _stop_authenticator(self) -> None:
        if self._authenticator is not None:
            self._authenticator.stop()

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
        now = time.monotonic()
        session = self._sessions.get(message.session)
        if session is None:
            if len(self._sessions) >= MAX_SESSIONS:
                self._forget(next(iter(self._sessions)))
            session = self._sessions[message.session] = _Session(message.name)
        session.heard = now
        self._sessions.move_to_end(message.session)
        if isinstance(message, proto.Hello):
            self._merger.announce(message.session, now)
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
            values = message.values[skip:]
            # A message's rows give its columns, NaN too; other columns they leave out.
            refused = self._merger.add_block(
                message.session,
                message.steps[skip:],
                names,
                values,
                now,
                max_columns=self._max_columns,
                reported=~np.isfinite(values),
            )
            if refused:
                who = message.name or message.session[:8]
                self._refused.add(
                    f"publisher {who} named {len(refused)} columns the plot has no room "
                    f"for, such as {list(refused[:3])}; pass a larger max_columns to listen()"
                )
            session.held = message.start + len(message.steps)
        return self._ack(message.session, session)

    def _forget_idle(self, now: float) -> None:
        while self._sessions:
            oldest_id, oldest = next(iter(self._sessions.items()))
            if now - oldest.heard < SESSION_IDLE:
                return
            self._forget(oldest_id)

    def _forget(self, session_id: str) -> None:
        del self._sessions[session_id]
        self._merger.drop_source(session_id)

    def _ack(self, session_id: str, session: _Session) -> proto.Reply:
        return proto.Reply("ack", self._plot.stopped, session_id, session.held)

    def _ask_again(self, session_id: str, session: _Session) -> proto.Reply:
        now = time.monotonic()
        if session.sync_from == session.held and now - session.sync_at < SYNC_RETRY:
            return self._ack(session_id, session)  # asked already; the rows are on their way
        session.sync_from, session.sync_at = session.held, now
        return proto.Reply("sync", self._plot.stopped, session_id, session.held)


class _AuthorizedKeys:
    """The ZAP handler's answer: whether a client's public key (Z85 bytes) may connect."""

    def __init__(self, keys: set[str]) -> None:
        self._keys = {key.encode("ascii") for key in keys}

    def callback(self, domain: str, key: bytes) -> bool:
        return key in self._keys
