"""PNG encoding with the standard library (zlib), for pictures drawn without Pillow.

Images of at most 256 distinct colours (a colormap's levels, say) are
written as palette PNGs, one byte per pixel, which keeps the SVG pictures
of heatmaps and waterfalls in a saved notebook small.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def encode_png(pixels: np.ndarray) -> bytes:
    """`pixels` (H x W x 3 RGB or H x W x 4 RGBA, uint8) as PNG bytes."""
    pixels = np.ascontiguousarray(pixels, np.uint8)
    if pixels.ndim != 3 or pixels.shape[2] not in (3, 4) or 0 in pixels.shape[:2]:
        raise ValueError(f"pixels must be H x W x 3 or 4 with H, W >= 1; got {pixels.shape}")
    height, width, channels = pixels.shape
    packed = _pack(pixels)
    colors, indices = np.unique(packed, return_inverse=True)
    if len(colors) <= 256:
        # Palette image: one byte per pixel, its colours (and alpha) in PLTE/tRNS.
        palette = colors.astype(">u4").view(np.uint8).reshape(-1, 4)
        rows = indices.reshape(height, width).astype(np.uint8)
        chunks = [_chunk(b"PLTE", palette[:, :3].tobytes())]
        if channels == 4:
            chunks.append(_chunk(b"tRNS", palette[:, 3].tobytes()))
        header = struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)
    else:
        rows = pixels.reshape(height, width * channels)
        chunks = []
        header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    # Filter type 0 (none) on every row: a zero byte before each.
    raw = np.concatenate((np.zeros((height, 1), np.uint8), rows), axis=1).tobytes()
    return b"".join(
        [
            _SIGNATURE,
            _chunk(b"IHDR", header),
            *chunks,
            _chunk(b"IDAT", zlib.compress(raw, 9)),
            _chunk(b"IEND", b""),
        ]
    )


def _pack(pixels: np.ndarray) -> np.ndarray:
    """Each pixel as one uint32, R G B A from the high byte down (opaque when RGB)."""
    rgba = pixels if pixels.shape[2] == 4 else np.dstack((pixels, np.full(pixels.shape[:2], 255)))
    rgba = rgba.astype(np.uint32)
    packed: np.ndarray = (
        (rgba[..., 0] << 24) | (rgba[..., 1] << 16) | (rgba[..., 2] << 8) | rgba[..., 3]
    ).ravel()
    return packed


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
