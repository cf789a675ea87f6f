"""`livescope serve`: a LivePlot fed from a file or publishers, shown in plain browser tabs.

One HTTP server from the standard library serves the page, the bundled
page host (``static/page.js``) and a WebSocket per tab; see docs/serve.md.
"""

from __future__ import annotations

import html
import logging
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import comm

from .._kernel import shell as _kernel
from .hub import PageHub
from .websocket import WebSocket, accept_key

log = logging.getLogger("livescope")

_STATIC = Path(__file__).parent.parent / "static"
_FILES = {
    "/static/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/static/page.css": ("page.css", "text/css; charset=utf-8"),
}

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
    """Serves one LivePlot to every tab that opens ``http://HOST:PORT/``.

    Make it before the plot: it routes the widgets made afterwards to the
    tabs instead of a kernel.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 7777) -> None:
        self.hub = PageHub()
        comm.create_comm = self.hub.create_comm
        _kernel.serve_pages()
        self._title = "livescope"

        class Handler(_Handler):
            plot_server = self

        self._http = ThreadingHTTPServer((host, port), Handler)
        self._http.daemon_threads = True
        self._serving = False

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2]
        return f"http://{host}:{port}/"

    def show(self, plot: Any) -> None:
        """The plot every tab shows."""
        self.hub.show(plot._widget)
        self._title = plot._widget.title or "livescope"

    def start(self) -> None:
        """Serve from a background thread."""
        self._serving = True
        threading.Thread(
            target=self._http.serve_forever, name="livescope-serve", daemon=True
        ).start()

    def serve_forever(self) -> None:
        """Serve until interrupted (Ctrl-C)."""
        self._serving = True
        self._http.serve_forever()

    def close(self) -> None:
        """Stop serving and free the port."""
        if self._serving:  # shutdown() waits for a serve_forever() that has to be running
            self._http.shutdown()
        self._http.server_close()

    def page(self) -> bytes:
        return PAGE.format(title=html.escape(self._title)).encode()


class _Handler(BaseHTTPRequestHandler):
    plot_server: PlotServer
    server_version = "livescope"
    protocol_version = "HTTP/1.1"  # WebSocket handshakes need it

    def do_GET(self) -> None:  # the name http.server calls
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._reply(self.plot_server.page(), "text/html; charset=utf-8")
        elif path in _FILES:
            name, kind = _FILES[path]
            self._reply((_STATIC / name).read_bytes(), kind)
        elif path == "/ws" and self.headers.get("Upgrade", "").lower() == "websocket":
            self._websocket()
        elif path == "/favicon.ico":
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _reply(self, body: bytes, kind: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _websocket(self) -> None:
        key = self.headers.get("Sec-WebSocket-Key")
        if not key or self.headers.get("Sec-WebSocket-Version") != "13":
            self.send_error(HTTPStatus.BAD_REQUEST, "a WebSocket version 13 handshake is needed")
            return
        self.send_response(HTTPStatus.SWITCHING_PROTOCOLS)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept_key(key))
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        self.plot_server.hub.serve(WebSocket(self.connection, self.rfile))

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("livescope serve: " + format, *args)
