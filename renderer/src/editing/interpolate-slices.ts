// "Fill between slices": for one label, the planes along an axis that contain it are keyframes; each gap
// between two keyframes is filled by blending their signed distance maps (shape-based interpolation).
import { signedDistance } from './distance-transform.js';
import type { Axis, Dims } from './voxel-grid.js';
import { planeLayout } from './voxel-grid.js';

export interface InterpolationOptions {
  locked?: ReadonlySet<number>;
  /** Only these planes count as keyframes (e.g. the slices the annotator edited); default: every plane with the label. */
  keyframes?: readonly number[];
}

function planeMask(labels: Uint8Array, dims: Dims, axis: Axis, index: number, value: number) {
  const l = planeLayout(dims, { axis, index });
  const mask = new Uint8Array(l.width * l.height);
  let any = false;
  for (let v = 0; v < l.height; v++)
    for (let u = 0; u < l.width; u++)
      if (labels[l.toVolume(u, v)] === value) {
        mask[u + v * l.width] = 1;
        any = true;
      }
  return { mask, any, layout: l };
}

/** Plane indices along `axis` that contain `value`. */
export function planesWithLabel(labels: Uint8Array, dims: Dims, axis: Axis, value: number): number[] {
  const out: number[] = [];
  for (let index = 0; index < dims[axis]; index++) {
    if (planeMask(labels, dims, axis, index, value).any) out.push(index);
  }
  return out;
}

/**
 * Volume indices that interpolation sets to `value` (only background or unlocked voxels of other labels
 * are taken; the keyframes themselves are not touched).
 */
export function interpolateBetweenSlices(
  labels: Uint8Array,
  dims: Dims,
  axis: Axis,
  value: number,
  options: InterpolationOptions = {},
): number[] {
  const keys = (options.keyframes ? [...options.keyframes] : planesWithLabel(labels, dims, axis, value))
    .filter((k) => k >= 0 && k < dims[axis])
    .sort((a, b) => a - b);
  const out: number[] = [];
  for (let n = 0; n + 1 < keys.length; n++) {
    const k0 = keys[n]!;
    const k1 = keys[n + 1]!;
    if (k1 - k0 < 2) continue;
    const a = planeMask(labels, dims, axis, k0, value);
    const b = planeMask(labels, dims, axis, k1, value);
    if (!a.any || !b.any) continue;
    const w = a.layout.width;
    const h = a.layout.height;
    const da = signedDistance(a.mask, w, h);
    const db = signedDistance(b.mask, w, h);
    for (let k = k0 + 1; k < k1; k++) {
      const t = (k - k0) / (k1 - k0);
      const l = planeLayout(dims, { axis, index: k });
      for (let v = 0; v < h; v++) {
        for (let u = 0; u < w; u++) {
          const p = u + v * w;
          if ((1 - t) * da[p]! + t * db[p]! >= 0) continue;
          const q = l.toVolume(u, v);
          const current = labels[q]!;
          if (current === value || options.locked?.has(current)) continue;
          out.push(q);
        }
      }
    }
  }
  return out;
}
