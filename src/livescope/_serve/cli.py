"""The ``livescope`` command: ``livescope serve PATH_OR_ADDRESS``."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path
from typing import Any

from .._runs.store import StoreError, is_postgres, without_password
from .._sources.records import FORMATS

DESCRIPTION = """\
Show a live plot in plain browser tabs, without Jupyter: of a metrics file
as it grows (JSON lines or CSV), or of the rows livescope.Publisher
processes send. Every tab shows the whole history, then new rows as they
come; Stop in a tab makes Publisher.running() False.

Given a run store (an SQLite file that LivePlot(..., store=...) records
into, or a postgresql:// address), the page lists its runs and shows the
one picked, with the runs of the same name ticked for comparison; a run
still being written grows in the tab, and new runs join the list.
"""

# An SQLite file begins with these 16 bytes.
_SQLITE_HEADER = b"SQLite format 3\x00"
_STORE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="livescope")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser(
        "serve", help="show a live plot in a browser tab", description=DESCRIPTION
    )
    serve.add_argument(
        "source",
        metavar="PATH_OR_ADDRESS",
        help="a metrics file to follow; a run store to browse (runs.db, "
        "postgresql://user@host/db); or a ZeroMQ address to listen on for "
        "publishers (tcp://127.0.0.1:5577, ipc:///tmp/run.sock)",
    )
    serve.add_argument("--port", type=int, default=7777, help="HTTP port (default 7777)")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="HTTP address (default 127.0.0.1); any other lets everyone who can reach it "
        "and has the token watch the plot and stop the run (or read the store's runs)",
    )
    tokens = serve.add_mutually_exclusive_group()
    tokens.add_argument(
        "--token", help="the token the URL must carry (default: a random one, printed at start)"
    )
    tokens.add_argument(
        "--no-token",
        action="store_true",
        help="serve without a token: every page of an allowed origin can watch and stop the run",
    )
    serve.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="also serve pages of this origin (https://dash.example); repeatable",
    )
    serve.add_argument(
        "--title",
        help="the page's title, and the plot's (default: the source; a store's plots "
        "are titled with their run's name)",
    )
    serve.add_argument(
        "--panel",
        action="append",
        default=[],
        metavar="NAME=FIELD,FIELD",
        help="a panel of the file's fields, such as loss=loss,val_loss; repeatable: one "
        "panel each, two a row (default: every field in one plot)",
    )
    serve.add_argument(
        "--height", type=int, default=300, help="height of each plot in pixels (default 300)"
    )
    serve.add_argument("--format", choices=FORMATS, help="of the file (default: from its suffix)")
    serve.add_argument("--step", default="step", help="the file's step field (default: step)")
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="listen for publishers on an address other than loopback (no authentication)",
    )
    args = parser.parse_args(argv)
    if args.height < 50:
        parser.error(f"--height must be at least 50 pixels; got {args.height}")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if _is_store(args.source):
        return _serve_store(parser, args)
    listening = args.source.startswith(("tcp://", "ipc://"))
    if listening and (args.format or args.step != "step"):
        parser.error("--format and --step are for files, not addresses")
    if not listening and args.allow_remote:
        parser.error("--allow-remote is for addresses, not files")
    if listening and args.panel:
        parser.error("--panel is for files, not addresses")
    try:
        panels = _panels(args.panel)
    except ValueError as error:
        parser.error(str(error))

    from .._plot import LivePlot

    server = _server(parser, args)
    title = args.title or args.source
    plots = []
    try:
        try:
            if listening:
                plot = LivePlot(title=title, height=args.height)
                plots.append(plot)
                source = plot.listen(args.source, allow_remote=args.allow_remote)
            else:
                groups: dict[str, list[str] | None] = dict(panels) if panels else {title: None}
                for name, fields in groups.items():
                    plot = LivePlot(fields, title=name, height=args.height)
                    plots.append(plot)
                    plot.follow(args.source, format=args.format, step=args.step)
        except (OSError, ValueError, ImportError) as error:
            parser.error(str(error))
        for plot in plots:
            # No cell runs here: the header says at once whether Stop reaches the writer.
            plot._settle_activity()
        server.show_panels(plots, min(2, len(plots)), title)
        what = f"publishers on {source.address}" if listening else args.source
        print(f"livescope: showing {what} at {server.url} (Ctrl-C ends)", flush=True)
        _serve_until_ended(server)
    finally:
        for plot in plots:
            plot._end_sources()
        server.close()
    return 0


def _is_store(source: str) -> bool:
    """Whether `source` names a run store: a postgresql:// address, or an SQLite file.

    A path ending .db, .sqlite or .sqlite3 is taken for one even when it is
    missing or something else, so that the store's own message says what is wrong.
    """
    if is_postgres(source):
        return True
    path = Path(source)
    if path.suffix.lower() in _STORE_SUFFIXES:
        return True
    try:
        with path.open("rb") as file:
            return file.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:  # missing or unreadable: following it says why
        return False


def _serve_store(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """``livescope serve runs.db``: the store's runs, a tab picking which to show."""
    for given, flag in (
        (args.format, "--format"),
        (args.step != "step", "--step"),
        (args.panel, "--panel"),
        (args.allow_remote, "--allow-remote"),
    ):
        if given:
            parser.error(f"{flag} is for metrics files and addresses, not run stores")

    try:
        from .store_page import StorePage
    except ImportError as error:
        parser.error(str(error))
    try:
        page = StorePage(args.source, height=args.height)
    except StoreError as error:
        parser.error(str(error))
    try:
        server = _server(parser, args)
        address = without_password(args.source)
        server.show_store(page, args.title or address)
    except BaseException:
        page.close()
        raise
    try:
        print(
            f"livescope: showing the runs of {address} at {server.url} (Ctrl-C ends)", flush=True
        )
        _serve_until_ended(server)
    finally:
        server.close()
    return 0


def _server(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Any:
    """The PlotServer the arguments ask for; a usage error if it cannot be made."""
    try:
        from .server import PlotServer
    except ImportError as error:
        parser.error(str(error))
    token = False if args.no_token else (args.token if args.token is not None else True)
    try:
        return PlotServer(args.host, args.port, token=token, allow_origins=args.allow_origin)
    except ValueError as error:
        parser.error(str(error))
    except OSError as error:
        parser.error(f"cannot serve on {args.host}:{args.port}: {error}")


def _serve_until_ended(server: Any) -> None:
    # A service manager's SIGTERM ends it as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("livescope: stopped serving", flush=True)


def _panels(specs: list[str]) -> dict[str, list[str]]:
    """``--panel loss=loss,val_loss`` arguments as panel name -> fields."""
    panels: dict[str, list[str]] = {}
    for spec in specs:
        name, _, fields = spec.partition("=")
        names = [field.strip() for field in fields.split(",") if field.strip()]
        if not name.strip() or not names:
            raise ValueError(
                f"--panel must be NAME=FIELD[,FIELD...], such as loss=loss,val_loss; got {spec!r}"
            )
        if name.strip() in panels:
            raise ValueError(f"--panel {name.strip()!r} is given twice")
        panels[name.strip()] = names
    return panels


if __name__ == "__main__":
    sys.exit(main())
