"""Write the colormap tables: matplotlib's colormaps as 256-entry tables.

Run by hand when the set of maps changes (needs matplotlib, which livescope
itself does not): ``python tools/generate_colormaps.py``. Each table is 256
RGB triples, low to high, base64-encoded: 1 KB per map, exact to the byte.
They go to src/livescope/_spec/colormaps.json, which the front end's bundle
and the Python pictures both read, so both draw the same colours. "greys" is
a plain black-to-white ramp computed on each side.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import matplotlib
import numpy as np

# Perceptual sequential maps, then the sequential maps people name (low = light,
# high = dark), then diverging maps for signed values (see the heatmap's vcenter).
MAPS = (
    "viridis",
    "magma",
    "inferno",
    "plasma",
    "cividis",
    "Blues",
    "Greens",
    "Reds",
    "Oranges",
    "Purples",
    "YlGn",
    "YlGnBu",
    "YlOrRd",
    "GnBu",
    "BuPu",
    "RdBu",
    "RdBu_r",
    "coolwarm",
    "bwr",
    "PiYG",
    "PuOr",
    "BrBG",
    "RdYlBu",
)
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "livescope" / "_spec" / "colormaps.json"


def table(name: str) -> str:
    """The named map as base64 of 256 RGB triples."""
    rgba = matplotlib.colormaps[name](np.linspace(0.0, 1.0, 256))
    rgb = np.round(rgba[:, :3] * 255).astype(np.uint8)
    return base64.b64encode(rgb.tobytes()).decode("ascii")


def main() -> None:
    """Write the tables into the spec both renderers read."""
    spec = {
        "generated": f"by tools/generate_colormaps.py from matplotlib {matplotlib.__version__}; "
        "do not edit",
        "format": "256 colours per map, low to high, as base64 of R, G, B bytes; greys is a "
        "plain black-to-white ramp computed by each side",
        "tables": {name: table(name) for name in MAPS},
    }
    OUT.write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
