"""Publisher: send rows from any Python process to a plot that listens (see docs/remote.md)."""

from __future__ import annotations

import atexit
import bisect
import itertools
import logging
import math
import numbers
import operator
import threading
import time
import uuid
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeGuard

import numpy as np

from . import protocol as proto
from .endpoints import check_key, endpoint, require_zmq

if TYPE_CHECKING:
    import zmq

log = logging.getLogger("livescope")

TICK = 0.05  # how often the sending thread hands new rows to the socket
HELLO_INTERVAL = 0.5  # heartbeat: lets a new listener notice missing rows, refreshes running()
SEND_HWM = 64  # messages ZeroMQ may queue; past that, rows wait in our own buffer
_NAN = float("nan")
_PLAIN = frozenset({float, int})


@dataclass(frozen=True)
class _Batch:
    """Encoded rows [start, start + len(steps)) sharing one set of columns."""

    start: int
    columns: tuple[str, ...]
    steps: np.ndarray
    values: np.ndarray

    @property
    def stop(self) -> int:
        return self.start + len(self.steps)


class Publisher:
    """Send rows to a LivePlot listening at `address`, from any Python process.

    `update()` only records the row and returns at once: a background thread
    sends rows to the listener, never blocking the caller. Rows wait in a
    buffer until the listener confirms them, so a listener that starts
    later, or restarts, still gets them; past `buffer` rows the oldest are
    dropped, counted in `dropped`, and logged.

    Parameters
    ----------
    address : str or int
        Where the plot listens: a port on this machine (``5577``) or a
        ZeroMQ address (``"tcp://HOST:PORT"``, ``"ipc://PATH"``).
    name : str, optional
        Tags this publisher's series: with ``name="rank0"`` the column
        ``loss`` is drawn as ``rank0/loss``. Give each of several publishers
        its own name.
    buffer : int
        How many rows are kept for a listener that is not there yet or
        restarts.
    linger : float
        Seconds `close()` (and the end of the program) waits for the
        listener to confirm the last rows.
    server_key : str, optional
        The listener's `server_key`, for a plot that listens with
        ``allow_remote=True``: rows then go encrypted, to that listener
        only. Without it, a remote listener lets none of our rows in.
    client_keys : (str, str), optional
        This publisher's CURVE key pair (public, secret), as made by
        ``zmq.curve_keypair()`` and decoded; for a listener that lets in only
        its `authorized_keys`. Default: a new pair (see `public_key`).

    Examples
    --------
    >>> pub = Publisher(5577, name="rank0")  # doctest: +SKIP
    >>> while pub.running():  # doctest: +SKIP
    ...     pub.update({"loss": train_step()})
    """

    def __init__(
        self,
        address: str | int,
        *,
        name: str | None = None,
        buffer: int = 100_000,
        linger: float = 5.0,
        server_key: str | None = None,
        client_keys: tuple[str, str] | None = None,
    ) -> None:
        zmq = require_zmq()
        self._address = endpoint(address)
        if name is not None and (not isinstance(name, str) or not 0 < len(name) <= 100):
            raise TypeError(
                f"name must be a string of 1..100 characters or None; got {name!r:.80}"
            )
        if not _is_positive_int(buffer):
            raise ValueError(f"buffer must be a positive number of rows; got {buffer!r}")
        if not _is_not_negative(linger):
            raise ValueError(f"linger must be a number of seconds >= 0; got {linger!r}")
        if server_key is not None:
            check_key(server_key, "server_key")
            if client_keys is None:
                client_keys = tuple(key.decode("ascii") for key in zmq.curve_keypair())
            if not isinstance(client_keys, (tuple, list)) or len(client_keys) != 2:
                raise TypeError(f"client_keys must be (public, secret); got {client_keys!r:.20}")
            for key, what in zip(client_keys, ("the public key", "the secret key"), strict=True):
                check_key(key, f"client_keys: {what}")
        elif client_keys is not None:
            raise ValueError("client_keys needs server_key: keys are for remote listeners only")
        self._server_key = server_key
        self._client_keys = client_keys
        self._name = name
        self._buffer = int(buffer)
        self._linger = float(linger)
        self._session = uuid.uuid4().hex

        self._lock = threading.Lock()
        # Bounded too: should the sending thread fall behind or die, update()
        # must not fill the training process's memory.
        self._unsent: deque[tuple[float, tuple[str, ...], tuple[float, ...]]] = deque(
            maxlen=self._buffer
        )
        self._dropped_unsent = 0  # rows pushed out of `_unsent`, under the lock
        self._numbered_drops = 0  # of those, the ones the sending thread has numbered
        self._last_step: float | None = None
        self._checked_names: tuple[str, ...] = ()  # names of the last dict row
        # Owned by the sending thread:
        self._batches: deque[_Batch] = deque()
        self._total = 0  # rows encoded into batches so far
        self._sent = 0  # rows handed to the socket
        self._acked = 0  # rows the listener confirmed
        self._dropped = 0
        self._stopped = False
        self._closing = threading.Event()
        self._closed = False

        self._context = zmq.Context()
        self._thread = threading.Thread(target=self._run, name="livescope-publisher", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # ----- the caller's side -------------------------------------------------

    def update(self, row: object, value: object = None, *, step: float | None = None) -> None:
        """Record one row of named values; it is sent in the background.

        Parameters
        ----------
        row : dict, str or sequence of str
            A dict name -> number; or a name with `value` a number (or a
            one-element sequence); or names with `value` a sequence of as
            many numbers. None and NaN are gaps.
        value : number or sequence of numbers, optional
            The values when `row` gives the names.
        step : float, optional
            The row's x value; defaults to this publisher's previous step + 1
            (0 first); it must not decrease.

        Examples
        --------
        >>> pub.update({"loss": 0.3, "acc": 0.9})  # doctest: +SKIP
        >>> pub.update("loss", [0.3])  # doctest: +SKIP
        >>> pub.update(["loss", "acc"], [0.3, 0.9], step=100)  # doctest: +SKIP
        """
        if type(row) is dict and value is None:
            # The common case, checked by exact types: the same keys as last time
            # and plain numbers need no further checks.
            names, values = tuple(row), tuple(row.values())
            if names != self._checked_names or not all(type(v) in _PLAIN for v in values):
                names, values = _named_values(row, value)
                self._checked_names = names
        else:
            names, values = _named_values(row, value)
        with self._lock:
            if self._closed:
                raise RuntimeError("this Publisher was closed; make a new one to send more rows")
            self._last_step = _next_step(step, self._last_step)
            if len(self._unsent) == self._buffer:
                if not self.dropped:
                    self._warn_full()
                self._dropped_unsent += 1
            self._unsent.append((self._last_step, names, values))

    def running(self) -> bool:
        """False once Stop was clicked on the plot (as the listener last said)."""
        return not self._stopped

    @property
    def dropped(self) -> int:
        """Rows dropped from the full buffer before any listener confirmed them."""
        return self._dropped + self._dropped_unsent

    @property
    def public_key(self) -> str | None:
        """The CURVE public key of this publisher (with `server_key`), for `authorized_keys`."""
        return None if self._client_keys is None else self._client_keys[0]

    @property
    def name(self) -> str | None:
        """The tag of this publisher's series."""
        return self._name

    def close(self, timeout: float | None = None) -> None:
        """Send the last rows, then stop.

        Waits up to `timeout` seconds (default: `linger`) for the listener to
        confirm every row. Called at the end of the program if not before.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
        atexit.unregister(self.close)
        self._linger = self._linger if timeout is None else float(timeout)
        self._closing.set()
        self._thread.join()
        self._context.term()
        unconfirmed = self._total - self._acked
        if unconfirmed:
            log.warning(
                "livescope Publisher(%s) closed with %d rows no listener confirmed",
                self._address,
                unconfirmed,
            )

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("stopped" if self._stopped else "running")
        return f"<Publisher {self._address} name={self._name!r} {state}>"

    # ----- the sending thread ---------------------------------------------------

    def _run(self) -> None:
        zmq = require_zmq()
        socket = self._context.socket(zmq.DEALER)
        socket.setsockopt(zmq.IMMEDIATE, 1)  # queue only for a connected listener
        socket.setsockopt(zmq.SNDHWM, SEND_HWM)
        socket.setsockopt(zmq.MAXMSGSIZE, proto.MAX_HEADER_BYTES)  # replies are small
        socket.setsockopt(zmq.LINGER, 0)
        if self._server_key is not None and self._client_keys is not None:  # set together
            socket.curve_serverkey = self._server_key.encode("ascii")
            socket.curve_publickey = self._client_keys[0].encode("ascii")
            socket.curve_secretkey = self._client_keys[1].encode("ascii")
        socket.connect(self._address)
        next_hello = 0.0
        deadline = math.inf
        try:
            while True:
                # Read before encoding: rows recorded before close() are then all encoded.
                closing = self._closing.is_set()
                now = time.monotonic()
                if now >= next_hello:  # the first message on connecting, before rows
                    hello = proto.Hello(self._session, self._name, self._sent)
                    if self._try_send(socket, zmq, proto.encode_hello(hello)):
                        next_hello = now + HELLO_INTERVAL
                self._encode_unsent()
                self._send_rows(socket, zmq)
                if closing:
                    deadline = min(deadline, now + self._linger)
                    if self._acked >= self._total or now >= deadline:
                        return
                if socket.poll(TICK * 1000):
                    self._read_replies(socket, zmq)
        except Exception:  # never take the training process down with us
            log.exception("livescope Publisher(%s) stopped sending", self._address)
        finally:
            socket.close()

    def _encode_unsent(self) -> None:
        with self._lock:
            rows, self._unsent = self._unsent, deque(maxlen=self._buffer)
            pushed_out = self._dropped_unsent - self._numbered_drops
            self._numbered_drops = self._dropped_unsent
        if pushed_out:
            # `buffer` newer rows are waiting: every row held goes too. The rows
            # pushed out still take numbers, so the listener counts them as lost.
            self._dropped += sum(
                max(0, batch.stop - max(batch.start, self._acked)) for batch in self._batches
            )
            self._batches.clear()
            self._total += pushed_out
        # Runs of rows with the same names, at most MAX_ROWS each, become batches.
        for names, group in itertools.groupby(rows, key=operator.itemgetter(1)):
            run = list(group)
            for first in range(0, len(run), proto.MAX_ROWS):
                part = run[first : first + proto.MAX_ROWS]
                steps = np.fromiter(map(operator.itemgetter(0), part), np.float64, len(part))
                values = np.array(list(map(operator.itemgetter(2), part)), np.float64)
                self._batches.append(_Batch(self._total, names, steps, values))
                self._total += len(part)
        self._trim()

    def _trim(self) -> None:
        """Keep at most `buffer` rows, dropping the oldest."""
        excess = self._total - self._batches[0].start - self._buffer if self._batches else 0
        while excess > 0:
            first = self._batches.popleft()
            cut = min(excess, len(first.steps))
            unseen = max(0, first.start + cut - max(first.start, self._acked))
            if unseen:
                if not self.dropped:
                    self._warn_full()
                self._dropped += unseen
            if cut < len(first.steps):
                self._batches.appendleft(
                    _Batch(first.start + cut, first.columns, first.steps[cut:], first.values[cut:])
                )
            excess -= cut
        self._sent = max(self._sent, self._oldest)
        self._acked = max(self._acked, self._oldest)

    def _warn_full(self) -> None:
        log.warning(
            "livescope Publisher(%s): the buffer of %d rows is full and no "
            "listener confirmed them; dropping the oldest (see .dropped)",
            self._address,
            self._buffer,
        )

    @property
    def _oldest(self) -> int:
        return self._batches[0].start if self._batches else self._total

    def _send_rows(self, socket: zmq.Socket[bytes], zmq: ModuleType) -> None:
        starts = [batch.start for batch in self._batches]
        while self._sent < self._total:
            batch = self._batches[bisect.bisect_right(starts, self._sent) - 1]
            skip = self._sent - batch.start
            message = proto.Rows(
                self._session,
                self._name,
                self._sent,
                self._oldest,
                batch.columns,
                batch.steps[skip:],
                batch.values[skip:],
            )
            if not self._try_send(socket, zmq, proto.encode_rows(message)):
                return
            self._sent = batch.stop

    def _try_send(self, socket: zmq.Socket[bytes], zmq: ModuleType, frames: list[bytes]) -> bool:
        try:
            socket.send_multipart(frames, flags=zmq.NOBLOCK, copy=False)
        except zmq.Again:  # no listener yet, or it is slow: keep the rows for later
            return False
        return True

    def _read_replies(self, socket: zmq.Socket[bytes], zmq: ModuleType) -> None:
        while True:
            try:
                frames = socket.recv_multipart(flags=zmq.NOBLOCK)
            except zmq.Again:
                return
            try:
                reply = proto.decode_reply(frames)
            except proto.BadMessage as error:
                log.warning("livescope Publisher(%s) ignored a reply: %s", self._address, error)
                continue
            self._stopped = reply.stopped
            if reply.kind == "state" or reply.session != self._session:
                continue
            held = min(reply.held, self._total)
            self._acked = max(self._acked, held)
            if reply.kind == "sync":  # the listener lacks rows from `held` on: send them again
                self._sent = max(held, self._oldest)


def _next_step(step: object, last: float | None) -> float:
    if step is None:
        return 0.0 if last is None else last + 1.0
    if isinstance(step, bool) or not isinstance(step, numbers.Real) or not math.isfinite(step):
        raise TypeError(f"step must be a finite number or None; got {step!r}")
    value = float(step)
    if last is not None and value < last:
        raise ValueError(f"step must not decrease: got {value:g} after {last:g}")
    return value


def _named_values(row: object, value: object) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """The names and float values of one `update()` call, or a clear error."""
    if isinstance(row, Mapping):
        if value is not None:
            raise TypeError("update(dict) takes no second argument; put every value in the dict")
        names, values = tuple(row), tuple(row.values())
    elif isinstance(row, str):
        names = (row,)
        values = tuple(value) if _is_sequence(value) else (value,)
    elif _is_sequence(row) and value is None:
        raise TypeError(
            "update() needs names and values: a dict {name: value}, or names and values "
            f"such as update('loss', 0.3); got only {type(row).__name__} {row!r:.80}"
        )
    elif _is_sequence(row):
        names = tuple(row)
        if not _is_sequence(value):
            raise TypeError(
                f"update(names, values) needs a sequence of values; got {type(value).__name__}"
            )
        values = tuple(value)
    else:
        raise TypeError(
            "update() takes a dict of name -> value, or names and values; "
            f"got {type(row).__name__} {row!r:.80}"
        )
    if len(names) != len(values):
        raise ValueError(f"{len(names)} names {list(names)} but {len(values)} values")
    if not names:
        raise ValueError("update() needs at least one value")
    for name in names:
        if not isinstance(name, str) or not 0 < len(name) <= proto.MAX_NAME:
            raise TypeError(
                f"names must be strings of 1..{proto.MAX_NAME} characters; got {name!r:.80}"
            )
    if len(set(names)) != len(names):
        raise ValueError(f"names must be unique; got {list(names)}")
    return names, tuple(_as_float(name, v) for name, v in zip(names, values, strict=True))


# These take `object`: the arguments are checked whatever their annotations say.
def _is_positive_int(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Integral) and int(value) >= 1


def _is_not_negative(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, numbers.Real) and not float(value) < 0


def _as_float(name: str, value: object) -> float:
    if value is None:
        return _NAN
    if isinstance(value, numbers.Real) or (
        isinstance(value, np.generic) and value.dtype.kind in "fiub"
    ):
        return float(value)
    raise TypeError(f"{name!r} must be a real number; got {type(value).__name__} {value!r:.80}")


def _is_sequence(value: object) -> TypeGuard[Sequence[Any] | np.ndarray]:
    return isinstance(value, (Sequence, np.ndarray)) and not isinstance(value, (str, bytes))
