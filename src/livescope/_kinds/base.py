"""What a kind is (`Kind`, one registry entry) and what a plot keeps of its view (`View`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .._core.snapshot import Snapshot
from .._picture.scene import Scene


@dataclass(frozen=True)
class View:
    """A validated view.

    Attributes
    ----------
    kind : str
        The `kind` trait the front end draws by.
    options : dict
        JSON-able view settings, synced to the front end as `view_options`.
    width : int or None
        Values per row when the view fixes it (a heatmap's rows x cols);
        None when the columns or the first row decide.
    columns : tuple of str or None
        Column names the view fixes (a trajectory's ``("x", "y")``), or ``()``
        for a view whose width comes from its options or first row instead (a
        scatter's K points); the `columns` argument is then refused. None when
        the user's `columns` decide.
    reshape : callable or None
        ``reshape(row, width)`` turns what a user passes to `update` into one
        flat row (a K x 2 array of points into 2K values, say); `width` is the
        number of values per row once known (None before the first row), so
        errors can name the shape expected. None when rows are flat already.
    reshape_rows : callable or None
        The same for `extend`: ``reshape_rows(rows, width)`` returns a
        K x width array.
    replayable : bool
        The view shows one step at a time, so the front end offers a replay slider.
    named_columns : bool
        Each value is a named series (lines). False when values are positions
        (a curve's points, an image's pixels): the plot then keeps no names,
        `columns` takes only a count, and the `columns` trait stays empty so
        wide rows never sync thousands of names.
    front_end_options : callable or None
        ``front_end_options(options)`` checks the `view_options` the view's
        own controls wrote in the browser and returns them as the kernel
        keeps them (TypeError or ValueError refuse them). None when the
        controls change no option: the kernel refuses every change.
    dtype : str or None
        The history's storage type when the view fixes it (an image keeps
        its pixels as "uint8"); None when the plot's `dtype` decides.
    learned_options : callable or None
        ``learned_options()`` returns the options the first row fixed (an
        image's shape), merged into `view_options` once that row is held.
    """

    kind: str
    options: dict[str, object] = field(default_factory=dict)
    width: int | None = None
    columns: tuple[str, ...] | None = None
    reshape: Callable[[object, int | None], object] | None = None
    reshape_rows: Callable[[object, int | None], object] | None = None
    replayable: bool = False
    named_columns: bool = True
    front_end_options: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    dtype: str | None = None
    learned_options: Callable[[], dict[str, Any]] | None = None


def reject_options(kind: str, options: dict[str, object], allowed: tuple[str, ...]) -> None:
    """Raise TypeError for keyword options this kind does not take."""
    unknown = sorted(set(options) - set(allowed))
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        takes = ", ".join(allowed) if allowed else "no view options"
        raise TypeError(
            f"LivePlot(kind={kind!r}) got an unexpected keyword argument {names}; "
            f"that kind takes {takes}"
        )


@dataclass(frozen=True)
class Kind:
    """Everything a plot kind provides, in one place (the registry in `_kinds/__init__.py`).

    The front end's registry, js/kinds/index.js, lists the same names with the
    view class and snapshot loader of each (a test keeps the two equal).

    Attributes
    ----------
    name : str
        The `kind=` a user passes and the `kind` trait the front end draws by.
    make : callable
        ``make(**options)`` validates the kind's keyword options into a `View`.
    snapshot : callable
        ``snapshot(data, max_points)``: the compact `Snapshot` a saved notebook
        or an exported page loads when no kernel answers.
    scene : callable
        ``scene(data, width)``: the final picture, the static fallback (SVG)
        and `save_png`.
    frames : callable
        ``frames(data, every, width)``: the history replayed, one scene per
        `every` rows, for `save_gif` and `save_mp4`.
    """

    name: str
    make: Callable[..., View]
    snapshot: Callable[..., Snapshot]
    scene: Callable[[Any, int], Scene]
    frames: Callable[[Any, int, int], Iterator[Scene]]
