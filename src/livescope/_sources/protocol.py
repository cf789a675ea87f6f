"""The messages between Publisher and Listener, version 1 (see docs/remote.md).

Every message is a ZeroMQ multipart message whose first frame is a JSON
object with ``"livescope": 1``; `rows` messages add two binary frames.
Decoding checks everything a peer could get wrong and raises `BadMessage`
with the reason, so a listener or publisher can log it and carry on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np

VERSION = 1
MAX_ROWS = 4096  # per message; publishers split longer runs
MAX_COLUMNS = 1024
MAX_NAME = 200
MAX_HEADER_BYTES = 1 << 20
_FLOATS = np.dtype("<f8")


class BadMessage(ValueError):
    """A message that does not follow the format; the text says why."""


@dataclass(frozen=True)
class Rows:
    """Rows [start, start + len(steps)) of one publisher session."""

    session: str
    name: str | None
    start: int
    oldest: int  # the first row the publisher can still send
    columns: tuple[str, ...]
    steps: np.ndarray  # float64, (K,)
    values: np.ndarray  # float64, (K, M)


@dataclass(frozen=True)
class Hello:
    """A publisher is alive and has handed `rows` rows to the socket."""

    session: str
    name: str | None
    rows: int


@dataclass(frozen=True)
class Reply:
    """Listener to publisher: `ack` (rows held), `sync` (send again from `held`) or `state`."""

    kind: str
    stopped: bool
    session: str | None = None
    held: int = 0


# ----- encoding ---------------------------------------------------------------


def encode_rows(message: Rows) -> list[bytes]:
    header = {
        "livescope": VERSION,
        "type": "rows",
        "session": message.session,
        "name": message.name,
        "start": message.start,
        "oldest": message.oldest,
        "count": len(message.steps),
        "columns": list(message.columns),
    }
    return [
        _json(header),
        np.ascontiguousarray(message.steps, _FLOATS).tobytes(),
        np.ascontiguousarray(message.values, _FLOATS).tobytes(),
    ]


def encode_hello(message: Hello) -> list[bytes]:
    header = {
        "livescope": VERSION,
        "type": "hello",
        "session": message.session,
        "name": message.name,
        "rows": message.rows,
    }
    return [_json(header)]


def encode_reply(message: Reply) -> list[bytes]:
    header: dict[str, Any] = {
        "livescope": VERSION,
        "type": message.kind,
        "stopped": message.stopped,
    }
    if message.kind != "state":
        header["session"] = message.session
        header["held"] = message.held
    return [_json(header)]


# ----- decoding -----------------------------------------------------------------


def decode_from_publisher(frames: list[bytes]) -> Rows | Hello:
    """Decode a message a listener received; raise BadMessage if it is not one."""
    header = _header(frames, {"rows": 3, "hello": 1})
    session = _session(header)
    name = header.get("name")
    if name is not None:
        _check_name("name", name)
    if header["type"] == "hello":
        return Hello(session, name, _count(header, "rows"))

    start, oldest, count = (
        _count(header, "start"),
        _count(header, "oldest"),
        _count(header, "count"),
    )
    if not 0 < count <= MAX_ROWS:
        raise BadMessage(f"count must be 1..{MAX_ROWS}; got {count}")
    if oldest > start:
        raise BadMessage(f"oldest ({oldest}) must not exceed start ({start})")
    columns = header.get("columns")
    if not isinstance(columns, list) or not 0 < len(columns) <= MAX_COLUMNS:
        raise BadMessage(f"columns must be a list of 1..{MAX_COLUMNS} names")
    for column in columns:
        _check_name("column", column)
    if len(set(columns)) != len(columns):
        raise BadMessage("column names must be unique")
    steps = _floats(frames[1], count, "steps")
    values = _floats(frames[2], count * len(columns), "values").reshape(count, len(columns))
    if not np.isfinite(steps).all() or (np.diff(steps) < 0).any():
        raise BadMessage("steps must be finite and must not decrease")
    return Rows(session, name, start, oldest, tuple(columns), steps, values)


def decode_reply(frames: list[bytes]) -> Reply:
    """Decode a message a publisher received; raise BadMessage if it is not one."""
    header = _header(frames, {"ack": 1, "sync": 1, "state": 1})
    stopped = header.get("stopped")
    if not isinstance(stopped, bool):
        raise BadMessage("stopped must be true or false")
    if header["type"] == "state":
        return Reply("state", stopped)
    return Reply(header["type"], stopped, _session(header), _count(header, "held"))


def _header(frames: list[bytes], kinds: dict[str, int]) -> dict[str, Any]:
    if not frames or len(frames[0]) > MAX_HEADER_BYTES:
        raise BadMessage("the first frame must be a JSON header of at most 1 MiB")
    try:
        header = json.loads(frames[0])
    except (UnicodeDecodeError, ValueError) as error:
        raise BadMessage(f"the first frame is not JSON ({error})") from None
    if not isinstance(header, dict) or "livescope" not in header:
        raise BadMessage("the header is not a livescope message")
    if header["livescope"] != VERSION:
        raise BadMessage(
            f"format version {header['livescope']!r} is not understood (this side speaks "
            f"{VERSION}); use the same livescope version on both sides"
        )
    kind = header.get("type")
    if kind not in kinds:
        raise BadMessage(f"unknown message type {kind!r}")
    if len(frames) != kinds[kind]:
        raise BadMessage(f"a {kind} message has {kinds[kind]} frames; got {len(frames)}")
    return header


def _session(header: dict[str, Any]) -> str:
    session = header.get("session")
    if not isinstance(session, str) or not 0 < len(session) <= 64:
        raise BadMessage("session must be a string of 1..64 characters")
    return session


def _check_name(what: str, name: object) -> None:
    if not isinstance(name, str) or not 0 < len(name) <= MAX_NAME:
        raise BadMessage(f"{what} must be a string of 1..{MAX_NAME} characters; got {name!r:.80}")


def _count(header: dict[str, Any], key: str) -> int:
    value = header.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadMessage(f"{key} must be a non-negative integer; got {value!r:.80}")
    return value


def _floats(frame: bytes, count: int, what: str) -> np.ndarray:
    if len(frame) != count * _FLOATS.itemsize:
        raise BadMessage(f"{what} has {len(frame)} bytes; expected {count} float64 values")
    return np.frombuffer(frame, _FLOATS).astype(np.float64, copy=False)  # read-only


def _json(header: dict[str, Any]) -> bytes:
    return json.dumps(header, allow_nan=False, separators=(",", ":")).encode()
