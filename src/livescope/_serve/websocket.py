"""The server side of a WebSocket (RFC 6455), enough for `livescope serve`.

The page sends small JSON messages and receives binary ones; this handles
the handshake, masked client frames, fragments, ping/pong and close, and
refuses what a browser would not send (oversized or unmasked frames).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import socket
import struct
import threading
from typing import BinaryIO

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_MESSAGE = 1 << 20  # the page only ever sends small requests

TEXT, BINARY, CLOSE, PING, PONG, CONTINUATION = 0x1, 0x2, 0x8, 0x9, 0xA, 0x0


class ProtocolError(Exception):
    """The peer broke the WebSocket protocol; the connection is closed."""


def accept_key(key: str) -> str:
    """The ``Sec-WebSocket-Accept`` answer to a client's ``Sec-WebSocket-Key``."""
    return base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()


class WebSocket:
    """One accepted connection; `receive` from one thread, `send` from another."""

    def __init__(self, sock: socket.socket, reader: BinaryIO) -> None:
        self._sock = sock
        self._reader = reader  # the HTTP request's, which may hold bytes already read
        self._send_lock = threading.Lock()
        self.closed = False

    def receive(self) -> tuple[int, bytes] | None:
        """The next whole message as (TEXT or BINARY, payload); None once closed."""
        parts: list[bytes] = []
        kind = None
        while True:
            opcode, fin, payload = self._frame()
            if opcode == CLOSE:
                self.close()
                return None
            if opcode == PING:
                self._send_frame(PONG, payload)
                continue
            if opcode == PONG:
                continue
            if opcode in (TEXT, BINARY):
                if kind is not None:
                    raise ProtocolError("a new message began inside a fragmented one")
                kind = opcode
            elif opcode != CONTINUATION or kind is None:
                raise ProtocolError(f"unexpected opcode {opcode:#x}")
            parts.append(payload)
            if sum(map(len, parts)) > MAX_MESSAGE:
                raise ProtocolError(f"a message over {MAX_MESSAGE} bytes")
            if fin:
                return kind, b"".join(parts)

    def send(self, payload: bytes, opcode: int = BINARY) -> None:
        """Send one whole message; raises OSError if the connection is gone."""
        self._send_frame(opcode, payload)

    def close(self) -> None:
        """Say goodbye (once) and close the socket."""
        with self._send_lock:
            if self.closed:
                return
            self.closed = True
            with contextlib.suppress(OSError):  # the peer is gone already: nothing to tell
                self._sock.sendall(_header(CLOSE, 0))
            self._sock.close()

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        with self._send_lock:
            if self.closed:
                raise OSError("the WebSocket is closed")
            self._sock.sendall(_header(opcode, len(payload)) + payload)

    def _frame(self) -> tuple[int, bool, bytes]:
        first, second = self._read(2)
        fin, opcode = bool(first & 0x80), first & 0x0F
        if not second & 0x80:
            raise ProtocolError("client frames must be masked")
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._read(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._read(8))
        if length > MAX_MESSAGE:
            raise ProtocolError(f"a frame of {length} bytes")
        mask = self._read(4)
        data = self._read(length)
        # XOR with the repeated 4-byte mask, as one big integer: fast enough here.
        key = (mask * (length // 4 + 1))[:length]
        payload = (int.from_bytes(data, "big") ^ int.from_bytes(key, "big")).to_bytes(
            length, "big"
        )
        return opcode, fin, payload

    def _read(self, n: int) -> bytes:
        data = self._reader.read(n)
        if len(data) != n:
            raise ProtocolError("the connection ended inside a frame")
        return data


def _header(opcode: int, length: int) -> bytes:
    if length < 126:
        return struct.pack("!BB", 0x80 | opcode, length)
    if length < 1 << 16:
        return struct.pack("!BBH", 0x80 | opcode, 126, length)
    return struct.pack("!BBQ", 0x80 | opcode, 127, length)
