// Seeded "explosion-controlled" region growing: the tooth threshold is the lowest grey level at which the
// region connected to the seeds still grows smoothly.
//
// Reference (method): maximin (bottleneck) flooding with a bucket queue — for every voxel, the highest level t
// such that a 6-connected path of voxels ≥ t joins it to a seed. The region grown from the seeds at level t
// is then simply {bottleneck ≥ t}, so one O(N) flood gives the grown volume V(t) for every t at once.
// Lowering t from the tooth level, V grows steadily while the blurred tooth rims are absorbed, then jumps
// when the region leaks into the bone that holds the roots (cf. leak detection in airway region growing).
import type { Dims } from '../../data/volume-ops/grid.js';

export interface Quantiser {
  lo: number;
  width: number;
  bins: number;
}

export const binOf = (q: Quantiser, x: number): number => {
  const b = Math.floor((x - q.lo) / q.width);
  return b < 0 ? 0 : b >= q.bins ? q.bins - 1 : b;
};

/**
 * Bottleneck bin per voxel (−1 = not reached), flooding from `seeds` through voxels whose bin ≥ `lowBin`.
 * `values` are grey values, quantised with `q`.
 */
export function bottleneckFlood(
  values: Float32Array,
  seeds: Uint8Array,
  dims: Dims,
  q: Quantiser,
  lowBin: number,
): Int16Array {
  if (q.bins > 32767) throw new RangeError('at most 32767 bins');
  const [nx, ny, nz] = dims;
  const sxy = nx * ny;
  const bott = new Int16Array(values.length).fill(-1);
  const head = new Int32Array(q.bins).fill(-1);
  const next = new Int32Array(values.length);
  const scale = 1 / q.width;
  const binAt = (u: number): number => {
    const b = Math.floor((values[u]! - q.lo) * scale);
    return b < 0 ? 0 : b >= q.bins ? q.bins - 1 : b;
  };
  for (let v = 0; v < values.length; v++) {
    if (!seeds[v]) continue;
    const b = binAt(v);
    bott[v] = b;
    next[v] = head[b]!;
    head[b] = v;
  }
  for (let level = q.bins - 1; level >= lowBin; level--) {
    while (head[level] !== -1) {
      const v = head[level]!;
      head[level] = next[v]!;
      const i = v % nx;
      const j = ((v - i) / nx) % ny;
      const k = (v - i - j * nx) / sxy;
      for (let e = 0; e < 6; e++) {
        let u: number;
        if (e === 0) u = i > 0 ? v - 1 : -1;
        else if (e === 1) u = i < nx - 1 ? v + 1 : -1;
        else if (e === 2) u = j > 0 ? v - nx : -1;
        else if (e === 3) u = j < ny - 1 ? v + nx : -1;
        else if (e === 4) u = k > 0 ? v - sxy : -1;
        else u = k < nz - 1 ? v + sxy : -1;
        if (u < 0 || bott[u] !== -1) continue;
        const b = binAt(u);
        if (b < lowBin) continue;
        const l = b < level ? b : level;
        bott[u] = l;
        next[u] = head[l]!;
        head[l] = u;
      }
    }
  }
  return bott;
}

/** V[b] = number of voxels with bottleneck ≥ b (length bins + 1, V[bins] = 0). */
export function grownVolumes(bott: Int16Array, bins: number): Float64Array {
  const v = new Float64Array(bins + 1);
  for (let n = 0; n < bott.length; n++) {
    const b = bott[n]!;
    if (b >= 0) v[b]! += 1;
  }
  for (let b = bins - 1; b >= 0; b--) v[b]! += v[b + 1]!;
  return v;
}

export interface LeakChoice {
  /** Chosen bin: the region is {bottleneck ≥ bin}. */
  bin: number;
  /** Whether a leak was found (else the lowest allowed level was taken). */
  leak: boolean;
  /** Typical growth factor per step above the leak, and the factor at the leak. */
  typicalGrowth: number;
  leakGrowth: number;
}

/**
 * Lowers the level from `topBin` to `lowBin` and stops at the first level where lowering it by one step
 * (`stepFraction` of the range) multiplies the region by more than typical^`power`; "typical" is the median
 * per-step growth over the upper half of the range. Deviation from a plain "largest jump" rule: the first
 * clearly abnormal step wins, because noisy scans leak gradually through many small bridges.
 */
export function chooseLeakLevel(
  volumes: Float64Array,
  lowBin: number,
  topBin: number,
  stepFraction: number,
  power: number,
): LeakChoice {
  const range = topBin - lowBin;
  const step = Math.max(1, Math.round(range * stepFraction));
  const ratios: number[] = [];
  for (let b = topBin; b - step >= lowBin + Math.round(range / 2); b -= step) {
    ratios.push(volumes[b - step]! / Math.max(1, volumes[b]!));
  }
  ratios.sort((a, b) => a - b);
  const typical = Math.max(1, ratios[Math.floor(ratios.length / 2)] ?? 1);
  const limit = Math.max(typical ** power, 1 + 1e-9);
  for (let b = topBin; b - step >= lowBin; b--) {
    const g = volumes[b - step]! / Math.max(1, volumes[b]!);
    if (g > limit) return { bin: b, leak: true, typicalGrowth: typical, leakGrowth: g };
  }
  return { bin: lowBin, leak: false, typicalGrowth: typical, leakGrowth: 1 };
}
