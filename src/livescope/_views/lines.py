"""kind="lines": every column against step."""

from __future__ import annotations

from ._view import View, reject_options


def make(**options: object) -> View:
    reject_options("lines", options, ())
    return View(kind="lines")
