// Size of the enlarged crop that the spatial augmentation turns into the final patch.
//
// Reference: spec §3.4; nnunetv2/training/data_augmentation/compute_initial_patch_size.py (`get_patch_size`) with
// batchgenerators' `rotate_coords_3d` convention: the corner vector of the patch rotated by the largest angle
// about each axis separately (angles capped at 90°), the per-axis maximum of the absolute extents, divided by the
// smallest scale (nnU-Net passes 0.85), truncated to integers. For 160×256×256 and ±30°: [313, 411, 354].
import type { Shape3 } from '../preprocess/layout.js';
import { assertShape } from '../preprocess/layout.js';

type M3 = [number, number, number, number, number, number, number, number, number];

/** Row vector v times the 3×3 row-major matrix m. */
function rowTimes(v: readonly number[], m: M3): number[] {
  return [0, 1, 2].map((c) => v[0]! * m[c]! + v[1]! * m[3 + c]! + v[2]! * m[6 + c]!);
}

/** Initial (enlarged) patch size for rotations up to `maxRotation` radians per axis and scales down to `minScale`. */
export function initialPatchSize(
  finalPatchSize: Shape3,
  maxRotation: readonly [number, number, number] = [Math.PI / 6, Math.PI / 6, Math.PI / 6],
  minScale = 0.85,
): Shape3 {
  assertShape(finalPatchSize, 'finalPatchSize');
  if (!(minScale > 0)) throw new RangeError(`minScale must be > 0, got ${minScale}`);
  const [ax, ay, az] = maxRotation.map((a) => Math.min(Math.abs(a), Math.PI / 2));
  const cx = Math.cos(ax!),
    sx = Math.sin(ax!);
  const cy = Math.cos(ay!),
    sy = Math.sin(ay!);
  const cz = Math.cos(az!),
    sz = Math.sin(az!);
  const rx: M3 = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
  const ry: M3 = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const rz: M3 = [cz, -sz, 0, sz, cz, 0, 0, 0, 1];
  const result = [...finalPatchSize];
  for (const m of [rx, ry, rz]) {
    const r = rowTimes(finalPatchSize, m);
    for (let d = 0; d < 3; d++) result[d] = Math.max(result[d]!, Math.abs(r[d]!));
  }
  return result.map((s) => Math.trunc(s / minScale)) as Shape3;
}
