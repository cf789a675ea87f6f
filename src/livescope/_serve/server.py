"""`livescope serve`: live plots, or the runs of a store, shown in plain browser tabs.

A tornado server, on an IOLoop of its own thread, serves the page, the
bundled page host (``static/page.js``) and a WebSocket per tab; see
docs/serve.md. Every request must come from the served page's own origin
(or one the user allowed), name an allowed host, and carry the token
(access.py); the handlers are in handlers.py. What the tabs show is a
`PageHub` (plots fed by publishers or files) or a `StorePage` (a run store).
"""

from __future__ import annotations

import asyncio
import html
import logging
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Protocol

import comm

from .._kernel import shell as _kernel
from .access import Access
from .hub import PageHub, Tab

try:
    from tornado import netutil
    from tornado.ioloop import IOLoop
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "livescope serve needs tornado (every Jupyter install has it): "
        "pip install livescope[serve]"
    ) from error

from .handlers import Socket, application, http_server

if TYPE_CHECKING:
    from .handlers import _HTTPServer

log = logging.getLogger("livescope")

MAX_SOCKETS = 64  # open tabs; a further one is closed with a reason
MAX_CONNECTIONS = 256  # HTTP connections besides the sockets; a further one gets a 503
IDLE_TIMEOUT_S = 30  # for a request's headers, and between requests on a connection
BODY_TIMEOUT_S = 10
MAX_BODY = 1 << 16  # the page only sends GETs


class Content(Protocol):
    """What every tab is shown: the plots of a `PageHub`, or a `StorePage`."""

    def attach(self, tab: Tab) -> None:
        """Show it in `tab`, from now on."""

    def detach(self, tab: Tab) -> None:
        """`tab` went."""

    def handle(self, tab: Tab, text: str) -> None:
        """A message of `tab`; ValueError closes that tab (a page sends none such)."""


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
  livescopePage.{entry}(document.getElementById("plot"), String(url), {{
    status: document.querySelector(".livescope-connection"),
  }});
</script>
</body>
</html>
"""


class PlotServer:
    """Serves one LivePlot (or panels, or a run store) to every tab that opens `url`.

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
        self.access = Access(host, token, allow_origins)
        self.token = self.access.token
        for name, value in (("max_sockets", max_sockets), ("max_connections", max_connections)):
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive int; got {value!r}")
        self._max_sockets = max_sockets
        self._max_connections = max_connections

        # A burst up to the limits waits in the kernel's queue, not in SYN retries
        # that a busy loop would otherwise cost each dropped handshake (1 s, 2 s, 4 s...).
        backlog = max_sockets + max_connections
        self._sockets = netutil.bind_sockets(port, host, backlog=backlog)  # OSError: port taken
        self.hub = PageHub()
        comm.create_comm = self.hub.create_comm
        _kernel.serve_pages()
        self._content: Content = self.hub
        self._entry = "connectServer"  # the page host's function the page calls
        self._store: Any = None  # a StorePage shown, closed with the server
        self._title = "livescope"
        self._plots: list[Any] = []  # the plots shown; tabs talk to them
        self._tabs: set[Socket] = set()  # touched on the IOLoop thread only
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

    def show_store(self, page: Any, title: str) -> None:
        """Show a run store's runs (a `StorePage`) in every tab; closed with the server."""
        self._content = self._store = page
        self._entry = "connectStore"
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
        if self._store is not None:
            self._store.close()

    def page(self) -> bytes:
        return PAGE.format(title=html.escape(self._title), entry=self._entry).encode()

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
        self._http = http_server(
            application(self),
            self._max_connections,
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

    def _opened(self, tab: Socket) -> str | None:
        """Count a new tab in; the reason it is refused, or None."""
        if len(self._tabs) >= self._max_sockets:
            return f"livescope serve: too many tabs (at most {self._max_sockets})"
        self._tabs.add(tab)
        self._content.attach(tab)
        return None

    def _closed(self, tab: Socket) -> None:
        if tab in self._tabs:
            self._tabs.discard(tab)
            self._content.detach(tab)

    def _from_tab(self, tab: Socket, message: str) -> None:
        def done(future: Future[None]) -> None:
            error = None if future.cancelled() else future.exception()  # cancelled: closing
            if error is None or self._loop is None:
                return
            if isinstance(error, ValueError):  # that tab's fault only
                log.warning("livescope serve: closing a tab: %s", error)
            else:
                log.error("livescope serve: a tab's message failed", exc_info=error)
            self._loop.add_callback(tab.close, 1003, str(error)[:120])

        self._worker.submit(self._content.handle, tab, message).add_done_callback(done)
