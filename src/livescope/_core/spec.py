"""The spec both renderers read: `_spec/style.json` and `_spec/colormaps.json`.

js/ imports the same files into its bundle, so the widget and the static
picture take their palette, theme, fonts, sizes and colormap tables from one
place; `_spec/fixtures/` holds the golden vectors both test suites check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SPEC_DIR = Path(__file__).resolve().parent.parent / "_spec"


def _read(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SPEC_DIR / name).read_text(encoding="utf-8"))
    return data


STYLE = _read("style.json")
COLORMAP_TABLES: dict[str, str] = _read("colormaps.json")["tables"]
COLORMAPS: tuple[str, ...] = tuple(STYLE["colormaps"]["names"])
DEFAULT_COLORMAP: str = STYLE["colormaps"]["default"]
