// IEEE 754 half precision stored in Uint16Array: the compact accumulator format of the sliding window.
// Encoding rounds to nearest, ties to even, with subnormals, ±Infinity on overflow and NaN preserved.

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float → half bits. */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0); // Inf / NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mant |= 0x800000; // implicit bit
    const shift = 14 - e;
    const half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (rem > mid || (rem === mid && (half & 1) === 1) ? half + 1 : half);
  }
  const half = mant >>> 13;
  const rem = mant & 0x1fff;
  let out = (e << 10) | half;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) === 1)) out++; // may carry into the exponent: still correct
  e = out;
  return sign | e;
}

/** Half bits → float, via a 65,536-entry table built on first use. */
let table: Float32Array | null = null;
function buildTable(): Float32Array {
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    t[h] =
      exp === 0
        ? sign * mant * 2 ** -24
        : exp === 0x1f
          ? mant === 0
            ? sign * Infinity
            : NaN
          : sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return t;
}

export function halfTable(): Float32Array {
  return (table ??= buildTable());
}

export function fromHalf(bits: number): number {
  return halfTable()[bits & 0xffff]!;
}
