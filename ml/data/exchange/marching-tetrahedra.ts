// The surface of one label in a label map, as a closed triangle mesh in patient LPS millimetres.
//
// Method: marching tetrahedra on the binary mask (1 inside, 0 outside, iso-level ½). Every voxel cell
// (the cube between 8 neighbouring voxel centres) is split into 6 tetrahedra along its main diagonal
// (Freudenthal/Kuhn split: the paths 000 → one axis → two axes → 111), so neighbouring cells split
// their shared faces the same way. A tetrahedron has no ambiguous case, so the surface is closed and
// every edge belongs to exactly two triangles, by construction (no 256-case table is needed, unlike
// marching cubes). Vertices sit at edge midpoints; triangles are oriented counter-clockwise seen
// from outside (normals point out of the label). The mask is padded by one empty voxel on every side,
// so labels touching the volume border are closed too; on flat faces the surface lies on the voxel
// boundary, so the mesh's bounding box is the labelled voxels' box in world coordinates.
// Reference: Doi & Koide 1991 (marching tetrahedra); Kuhn 1960 (cube triangulation).

import { voxelIndex, type Volume } from '../io/volume.js';

export interface Mesh {
  /** x, y, z per vertex (LPS mm). */
  positions: Float64Array;
  /** Three vertex indices per triangle, counter-clockwise seen from outside. */
  triangles: Uint32Array;
}

// The 6 tetrahedra of a cell as corner numbers (bit 0 = +x, bit 1 = +y, bit 2 = +z).
const TETS: readonly (readonly [number, number, number, number])[] = [
  [0, 1, 3, 7],
  [0, 1, 5, 7],
  [0, 2, 3, 7],
  [0, 2, 6, 7],
  [0, 4, 5, 7],
  [0, 4, 6, 7],
];

function boundingBox(label: Volume, value: number): [number, number, number, number, number, number] | null {
  const [nx, ny, nz] = label.dims;
  const box = [nx, ny, nz, -1, -1, -1];
  const v = label.voxels;
  for (let k = 0, n = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++, n++) {
        if (v[n] !== value) continue;
        if (i < box[0]!) box[0] = i;
        if (i > box[3]!) box[3] = i;
        if (j < box[1]!) box[1] = j;
        if (j > box[4]!) box[4] = j;
        if (k < box[2]!) box[2] = k;
        if (k > box[5]!) box[5] = k;
      }
    }
  }
  return box[3]! < 0 ? null : (box as [number, number, number, number, number, number]);
}

/** The mesh of the voxels equal to `value`; empty (no vertices) when there are none. */
export function labelSurface(label: Volume, value: number): Mesh {
  const box = boundingBox(label, value);
  if (!box) return { positions: new Float64Array(0), triangles: new Uint32Array(0) };
  // Local grid: the box plus one empty voxel on each side.
  const [i0, j0, k0] = [box[0] - 1, box[1] - 1, box[2] - 1];
  const nx = box[3] - box[0] + 3;
  const ny = box[4] - box[1] + 3;
  const nz = box[5] - box[2] + 3;
  const mask = new Uint8Array(nx * ny * nz);
  for (let z = 1; z < nz - 1; z++) {
    for (let y = 1; y < ny - 1; y++) {
      let at = voxelIndex(label.dims, i0 + 1, j0 + y, k0 + z);
      for (let x = 1; x < nx - 1; x++, at++) mask[x + nx * (y + ny * z)] = label.voxels[at] === value ? 1 : 0;
    }
  }
  const cornerOffset = [0, 1, nx, nx + 1, nx * ny, nx * ny + 1, nx * ny + nx, nx * ny + nx + 1];
  const vertexOf = new Map<number, number>();
  const points: number[] = []; // local index-space coordinates, doubled (integers)
  const tris: number[] = [];
  const corner = new Uint8Array(8);

  const vertex = (base: number, a: number, b: number): number => {
    const lo = a & b; // the corner whose bits are a subset of the other's (Freudenthal edges)
    const hi = a | b;
    const key = (base + cornerOffset[lo]!) * 7 + (hi ^ lo) - 1;
    let id = vertexOf.get(key);
    if (id === undefined) {
      id = points.length / 3;
      vertexOf.set(key, id);
      const p = base + cornerOffset[lo]!;
      const x = p % nx;
      const y = Math.floor(p / nx) % ny;
      const z = Math.floor(p / (nx * ny));
      points.push(
        2 * x + (hi & 1) - (lo & 1),
        2 * y + ((hi >> 1) & 1) - ((lo >> 1) & 1),
        2 * z + ((hi >> 2) & 1) - ((lo >> 2) & 1),
      );
    }
    return id;
  };
  // Emits triangle (a, b, c) turned so that its normal points from `inside` corners to `outside` ones.
  const emit = (a: number, b: number, c: number, dir: readonly number[]) => {
    const pa = 3 * a;
    const ux = points[3 * b]! - points[pa]!;
    const uy = points[3 * b + 1]! - points[pa + 1]!;
    const uz = points[3 * b + 2]! - points[pa + 2]!;
    const vx = points[3 * c]! - points[pa]!;
    const vy = points[3 * c + 1]! - points[pa + 1]!;
    const vz = points[3 * c + 2]! - points[pa + 2]!;
    const along =
      (uy * vz - uz * vy) * dir[0]! + (uz * vx - ux * vz) * dir[1]! + (ux * vy - uy * vx) * dir[2]!;
    if (along >= 0) tris.push(a, b, c);
    else tris.push(a, c, b);
  };
  const cornerDelta = (from: number[], to: number[]) =>
    [0, 1, 2].map(
      (axis) =>
        to.reduce((s, c) => s + ((c >> axis) & 1), 0) / to.length -
        from.reduce((s, c) => s + ((c >> axis) & 1), 0) / from.length,
    );

  for (let z = 0; z < nz - 1; z++) {
    for (let y = 0; y < ny - 1; y++) {
      for (let x = 0; x < nx - 1; x++) {
        const base = x + nx * (y + ny * z);
        let sum = 0;
        for (let c = 0; c < 8; c++) sum += corner[c] = mask[base + cornerOffset[c]!]!;
        if (sum === 0 || sum === 8) continue;
        for (const tet of TETS) {
          const inside = tet.filter((c) => corner[c] === 1);
          if (inside.length === 0 || inside.length === 4) continue;
          const outside = tet.filter((c) => corner[c] === 0);
          const dir = cornerDelta(inside, outside);
          if (inside.length === 2) {
            const [a, b] = inside as [number, number];
            const [c, d] = outside as [number, number];
            const ac = vertex(base, a, c);
            const bd = vertex(base, b, d);
            emit(ac, vertex(base, a, d), bd, dir);
            emit(ac, bd, vertex(base, b, c), dir);
          } else {
            const [lone, others] = inside.length === 1 ? [inside[0]!, outside] : [outside[0]!, inside];
            emit(
              vertex(base, lone, others[0]!),
              vertex(base, lone, others[1]!),
              vertex(base, lone, others[2]!),
              dir,
            );
          }
        }
      }
    }
  }
  return {
    positions: toWorld(label, points, [i0, j0, k0]),
    triangles: orient(label, Uint32Array.from(tris)),
  };
}

/** Doubled local index coordinates → LPS mm. */
function toWorld(label: Volume, points: number[], start: readonly number[]): Float64Array {
  const out = new Float64Array(points.length);
  const { origin: o, spacing: s, direction: d } = label;
  for (let n = 0; n < points.length; n += 3) {
    const a = (points[n]! / 2 + start[0]!) * s[0];
    const b = (points[n + 1]! / 2 + start[1]!) * s[1];
    const c = (points[n + 2]! / 2 + start[2]!) * s[2];
    for (let w = 0; w < 3; w++) out[n + w] = o[w]! + a * d[w]! + b * d[3 + w]! + c * d[6 + w]!;
  }
  return out;
}

/** A left-handed direction mirrors the mesh; reverse every triangle so that normals still point out. */
function orient(label: Volume, tris: Uint32Array): Uint32Array {
  const d = label.direction;
  const det =
    d[0] * (d[4] * d[8] - d[5] * d[7]) -
    d[3] * (d[1] * d[8] - d[2] * d[7]) +
    d[6] * (d[1] * d[5] - d[2] * d[4]);
  if (det < 0) {
    for (let n = 0; n < tris.length; n += 3) [tris[n + 1], tris[n + 2]] = [tris[n + 2]!, tris[n + 1]!];
  }
  return tris;
}
