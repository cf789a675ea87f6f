"""What a frame of several curves (or of rows carrying their x) takes in `update` and `extend`.

A row is kept flat as its parts of L values: its x first when the `x`
option is ``"row"``, then each curve in the order of its names. `update`
takes a P x L array (P parts: x, then the curves), the P * L values flat,
or a dict name -> L values (with ``"x"`` for the row's x); `extend` takes
K of them (a K x P x L array, K flat rows, or a list of dicts). Curve names
come from `curves`, or else from the first dict row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .._core.arrays import as_array, shape_text
from .._core.rows import MAX_COLUMNS
from .points import numeric_array

ROW_X_KEY = "x"  # a dict row's entry for the row's own x (with the option x="row")


class FrameRows:
    """Turns frame rows (arrays or dicts) into flat rows; remembers the curves' names.

    `names` are the `curves` option's (None: one unnamed curve unless the
    first row is a dict); `length` is L when the `x` option fixes it.
    """

    def __init__(self, names: tuple[str, ...] | None, length: int | None, row_x: bool) -> None:
        self.given = names is not None
        self.names = names
        self.length = length
        self.row_x = row_x

    @property
    def parts(self) -> int:
        """Parts of L values a row holds: its x (if it carries one), then the curves."""
        return (len(self.names) if self.names else 1) + int(self.row_x)

    def learned(self) -> dict[str, object]:
        """The curve names the first row gave, for `view_options`."""
        return {"curves": list(self.names) if self.names else None}

    def row(self, value: object, width: int | None) -> object:
        """One row as P * L values (a 1-D row of one curve goes on unchanged)."""
        if isinstance(value, Mapping):
            return self._dict_row(value, width)
        if width is None and not self.given:
            self.names = None  # an array first row: one unnamed curve
        parts = self.parts
        if parts == 1:
            return self._one_curve(value, width)
        array = numeric_array(value, "row")
        length = self._known_length(width)
        if array.ndim == 2 and array.shape[0] == parts and _fits(array.shape[1], length):
            flat = array.reshape(-1)
        elif array.ndim == 1 and array.size % parts == 0 and _fits(array.size // parts, length):
            flat = array
        else:
            hint = " (use extend() to add several rows)" if array.ndim == 3 else ""
            raise ValueError(
                f"row must be a {parts} x {_l(length)} array, one line each for "
                f"{self._lines()} (or those {parts} x {_l(length)} values flat); "
                f"got shape {shape_text(array)}{hint}"
            )
        if self.row_x:
            check_row_x(flat[: flat.size // parts], "the row's x (its first line)")
        return flat

    def rows(self, value: object, width: int | None) -> object:
        """K rows as a K x P * L array: a K x P x L array, K flat rows, or K dicts."""
        if isinstance(value, Sequence) and value and isinstance(value[0], Mapping):
            first = np.asarray(self.row(value[0], width))
            known = width if width is not None else first.size
            return np.stack([first, *(np.asarray(self.row(row, known)) for row in value[1:])])
        if width is None and not self.given:
            self.names = None
        parts = self.parts
        if parts == 1:
            return self._one_curve_rows(value, width)
        array = numeric_array(value, "rows")
        length = self._known_length(width)
        if array.ndim == 3 and array.shape[1] == parts and _fits(array.shape[2], length):
            flat = array.reshape(len(array), -1)
        elif (
            array.ndim == 2
            and array.shape[1] % parts == 0
            and _fits(array.shape[1] // parts, length)
        ):
            flat = array
        else:
            raise ValueError(
                f"rows must be a K x {parts} x {_l(length)} array, each row one line each for "
                f"{self._lines()} (or K rows of those values flat); "
                f"got shape {shape_text(array)}"
            )
        if self.row_x:
            xs = np.asarray(flat[:, : flat.shape[1] // parts], np.float64)
            bad = ~np.isfinite(xs).all(axis=1) | (np.diff(xs, axis=1) < 0).any(axis=1)
            for k in np.flatnonzero(bad)[:1]:
                check_row_x(xs[k], f"the x of rows[{k}]")
        return flat

    def _dict_row(self, row: Mapping[object, object], width: int | None) -> np.ndarray:
        keys = list(row)
        curve_keys = [key for key in keys if not (self.row_x and key == ROW_X_KEY)]
        if width is None and not self.given:
            if not curve_keys:
                raise ValueError("row must name at least one curve; got a dict of only 'x'")
            if len(curve_keys) > MAX_COLUMNS:
                raise ValueError(
                    f"row must name at most {MAX_COLUMNS} curves; got {len(curve_keys)}"
                )
            bad = [key for key in curve_keys if not isinstance(key, str)]
            if bad:
                raise TypeError(f"row's curve names must be strings; got {bad[0]!r}")
            self.names = tuple(str(key) for key in curve_keys)
        elif self.names is None:
            raise ValueError(
                "row is a dict, but this frame draws one unnamed curve (its first row was an "
                "array); name the curves with LivePlot(kind='frame', curves=[...]) to pass dicts"
            )
        expected = [ROW_X_KEY, *self.names] if self.row_x else list(self.names)
        if set(keys) != set(expected):
            missing = [name for name in expected if name not in row]
            unknown = [key for key in keys if key not in expected]
            told = "; ".join(
                part
                for part in (
                    f"missing {_names(missing)}" if missing else "",
                    f"unknown {_names(unknown)}" if unknown else "",
                )
                if part
            )
            source = "as curves= names them" if self.given else "as the first row named them"
            raise ValueError(
                f"row must give exactly {_names(expected)} ({source}); got {_names(keys)}: {told}"
            )
        length = self._known_length(width)
        why = " (one per x)" if self.length is not None else " (as the first row's)"
        arrays = []
        for name in expected:
            array = numeric_array(row[name], f"row[{name!r}]")
            if array.ndim == 0:
                array = array.reshape(1)
            if array.ndim != 1 or not _fits(len(array), length):
                want = f"{length} values{why}" if length else "at least one value"
                raise ValueError(
                    f"row[{name!r}] must be 1-D with {want}; got shape {shape_text(array)}"
                )
            if length is None:
                why = f" (as row[{name!r}])"
            length = len(array)
            arrays.append(array)
        if self.row_x:
            check_row_x(arrays[0], "row['x']")
        return np.concatenate(arrays)

    def _one_curve(self, value: object, width: int | None) -> object:
        """A row of one curve: 1-D as before (coerce_values checks it), or 1 x L."""
        length = self._known_length(width)
        array = value if isinstance(value, np.ndarray) else as_array(value, "row")
        if array.ndim == 2 and array.shape[0] == 1:
            value = array = array.reshape(-1)
        elif array.ndim == 2 and not self.given:
            raise ValueError(
                f"row must be 1-D, one curve of L values; got shape {shape_text(array)}: "
                "to draw several curves name them, LivePlot(kind='frame', curves=[...]) "
                "(or update with a dict name -> values); to add several rows use extend()"
            )
        if self.length is not None and array.ndim == 1 and len(array) != length:
            raise ValueError(
                f"row must have {length} values, one per x; got shape {shape_text(array)}"
            )
        return value

    def _one_curve_rows(self, value: object, width: int | None) -> object:
        length = self._known_length(width)
        array = value if isinstance(value, np.ndarray) else as_array(value, "rows")
        if array.ndim == 3 and array.shape[1] == 1:
            value = array = array.reshape(len(array), -1)
        if self.length is not None and array.ndim == 2 and array.shape[1] != length:
            raise ValueError(
                f"rows must be a K x {length} array, one value per x; "
                f"got shape {shape_text(array)}"
            )
        return value

    def _known_length(self, width: int | None) -> int | None:
        """L: from the `x` option, or from the rows held."""
        if self.length is None:
            return None if width is None else width // self.parts
        if width is not None and width != self.length * self.parts:
            curves = self.parts - int(self.row_x)
            raise ValueError(
                f"columns={width} does not match x: each curve has {self.length} values (one "
                f"per x), so a row of {curves} curve{'s' if curves > 1 else ''} has "
                f"{self.length * self.parts}; leave columns out"
            )
        return self.length

    def _lines(self) -> str:
        names = ", ".join(repr(name) for name in self.names) if self.names else "the curve"
        return f"x, then {names}" if self.row_x else names


def check_row_x(x: np.ndarray, name: str) -> None:
    """A row's own x: finite and sorted (non-decreasing, ties allowed)."""
    x = np.asarray(x, np.float64)
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        i = bad[0]
        raise ValueError(f"{name} must hold finite numbers; got x[{i}] = {x[i]}")
    down = np.flatnonzero(np.diff(x) < 0)
    if down.size:
        i = down[0] + 1
        raise ValueError(
            f"{name} must be sorted (non-decreasing); got x[{i}] = {x[i]:g} after "
            f"x[{i - 1}] = {x[i - 1]:g}: sort the row by x first (order = np.argsort(x))"
        )


def _fits(count: int, length: int | None) -> bool:
    return count == length if length is not None else count >= 1


def _l(length: int | None) -> str:
    return str(length) if length is not None else "L"


def _names(names: Sequence[object]) -> str:
    return ", ".join(repr(name) for name in names)
