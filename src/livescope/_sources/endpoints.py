"""ZeroMQ addresses for Publisher and Listener, and pyzmq itself (an optional dependency)."""

from __future__ import annotations

import ipaddress
import numbers
from types import ModuleType

_LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def require_zmq() -> ModuleType:
    """Import pyzmq, or say how to get it."""
    try:
        import zmq
    except ImportError as error:
        raise ImportError(
            "livescope's Publisher and listen() need pyzmq, which every Jupyter kernel "
            "has; in another environment run `pip install livescope[remote]` "
            "(or `pip install pyzmq`)"
        ) from error
    return zmq


def endpoint(address: object, *, bind: bool = False) -> str:
    """A ZeroMQ endpoint from a port number or an address string.

    A port means ``tcp://127.0.0.1:PORT``; strings must be ``tcp://HOST:PORT``
    or ``ipc://PATH``. To `bind`, the port may be ``*`` (any free port).
    """
    if isinstance(address, numbers.Integral) and not isinstance(address, bool):
        if not 0 < int(address) < 65536:
            raise ValueError(f"address as a port must be 1..65535; got {address}")
        return f"tcp://127.0.0.1:{address}"
    if not isinstance(address, str):
        raise TypeError(
            "address must be a port number or a string like 'tcp://127.0.0.1:5577'; "
            f"got {type(address).__name__} {address!r}"
        )
    if address.startswith("ipc://") and len(address) > len("ipc://"):
        return address
    host, port = _tcp_parts(address)
    any_port = bind and port == "*"
    if not host or (not any_port and (not port.isdigit() or not 0 < int(port) < 65536)):
        raise ValueError(
            f"address must look like 'tcp://HOST:PORT' or 'ipc://PATH'; got {address!r}"
        )
    return address


def is_loopback(address: str) -> bool:
    """Whether binding `address` (an `endpoint`) only accepts this machine's connections."""
    if address.startswith("ipc://"):
        return True  # a socket file, guarded by file permissions
    host, _ = _tcp_parts(address)
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a name, "*", or an interface name: not known to be loopback
        return False


def _tcp_parts(address: str) -> tuple[str, str]:
    if not address.startswith("tcp://"):
        raise ValueError(
            f"address must look like 'tcp://HOST:PORT' or 'ipc://PATH'; got {address!r}"
        )
    host, _, port = address[len("tcp://") :].rpartition(":")
    return host, port


def check_key(key: object, what: str = "a key") -> str:
    """A CURVE key as ZeroMQ prints it: 40 characters of Z85 text."""
    if not isinstance(key, str) or len(key) != 40 or not key.isascii():
        raise ValueError(
            f"{what} must be a CURVE key of 40 Z85 characters (as zmq.curve_keypair() "
            f"makes, decoded); got {key!r:.60}"
        )
    return key
