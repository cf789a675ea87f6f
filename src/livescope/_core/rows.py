"""Turn what users pass to update/extend into float rows, or say clearly why not."""

from __future__ import annotations

import math
import numbers
import struct
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .arrays import as_array, shape_text

_NUMERIC_KINDS = "fiub"
_PLAIN_NUMBERS = frozenset({float, int, np.float64, np.float32, np.int64, np.int32})
_NAN = float("nan")
# numpy's complex scalars convert to float by dropping the imaginary part
# (with only a warning), so the struct fast path must not see them.
_COMPLEX_SCALARS = frozenset({np.complex64, np.complex128, np.clongdouble})
_PACKERS: dict[int, struct.Struct] = {}
# Named series one plot can show apart (a legend, a colour each); checked
# before any name is made, so a typo such as columns=10**9 fails at once.
MAX_COLUMNS = 1024
# Values in one row of a kind whose values are positions (a curve, an image):
# 4096 x 4096 pixels, 128 MiB a row in float64.
MAX_VALUES = 1 << 24
_WIDE = "for rows of positions (a curve, an image) use kind='frame', 'heatmap' or 'waterfall'"


def parse_columns(columns: object) -> tuple[str, ...] | None:
    """Validate the `columns` argument: names, a count, or None (set by the first row)."""
    if columns is None:
        return None
    if isinstance(columns, bool) or not isinstance(columns, (numbers.Integral, Sequence)):
        raise TypeError(
            "columns must be a list of series names, a number of columns, or None; "
            f"got {type(columns).__name__}"
        )
    if isinstance(columns, numbers.Integral):
        if columns < 1:
            raise ValueError(f"columns must be at least 1 when given as a count; got {columns}")
        check_series_count(int(columns), "columns")
        return tuple(str(i) for i in range(int(columns)))
    if isinstance(columns, str):
        raise TypeError(f"columns must be a list of names, not one string; got {columns!r}")
    check_series_count(len(columns), "columns")
    names = tuple(columns)
    if not names:
        raise ValueError("columns must name at least one series; got an empty list")
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"column names must be strings; got {type(name).__name__} {name!r}")
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"column names must be unique; repeated: {', '.join(duplicates)}")
    return names


def check_series_count(count: int, name: str) -> None:
    """Raise ValueError when `count` named series exceed `MAX_COLUMNS`; `name` is the argument."""
    if count > MAX_COLUMNS:
        raise ValueError(
            f"{name} must give at most {MAX_COLUMNS} named series (columns); got {count}; {_WIDE}"
        )


def check_values_count(count: int, name: str) -> None:
    """Raise ValueError when a row of positions exceeds `MAX_VALUES`; `name` is the argument."""
    if count > MAX_VALUES:
        raise ValueError(f"{name} must have at most {MAX_VALUES:,} values per row; got {count:,}")


def columns_of_first_row(row: object) -> tuple[str, ...]:
    """The columns implied by a first row when none were given."""
    if isinstance(row, Mapping):
        if not row:
            raise ValueError("row must name at least one column; got an empty dict")
        return parse_columns([*row])  # type: ignore[return-value]
    if _is_scalar(row) or isinstance(row, (str, bytes)):
        return ("0",)  # a string is refused by coerce_row, naming it
    shape = as_array(row, "row").shape
    if shape and not shape[0]:
        raise ValueError("row must hold at least one value; got an empty row")
    check_series_count(shape[0] if shape else 1, "row")
    return tuple(str(i) for i in range(shape[0] if shape else 1))


def columns_of_first_rows(rows: object) -> tuple[str, ...]:
    """The columns implied by the first rows given to extend when none were given."""
    shape = as_array(rows, "rows").shape
    width = shape[1] if len(shape) == 2 else 1
    if not width:
        raise ValueError(
            f"rows must hold at least one value per row; got shape {'x'.join(map(str, shape))}"
        )
    check_series_count(width, "rows")
    return tuple(str(i) for i in range(width))


def no_rows(rows: object) -> bool:
    """Whether `rows` holds no rows at all: `[]`, or an array of length 0."""
    if isinstance(rows, (str, bytes, Mapping)) or not hasattr(rows, "__len__"):
        return False
    try:
        return len(rows) == 0
    except TypeError:  # a 0-d array
        return False


def coerce_row(
    row: object, columns: tuple[str, ...], index: Mapping[str, int], dtype: np.dtype
) -> bytes | np.ndarray:
    """One row of `len(columns)` values: float64 bytes, or a 1-D array of real numbers.

    Raises
    ------
    TypeError
        For values that are not real numbers.
    ValueError
        For a row of the wrong length or shape.
    KeyError
        For a dict key that is not a column.
    """
    if (type(row) is list or type(row) is tuple) and len(row) == len(columns):
        # The common case: packing checks and converts every value in one C
        # call, several times cheaper than type checks and np.asarray.
        packed = _packed(row)
        if packed is not None:
            return packed
    if type(row) is np.ndarray and row.shape == (len(columns),) and row.dtype.kind in "fiub":
        return row
    if isinstance(row, Mapping):
        return _packed_numbers(_row_from_mapping(row, columns, index))
    if isinstance(row, (str, bytes)):
        raise TypeError(
            f"row must be a sequence of numbers, a dict or a number; got {type(row).__name__} "
            f"{row!r}"
        )
    if _is_scalar(row):
        if len(columns) != 1:
            raise ValueError(
                f"row must have {len(columns)} values, one per column {list(columns)}; "
                f"got the single number {row!r}"
            )
        return _packed_numbers([_number(row, f"column {columns[0]!r}")])
    array = as_array(row, "row")
    if array.ndim != 1 or len(array) != len(columns):
        hint = " (use extend() to add several rows)" if array.ndim == 2 else ""
        raise ValueError(
            f"row must be 1-D with {len(columns)} values, one per column {list(columns)}; "
            f"got shape {shape_text(array)}{hint}"
        )
    return _numeric(array, row, columns, dtype)


def coerce_rows(
    rows: object, columns: tuple[str, ...], dtype: np.dtype, name: str = "rows"
) -> np.ndarray:
    """K rows as a K x M array (a 1-D array is K rows when there is one column).

    `name` is the argument named in errors.
    """
    array = as_array(rows, name)
    width = len(columns)
    if array.ndim == 1 and width == 1:
        array = array.reshape(-1, 1)
    if array.ndim != 2 or array.shape[1] != width:
        hint = " (use update() for one row)" if array.ndim == 1 else ""
        raise ValueError(
            f"{name} must be a K x {width} array, one column per {list(columns)}; "
            f"got shape {shape_text(array)}{hint}"
        )
    return _numeric(array, rows, columns, dtype)


def coerce_values(row: object, width: int | None, dtype: np.dtype) -> np.ndarray:
    """One row of a view whose values are positions (a curve, an image), not named series.

    The row is 1-D with `width` values, or with any number of them while the
    width is still unknown (None).
    """
    if (
        type(row) is np.ndarray
        and row.ndim == 1
        and row.dtype.kind in _NUMERIC_KINDS
        and (len(row) == width or (width is None and 0 < len(row) <= MAX_VALUES))
    ):
        return row
    if isinstance(row, (str, bytes, Mapping)):
        raise TypeError(f"row must be a sequence or array of numbers; got {type(row).__name__}")
    array = as_array(row, "row")
    if array.ndim == 0:
        array = array.reshape(1)
    if width is None and array.ndim == 1:
        check_values_count(len(array), "row")
    if array.ndim != 1 or not len(array) or (width is not None and len(array) != width):
        expected = "at least one value" if width is None else f"{width} values"
        hint = " (use extend() to add several rows)" if array.ndim == 2 else ""
        raise ValueError(f"row must be 1-D with {expected}; got shape {shape_text(array)}{hint}")
    return _real_values(array, row, dtype)


def coerce_value_rows(
    rows: object, width: int | None, dtype: np.dtype, name: str = "rows"
) -> np.ndarray:
    """K rows of `width` position values as a K x width array (see `coerce_values`).

    `name` is the argument named in errors.
    """
    array = as_array(rows, name)
    if width is None and array.ndim == 2:
        check_values_count(array.shape[1], name)
    if array.ndim != 2 or (width is not None and array.shape[1] != width) or not array.shape[1]:
        expected = "K x M" if width is None else f"K x {width}"
        hint = " (use update() for one row)" if array.ndim == 1 else ""
        raise ValueError(f"{name} must be a {expected} array; got shape {shape_text(array)}{hint}")
    return _real_values(array, rows, dtype)


def coerce_steps(steps: object, count: int, after: float | None) -> np.ndarray:
    """K non-decreasing finite steps, none before `after`; errors name the first culprit."""
    array = as_array(steps, "steps")
    if array.shape != (count,):
        raise ValueError(
            f"steps must have one value per row ({count}); got shape {shape_text(array)}"
        )
    if array.dtype.kind not in "iuf":
        flat = array if array.dtype.kind == "O" else np.asarray(steps, dtype=object)
        array = np.array([_step(v, f"steps[{i}]") for i, v in enumerate(flat)], np.float64)
    array = array.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(array))
    if bad.size:
        raise ValueError(f"steps must be finite numbers; got steps[{bad[0]}] = {array[bad[0]]}")
    down = np.flatnonzero(np.diff(array) < 0)
    if down.size:
        i = down[0] + 1
        raise ValueError(
            f"steps must not decrease; got steps[{i}] = {array[i]:g} after "
            f"steps[{i - 1}] = {array[i - 1]:g}"
        )
    if count and after is not None and array[0] < after:
        raise ValueError(
            f"steps must not decrease; got steps[0] = {array[0]:g} after the plot's last "
            f"step {after:g}"
        )
    return array


def check_step(step: object, after: float | None) -> float:
    """Check a step given for one new row, which must not precede `after`."""
    value = _step(step, "step")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"step must be a finite number; got {value}")
    if after is not None and value < after:
        raise ValueError(f"step must not decrease: got {value:g} after {after:g}")
    return value


def _step(value: object, name: str) -> float:
    """A real number as a float; `name` ("step", "steps[3]") names it in errors."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.number)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}")
    if isinstance(value, np.complexfloating):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(
            f"{name} must be a finite number; got {type(value).__name__} too large for a float"
        ) from None


def _packer(count: int) -> struct.Struct:
    packer = _PACKERS.get(count)
    if packer is None:
        packer = _PACKERS[count] = struct.Struct(f"={count}d")
    return packer


def _packed(values: list[Any] | tuple[Any, ...]) -> bytes | None:
    """`values` as float64 bytes, or None if one is not a float-sized real number."""
    if not _COMPLEX_SCALARS.isdisjoint(map(type, values)):
        return None  # the slow path names the complex value
    packer = _PACKERS.get(len(values)) or _packer(len(values))  # no call once made
    try:
        return packer.pack(*values)
    except (struct.error, TypeError, ValueError):
        return None


def _packed_numbers(values: list[Any]) -> bytes:
    """Real numbers as float64 bytes; an int beyond any float becomes inf."""
    packed = _packed(values)
    if packed is None:
        packed = _packer(len(values)).pack(*[_clamped(value) for value in values])
    return packed


def _clamped(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int beyond any float: the dtype's overflow, inf
        return math.inf if value > 0 else -math.inf  # type: ignore[operator]


def _row_from_mapping(
    row: Mapping[Any, Any], columns: tuple[str, ...], index: Mapping[str, int]
) -> list[float]:
    values = [_NAN] * len(columns)
    for name, value in row.items():
        position = index.get(name)
        if position is None:
            raise KeyError(f"{name!r} is not a column of this plot; columns are {list(columns)}")
        plain = type(value) in _PLAIN_NUMBERS
        values[position] = value if plain else _number(value, f"column {name!r}")
    return values


def _numeric(
    array: np.ndarray, given: object, columns: tuple[str, ...], dtype: np.dtype
) -> np.ndarray:
    if array.dtype.kind in _NUMERIC_KINDS:
        return array
    if array.dtype.kind == "O":
        flat = array.reshape(-1)
        width = len(columns)
        converted = np.array(
            [_number(v, f"column {columns[i % width]!r}") for i, v in enumerate(flat)],
            dtype=dtype,
        )
        return converted.reshape(array.shape)
    # numpy turned mixed input into strings; look at what was given to name the culprit.
    flat = np.asarray(given, dtype=object).reshape(-1)
    position = next((i for i, v in enumerate(flat) if not _is_real(v)), 0)
    value = flat[position] if flat.size else None
    raise TypeError(
        f"column {columns[position % len(columns)]!r} must be a real number; "
        f"got {type(value).__name__} {value!r}"
    )


def _real_values(array: np.ndarray, given: object, dtype: np.dtype) -> np.ndarray:
    """`array` as real numbers (None is NaN), naming the first value that is not one."""
    if array.dtype.kind in _NUMERIC_KINDS:
        return array
    flat = (array if array.dtype.kind == "O" else np.asarray(given, dtype=object)).reshape(-1)
    width = array.shape[-1]
    values = [_number(v, f"value {i % width}") for i, v in enumerate(flat)]
    return np.array(values, dtype=dtype).reshape(array.shape)


def _number(value: object, what: str) -> float:
    """A real number (None is a gap: NaN); `what` names it in errors ("column 'loss'")."""
    if value is None:
        return float("nan")
    if isinstance(value, (complex, np.complexfloating)) or _complex_dtype(value):
        raise TypeError(f"{what} must be a real number; got {type(value).__name__} {value!r}")
    if isinstance(value, (numbers.Real, np.number)):
        return _clamped(value)
    if hasattr(value, "__float__") and not isinstance(value, (str, bytes)):
        try:
            return float(value)  # 0-d arrays and tensors from numerical libraries
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{what} must be a real number; got {type(value).__name__} {value!r}"
            ) from error
    raise TypeError(f"{what} must be a real number; got {type(value).__name__} {value!r}")


def _complex_dtype(value: object) -> bool:
    """Whether `value` is a 0-d array or tensor of complex numbers (float() drops .imag)."""
    dtype = getattr(value, "dtype", None)
    return getattr(dtype, "kind", None) == "c" or getattr(dtype, "is_complex", False) is True


def _is_real(value: object) -> bool:
    return isinstance(value, (numbers.Real, np.bool_, np.integer, np.floating))


def _is_scalar(value: object) -> bool:
    return isinstance(value, (numbers.Number, np.number)) or (
        isinstance(value, np.ndarray) and value.ndim == 0
    )
