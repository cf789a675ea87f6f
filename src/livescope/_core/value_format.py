"""The value formats a heatmap writes in its cells: a small subset of Python's format specs.

The front end (js/draw/value_format.js) formats with the same rules, so only
specs both sides write alike are taken: ``{:.Nf}``, ``{:.Ne}``, ``{:.Ng}`` and
``{:.N%}``, N from 0 to 20.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

FORMAT = re.compile(r"\{:\.(\d{1,2})([efg%])\}")
MAX_DIGITS = 20
FORMATS_TAKEN = "'{:.Nf}', '{:.Ne}', '{:.Ng}' or '{:.N%}' with N from 0 to 20"


def check_value_format(name: str, value: str) -> str:
    """`value` if it is a format spec of the subset, else ValueError naming `name`."""
    match = FORMAT.fullmatch(value)
    if match is None or int(match.group(1)) > MAX_DIGITS:
        raise ValueError(
            f"{name} must be a format such as '{{:.3f}}': {FORMATS_TAKEN}; got {value!r}"
        )
    return value


def value_formatter(spec: str, non_finite: Callable[[float], str]) -> Callable[[float], str]:
    """Write finite values with `spec` (see `check_value_format`), others with `non_finite`."""
    inner = spec[2:-1]  # "{:.3f}" -> ".3f"

    def write(value: float) -> str:
        return format(value, inner) if math.isfinite(value) else non_finite(value)

    return write
