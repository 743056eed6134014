// The spatial augmentation: one rotation + isotropic scaling per patch, resampled straight into the final patch.
//
// Reference: spec §3.4 row 1; batchgeneratorsv2 v0.3 `SpatialTransform` (no elastic deformation):
//   do_rotation ~ p 0.2, do_scale ~ p 0.2; angles per axis U(−30°, 30°); one scale for all axes U(0.7, 1.4);
//   A = Rz·Ry·Rx·S with (x, y, z) = grid_sample's axis order = network axes (D2, D1, D0); patch voxel offsets from
//   the patch centre, as a row vector, are multiplied by A and added to the source centre (shape/2 in grid_sample
//   terms = the geometric centre (S − 1)/2 in voxel indices); image: trilinear, zeros outside; labels: per-label
//   indicator interpolation (label-vote.ts), zeros outside, or nearest. Without rotation and scaling the patch is a
//   plain crop starting at ⌊S/2⌋ − ⌊P/2⌋ (padded with 0).
// Deviation: batchgeneratorsv2 applies A in grid_sample's normalised [−1, 1] coordinates of the *source* region, so
// when that region is not a cube the "rotation" also shears/stretches by the ratio of its extents; we rotate in
// voxel units (a true rotation of the voxel grid). Because of that the source may be the whole case (with the
// patch centre given) instead of the enlarged crop — the result then uses real image data where the reference
// would see the crop's zero padding.
import type { Rng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { shapeSize } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';
import { voteLabel } from '../preprocess/label-vote.js';
import type { AugmentConfig } from './config.js';

export interface SpatialParams {
  /** Radians, batchgeneratorsv2 order [x, y, z] = rotation about network axes D2, D1, D0; null: no rotation. */
  angles: [number, number, number] | null;
  /** Isotropic scale; null: no scaling. */
  scale: number | null;
}

export function sampleSpatialParams(c: AugmentConfig['spatial'], rng: Rng): SpatialParams {
  const doRotation = rng.chance(c.rotationProbability);
  const doScale = rng.chance(c.scalingProbability);
  const [lo, hi] = c.rotationRange;
  const angles: SpatialParams['angles'] = doRotation
    ? [rng.uniform(lo, hi), rng.uniform(lo, hi), rng.uniform(lo, hi)]
    : null;
  const scale = doScale ? rng.uniform(c.scalingRange[0], c.scalingRange[1]) : null;
  return { angles, scale };
}

type M3 = number[]; // row-major 3×3

function mul(a: M3, b: M3): M3 {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++) for (let k = 0; k < 3; k++) out[3 * r + c]! += a[3 * r + k]! * b[3 * k + c]!;
  return out;
}

/**
 * Row-major matrix M with source offset = M · output offset, both in network order (D0, D1, D2) voxel units.
 */
export function spatialMatrix(p: SpatialParams): M3 {
  const [ax, ay, az] = p.angles ?? [0, 0, 0];
  const s = p.scale ?? 1;
  const rx = [1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)];
  const ry = [Math.cos(ay), 0, Math.sin(ay), 0, 1, 0, -Math.sin(ay), 0, Math.cos(ay)];
  const rz = [Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1];
  const a = mul(mul(mul(rz, ry), rx), [s, 0, 0, 0, s, 0, 0, 0, s]);
  // xyz source offset (row vector) = offset · A, i.e. column vector Aᵀ · offset; xyz index 2 − d ↔ network axis d
  const m = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[3 * i + j] = a[3 * (2 - j) + (2 - i)]!;
  return m;
}

export interface SpatialSource {
  data: Float32Array;
  label?: Uint8Array;
  shape: Shape3;
}

export interface SpatialOptions {
  /** Source position (voxel indices, network order) the patch centre maps to; default the geometric centre. */
  center?: [number, number, number];
  labelInterpolation?: 'linear' | 'nearest';
}

function minLabel(label: Uint8Array): number {
  let m = 255;
  for (let n = 0; n < label.length; n++) if (label[n]! < m) m = label[n]!;
  return m;
}

/** The patch of size `patchSize` for the given parameters (image trilinear, labels as configured). */
export function applySpatial(
  src: SpatialSource,
  patchSize: Shape3,
  params: SpatialParams,
  options: SpatialOptions = {},
): { data: Float32Array; label?: Uint8Array; shape: Shape3 } {
  const S = src.shape;
  const center = options.center ?? [(S[0] - 1) / 2, (S[1] - 1) / 2, (S[2] - 1) / 2];
  const n = shapeSize(patchSize);
  const data = new Float32Array(n);
  const label = src.label ? new Uint8Array(n) : undefined;
  if (!params.angles && !params.scale) {
    // plain crop, start ⌊centre + 0.5⌋ − ⌊P/2⌋ (= ⌊S/2⌋ − ⌊P/2⌋ for the default centre)
    const start = [0, 1, 2].map((d) => Math.floor(center[d]! + 0.5) - Math.floor(patchSize[d]! / 2));
    let o = 0;
    for (let a = 0; a < patchSize[0]; a++)
      for (let b = 0; b < patchSize[1]; b++)
        for (let c = 0; c < patchSize[2]; c++, o++) {
          const x = start[0]! + a;
          const y = start[1]! + b;
          const z = start[2]! + c;
          if (x < 0 || y < 0 || z < 0 || x >= S[0] || y >= S[1] || z >= S[2]) continue;
          const s = (x * S[1] + y) * S[2] + z;
          data[o] = src.data[s]!;
          if (label) label[o] = src.label![s]!;
        }
    return label ? { data, label, shape: [...patchSize] } : { data, shape: [...patchSize] };
  }
  const m = spatialMatrix(params);
  const h = patchSize.map((p) => (p - 1) / 2);
  const nearest = options.labelInterpolation === 'nearest';
  const fallback = label ? minLabel(src.label!) : 0;
  const idx = new Int32Array(8);
  const wt = new Float64Array(8);
  const labs = new Int32Array(8);
  const scratchL = new Int32Array(8);
  const scratchS = new Float64Array(8);
  const s1 = S[2];
  const s0 = S[1] * S[2];
  let o = 0;
  for (let a = 0; a < patchSize[0]; a++) {
    const qa = a - h[0]!;
    for (let b = 0; b < patchSize[1]; b++) {
      const qb = b - h[1]!;
      // source position of (a, b, c) = centre + M·q; linear in c
      let px = center[0] + m[0]! * qa + m[1]! * qb - m[2]! * h[2]!;
      let py = center[1] + m[3]! * qa + m[4]! * qb - m[5]! * h[2]!;
      let pz = center[2] + m[6]! * qa + m[7]! * qb - m[8]! * h[2]!;
      for (let c = 0; c < patchSize[2]; c++, o++, px += m[2]!, py += m[5]!, pz += m[8]!) {
        const x0 = Math.floor(px);
        const y0 = Math.floor(py);
        const z0 = Math.floor(pz);
        const fx = px - x0;
        const fy = py - y0;
        const fz = pz - z0;
        let v = 0;
        let k = 0;
        if (x0 >= 0 && y0 >= 0 && z0 >= 0 && x0 < S[0] - 1 && y0 < S[1] - 1 && z0 < S[2] - 1) {
          // all 8 neighbours inside (the common case)
          const i000 = x0 * s0 + y0 * s1 + z0;
          const i100 = i000 + s0;
          const d = src.data;
          const v00 = d[i000]! + fz * (d[i000 + 1]! - d[i000]!);
          const v01 = d[i000 + s1]! + fz * (d[i000 + s1 + 1]! - d[i000 + s1]!);
          const v10 = d[i100]! + fz * (d[i100 + 1]! - d[i100]!);
          const v11 = d[i100 + s1]! + fz * (d[i100 + s1 + 1]! - d[i100 + s1]!);
          const v0 = v00 + fy * (v01 - v00);
          const v1 = v10 + fy * (v11 - v10);
          data[o] = v0 + fx * (v1 - v0);
          if (!label || nearest) {
            if (label)
              label[o] = src.label![roundHalfEven(px) * s0 + roundHalfEven(py) * s1 + roundHalfEven(pz)]!;
            continue;
          }
          const l = src.label!;
          const l0 = l[i000]!;
          if (
            l0 === l[i000 + 1] &&
            l0 === l[i000 + s1] &&
            l0 === l[i000 + s1 + 1] &&
            l0 === l[i100] &&
            l0 === l[i100 + 1] &&
            l0 === l[i100 + s1] &&
            l0 === l[i100 + s1 + 1]
          ) {
            label[o] = l0;
            continue;
          }
          const gx = 1 - fx;
          const gy = 1 - fy;
          const gz = 1 - fz;
          labs[0] = l0;
          labs[1] = l[i000 + 1]!;
          labs[2] = l[i000 + s1]!;
          labs[3] = l[i000 + s1 + 1]!;
          labs[4] = l[i100]!;
          labs[5] = l[i100 + 1]!;
          labs[6] = l[i100 + s1]!;
          labs[7] = l[i100 + s1 + 1]!;
          wt[0] = gx * gy * gz;
          wt[1] = gx * gy * fz;
          wt[2] = gx * fy * gz;
          wt[3] = gx * fy * fz;
          wt[4] = fx * gy * gz;
          wt[5] = fx * gy * fz;
          wt[6] = fx * fy * gz;
          wt[7] = fx * fy * fz;
          label[o] = voteLabel(labs, wt, 8, fallback, scratchL, scratchS);
          continue;
        }
        if (x0 < -1 || y0 < -1 || z0 < -1 || x0 >= S[0] || y0 >= S[1] || z0 >= S[2]) {
          if (label) label[o] = nearest ? 0 : fallback;
          continue; // every neighbour outside: image 0
        }
        // general case: some neighbours outside (zero padding), or mixed labels
        for (let dx = 0; dx < 2; dx++) {
          const x = x0 + dx;
          const wx = dx ? fx : 1 - fx;
          if (x < 0 || x >= S[0] || wx === 0) continue;
          for (let dy = 0; dy < 2; dy++) {
            const y = y0 + dy;
            const wy = dy ? fy : 1 - fy;
            if (y < 0 || y >= S[1] || wy === 0) continue;
            for (let dz = 0; dz < 2; dz++) {
              const z = z0 + dz;
              const wz = dz ? fz : 1 - fz;
              if (z < 0 || z >= S[2] || wz === 0) continue;
              const s = x * s0 + y * s1 + z;
              const w = wx * wy * wz;
              v += w * src.data[s]!;
              idx[k] = s;
              wt[k] = w;
              k++;
            }
          }
        }
        data[o] = v;
        if (!label) continue;
        if (nearest) {
          const x = roundHalfEven(px);
          const y = roundHalfEven(py);
          const z = roundHalfEven(pz);
          label[o] =
            x < 0 || y < 0 || z < 0 || x >= S[0] || y >= S[1] || z >= S[2]
              ? 0
              : src.label![x * s0 + y * s1 + z]!;
        } else {
          for (let t = 0; t < k; t++) labs[t] = src.label![idx[t]!]!;
          label[o] = voteLabel(labs, wt, k, fallback, scratchL, scratchS);
        }
      }
    }
  }
  return label ? { data, label, shape: [...patchSize] } : { data, shape: [...patchSize] };
}
