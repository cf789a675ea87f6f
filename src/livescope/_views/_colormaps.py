"""The colormap names the front end knows (its tables are in js/colormaps.js)."""

from __future__ import annotations

# Perceptually uniform maps, then greys; js/colormaps.js holds one table per name
# and a test keeps the two lists equal.
COLORMAPS = ("viridis", "plasma", "inferno", "magma", "cividis", "greys")


def check_colormap(value: object, name: str = "colormap") -> str:
    """Return `value` if it names a known colormap, else raise a clear error."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a colormap name; got {type(value).__name__} {value!r}")
    if value not in COLORMAPS:
        known = ", ".join(repr(c) for c in COLORMAPS)
        raise ValueError(f"{name} must be one of {known}; got {value!r}")
    return value
