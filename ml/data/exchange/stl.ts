// Binary STL: an 80-byte header, a 32-bit triangle count, then per triangle the unit normal and three
// vertices as little-endian float32 and a 16-bit attribute (0). Vertices are in millimetres, in the
// patient LPS frame by default — what 3D Slicer (since 4.11) writes and assumes, with "SPACE=LPS" in
// the header as Slicer does; RAS on request (x and y negated, "SPACE=RAS").
// Reference: the STL format (3D Systems, 1989); Slicer's mesh coordinate-system convention
// (discourse.slicer.org "Model files are now saved in LPS coordinate system", 2020).

import type { Mesh } from './marching-tetrahedra.js';

export type MeshSpace = 'LPS' | 'RAS';

export interface StlTriangles {
  header: string;
  /** 9 numbers (3 vertices) per triangle. */
  vertices: Float32Array;
  /** 3 numbers per triangle. */
  normals: Float32Array;
}

/** The bytes of a binary STL holding `mesh`. `title` goes into the header (ASCII, cut to fit). */
export function meshToStl(mesh: Mesh, title: string, space: MeshSpace = 'LPS'): Uint8Array {
  const t = mesh.triangles;
  const count = t.length / 3;
  const bytes = new Uint8Array(84 + 50 * count);
  const view = new DataView(bytes.buffer);
  // Must not start with "solid", or some readers take the file for ASCII STL.
  const header =
    `CBCT Workbench ${title.replace(/[^\x20-\x7e]/g, '?')}`.slice(0, 80 - 11) + ` SPACE=${space}`;
  for (let n = 0; n < 80; n++) bytes[n] = n < header.length ? header.charCodeAt(n) : 0x20;
  view.setUint32(80, count, true);
  const sign = space === 'RAS' ? [-1, -1, 1] : [1, 1, 1];
  const p = mesh.positions;
  const v = new Float64Array(9);
  for (let n = 0, at = 84; n < count; n++, at += 50) {
    for (let c = 0; c < 3; c++) {
      const i = 3 * t[3 * n + c]!;
      for (let a = 0; a < 3; a++) v[3 * c + a] = p[i + a]! * sign[a]!;
    }
    const ux = v[3]! - v[0]!,
      uy = v[4]! - v[1]!,
      uz = v[5]! - v[2]!;
    const wx = v[6]! - v[0]!,
      wy = v[7]! - v[1]!,
      wz = v[8]! - v[2]!;
    let nx = uy * wz - uz * wy,
      ny = uz * wx - ux * wz,
      nz = ux * wy - uy * wx;
    const len = Math.hypot(nx, ny, nz) || 1;
    [nx, ny, nz] = [nx / len, ny / len, nz / len];
    view.setFloat32(at, nx, true);
    view.setFloat32(at + 4, ny, true);
    view.setFloat32(at + 8, nz, true);
    for (let k = 0; k < 9; k++) view.setFloat32(at + 12 + 4 * k, v[k]!, true);
    view.setUint16(at + 48, 0, true);
  }
  return bytes;
}

/** Reads a binary STL (for tests and checks); throws a RangeError if the size does not fit the count. */
export function parseBinaryStl(bytes: Uint8Array): StlTriangles {
  if (bytes.length < 84) throw new RangeError(`a binary STL has at least 84 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(80, true);
  if (bytes.length !== 84 + 50 * count) {
    throw new RangeError(
      `binary STL of ${bytes.length} bytes cannot hold the ${count} triangles it announces`,
    );
  }
  const vertices = new Float32Array(9 * count);
  const normals = new Float32Array(3 * count);
  for (let n = 0; n < count; n++) {
    const at = 84 + 50 * n;
    for (let a = 0; a < 3; a++) normals[3 * n + a] = view.getFloat32(at + 4 * a, true);
    for (let k = 0; k < 9; k++) vertices[9 * n + k] = view.getFloat32(at + 12 + 4 * k, true);
  }
  return { header: String.fromCharCode(...bytes.subarray(0, 80)).trimEnd(), vertices, normals };
}
