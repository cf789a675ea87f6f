"""Tell a drawn chart from a blank one by the colours in a screenshot.

The PNG is decoded by the browser itself (``createImageBitmap``), so this needs
no imaging library and reads exactly the pixels Playwright captured.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from playwright.sync_api import Page

# Colours are bucketed to 4 bits per channel so anti-aliasing shades of one
# line colour land in few buckets.
_COLOUR_HISTOGRAM_JS = """
async (b64) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(bitmap, 0, 0);
  const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  const counts = new Map();
  for (let i = 0; i < data.length; i += 4) {
    const key = ((data[i] >> 4) << 8) | ((data[i + 1] >> 4) << 4) | (data[i + 2] >> 4);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return {
    width: bitmap.width,
    height: bitmap.height,
    counts: [...counts.entries()].sort((a, b) => b[1] - a[1]),
  };
}
"""


@dataclass(frozen=True)
class ColourSummary:
    width: int
    height: int
    background: str
    # Bucketed colours (as "#rgb") other than the background that cover at
    # least `min_pixels` pixels, most frequent first, with their pixel counts.
    foreground: list[tuple[str, int]]


def colour_summary(page: Page, png: bytes, min_pixels: int = 20) -> ColourSummary:
    """Background colour and the significant other colours of a PNG."""
    result = page.evaluate(_COLOUR_HISTOGRAM_JS, base64.b64encode(png).decode("ascii"))
    counts = [(f"#{key:03x}", n) for key, n in result["counts"]]
    if not counts:
        raise AssertionError("the screenshot has no pixels")
    background = counts[0][0]
    foreground = [(colour, n) for colour, n in counts[1:] if n >= min_pixels]
    return ColourSummary(result["width"], result["height"], background, foreground)
