"""The views a LivePlot can be drawn as: one module per kind, one registry here."""

from __future__ import annotations

from . import lines, scatter, trajectory
from ._view import View

_MAKERS = {
    "lines": lines.make,
    "scatter": scatter.make,
    "trajectory": trajectory.make,
}
KINDS = tuple(_MAKERS)

__all__ = ["KINDS", "View", "make_view"]


def make_view(kind: object, options: dict[str, object]) -> View:
    """Validate `kind` and its keyword options; return what the plot needs of the view."""
    if not isinstance(kind, str) or kind not in _MAKERS:
        known = ", ".join(repr(k) for k in KINDS)
        raise ValueError(f"kind must be one of {known}; got {kind!r}")
    return _MAKERS[kind](**options)
