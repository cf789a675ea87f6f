"""Checks for view options that several kinds share."""

from __future__ import annotations

import math
import numbers
import re

# A CSS colour as canvas understands it, limited to forms that cannot fail there.
_CSS_COLOR = re.compile(
    r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|[a-zA-Z]+"
)


def check_limits(value: object, name: str) -> list[float] | None:
    """An axis range ``(lo, hi)`` of finite numbers with lo < hi, or None (auto)."""
    if value is None:
        return None
    try:
        lo, hi = value  # type: ignore[misc]
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a pair (low, high) or None; got {type(value).__name__} {value!r}"
        ) from None
    for end in (lo, hi):
        if isinstance(end, bool) or not isinstance(end, numbers.Real):
            raise TypeError(f"{name} must hold two numbers; got {value!r}")
        if not math.isfinite(end):
            raise ValueError(f"{name} must hold finite numbers; got {value!r}")
    if not lo < hi:
        raise ValueError(f"{name} must have low < high; got {value!r}")
    return [float(lo), float(hi)]


def check_color(value: object, name: str = "color") -> str | None:
    """A CSS colour: "#rgb", "#rrggbb" (with optional alpha) or a name like "red"; or None."""
    if value is None:
        return None
    if not isinstance(value, str) or not _CSS_COLOR.fullmatch(value):
        raise ValueError(
            f'{name} must be a CSS colour such as "#1f77b4" or "red", or None; got {value!r}'
        )
    return value


def check_count(value: object, name: str, *, minimum: int, maximum: int) -> int:
    """An integer in [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__} {value!r}")
    if not minimum <= value <= maximum:
        raise ValueError(f"{name} must be between {minimum} and {maximum}; got {value}")
    return int(value)


def check_size(value: object, name: str = "size") -> float | None:
    """A marker size in CSS pixels (0.5 to 20), or None (chosen from the point count)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number of pixels or None; got {value!r}")
    if not 0.5 <= value <= 20:
        raise ValueError(f"{name} must be between 0.5 and 20 pixels; got {value}")
    return float(value)
