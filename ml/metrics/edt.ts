// Exact squared Euclidean distance transform on an anisotropic 3-D grid (Felzenszwalb & Huttenlocher 2012,
// "Distance Transforms of Sampled Functions": lower envelope of parabolas, one separable pass per axis).
//
// Reference: spec §7 — the official NSD takes distances from scipy's exact `distance_transform_edt` with
// `sampling` = voxel spacing. scipy finds the nearest feature and then sums the squared per-axis offsets in
// mm in numpy axis order (z, y, x). We run the passes in the same order (k, then j, then i) and evaluate each
// parabola as f + ((q − p)·s)², so the value for a given nearest feature is the same floating-point sum.
// The first pass (binary input) is the two-sweep nearest-feature scan, run over whole i–j planes at a time so
// that memory is read contiguously; the other two passes are the parabola envelope per line.

/**
 * In place: `grid` holds 0 at feature points and +Infinity elsewhere; on return it holds the squared distance
 * in mm² to the nearest feature (+Infinity everywhere if there is no feature). Voxels are i-fastest:
 * index = i + nx·(j + ny·k). With `rows` (one flag per i-line, index j + ny·k), only the lines flagged non-zero
 * are guaranteed to be final; the others may be left part-way (used to skip work nobody will read).
 */
export function squaredEdt3d(
  grid: Float64Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
  rows?: Uint8Array,
): void {
  const [nx, ny, nz] = dims;
  if (grid.length !== nx * ny * nz)
    throw new RangeError(`grid has ${grid.length} values, dims need ${nx * ny * nz}`);
  if (rows && rows.length !== ny * nz) throw new RangeError(`rows has ${rows.length} flags, need ${ny * nz}`);
  const work = new Envelope(Math.max(nx, ny, nz));
  // pass along k, then j (stride nx), then i (stride 1)
  nearestAlongK(grid, nx * ny, nz, spacing[2]);
  for (let k = 0; k < nz; k++) {
    if (rows && !rows.subarray(ny * k, ny * (k + 1)).some((x) => x !== 0)) continue;
    for (let i = 0; i < nx; i++) work.run(grid, i + nx * ny * k, nx, ny, spacing[1]);
  }
  for (let r = 0; r < ny * nz; r++) if (!rows || rows[r] !== 0) work.run(grid, nx * r, 1, nx, spacing[0]);
}

/** 1-D squared distance to the nearest feature (value 0) along k for every (i, j) column at once. */
function nearestAlongK(grid: Float64Array, plane: number, nz: number, s: number): void {
  const seen = new Int32Array(plane).fill(-1);
  for (let k = 0; k < nz; k++) {
    for (let p = 0, idx = k * plane; p < plane; p++, idx++) {
      if (grid[idx] === 0) seen[p] = k;
      else if ((seen[p] as number) >= 0) {
        const d = (k - (seen[p] as number)) * s;
        grid[idx] = d * d;
      }
    }
  }
  seen.fill(-1);
  for (let k = nz - 1; k >= 0; k--) {
    for (let p = 0, idx = k * plane; p < plane; p++, idx++) {
      const x = grid[idx] as number;
      if (x === 0) seen[p] = k;
      else if ((seen[p] as number) >= 0) {
        const d = (k - (seen[p] as number)) * s;
        if (d * d < x) grid[idx] = d * d;
      }
    }
  }
}

/** Scratch buffers and the 1-D parabola-envelope transform along one strided line. */
class Envelope {
  private readonly f: Float64Array; // input values of the line
  private readonly v: Int32Array; // positions of the envelope's parabolas
  private readonly h: Float64Array; // f[p] + s²p² of those parabolas
  private readonly z: Float64Array; // left boundaries of their intervals

  constructor(n: number) {
    this.f = new Float64Array(n);
    this.v = new Int32Array(n);
    this.h = new Float64Array(n);
    this.z = new Float64Array(n + 1);
  }

  run(grid: Float64Array, start: number, stride: number, n: number, s: number): void {
    const { f, v, h, z } = this;
    let finite = 0;
    let zeros = 0;
    for (let q = 0, idx = start; q < n; q++, idx += stride) {
      const x = grid[idx] as number;
      f[q] = x;
      if (x !== Infinity) finite++;
      if (x === 0) zeros++;
    }
    if (finite === 0 || zeros === n) return; // nothing to propagate along this line
    const s2 = s * s;
    let k = -1;
    for (let q = 0; q < n; q++) {
      const fq = f[q] as number;
      if (fq === Infinity) continue;
      const hq = fq + s2 * q * q;
      let boundary = -Infinity;
      while (k >= 0) {
        boundary = (hq - (h[k] as number)) / (2 * s2 * (q - (v[k] as number)));
        if (boundary <= (z[k] as number)) k--;
        else break;
      }
      if (k < 0) boundary = -Infinity;
      k++;
      v[k] = q;
      h[k] = hq;
      z[k] = boundary;
    }
    z[k + 1] = Infinity;
    let t = 0;
    for (let q = 0, idx = start; q < n; q++, idx += stride) {
      while ((z[t + 1] as number) < q) t++;
      const p = v[t] as number;
      const d = (q - p) * s;
      grid[idx] = (f[p] as number) + d * d;
    }
  }
}
