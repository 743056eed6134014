// Compact text encoding of a label map's difference from its base version, for drafts in localStorage:
// sorted changed indices as delta varints, then the new values, run-length encoded, then base64.
export interface SparseLabels {
  indices: Uint32Array;
  values: Uint8Array;
}

/** The voxels where `working` differs from `base`, with the working values. */
export function sparseDifference(base: Uint8Array, working: Uint8Array): SparseLabels {
  const idx: number[] = [];
  const val: number[] = [];
  for (let q = 0; q < working.length; q++) {
    if (working[q] !== base[q]) {
      idx.push(q);
      val.push(working[q]!);
    }
  }
  return { indices: Uint32Array.from(idx), values: Uint8Array.from(val) };
}

export function applySparse(target: Uint8Array, sparse: SparseLabels): void {
  for (let n = 0; n < sparse.indices.length; n++) target[sparse.indices[n]!] = sparse.values[n]!;
}

class ByteWriter {
  bytes = new Uint8Array(256);
  length = 0;
  byte(b: number): void {
    if (this.length === this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    this.bytes[this.length++] = b;
  }
  varint(n: number): void {
    while (n >= 0x80) {
      this.byte((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    this.byte(n);
  }
}

class ByteReader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('draft data is truncated');
    return this.bytes[this.pos++]!;
  }
  varint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 128;
    }
  }
}

const FORMAT = 1;

export function encodeSparse(s: SparseLabels): string {
  const w = new ByteWriter();
  w.byte(FORMAT);
  w.varint(s.indices.length);
  let prev = -1;
  for (let n = 0; n < s.indices.length; n++) {
    const q = s.indices[n]!;
    if (q <= prev) throw new Error('encodeSparse: indices must be strictly increasing');
    w.varint(q - prev - 1);
    prev = q;
  }
  for (let n = 0; n < s.values.length;) {
    const v = s.values[n]!;
    let run = 1;
    while (n + run < s.values.length && s.values[n + run] === v) run++;
    w.varint(run);
    w.byte(v);
    n += run;
  }
  return toBase64(w.bytes.subarray(0, w.length));
}

export function decodeSparse(text: string): SparseLabels {
  const r = new ByteReader(fromBase64(text));
  const format = r.byte();
  if (format !== FORMAT) throw new Error(`unknown draft format ${format}`);
  const count = r.varint();
  const indices = new Uint32Array(count);
  let prev = -1;
  for (let n = 0; n < count; n++) {
    prev = prev + 1 + r.varint();
    indices[n] = prev;
  }
  const values = new Uint8Array(count);
  for (let n = 0; n < count;) {
    const run = r.varint();
    const v = r.byte();
    if (run === 0 || n + run > count) throw new Error('draft data is corrupt');
    values.fill(v, n, n + run);
    n += run;
  }
  return { indices, values };
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let p = 0; p < bytes.length; p += chunk) {
    s += String.fromCharCode(...bytes.subarray(p, p + chunk));
  }
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let p = 0; p < s.length; p++) out[p] = s.charCodeAt(p);
  return out;
}
