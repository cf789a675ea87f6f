"""`livescope serve`: a LivePlot fed from a file or publishers, shown in plain browser tabs.

A tornado server, on an IOLoop of its own thread, serves the page, the
bundled page host (``static/page.js``) and a WebSocket per tab; see
docs/serve.md. Every request must come from the served page's own origin
(or one the user allowed), name an allowed host, and carry the token.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import logging
import re
import secrets
import socket
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import comm

from .._kernel import shell as _kernel
from .hub import PageHub

try:
    from tornado import httpserver, netutil, web, websocket
    from tornado.ioloop import IOLoop
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "livescope serve needs tornado (every Jupyter install has it): "
        "pip install livescope[serve]"
    ) from error

log = logging.getLogger("livescope")

_STATIC = Path(__file__).parent.parent / "static"
_FILES = {
    "page.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
}

MAX_SOCKETS = 64  # open tabs; a further one is closed with a reason
MAX_CONNECTIONS = 256  # HTTP connections besides the sockets; a further one gets a 503
OUTBOX = 1024  # messages waiting for a tab; a tab further behind is dropped
MAX_MESSAGE = 1 << 20  # from a tab: the page only ever sends small requests
IDLE_TIMEOUT_S = 30  # for a request's headers, and between requests on a connection
BODY_TIMEOUT_S = 10
MAX_BODY = 1 << 16  # the page only sends GETs
PING_INTERVAL_S = 20  # a tab that has not answered a ping by the next one is closed
TOO_MANY = 1013  # the WebSocket close code "try again later"

_TOKEN = re.compile(r"[A-Za-z0-9._~-]+")  # as it stands in a URL and a cookie
_LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
_WILDCARDS = frozenset({"", "0.0.0.0", "::"})

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="static/page.css">
<style>
  body {{ margin: 0; padding: 16px 24px; font-family: system-ui, sans-serif; }}
  .livescope-connection {{ color: #b26a00; min-height: 1.4em; }}
</style>
</head>
<body>
<div class="livescope-connection" role="status"></div>
<div id="plot"></div>
<script src="static/page.js"></script>
<script>
  const url = new URL("ws", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  livescopePage.connectServer(document.getElementById("plot"), String(url), {{
    status: document.querySelector(".livescope-connection"),
  }});
</script>
</body>
</html>
"""


class PlotServer:
    """Serves one LivePlot to every tab that opens `url`.

    Make it before the plot: it routes the widgets made afterwards to the
    tabs instead of a kernel. `token`: True makes a random one, a string is
    the token, False serves without one. `allow_origins`: pages of these
    origins (``"https://dash.example"``) may use the server too.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 7777,
        *,
        token: str | bool = True,
        allow_origins: Iterable[str] = (),
        max_sockets: int = MAX_SOCKETS,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        if token is True:
            token = secrets.token_hex(24)
        elif token is not False and not (isinstance(token, str) and _TOKEN.fullmatch(token)):
            raise ValueError(
                "token (--token) must be True (a random one), False (none) or a string of "
                f"letters, digits and -._~; got {token!r}"
            )
        self.token: str | None = token or None
        self._origins = frozenset(_origin(o) for o in allow_origins)
        for name, value in (("max_sockets", max_sockets), ("max_connections", max_connections)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int; got {value!r}")
        self._max_sockets = max_sockets
        self._max_connections = max_connections
        origin_hosts = (
            urlsplit(o).hostname for o in self._origins
        )  # _origin checked each has one
        self._hosts = _allowed_hosts(host) | {name for name in origin_hosts if name}

        # A burst up to the limits waits in the kernel's queue, not in SYN retries
        # that a busy loop would otherwise cost each dropped handshake (1 s, 2 s, 4 s...).
        backlog = max_sockets + max_connections
        self._sockets = netutil.bind_sockets(port, host, backlog=backlog)  # OSError: port taken
        self.hub = PageHub()
        comm.create_comm = self.hub.create_comm
        _kernel.serve_pages()
        self._title = "livescope"
        self._plots: list[Any] = []  # the plots shown; tabs talk to them
        self._tabs: set[_Socket] = set()  # touched on the IOLoop thread only
        self._http: _HTTPServer | None = None
        # Tabs' messages reach the plot in order, off the IOLoop: a `sync` of a
        # long history takes a while to encode.
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="livescope-tabs")
        self._loop: IOLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    @property
    def address(self) -> str:
        """``http://HOST:PORT/``, without the token."""
        host, port = self._sockets[0].getsockname()[:2]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    @property
    def url(self) -> str:
        """The address to open: with ``?token=...`` when there is one."""
        return self.address + (f"?token={self.token}" if self.token else "")

    @property
    def connections(self) -> int:
        """Open HTTP connections (sockets apart)."""
        return self._http.open if self._http else 0

    def show(self, plot: Any) -> None:
        """The plot every tab shows (held here: its widget holds it only weakly)."""
        self.show_panels([plot], 1, plot.widget.title or "livescope")

    def show_panels(self, plots: list[Any], columns: int, title: str) -> None:
        """Plots every tab shows as panels, `columns` a row, under page title `title`."""
        self._plots = list(plots)  # held here: their widgets hold them only weakly
        self.hub.show_panels([plot.widget for plot in plots], columns)
        self._title = title

    def start(self) -> None:
        """Serve from a background thread."""
        self._thread = threading.Thread(target=self._run, name="livescope-serve", daemon=True)
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            raise RuntimeError("livescope serve could not start") from self._failure

    def serve_forever(self) -> None:
        """Serve until interrupted (Ctrl-C)."""
        self.start()
        assert self._thread is not None
        self._thread.join()

    def close(self) -> None:
        """Stop serving, close every connection and free the port."""
        if self._thread is None:
            for sock in self._sockets:
                sock.close()
        elif self._thread.is_alive():
            assert self._loop is not None
            assert self._stop is not None
            self._loop.add_callback(self._stop.set)
            self._thread.join()
        self._worker.shutdown(cancel_futures=True)

    def page(self) -> bytes:
        return PAGE.format(title=html.escape(self._title)).encode()

    # ----- on the IOLoop thread ----------------------------------------------

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # start() raises it in the thread that asked
            self._failure = error
            raise
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = IOLoop.current()
        self._stop = asyncio.Event()
        app = web.Application(
            [
                (r"/", _Page, {"server": self}),
                (r"/static/(page\.js|page\.css)", _Static, {"server": self}),
                (r"/favicon\.ico", _NoIcon, {"server": self}),
                (r"/ws", _Socket, {"server": self}),
            ],
            default_handler_class=_NotFound,
            default_handler_args={"server": self},
            log_function=_log_request,
            websocket_max_message_size=MAX_MESSAGE,
            websocket_ping_interval=PING_INTERVAL_S,
            websocket_ping_timeout=PING_INTERVAL_S,
        )
        self._http = _HTTPServer(
            app,
            limit=self._max_connections,
            idle_connection_timeout=IDLE_TIMEOUT_S,
            body_timeout=BODY_TIMEOUT_S,
            max_body_size=MAX_BODY,
        )
        self._http.add_sockets(self._sockets)
        self._ready.set()
        await self._stop.wait()
        self._http.stop()
        closed = [tab.closed for tab in self._tabs]
        for tab in list(self._tabs):
            tab.close(1001, "livescope serve stopped")
        # Each tab answers the close; one that does not within the deadline is cut off.
        _, late = await asyncio.wait(closed, timeout=2) if closed else ((), ())
        for tab in list(self._tabs):
            tab.abort()
        if late:
            log.debug("livescope serve: %d tabs did not answer the close", len(late))
        await self._http.close_all_connections()

    def _refusal(self, request: Any, *, origin: bool = True) -> str | None:
        """Why `request` may not be served, or None: its Host, Origin and token."""
        headers = request.headers
        host = headers.get("Host", "")
        name, _ = _split(host)
        if name not in self._hosts and not (
            "*ip" in self._hosts and name is not None and _is_ip(name)
        ):
            return f"Host {host!r} is not this server's"
        sender = headers.get("Origin")
        if origin and sender is not None and not self._origin_allowed(sender, host):
            return f"Origin {sender!r} is not this page's (--allow-origin allows one)"
        if self.token is None:
            return None
        cookie = request.cookies.get(_cookie_name(host))
        authorization = headers.get("Authorization", "")
        given = [
            request.query_arguments.get("token", [b""])[-1].decode(errors="replace"),
            cookie.value if cookie is not None else "",
            authorization[6:] if authorization.lower().startswith("token ") else "",
        ]
        if any(hmac.compare_digest(g.encode(), self.token.encode()) for g in given if g):
            return None
        return "a valid token is needed (the URL livescope serve printed has it)"

    def _origin_allowed(self, origin: str, host: str) -> bool:
        if origin == "null":  # sandboxed frames and files
            return False
        return urlsplit(origin).netloc.lower() == host.lower() or _origin(origin) in self._origins

    def _opened(self, tab: _Socket) -> str | None:
        """Count a new tab in; the reason it is refused, or None."""
        if len(self._tabs) >= self._max_sockets:
            return f"livescope serve: too many tabs (at most {self._max_sockets})"
        self._tabs.add(tab)
        self.hub.attach(tab)
        return None

    def _closed(self, tab: _Socket) -> None:
        if tab in self._tabs:
            self._tabs.discard(tab)
            self.hub.detach(tab)

    def _from_tab(self, tab: _Socket, message: str) -> None:
        def done(future: Future[None]) -> None:
            error = None if future.cancelled() else future.exception()  # cancelled: closing
            if error is None or self._loop is None:
                return
            if isinstance(error, ValueError):  # that tab's fault only
                log.warning("livescope serve: closing a tab: %s", error)
            else:
                log.error("livescope serve: a tab's message failed", exc_info=error)
            self._loop.add_callback(tab.close, 1003, str(error)[:120])

        self._worker.submit(self.hub.handle, message).add_done_callback(done)


class _Guarded(web.RequestHandler):
    """Refuses, with 403, a request whose Host, Origin or token is not right."""

    def initialize(self, server: PlotServer) -> None:
        self.server = server

    def prepare(self) -> None:
        # A socket's Origin is for check_origin, which tornado calls after this.
        is_socket = isinstance(self, websocket.WebSocketHandler)
        refusal = self.server._refusal(self.request, origin=not is_socket)
        if refusal is not None:
            log.info(
                "livescope serve: refused %s %s: %s",
                self.request.method,
                self.request.path,
                refusal,
            )
            self.set_status(403)
            self.finish(f"403 Forbidden: {refusal}\n")
            return
        if self.server.token and self.get_query_argument("token", None) and not is_socket:
            # The page's files and socket authenticate with this cookie.
            self.set_cookie(
                _cookie_name(self.request.headers["Host"]),
                self.server.token,
                httponly=True,
                samesite="Strict",
            )

    def _reply(self, body: bytes, kind: str) -> None:
        self.set_header("Content-Type", kind)
        self.set_header("Cache-Control", "no-store")
        self.finish(body)


class _Page(_Guarded):
    def get(self) -> None:
        self._reply(self.server.page(), "text/html; charset=utf-8")


class _Static(_Guarded):
    def get(self, name: str) -> None:
        self._reply((_STATIC / name).read_bytes(), _FILES[name])


class _NoIcon(_Guarded):
    def get(self) -> None:
        self.set_status(204)


class _NotFound(_Guarded):
    def get(self, *_: str) -> None:
        raise web.HTTPError(404)


class _Socket(_Guarded, websocket.WebSocketHandler):
    """One tab: the hub's messages out, in order and bounded; the page's in."""

    def initialize(self, server: PlotServer) -> None:
        super().initialize(server)
        self._pending = 0  # messages written but not yet flushed
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def check_origin(self, origin: str) -> bool:
        allowed = self.server._origin_allowed(origin, self.request.headers.get("Host", ""))
        if not allowed:
            log.info("livescope serve: refused a socket from Origin %r", origin)
        return allowed

    def open(self) -> None:
        refusal = self.server._opened(self)
        if refusal is not None:
            log.warning("%s", refusal)
            self.close(TOO_MANY, refusal)

    def on_message(self, message: str | bytes) -> None:
        if isinstance(message, bytes):
            log.warning("livescope serve: closing a tab: pages send JSON text messages only")
            self.close(1003, "pages send JSON text messages only")
            return
        self.server._from_tab(self, message)

    def on_close(self) -> None:
        log.debug("livescope serve: a tab went (%s %s)", self.close_code, self.close_reason)
        self.server._closed(self)
        if not self.closed.done():
            self.closed.set_result(None)

    def post(self, message: bytes) -> None:
        """Send `message` (from any thread)."""
        assert self.server._loop is not None
        self.server._loop.add_callback(self._send, message)

    def abort(self) -> None:
        if self.ws_connection is not None and self.ws_connection.stream is not None:
            self.ws_connection.stream.close()

    def _send(self, message: bytes) -> None:
        if self.ws_connection is None or self.ws_connection.is_closing():
            return
        if self._pending >= OUTBOX:
            # On reconnecting it gets the whole history again.
            log.warning("livescope serve: a tab fell behind; disconnecting it")
            self.close(TOO_MANY, "the tab fell behind")
            return
        self._pending += 1
        self.write_message(message, binary=True).add_done_callback(self._sent)

    def _sent(self, future: asyncio.Future[None]) -> None:
        self._pending -= 1
        if not future.cancelled() and future.exception() is not None:
            log.debug("livescope serve: a tab went while it was sent to")


class _HTTPServer(httpserver.HTTPServer):
    """An HTTPServer that answers 503 beyond `limit` open connections."""

    def initialize(self, *args: Any, **kwargs: Any) -> None:  # tornado's __init__
        self.limit: int = kwargs.pop("limit")
        super().initialize(*args, **kwargs)
        self.open = 0

    def handle_stream(self, stream: Any, address: tuple[Any, ...]) -> None:
        if self.open >= self.limit:
            log.warning("livescope serve: refused a connection: %d are open", self.open)
            body = f"livescope serve: too many connections (at most {self.limit})\n".encode()
            head = f"HTTP/1.1 503 Service Unavailable\r\nContent-Length: {len(body)}\r\n"
            written = stream.write(head.encode() + b"Connection: close\r\n\r\n" + body)

            def close(future: asyncio.Future[None]) -> None:
                if not future.cancelled() and future.exception() is not None:
                    log.debug("livescope serve: a refused connection went first")
                stream.close()

            IOLoop.current().add_future(written, close)
            return
        self.open += 1
        super().handle_stream(stream, address)

    def on_close(self, server_conn: object) -> None:
        self.open -= 1
        super().on_close(server_conn)


def _log_request(handler: web.RequestHandler) -> None:
    # The path only: the query may hold the token.
    log.debug(
        "livescope serve: %d %s %s",
        handler.get_status(),
        handler.request.method,
        handler.request.path,
    )


def _cookie_name(host: str) -> str:
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
