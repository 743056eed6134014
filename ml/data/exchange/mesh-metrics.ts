// Checks on triangle soups (as read from an STL): closedness, enclosed volume, bounds. Vertices are
// matched by their exact coordinates, which is how an STL reader welds them.
// Reference: divergence theorem (signed tetrahedron volumes) for the enclosed volume.

export interface MeshCheck {
  triangles: number;
  vertices: number;
  /** Undirected edges used by a number of triangles other than 2 (0 for a closed manifold mesh). */
  badEdges: number;
  /** Directed edges used twice (0 when all triangles are consistently oriented). */
  flippedEdges: number;
  /** Signed enclosed volume in mm³ (positive when normals point outwards). */
  volume: number;
  min: [number, number, number];
  max: [number, number, number];
}

/** `vertices`: 9 numbers per triangle. */
export function checkTriangleSoup(vertices: ArrayLike<number>): MeshCheck {
  const ids = new Map<string, number>();
  const id = (n: number) => {
    const key = `${vertices[n]},${vertices[n + 1]},${vertices[n + 2]}`;
    let v = ids.get(key);
    if (v === undefined) ids.set(key, (v = ids.size));
    return v;
  };
  const undirected = new Map<string, number>();
  const directed = new Set<string>();
  let flippedEdges = 0;
  let volume = 0;
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  const count = vertices.length / 9;
  for (let t = 0; t < count; t++) {
    const base = 9 * t;
    const v = [id(base), id(base + 3), id(base + 6)];
    for (let e = 0; e < 3; e++) {
      const a = v[e]!;
      const b = v[(e + 1) % 3]!;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      undirected.set(key, (undirected.get(key) ?? 0) + 1);
      if (directed.has(`${a}>${b}`)) flippedEdges++;
      directed.add(`${a}>${b}`);
    }
    const [ax, ay, az, bx, by, bz, cx, cy, cz] = Array.from(
      { length: 9 },
      (_, k) => vertices[base + k]!,
    ) as number[];
    volume +=
      (ax! * (by! * cz! - bz! * cy!) - ay! * (bx! * cz! - bz! * cx!) + az! * (bx! * cy! - by! * cx!)) / 6;
    for (let k = 0; k < 9; k++) {
      const a = k % 3;
      const x = vertices[base + k]!;
      if (x < min[a]!) min[a] = x;
      if (x > max[a]!) max[a] = x;
    }
  }
  let badEdges = 0;
  for (const uses of undirected.values()) if (uses !== 2) badEdges++;
  return { triangles: count, vertices: ids.size, badEdges, flippedEdges, volume, min, max };
}
