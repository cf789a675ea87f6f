"""Argument checks: each error names the argument, what it expected and what came."""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from .spec import COLORMAPS

# A CSS colour as canvas understands it, limited to forms that cannot fail there.
_CSS_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]+")


def check_colormap(value: object) -> str:
    """A known colormap name."""
    if not isinstance(value, str) or value not in COLORMAPS:
        known = ", ".join(COLORMAPS)
        raise ValueError(f"colormap must be one of {known}; got {value!r}")
    return value


def optional_number(name: str, value: object) -> float | None:
    """None, or a finite real number."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"{name} must be a number or None (automatic); got {type(value).__name__} {value!r}"
        )
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number or None (automatic); got {number}")
    return number


def check_limits(vmin: object, vmax: object) -> tuple[float | None, float | None]:
    """`vmin` and `vmax`: each a finite number or None (automatic), and vmin < vmax."""
    low, high = optional_number("vmin", vmin), optional_number("vmax", vmax)
    if low is not None and high is not None and not low < high:
        raise ValueError(f"vmin must be smaller than vmax; got vmin={low:g}, vmax={high:g}")
    return low, high


def check_range(name: str, value: object) -> list[float] | None:
    """None, or a pair (lo, hi) of finite numbers with lo < hi."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2:
        raise TypeError(f"{name} must be a pair (lo, hi) or None (automatic); got {value!r}")
    low, high = (_finite_number(f"{name}[{i}]", v) for i, v in enumerate(value))
    if not low < high:
        raise ValueError(f"{name} must be (lo, hi) with lo < hi; got {tuple(value)!r}")
    return [low, high]


def _finite_number(name: str, value: object) -> float:
    """A finite real number: one end of a range."""
    if value is None or isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a finite number; got {type(value).__name__} {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {number}")
    return number


def check_labels(name: str, value: object, count: int) -> list[str] | None:
    """None, or `count` labels (strings or numbers, shown as text)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{name} must be a list of {count} labels; got {type(value).__name__}")
    if len(value) != count:
        raise ValueError(f"{name} must have {count} labels, one per position; got {len(value)}")
    labels = []
    for label in value:
        if not isinstance(label, (str, numbers.Real)) or isinstance(label, bool):
            raise TypeError(
                f"{name} must hold strings or numbers; got {type(label).__name__} {label!r}"
            )
        labels.append(label if isinstance(label, str) else f"{label:g}")
    return labels


def check_flag(name: str, value: object) -> bool | None:
    """None (automatic), True or False."""
    if value is not None and not isinstance(value, bool):
        raise TypeError(
            f"{name} must be True, False or None (automatic); got {type(value).__name__}"
        )
    return value


def check_color(value: object, name: str = "color") -> str | None:
    """None, or a CSS colour: "#rgb", "#rrggbb" (optionally with alpha) or a name like "red"."""
    if value is None:
        return None
    if not isinstance(value, str) or not _CSS_COLOR.fullmatch(value):
        raise ValueError(
            f'{name} must be a CSS colour such as "#1f77b4" or "red", or None; got {value!r}'
        )
    return value


def check_int(name: str, value: object, *, at_least: int, at_most: int | None = None) -> int:
    """An integer >= `at_least` (and <= `at_most` when given)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__} {value!r}")
    number = int(value)
    if number < at_least or (at_most is not None and number > at_most):
        bound = f">= {at_least}" if at_most is None else f"between {at_least} and {at_most}"
        raise ValueError(f"{name} must be {bound}; got {value}")
    return number


def check_size(name: str, value: object) -> float | None:
    """None (automatic), or a marker size in CSS pixels from 0.5 to 20."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of pixels or None; got {value!r}")
    size = float(value)
    if not 0.5 <= size <= 20:
        raise ValueError(f"{name} must be between 0.5 and 20 pixels; got {value}")
    return size


def check_str(name: str, value: object, *, optional: bool = False) -> None:
    """A string (or None when `optional`)."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        expected = "a string or None" if optional else "a string"
        raise TypeError(f"{name} must be {expected}; got {type(value).__name__} {value!r}")


def check_real(name: str, value: object, *, above: float, at_most: float) -> float:
    """A real number in (above, at_most]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {type(value).__name__} {value!r}")
    number = float(value)
    if not above < number <= at_most:
        raise ValueError(f"{name} must be > {above:g} and <= {at_most:g}; got {value}")
    return number


def check_dtype(value: object) -> np.dtype[Any]:
    """float64 or float32, as a numpy dtype."""
    try:
        # np.dtype raises TypeError for what it cannot read, named below.
        dtype = np.dtype(cast("npt.DTypeLike", value))
    except TypeError as error:
        raise TypeError(f"dtype must be 'float64' or 'float32'; got {value!r}") from error
    if dtype not in (np.float64, np.float32):
        raise ValueError(f"dtype must be 'float64' or 'float32'; got {value!r}")
    return dtype


def check_path(path: object) -> Path:
    """A file path given as str or os.PathLike."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike; got {type(path).__name__} {path!r}")
    return Path(path)
