"""The snapshot container: a small binary picture of a plot's data.

A snapshot is what a saved notebook or an exported page keeps of a plot
(see docs/wire-format.md): a JSON header naming the plot kind, its own
fields and a list of typed arrays, followed by the arrays' bytes. What the
arrays hold is up to each kind (`_kinds.py`); this module only packs and
unpacks them.

    bytes 0..3   b"LSNP"
    bytes 4..7   header length H, uint32 little-endian
    bytes 8..    H bytes of UTF-8 JSON, space-padded so arrays start 8-aligned:
                 {"kind": ..., "version": 1, "arrays": [{"name", "dtype", "shape"}], ...}
    then         each array's bytes (little-endian, C order), in header order,
                 each padded to a multiple of 8 bytes
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

MAGIC = b"LSNP"
VERSION = 1
_DTYPES = ("float64", "float32", "uint8")


@dataclass(frozen=True)
class Snapshot:
    """A decoded snapshot: the kind, its header fields and its named arrays."""

    kind: str
    fields: dict[str, Any] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)


def pack(snapshot: Snapshot) -> bytes:
    """Encode `snapshot` as bytes."""
    arrays = []
    for name, array in snapshot.arrays.items():
        dtype = np.dtype(array.dtype).newbyteorder("<")
        if dtype.name not in _DTYPES:
            raise ValueError(
                f"snapshot array {name!r} must be float64, float32 or uint8; got {dtype}"
            )
        arrays.append((name, np.ascontiguousarray(array, dtype)))
    header = {
        **snapshot.fields,
        "kind": snapshot.kind,
        "version": VERSION,
        "arrays": [
            {"name": name, "dtype": a.dtype.name, "shape": list(a.shape)} for name, a in arrays
        ],
    }
    text = json.dumps(header, separators=(",", ":"), allow_nan=False).encode()
    text += b" " * (-(8 + len(text)) % 8)
    parts = [MAGIC, struct.pack("<I", len(text)), text]
    for _, array in arrays:
        data = array.tobytes()
        parts.extend((data, b"\0" * (-len(data) % 8)))
    return b"".join(parts)


def unpack(data: bytes | memoryview) -> Snapshot:
    """Decode bytes made by `pack`; raises ValueError when they are not a snapshot."""
    data = memoryview(data).cast("B")
    if len(data) < 8 or bytes(data[:4]) != MAGIC:
        raise ValueError("not a livescope snapshot (bad magic)")
    (length,) = struct.unpack("<I", data[4:8])
    header = json.loads(bytes(data[8 : 8 + length]))
    if header.get("version") != VERSION:
        raise ValueError(f"unsupported snapshot version {header.get('version')!r}")
    offset = 8 + length
    arrays = {}
    for spec in header.pop("arrays"):
        dtype = np.dtype(spec["dtype"]).newbyteorder("<")
        shape = tuple(spec["shape"])
        size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if offset + size > len(data):
            raise ValueError(f"snapshot array {spec['name']!r} runs past the end")
        arrays[spec["name"]] = np.frombuffer(data, dtype, size // dtype.itemsize, offset).reshape(
            shape
        )
        offset += size + (-size % 8)
    kind = header.pop("kind")
    header.pop("version")
    return Snapshot(kind, header, arrays)
