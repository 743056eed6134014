// Clean-up after the teeth are drawn: one connected piece per tooth, pulp strictly inside the tooth,
// and the tooth sockets (periodontal ligament and lamina dura).

import type { Vec3 } from '../io/volume.js';
import { MATERIAL } from './materials.js';
import { connectedComponents } from '../volume-ops/components.js';
import { dilate, FACE_NEIGHBOURS } from '../volume-ops/morphology.js';

// Material codes as module constants: the hot loops below should not go through the MATERIAL object.
const {
  pulp: PULP,
  metal: METAL,
  enamel: ENAMEL,
  dentine: DENTINE,
  bone: BONE,
  cortex: CORTEX,
  pdl: PDL,
} = MATERIAL;

/**
 * Keeps only the largest 26-connected piece of every tooth (sampling or the neighbour rule can cut off a
 * few voxels); the voxels of other pieces get back the material they had before the teeth were drawn.
 */
export function keepLargestPieces(
  mat: Uint8Array,
  under: Uint8Array,
  owner: Int16Array,
  dims: Vec3,
  count: number,
): void {
  const { labels: piece, sizes } = connectedComponents(owner, dims, 26);
  // Pieces are numbered in scan order of their first voxel, which gives each piece's tooth.
  const pieceOwner = new Int32Array(sizes.length);
  for (let n = 0, next = 1; next < sizes.length; n++) {
    if (piece[n] === next) pieceOwner[next++] = owner[n] as number;
  }
  const best = new Int32Array(count + 1);
  for (let p = 1; p < sizes.length; p++) {
    const id = pieceOwner[p] as number;
    if (best[id] === 0 || (sizes[p] as number) > (sizes[best[id] as number] as number)) best[id] = p;
  }
  for (let n = 0; n < owner.length; n++) {
    const id = owner[n] as number;
    if (id !== 0 && piece[n] !== best[id]) {
      owner[n] = 0;
      mat[n] = under[n] as number;
    }
  }
}

function isTooth(m: number | undefined): boolean {
  return m === DENTINE || m === ENAMEL || m === METAL || m === PULP;
}

/** Pulp voxels with a face neighbour that is not tooth (or outside the volume) become dentine. */
export function keepPulpInside(mat: Uint8Array, dims: Vec3): void {
  const [nx, ny, nz] = dims;
  const sy = nx;
  const sz = nx * ny;
  const demote: number[] = [];
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const n = i + sy * j + sz * k;
        if (mat[n] !== PULP) continue;
        const border = i === 0 || j === 0 || k === 0 || i === nx - 1 || j === ny - 1 || k === nz - 1;
        if (
          border ||
          !isTooth(mat[n - 1]) ||
          !isTooth(mat[n + 1]) ||
          !isTooth(mat[n - sy]) ||
          !isTooth(mat[n + sy]) ||
          !isTooth(mat[n - sz]) ||
          !isTooth(mat[n + sz])
        ) {
          demote.push(n);
        }
      }
    }
  }
  for (const n of demote) mat[n] = DENTINE;
}

/** A one-voxel PDL around every tooth where it meets bone, and a one-voxel lamina dura around that. */
export function addSockets(mat: Uint8Array, owner: Int16Array, dims: Vec3): void {
  const tooth = new Uint8Array(mat.length);
  for (let n = 0; n < mat.length; n++) tooth[n] = owner[n] !== 0 ? 1 : 0;
  const ring1 = dilate(tooth, dims, FACE_NEIGHBOURS, 'cross');
  const ring2 = dilate(ring1, dims, FACE_NEIGHBOURS, 'cross');
  for (let n = 0; n < mat.length; n++) {
    if (tooth[n]) continue;
    const m = mat[n];
    if (m !== BONE && m !== CORTEX) continue;
    if (ring1[n]) mat[n] = PDL;
    else if (ring2[n]) mat[n] = CORTEX;
  }
}
