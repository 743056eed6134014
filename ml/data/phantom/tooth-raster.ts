// Rasterises teeth into a material map: crown (dentine with an enamel cap, optionally a metal filling),
// one to three tapered roots, and the pulp (a chamber in the crown plus a canal in each root); then
// tidies them up and adds the sockets (tooth-cleanup.ts).

import type { Vec3 } from '../io/volume.js';
import { MATERIAL } from './materials.js';
import { addSockets, keepLargestPieces, keepPulpInside } from './tooth-cleanup.js';
import type { MetalObject } from './artefacts.js';
import { ROOT_TAPER, type ToothSpec } from './layout.js';

// Material codes as module constants: the hot loops below should not go through the MATERIAL object.
const { pulp: PULP, metal: METAL, enamel: ENAMEL, dentine: DENTINE } = MATERIAL;

/**
 * Draws the teeth over the jaws. A voxel is never given to a tooth if one of its 26 neighbours already
 * belongs to another tooth, so every tooth is its own connected component whatever the geometry.
 * Returns which tooth owns each voxel (0 none, t + 1 for tooth t) and the metal objects drawn.
 */
export function rasteriseTeeth(
  mat: Uint8Array,
  dims: Vec3,
  spacing: Vec3,
  teeth: readonly ToothSpec[],
  filled: ReadonlySet<number>,
): { owner: Int16Array; metals: MetalObject[] } {
  const owner = new Int16Array(mat.length);
  const under = mat.slice();
  const metals: MetalObject[] = [];
  const wall = 1.2 * Math.max(...spacing);
  teeth.forEach((tooth, t) => {
    const hasFilling = filled.has(t);
    drawTooth(mat, owner, dims, spacing, tooth, t + 1, hasFilling, wall);
    if (hasFilling) {
      const [, , w] = tooth.frame;
      const h = 0.9 * tooth.crownHeight;
      metals.push({
        centre: [tooth.cej[0] + h * w[0], tooth.cej[1] + h * w[1], tooth.cej[2] + h * w[2]],
        halfSize: [0.55 * tooth.au, 0.5 * tooth.av, 0.2 * tooth.crownHeight],
      });
    }
  });
  keepLargestPieces(mat, under, owner, dims, teeth.length);
  keepPulpInside(mat, dims);
  addSockets(mat, owner, dims);
  return { owner, metals };
}

function drawTooth(
  mat: Uint8Array,
  owner: Int16Array,
  dims: Vec3,
  spacing: Vec3,
  tooth: ToothSpec,
  id: number,
  hasFilling: boolean,
  wall: number,
): void {
  const [nx, ny, nz] = dims;
  const [u, v, w] = tooth.frame;
  const { au, av, crownHeight: hc, enamel: te } = tooth;
  const roots = tooth.roots.map((r) => {
    const top: Vec3 = [0, 0, 0.3 * hc];
    const axis: Vec3 = [r.apex[0] - top[0], r.apex[1] - top[1], r.apex[2] - top[2]];
    // Never thinner than 0.9 voxel, so that the sampled root stays one connected piece.
    const minRadius = Math.min(r.radius, 0.9 * Math.max(...spacing));
    return { top, axis, len2: axis[0] ** 2 + axis[1] ** 2 + axis[2] ** 2, radius: r.radius, minRadius };
  });
  // Bounding box of the tooth in voxels, from the corners of its box in tooth coordinates.
  const reach = Math.max(au, av, ...tooth.roots.map((r) => Math.hypot(r.apex[0], r.apex[1]) + r.radius));
  const wLow = Math.min(...tooth.roots.map((r) => r.apex[2])) - reach;
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const cu of [-reach, reach]) {
    for (const cv of [-reach, reach]) {
      for (const cw of [wLow, hc]) {
        for (let a = 0; a < 3; a++) {
          const world =
            (tooth.cej[a] as number) + cu * (u[a] as number) + cv * (v[a] as number) + cw * (w[a] as number);
          const idx = world / (spacing[a] as number) + ((dims[a] as number) - 1) / 2;
          lo[a] = Math.min(lo[a] as number, Math.floor(idx) - 1);
          hi[a] = Math.max(hi[a] as number, Math.ceil(idx) + 1);
        }
      }
    }
  }
  // Crown: an ellipsoid centred at 0.3·hc reaching the occlusal tip at hc; below the CEJ it narrows into the roots.
  const cw0 = 0.3 * hc;
  const ch = 0.7 * hc;
  for (let k = Math.max(0, lo[2]); k <= Math.min(nz - 1, hi[2]); k++) {
    const pz = (k - (nz - 1) / 2) * spacing[2] - tooth.cej[2];
    for (let j = Math.max(0, lo[1]); j <= Math.min(ny - 1, hi[1]); j++) {
      const py = (j - (ny - 1) / 2) * spacing[1] - tooth.cej[1];
      for (let i = Math.max(0, lo[0]); i <= Math.min(nx - 1, hi[0]); i++) {
        const px = (i - (nx - 1) / 2) * spacing[0] - tooth.cej[0];
        const lu = px * u[0] + py * u[1] + pz * u[2];
        const lv = px * v[0] + py * v[1] + pz * v[2];
        const lw = px * w[0] + py * w[1] + pz * w[2];
        const inCrown = (lu / au) ** 2 + (lv / av) ** 2 + ((lw - cw0) / ch) ** 2 <= 1;
        let inRoot = false;
        let inCanal = false;
        for (const r of roots) {
          const dx = lu - r.top[0];
          const dy = lv - r.top[1];
          const dz = lw - r.top[2];
          let t = (dx * r.axis[0] + dy * r.axis[1] + dz * r.axis[2]) / r.len2;
          t = t < 0 ? 0 : t > 1 ? 1 : t;
          const ex = dx - t * r.axis[0];
          const ey = dy - t * r.axis[1];
          const ez = dz - t * r.axis[2];
          const d = Math.sqrt(ex * ex + ey * ey + ez * ez);
          const radius = Math.max(r.radius * (1 - ROOT_TAPER * t), r.minRadius);
          if (d <= radius) {
            inRoot = true;
            if (t <= 0.85 && d <= Math.min(0.4 * radius, radius - wall)) inCanal = true;
          }
        }
        if (!inCrown && !inRoot) continue;
        const n = i + nx * (j + ny * k);
        if (touchesOtherTooth(owner, dims, i, j, k, id)) continue;
        owner[n] = id;
        const inChamber =
          (lu / (0.4 * au)) ** 2 + (lv / (0.4 * av)) ** 2 + ((lw - 0.3 * hc) / (0.27 * hc)) ** 2 <= 1;
        if (inChamber || inCanal) {
          mat[n] = PULP;
        } else if (
          hasFilling &&
          inCrown &&
          (lu / (0.55 * au)) ** 2 + (lv / (0.5 * av)) ** 2 + ((lw - 0.95 * hc) / (0.35 * hc)) ** 2 <= 1
        ) {
          mat[n] = METAL;
        } else if (
          inCrown &&
          lw >= 0.05 * hc &&
          (lu / (au - te)) ** 2 + (lv / (av - te)) ** 2 + ((lw - cw0) / (ch - te)) ** 2 > 1
        ) {
          mat[n] = ENAMEL;
        } else {
          mat[n] = DENTINE;
        }
      }
    }
  }
}

function touchesOtherTooth(
  owner: Int16Array,
  dims: Vec3,
  i: number,
  j: number,
  k: number,
  id: number,
): boolean {
  const [nx, ny, nz] = dims;
  for (let c = Math.max(0, k - 1); c <= Math.min(nz - 1, k + 1); c++) {
    for (let b = Math.max(0, j - 1); b <= Math.min(ny - 1, j + 1); b++) {
      const row = nx * (b + ny * c);
      for (let a = Math.max(0, i - 1); a <= Math.min(nx - 1, i + 1); a++) {
        const o = owner[row + a] as number;
        if (o !== 0 && o !== id) return true;
      }
    }
  }
  return false;
}
