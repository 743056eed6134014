// Rasterises the head (soft tissue in air) and the alveolar bone of each arch (trabecular core with a
// cortical rim) into a material map.

import type { Vec3 } from '../io/volume.js';
import { MATERIAL } from './materials.js';
import { centred } from './artefacts.js';
import { distanceToArch } from './arch.js';
import type { ArchSpec, PhantomLayout } from './layout.js';

// Material codes as module constants: the hot loops below should not go through the MATERIAL object.
const { soft: SOFT, bone: BONE, cortex: CORTEX } = MATERIAL;

export function rasteriseJaws(layout: PhantomLayout, dims: Vec3, spacing: Vec3): Uint8Array {
  const [nx, ny, nz] = dims;
  const plane = nx * ny;
  const mat = new Uint8Array(plane * nz);
  const { ax, ay, power } = layout.head;
  const zs = Array.from({ length: nz }, (_, k) => centred(k, nz, spacing[2]));
  const arches = layout.arches;
  const dist = new Float64Array(arches.length);
  // Bounding rectangles of the arches grown by their bone half-width: columns outside skip the distance.
  const boxes = arches.map((a) => {
    const h = a.halfWidth;
    const xs = Array.from(a.arch.xs);
    const ys = Array.from(a.arch.ys);
    return [Math.min(...xs) - h, Math.max(...xs) + h, Math.min(...ys) - h, Math.max(...ys) + h];
  });
  for (let j = 0; j < ny; j++) {
    const y = centred(j, ny, spacing[1]);
    for (let i = 0; i < nx; i++) {
      const x = centred(i, nx, spacing[0]);
      if (Math.abs(x / ax) ** power + Math.abs(y / ay) ** power > 1) continue; // air
      let nearArch = false;
      for (let n = 0; n < arches.length; n++) {
        const a = arches[n] as ArchSpec;
        const box = boxes[n] as number[];
        const outside =
          x < (box[0] as number) ||
          x > (box[1] as number) ||
          y < (box[2] as number) ||
          y > (box[3] as number);
        dist[n] = outside ? Infinity : distanceToArch(a.arch, x, y);
        if ((dist[n] as number) <= a.halfWidth) nearArch = true;
      }
      const column = i + nx * j;
      for (let k = 0; k < nz; k++) {
        let m: number = SOFT;
        for (let n = 0; nearArch && n < arches.length; n++) {
          const a = arches[n] as ArchSpec;
          const depth = boneDepth(a, dist[n] as number, zs[k] as number);
          if (depth >= 0) m = Math.max(m, depth <= a.cortex ? CORTEX : BONE);
        }
        mat[column + plane * k] = m;
      }
    }
  }
  return mat;
}

/**
 * Distance (mm) from a point inside the alveolar bone to the bone surface, or −1 outside. The bone's
 * cross-section (distance d from the arch curve, height z) is a slab of half-width `halfWidth` running from
 * the crest away from the teeth, with rounded crest corners; the side facing out of the volume is open.
 */
export function boneDepth(a: ArchSpec, d: number, z: number): number {
  const e = a.sign * (a.crest - z); // height below the crest (lower jaw) / above it (upper jaw)
  if (d > a.halfWidth || e < 0) return -1;
  const r = a.cornerRadius;
  const dc = d - (a.halfWidth - r);
  const ec = e - r;
  if (dc > 0 && ec < 0) {
    const fromCorner = Math.sqrt(dc * dc + ec * ec);
    return fromCorner > r ? -1 : r - fromCorner;
  }
  return Math.min(a.halfWidth - d, e);
}
