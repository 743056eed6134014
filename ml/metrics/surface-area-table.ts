// Surface-element ("surfel") areas of the 2×2×2 neighbourhood codes used by the surface metrics.
//
// Reference: spec §7 — NSD surface elements and their areas come from "the 2×2×2 neighbourhood-code method"
// of the DeepMind surface-distance code (as redistributed by FLARE as `SurfaceDice.py`, which the official
// STSR 2025 Task 1 `compute_metrics.py` imports). There, every lattice point between voxels gets an 8-bit code
// from its 2×2×2 voxel neighbourhood, and each code owns the marching-cubes triangles of that cell; a surfel's
// area is the summed area of those triangles after scaling the axes by the voxel spacing.
//
// We do not copy that library's 256-entry lookup table; we build the triangles here from the cell geometry:
//   * cut points sit at the midpoints of the cell edges whose two corners differ (binary mask, level ½);
//   * corners "inside" a patch are the set ones when at most 4 corners are set, otherwise the unset ones
//     (so code c and 255 − c get the same surface, as in the classic marching-cubes table);
//   * a face with 4 cut points (saddle) links the cut points around each inside corner (inside corners that
//     touch only diagonally are kept apart);
//   * each closed loop of cut points is fan-triangulated. Only two loop shapes are non-planar, and for those the
//     fan's apex follows the classic table: the pentagon of three corners in an L starts at an end corner's cut
//     on the axis normal to the L's face; the hexagon of a 4-corner zig-zag path starts at an end corner's cut
//     along the axis of the path's middle edge.
// Checked during development against the reference table for all 256 codes at several anisotropic spacings
// (equal to ~1e-15); the unit tests pin hand-computed values.
//
// Code layout (same bit order as the reference's kernel [[[128,64],[32,16]],[[8,4],[2,1]]] over numpy axes
// (z, y, x)): corner (di, dj, dk) ∈ {0,1}³ of a cell, where i/j/k are our voxel axes x/y/z, has the bit
// 1 << (7 − (4·dk + 2·dj + di)). The areas themselves do not depend on this choice (the rules are symmetric).

type Corner = number; // 0..7 = di + 2·dj + 4·dk
type Point = [number, number, number]; // in half-voxel units: 0, 1 or 2 per axis

const CORNER_BIT: number[] = Array.from({ length: 8 }, (_, c) => {
  const di = c & 1;
  const dj = (c >> 1) & 1;
  const dk = (c >> 2) & 1;
  return 1 << (7 - (4 * dk + 2 * dj + di));
});

/** Bit of neighbourhood-code for the cell corner at offset (di, dj, dk). */
export function cornerBit(di: number, dj: number, dk: number): number {
  return CORNER_BIT[di + 2 * dj + 4 * dk] as number;
}

const cornerXYZ = (c: Corner): Point => [c & 1, (c >> 1) & 1, (c >> 2) & 1];

/** The 6 cell faces, each as its 4 corners in cyclic order. */
const FACES: Corner[][] = [];
for (let axis = 0; axis < 3; axis++) {
  const [p, q] = [0, 1, 2].filter((a) => a !== axis) as [number, number];
  for (const side of [0, 1]) {
    FACES.push(
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ].map(([a, b]) => (side << axis) | ((a as number) << p) | ((b as number) << q)),
    );
  }
}

const edgeAxis = (a: Corner, b: Corner): number => Math.log2(a ^ b);
const edgeKey = (a: Corner, b: Corner): number => Math.min(a, b) * 8 + Math.max(a, b);

interface Cut {
  key: number; // edgeKey of the cut cell edge
  inside: Corner; // the edge's corner on the patch's inside
  axis: number; // axis of the cut edge
  point: Point;
}

/** Closed loops of cut points of one neighbourhood code (empty for 0 and 255). */
function loopsOf(code: number): Cut[][] {
  const isSet = (c: Corner) => ((code & (CORNER_BIT[c] as number)) !== 0 ? 1 : 0);
  let count = 0;
  for (let c = 0; c < 8; c++) count += isSet(c);
  const insideValue = count <= 4 ? 1 : 0;
  const cuts = new Map<number, Cut>();
  const links = new Map<number, number[]>();
  const cutOf = (a: Corner, b: Corner): Cut => {
    const key = edgeKey(a, b);
    let cut = cuts.get(key);
    if (!cut) {
      const pa = cornerXYZ(a);
      const pb = cornerXYZ(b);
      cut = {
        key,
        inside: isSet(a) === insideValue ? a : b,
        axis: edgeAxis(a, b),
        point: [pa[0] + pb[0], pa[1] + pb[1], pa[2] + pb[2]],
      };
      cuts.set(key, cut);
    }
    return cut;
  };
  const link = (x: Cut, y: Cut) => {
    links.set(x.key, [...(links.get(x.key) ?? []), y.key]);
    links.set(y.key, [...(links.get(y.key) ?? []), x.key]);
  };
  for (const face of FACES) {
    const faceCuts: Cut[] = [];
    for (let t = 0; t < 4; t++) {
      const a = face[t] as Corner;
      const b = face[(t + 1) % 4] as Corner;
      if (isSet(a) !== isSet(b)) faceCuts.push(cutOf(a, b));
    }
    const [c0, c1, c2, c3] = faceCuts;
    if (faceCuts.length === 2) link(c0!, c1!);
    else if (faceCuts.length === 4) {
      // cut t lies between corners t and t+1; isolate the inside corners of this saddle face
      if (isSet(face[1] as Corner) === insideValue) {
        link(c0!, c1!);
        link(c2!, c3!);
      } else {
        link(c1!, c2!);
        link(c3!, c0!);
      }
    }
  }
  const loops: Cut[][] = [];
  const seen = new Set<number>();
  for (const start of cuts.keys()) {
    if (seen.has(start)) continue;
    const loop: Cut[] = [];
    let prev = -1;
    let cur = start;
    while (!seen.has(cur)) {
      seen.add(cur);
      loop.push(cuts.get(cur)!);
      const [n0, n1] = links.get(cur)!;
      const next = n0 !== prev ? n0! : n1!;
      prev = cur;
      cur = next;
    }
    loops.push(loop);
  }
  return loops;
}

/** Index of the fan apex of a loop (see the header); 0 where the loop is planar. */
function fanApex(loop: Cut[]): number {
  const corners = [...new Set(loop.map((c) => c.inside))];
  const adjacent = (a: Corner, b: Corner) => [1, 2, 4].includes(a ^ b);
  const degree = (a: Corner) => corners.filter((b) => adjacent(a, b)).length;
  const ends = corners.filter((c) => degree(c) === 1);
  let axis = -1;
  if (loop.length === 5 && corners.length === 3 && ends.length === 2) {
    const used = new Set<number>();
    for (const a of corners) for (const b of corners) if (a < b && adjacent(a, b)) used.add(edgeAxis(a, b));
    axis = 3 - [...used].reduce((s, x) => s + x, 0);
  } else if (loop.length === 6 && corners.length === 4 && ends.length === 2) {
    const middle = corners.filter((c) => degree(c) === 2) as [Corner, Corner];
    axis = edgeAxis(middle[0], middle[1]);
  }
  if (axis < 0) return 0;
  const apex = loop.findIndex((c) => c.inside === ends[0] && c.axis === axis);
  return apex < 0 ? 0 : apex;
}

/** Triangles (in half-voxel units) of every neighbourhood code; computed once. */
const TRIANGLES: Point[][][] = Array.from({ length: 256 }, (_, code) => {
  const triangles: Point[][] = [];
  for (const loop of loopsOf(code)) {
    const s = fanApex(loop);
    const p = loop.map((_, t) => (loop[(s + t) % loop.length] as Cut).point);
    for (let t = 1; t + 1 < p.length; t++) triangles.push([p[0]!, p[t]!, p[t + 1]!]);
  }
  return triangles;
});

/**
 * Area in mm² of the surfel of every neighbourhood code for voxel spacing (sx, sy, sz) along our axes i, j, k.
 * Codes 0 and 255 (no surface) have area 0.
 */
export function surfelAreaTable(spacing: readonly [number, number, number]): Float64Array {
  const h = [spacing[0] / 2, spacing[1] / 2, spacing[2] / 2];
  const table = new Float64Array(256);
  for (let code = 0; code < 256; code++) {
    let area = 0;
    for (const [a, b, c] of TRIANGLES[code] as Point[][]) {
      const u = [0, 1, 2].map((x) => (b![x]! - a![x]!) * h[x]!);
      const v = [0, 1, 2].map((x) => (c![x]! - a![x]!) * h[x]!);
      const nx = u[1]! * v[2]! - u[2]! * v[1]!;
      const ny = u[2]! * v[0]! - u[0]! * v[2]!;
      const nz = u[0]! * v[1]! - u[1]! * v[0]!;
      area += Math.sqrt(nx * nx + ny * ny + nz * nz) / 2;
    }
    table[code] = area;
  }
  return table;
}
