"""The HTTP side of `livescope serve`: its tornado handlers, each behind the access checks.

Every handler is a `_Guarded` one: a request whose Host, Origin or token is
not right gets 403 before anything else (see access.py and docs/serve.md).
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any, Protocol

from tornado import httpserver, web, websocket
from tornado.ioloop import IOLoop

from .access import Access, cookie_name

log = logging.getLogger("livescope")

_STATIC = Path(__file__).parent.parent / "static"
_FILES = {
    "page.js": "text/javascript; charset=utf-8",
    "page.css": "text/css; charset=utf-8",
}


class TabServer(Protocol):
    """What the handlers ask of the server (server.py's PlotServer) that routes to them."""

    access: Access
    token: str | None
    _loop: IOLoop | None

    def page(self) -> bytes: ...

    def _opened(self, tab: Socket) -> str | None: ...

    def _closed(self, tab: Socket) -> None: ...

    def _from_tab(self, tab: Socket, message: str) -> None: ...


MAX_MESSAGE = 1 << 20  # from a tab: the page only ever sends small requests
PING_INTERVAL_S = 20  # a tab that has not answered a ping by the next one is closed
OUTBOX = 1024  # messages waiting for a tab; a tab further behind is dropped
TOO_MANY = 1013  # the WebSocket close code "try again later"


def application(server: TabServer) -> web.Application:
    """The routes of `server`: the page, its two files, and the socket of each tab."""
    return web.Application(
        [
            (r"/", _Page, {"server": server}),
            (r"/static/(page\.js|page\.css)", _Static, {"server": server}),
            (r"/favicon\.ico", _NoIcon, {"server": server}),
            (r"/ws", Socket, {"server": server}),
        ],
        default_handler_class=_NotFound,
        default_handler_args={"server": server},
        log_function=_log_request,
        websocket_max_message_size=MAX_MESSAGE,
        websocket_ping_interval=PING_INTERVAL_S,
        websocket_ping_timeout=PING_INTERVAL_S,
    )


def http_server(app: web.Application, limit: int, **settings: Any) -> _HTTPServer:
    """An HTTP server of `app` that answers 503 beyond `limit` open connections."""
    return _HTTPServer(app, limit=limit, **settings)


class _Guarded(web.RequestHandler):
    """Refuses, with 403, a request whose Host, Origin or token is not right."""

    def initialize(self, server: TabServer) -> None:
        self.server = server

    def prepare(self) -> None:
        # A socket's Origin is for check_origin, which tornado calls after this.
        is_socket = isinstance(self, websocket.WebSocketHandler)
        refusal = self.server.access.refusal(self.request, origin=not is_socket)
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
                cookie_name(self.request.headers["Host"]),
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


class Socket(_Guarded, websocket.WebSocketHandler):
    """One tab: the hub's messages out, in order and bounded; the page's in."""

    def initialize(self, server: TabServer) -> None:
        super().initialize(server)
        self._pending = 0  # messages written but not yet flushed
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def check_origin(self, origin: str) -> bool:
        """Whether the socket's Origin is the page's own, or one allowed."""
        allowed = self.server.access.origin_allowed(origin, self.request.headers.get("Host", ""))
        if not allowed:
            log.info("livescope serve: refused a socket from Origin %r", origin)
        return allowed

    def open(self) -> None:
        """Count the tab in, or close it with a reason when there are too many."""
        refusal = self.server._opened(self)
        if refusal is not None:
            log.warning("%s", refusal)
            self.close(TOO_MANY, refusal)

    def on_message(self, message: str | bytes) -> None:
        """Hand the tab's message to the server; a binary one closes the tab."""
        if isinstance(message, bytes):
            log.warning("livescope serve: closing a tab: pages send JSON text messages only")
            self.close(1003, "pages send JSON text messages only")
            return
        self.server._from_tab(self, message)

    def on_close(self) -> None:
        """The tab went: the server sends it nothing more."""
        log.debug("livescope serve: a tab went (%s %s)", self.close_code, self.close_reason)
        self.server._closed(self)
        if not self.closed.done():
            self.closed.set_result(None)

    def post(self, message: bytes) -> None:
        """Send `message` (from any thread)."""
        assert self.server._loop is not None
        self.server._loop.add_callback(self._send, message)

    def abort(self) -> None:
        """Cut the connection without waiting for the tab to answer a close."""
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
