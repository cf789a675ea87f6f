"""Who `livescope serve` serves: the Host, Origin and token checks of every request.

See docs/serve.md ("Who is served"). Every page, file and socket a server
offers goes through `Access.refusal`; sockets also through
`Access.origin_allowed` (tornado's ``check_origin``).
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

_TOKEN = re.compile(r"[A-Za-z0-9._~-]+")  # as it stands in a URL and a cookie
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})


class Access:
    """The token, and the hosts and origins a server on `host` answers.

    `token`: True makes a random one, a string is the token, False serves
    without one. `allow_origins`: pages of these origins
    (``"https://dash.example"``) may use the server too.
    """

    def __init__(self, host: str, token: str | bool, allow_origins: Iterable[str]) -> None:
        if token is True:
            token = secrets.token_hex(24)
        elif token is not False and not (isinstance(token, str) and _TOKEN.fullmatch(token)):
            raise ValueError(
                "token (--token) must be True (a random one), False (none) or a string of "
                f"letters, digits and -._~; got {token!r}"
            )
        self.token: str | None = token or None
        self._origins = frozenset(_origin(o) for o in allow_origins)
        # _origin checked that each has a host name.
        origin_hosts = (urlsplit(o).hostname for o in self._origins)
        self._hosts = _allowed_hosts(host) | {name for name in origin_hosts if name}

    def refusal(self, request: Any, *, origin: bool = True) -> str | None:
        """Why `request` may not be served, or None: its Host, Origin and token."""
        headers = request.headers
        host = headers.get("Host", "")
        name, _ = _split(host)
        if name not in self._hosts and not (
            "*ip" in self._hosts and name is not None and _is_ip(name)
        ):
            return f"Host {host!r} is not this server's"
        sender = headers.get("Origin")
        if origin and sender is not None and not self.origin_allowed(sender, host):
            return f"Origin {sender!r} is not this page's (--allow-origin allows one)"
        if self.token is None:
            return None
        cookie = request.cookies.get(cookie_name(host))
        authorization = headers.get("Authorization", "")
        given = [
            request.query_arguments.get("token", [b""])[-1].decode(errors="replace"),
            cookie.value if cookie is not None else "",
            authorization[6:] if authorization.lower().startswith("token ") else "",
        ]
        if any(hmac.compare_digest(g.encode(), self.token.encode()) for g in given if g):
            return None
        return "a valid token is needed (the URL livescope serve printed has it)"

    def origin_allowed(self, origin: str, host: str) -> bool:
        if origin == "null":  # sandboxed frames and files
            return False
        return urlsplit(origin).netloc.lower() == host.lower() or _origin(origin) in self._origins


def cookie_name(host: str) -> str:
    # Cookies ignore ports: one name per port keeps two servers of a machine apart.
    return f"livescope-token-{_split(host)[1] or 80}"


def _split(host: str) -> tuple[str | None, int | None]:
    """A Host header's name and port; (None, None) if it is malformed."""
    try:
        parts = urlsplit(f"//{host}")
        return parts.hostname, parts.port
    except ValueError:
        return None, None


def _origin(origin: str) -> str:
    """``scheme://host[:port]``, lower case; ValueError for anything else."""
    parts = urlsplit(origin.strip().lower())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ValueError(
            "allow_origins (--allow-origin): expected an origin such as "
            f"https://dash.example:8443; got {origin!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def _allowed_hosts(host: str) -> set[str]:
    """Names a request's Host may give: the address served, or loopback names.

    A wildcard address allows the machine's names and any IP address, names
    DNS rebinding cannot borrow; "*ip" marks that.
    """
    hosts = {host.strip("[]").lower()}
    if hosts & _LOOPBACK_NAMES or host in _WILDCARDS or _is_loopback(host):
        hosts |= _LOOPBACK_NAMES
    if host in _WILDCARDS:
        hosts |= {socket.gethostname().lower(), socket.getfqdn().lower(), "*ip"}
    return hosts


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _is_loopback(host: str) -> bool:
    return _is_ip(host.strip("[]")) and ipaddress.ip_address(host.strip("[]")).is_loopback
