// Taubin smoothing: alternating shrink (λ) and inflate (μ) Laplacian steps, which smooth the voxel
// staircase without the shrinking plain Laplacian smoothing causes. Moves vertices only, so a closed
// mesh stays closed.
// Reference: G. Taubin, "A signal processing approach to fair surface design", SIGGRAPH 1995
// (λ = 0.5, μ = −0.53, a pass-band of about 0.1).

import type { Mesh } from './marching-tetrahedra.js';

const LAMBDA = 0.5;
const MU = -0.53;

/** Vertex neighbours in CSR form (start offsets + flat list), each neighbour once. */
function neighbours(mesh: Mesh): { start: Uint32Array; list: Uint32Array } {
  const count = mesh.positions.length / 3;
  const sets: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  const t = mesh.triangles;
  for (let n = 0; n < t.length; n += 3) {
    const [a, b, c] = [t[n]!, t[n + 1]!, t[n + 2]!];
    sets[a]!.add(b).add(c);
    sets[b]!.add(a).add(c);
    sets[c]!.add(a).add(b);
  }
  const start = new Uint32Array(count + 1);
  sets.forEach((s, v) => (start[v + 1] = start[v]! + s.size));
  const list = new Uint32Array(start[count]!);
  sets.forEach((s, v) => list.set([...s], start[v]!));
  return { start, list };
}

/** A smoothed copy of `mesh` after `iterations` λ/μ pairs (0 returns the mesh unchanged). */
export function smoothMesh(mesh: Mesh, iterations: number): Mesh {
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new RangeError(`smoothing must be a whole number of iterations ≥ 0, got ${iterations}`);
  }
  if (iterations === 0 || mesh.triangles.length === 0) return mesh;
  const { start, list } = neighbours(mesh);
  let p = Float64Array.from(mesh.positions);
  let next = new Float64Array(p.length);
  const step = (factor: number) => {
    for (let v = 0; v < start.length - 1; v++) {
      const from = start[v]!;
      const to = start[v + 1]!;
      for (let axis = 0; axis < 3; axis++) {
        let mean = 0;
        for (let n = from; n < to; n++) mean += p[3 * list[n]! + axis]!;
        mean /= Math.max(1, to - from);
        const here = p[3 * v + axis]!;
        next[3 * v + axis] = here + factor * (mean - here);
      }
    }
    [p, next] = [next, p];
  };
  for (let n = 0; n < iterations; n++) {
    step(LAMBDA);
    step(MU);
  }
  return { positions: p, triangles: mesh.triangles };
}
