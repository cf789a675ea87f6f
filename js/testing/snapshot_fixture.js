// Snapshots for the JS tests, packed as the kernel's _core/snapshot.py packs them.

/** Pack a snapshot as docs/wire-format.md describes (the kernel's _core/snapshot.py does the same). */
export function pack(kind, fields, arrays, { version = 1, offset = 0 } = {}) {
  const specs = Object.entries(arrays).map(([name, a]) => ({
    name,
    dtype: a instanceof Float32Array ? "float32" : "float64",
    shape: a.shape ?? [a.length],
  }));
  let text = JSON.stringify({ ...fields, kind, version, arrays: specs });
  while ((8 + text.length) % 8) text += " ";
  const pad = (n) => n + ((8 - (n % 8)) % 8);
  const size = 8 + text.length + Object.values(arrays).reduce((n, a) => n + pad(a.byteLength), 0);
  const bytes = new Uint8Array(offset + size);
  const view = new DataView(bytes.buffer, offset);
  [..."LSNP"].forEach((c, i) => {
    view.setUint8(i, c.charCodeAt(0));
  });
  view.setUint32(4, text.length, true);
  bytes.set(new TextEncoder().encode(text), offset + 8);
  let at = offset + 8 + text.length;
  for (const a of Object.values(arrays)) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad(a.byteLength);
  }
  return new DataView(bytes.buffer, offset, size);
}

export function linesSnapshot(values, { m = 2, t0 = 1000 } = {}) {
  const n = values.length / m;
  const vals = Float32Array.from(values);
  vals.shape = [n, m];
  return pack(
    "lines",
    { rows: n, generation: 0, exact: true, t0 },
    {
      steps: Float64Array.from({ length: n }, (_, i) => i * 10),
      times: Float32Array.from({ length: n }, (_, i) => i / 2),
      values: vals,
    },
  );
}
