// CBCT reconstruction artefacts applied to a float image (i fastest). The scanner's rotation axis is
// taken as the z line through the centre of the axial plane; positions are millimetres from that centre.

import type { Vec3 } from '../io/volume.js';
import type { Rng } from '../../util/rng.js';
import { GREY_VALUES } from './materials.js';

/** Position (mm) of voxel index q along an axis of n voxels, measured from the axis centre. */
export function centred(q: number, n: number, s: number): number {
  return (q - (n - 1) / 2) * s;
}

/** Radius (mm) of the circle inscribed in the axial field of view. */
function fovRadius(dims: Vec3, spacing: Vec3): number {
  return 0.5 * Math.min(dims[0] * spacing[0], dims[1] * spacing[1]);
}

/**
 * Cupping: inside the axial field-of-view circle the signal above air is reduced by `depth`·(1 − ρ²),
 * ρ = distance from the rotation axis / FOV radius (the centre is darkest, the rim unchanged).
 */
export function applyCupping(img: Float32Array, dims: Vec3, spacing: Vec3, depth: number): void {
  if (!(depth > 0)) return;
  const air = GREY_VALUES.air;
  const factor = radialMap(dims, spacing, (rho) => (rho < 1 ? 1 - depth * (1 - rho * rho) : 1));
  forEachAxial(img, dims, (n, p) => {
    img[n] = air + ((img[n] as number) - air) * (factor[p] as number);
  });
}

/** Ring artefacts: a few sharp concentric rings (bright or dark) around the rotation axis, in every slice. */
export function applyRings(img: Float32Array, dims: Vec3, spacing: Vec3, rng: Rng): void {
  const R = fovRadius(dims, spacing);
  const width = 0.6 * Math.min(spacing[0], spacing[1]);
  const rings = Array.from({ length: rng.int(4, 8) }, () => ({
    radius: rng.uniform(0.08, 0.95) * R,
    amplitude: (rng.chance(0.5) ? 1 : -1) * rng.uniform(40, 120),
  }));
  const offset = radialMap(dims, spacing, (rho) => {
    if (rho >= 1) return 0;
    let sum = 0;
    for (const ring of rings) {
      const d = (rho * R - ring.radius) / width;
      sum += ring.amplitude * Math.exp(-0.5 * d * d);
    }
    return sum;
  });
  forEachAxial(img, dims, (n, p) => {
    img[n] = (img[n] as number) + (offset[p] as number);
  });
}

/** A metal object (centre and half-extents in mm from the volume centre) that casts streaks. */
export interface MetalObject {
  centre: Vec3;
  halfSize: Vec3;
}

/**
 * Metal streaks: alternating bright and dark lines through each metal object in the axial slices it
 * spans, fading with distance; between two objects a dark band (photon starvation along that path).
 */
export function applyMetalStreaks(
  img: Float32Array,
  dims: Vec3,
  spacing: Vec3,
  metals: readonly MetalObject[],
  rng: Rng,
): void {
  const [nx, ny, nz] = dims;
  const lineWidth = Math.max(0.4, 0.8 * Math.min(spacing[0], spacing[1]));
  for (const metal of metals) {
    const count = 2 * rng.int(3, 5);
    const phase = rng.uniform(0, Math.PI);
    const streaks = Array.from({ length: count }, (_, m) => ({
      angle: phase + (m * Math.PI) / count + rng.uniform(-0.15, 0.15),
      amplitude: (m % 2 === 0 ? 1 : -1) * rng.uniform(400, 900),
    }));
    const reach = 3 * Math.max(metal.halfSize[0], metal.halfSize[1]) + 6;
    const zSigma = Math.max(metal.halfSize[2], spacing[2]);
    // The streak pattern is the same in every slice; only its strength falls off along z.
    const pattern = new Float32Array(nx * ny);
    for (let j = 0; j < ny; j++) {
      const y = centred(j, ny, spacing[1]) - metal.centre[1];
      for (let i = 0; i < nx; i++) {
        const x = centred(i, nx, spacing[0]) - metal.centre[0];
        let sum = 0;
        for (const s of streaks) {
          const across = Math.abs(-x * Math.sin(s.angle) + y * Math.cos(s.angle)) / lineWidth;
          if (across < 4) sum += s.amplitude * Math.exp(-0.5 * across * across);
        }
        pattern[i + nx * j] = sum / (1 + Math.sqrt(x * x + y * y) / reach);
      }
    }
    for (let k = 0; k < nz; k++) {
      const dz = (centred(k, nz, spacing[2]) - metal.centre[2]) / zSigma;
      const zWeight = Math.exp(-0.5 * dz * dz);
      if (zWeight < 0.02) continue;
      const slice = k * nx * ny;
      for (let p = 0; p < nx * ny; p++)
        img[slice + p] = (img[slice + p] as number) + zWeight * (pattern[p] as number);
    }
  }
  for (let a = 0; a + 1 < metals.length; a++) {
    darkBand(
      img,
      dims,
      spacing,
      metals[a] as MetalObject,
      metals[a + 1] as MetalObject,
      rng.uniform(400, 700),
    );
  }
}

/** A dark band along the segment joining two metal objects, in the slices both span. */
function darkBand(
  img: Float32Array,
  dims: Vec3,
  spacing: Vec3,
  a: MetalObject,
  b: MetalObject,
  depth: number,
): void {
  const [nx, ny, nz] = dims;
  const ex = b.centre[0] - a.centre[0];
  const ey = b.centre[1] - a.centre[1];
  const len2 = ex * ex + ey * ey;
  if (len2 === 0) return;
  const width = Math.max(0.6, Math.min(a.halfSize[0], b.halfSize[0]));
  const zc = 0.5 * (a.centre[2] + b.centre[2]);
  const zSigma = Math.max(Math.min(a.halfSize[2], b.halfSize[2]), spacing[2]);
  for (let k = 0; k < nz; k++) {
    const dz = (centred(k, nz, spacing[2]) - zc) / zSigma;
    const zWeight = Math.exp(-0.5 * dz * dz);
    if (zWeight < 0.02) continue;
    for (let j = 0; j < ny; j++) {
      const y = centred(j, ny, spacing[1]) - a.centre[1];
      for (let i = 0; i < nx; i++) {
        const x = centred(i, nx, spacing[0]) - a.centre[0];
        const t = Math.min(1, Math.max(0, (x * ex + y * ey) / len2));
        const px = x - t * ex;
        const py = y - t * ey;
        const d = Math.sqrt(px * px + py * py) / width;
        if (d > 4) continue;
        const n = i + nx * (j + ny * k);
        img[n] = (img[n] as number) - depth * zWeight * Math.exp(-0.5 * d * d);
      }
    }
  }
}

/** A per-pixel map of the axial plane from the normalised radius ρ (1 on the inscribed FOV circle). */
function radialMap(dims: Vec3, spacing: Vec3, f: (rho: number) => number): Float32Array {
  const R = fovRadius(dims, spacing);
  const map = new Float32Array(dims[0] * dims[1]);
  let p = 0;
  for (let j = 0; j < dims[1]; j++) {
    const y = centred(j, dims[1], spacing[1]);
    for (let i = 0; i < dims[0]; i++, p++) map[p] = f(Math.hypot(centred(i, dims[0], spacing[0]), y) / R);
  }
  return map;
}

function forEachAxial(img: Float32Array, dims: Vec3, visit: (n: number, p: number) => void): void {
  const plane = dims[0] * dims[1];
  for (let n = 0; n < img.length; n++) visit(n, n % plane);
}
