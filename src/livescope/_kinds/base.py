"""What a LivePlot needs to know about its view, whatever the kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


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
    """

    kind: str
    options: dict[str, object] = field(default_factory=dict)
    width: int | None = None
    columns: tuple[str, ...] | None = None
    reshape: Callable[[object, int | None], object] | None = None
    reshape_rows: Callable[[object, int | None], object] | None = None
    replayable: bool = False
    named_columns: bool = True


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
