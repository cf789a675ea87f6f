"""`LivePlot.listen` and `LivePlot.follow`: feed a plot from a background thread."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from os import PathLike
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .follow import Follower
    from .listener import Listener


class class_or_instance:
    """A method that, called on the class, calls a constructor instead.

    `w.listen(address)` runs `method(w, address)`, attaches a source to `w`
    and returns the source; `LivePlot.listen(address, title=...)` runs
    `constructor(LivePlot, address, title=...)`, which makes the plot,
    attaches the source and returns the plot, ready to display.
    """

    def __init__(self, method: Callable[..., Any], constructor: Callable[..., Any]) -> None:
        self._method = method
        self._constructor = constructor
        # update_wrapper copies onto any object; typeshed asks for a callable.
        functools.update_wrapper(self, method)  # type: ignore[arg-type]

    def __get__(self, plot: object, cls: type) -> Callable[..., Any]:
        if plot is None:
            return functools.update_wrapper(
                functools.partial(self._constructor, cls), self._constructor
            )
        return functools.update_wrapper(functools.partial(self._method, plot), self._method)


def activity_of(sources: Iterable[Any]) -> str:
    """What can still write to a plot whose cell ended, for its header.

    ``"live"``: a listener's publishers, which Stop reaches; ``"following"``: only
    followed files, whose writers Stop cannot reach; ``"done"``: nothing.
    """
    open_sources = [source for source in sources if source.open]
    if any(source.stop_reaches_writer for source in open_sources):
        return "live"
    return "following" if open_sources else "done"


def check_panel_fields(panels: object) -> dict[str, list[str]]:
    """Panel name -> the fields it shows, checked: a mapping of names to lists of names."""
    if not isinstance(panels, Mapping) or not panels:
        raise TypeError(
            'panels must be a mapping of panel names to lists of fields, such as {"loss": '
            f'["loss", "val_loss"]}}; got {type(panels).__name__} {panels!r:.80}'
        )
    checked = {}
    for name, fields in panels.items():
        if not isinstance(name, str):
            raise TypeError(f"panel names must be strings; got {type(name).__name__} {name!r}")
        if (
            isinstance(fields, str)
            or not isinstance(fields, Sequence)
            or not fields
            or not all(isinstance(field, str) for field in fields)
        ):
            raise TypeError(
                f"panel {name!r} must list the fields it shows, as a non-empty list of "
                f"strings; got {fields!r:.80}"
            )
        checked[name] = list(dict.fromkeys(fields))
    return checked


def listen_into(  # noqa: D417 -- `self` is the plot the method is called on
    self: Any,
    address: str | int,
    *,
    allow_remote: bool = False,
    authorized_keys: Iterable[str] | None = None,
    max_columns: int = 1024,
) -> Listener:
    """Show the rows that `livescope.Publisher` processes send to `address`.

    Listens in a background thread, so rows keep arriving while the
    notebook is idle. Each publisher's series are named ``"name/column"``
    when the publisher has a name, else ``"column"``; rows of the same step
    from several publishers share one row of the plot. Stop (or `stop()`)
    makes `Publisher.running()` False in every publisher.

    Called on the class, ``LivePlot.listen(address, **plot_options)`` makes
    the plot and returns it.

    Parameters
    ----------
    address : str or int
        A port (``5577`` listens on ``tcp://127.0.0.1:5577``) or a ZeroMQ
        address such as ``"tcp://127.0.0.1:5577"`` or ``"ipc:///tmp/run.sock"``.
    allow_remote : bool
        Required to listen on anything but the loopback interface. The
        listener then authenticates and encrypts with ZeroMQ CURVE: it makes
        a key pair, and only publishers given its public key
        (``Publisher(address, server_key=listener.server_key)``) can connect.
        See docs/remote.md for getting the key to another machine.
    authorized_keys : iterable of str, optional
        With `allow_remote`, the public keys (Z85 text) of the only
        publishers let in (``Publisher(..., client_keys=...)``); by default
        any publisher that knows the server key is.
    max_columns : int
        Publishers add columns until the plot has this many; values for
        further columns are dropped, and the header says so. Every column
        costs 8 bytes in every row held.

    Returns
    -------
    Listener
        The running listener; ``close()`` ends it and frees the address.
        Listening again on an address this process already listens on
        takes it over from the earlier listener.
    """
    from .listener import Listener

    listener = Listener(
        self,
        address,
        allow_remote=allow_remote,
        authorized_keys=authorized_keys,
        max_columns=max_columns,
    )
    self._sources.append(listener)  # kept for whoever needs to close them all
    return listener


def listening(
    cls: Callable[..., Any],
    address: str | int,
    *,
    allow_remote: bool = False,
    authorized_keys: Iterable[str] | None = None,
    max_columns: int = 1024,
    **plot_options: Any,
) -> Any:
    """``LivePlot.listen(address, **plot_options)``: a new plot, listening."""
    plot = cls(**plot_options)
    listen_into(
        plot,
        address,
        allow_remote=allow_remote,
        authorized_keys=authorized_keys,
        max_columns=max_columns,
    )
    return plot


def follow_into(  # noqa: D417 -- `self` is the plot the method is called on
    self: Any,
    path: str | PathLike[str],
    *,
    format: str | None = None,
    step: str = "step",
    max_columns: int = 1024,
) -> Follower:
    """Show the records of a JSON-lines or CSV file as it grows.

    A background thread reads the lines appended to `path`, one record per
    line with named fields: numbers become series, ``null`` or an empty CSV
    field is NaN, other values are ignored. A plot made with column names
    (``LivePlot.follow(path, columns=["loss", "val_loss"])``) shows only
    those fields; a plot without takes every numeric field as it comes. A
    line counts once its newline is written. Lines that cannot be read are skipped, counted in the
    header, and logged. The file may be missing at first, rotated (renamed
    and recreated: reading goes on in the new file) or truncated (rewritten:
    the plot starts over from the top of the file). Stop has nothing to
    stop here: the file's writer is another program.

    Called on the class, ``LivePlot.follow(path, **plot_options)`` makes
    the plot and returns it.

    Parameters
    ----------
    path : str or os.PathLike
        The metrics file.
    format : {"jsonl", "csv"}, optional
        Default: ``"csv"`` for a ``.csv`` file (header line first),
        ``"jsonl"`` otherwise (one JSON object per line).
    step : str
        The field holding the step; records without it continue from the
        previous step + 1.
    max_columns : int
        Fields become columns until the plot has this many; values of
        further fields are dropped, and the header says so.

    Returns
    -------
    Follower
        The running follower; ``close()`` ends it.
    """
    from .follow import Follower

    follower = Follower(self, path, format=format, step=step, max_columns=max_columns)
    self._sources.append(follower)  # kept for whoever needs to close them all
    return follower


def following(
    cls: Callable[..., Any],
    path: str | PathLike[str],
    *,
    format: str | None = None,
    step: str = "step",
    max_columns: int = 1024,
    **plot_options: Any,
) -> Any:
    """``LivePlot.follow(path, **plot_options)``: a new plot, following the file."""
    plot = cls(**plot_options)
    follow_into(plot, path, format=format, step=step, max_columns=max_columns)
    return plot
