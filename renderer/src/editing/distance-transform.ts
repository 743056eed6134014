// Exact squared Euclidean distance transform of a 2-D binary mask (Felzenszwalb & Huttenlocher's
// lower-envelope method, one pass per axis), and the signed distance built from it.
const INF = 1e20;

function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const dq = q - v[k]!;
    d[q] = dq * dq + f[v[k]!]!;
  }
}

/** Squared distance from every pixel to the nearest pixel where `target(p)` is true (INF if none). */
export function squaredDistanceTo(
  width: number,
  height: number,
  target: (p: number) => boolean,
): Float64Array {
  const grid = new Float64Array(width * height);
  for (let p = 0; p < grid.length; p++) grid[p] = target(p) ? 0 : INF;
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[x + y * width]!;
    edt1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[x + y * width] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f[x] = grid[x + y * width]!;
    edt1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[x + y * width] = d[x]!;
  }
  return grid;
}

/** Signed distance (pixels): negative inside the mask, positive outside, ±0.5 at the boundary pixels. */
export function signedDistance(mask: Uint8Array, width: number, height: number): Float32Array {
  const toInside = squaredDistanceTo(width, height, (p) => mask[p] !== 0);
  const toOutside = squaredDistanceTo(width, height, (p) => mask[p] === 0);
  const out = new Float32Array(width * height);
  for (let p = 0; p < out.length; p++) {
    out[p] = mask[p] ? 0.5 - Math.sqrt(toOutside[p]!) : Math.sqrt(toInside[p]!) - 0.5;
  }
  return out;
}
