// Smooth seeded random texture ("value noise"): pseudo-random values on a lattice of nodes `stepMm`
// apart, interpolated with smoothstep weights. Node values come from an integer hash of the node and a
// seed, so no lattice is stored and only the voxels of one material are visited.

import type { Vec3 } from '../io/volume.js';

/** Adds amplitude × noise (noise in [−1, 1]) to `img` wherever `materials` equals `code`. */
export function addValueNoise(
  img: Float32Array,
  materials: Uint8Array,
  code: number,
  amplitude: number,
  dims: Vec3,
  spacing: Vec3,
  stepMm: number,
  seed: number,
): void {
  if (amplitude === 0) return;
  const [ax, ay, az] = [0, 1, 2].map((a) =>
    latticeAxis(dims[a] as number, (spacing[a] as number) / stepMm),
  ) as [LatticeAxis, LatticeAxis, LatticeAxis];
  // The 8 node values of the current lattice cell, refreshed only when a row enters a new cell.
  const c = new Float64Array(8);
  let n = 0;
  for (let k = 0; k < dims[2]; k++) {
    const z0 = az.index[k] as number;
    const tz = az.weight[k] as number;
    for (let j = 0; j < dims[1]; j++) {
      const y0 = ay.index[j] as number;
      const ty = ay.weight[j] as number;
      let cell = -1;
      for (let i = 0; i < dims[0]; i++, n++) {
        if (materials[n] !== code) continue;
        const x0 = ax.index[i] as number;
        if (x0 !== cell) {
          cell = x0;
          for (let q = 0; q < 8; q++) c[q] = node(seed, x0 + (q & 1), y0 + ((q >> 1) & 1), z0 + (q >> 2));
        }
        const tx = ax.weight[i] as number;
        const c00 = lerp(c[0] as number, c[1] as number, tx);
        const c10 = lerp(c[2] as number, c[3] as number, tx);
        const c01 = lerp(c[4] as number, c[5] as number, tx);
        const c11 = lerp(c[6] as number, c[7] as number, tx);
        img[n] = (img[n] as number) + amplitude * lerp(lerp(c00, c10, ty), lerp(c01, c11, ty), tz);
      }
    }
  }
}

/** A pseudo-random value in [−1, 1) for lattice node (x, y, z). */
function node(seed: number, x: number, y: number, z: number): number {
  let h = seed ^ Math.imul(x, 0x27d4eb2d) ^ Math.imul(y, 0x165667b1) ^ Math.imul(z, 0x61c88647);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2147483648 - 1;
}

interface LatticeAxis {
  index: Int32Array;
  weight: Float32Array;
}

/** Lattice cell and smoothstep weight of every voxel along one axis (`ratio` = voxel size / lattice step). */
function latticeAxis(n: number, ratio: number): LatticeAxis {
  const index = new Int32Array(n);
  const weight = new Float32Array(n);
  for (let q = 0; q < n; q++) {
    const x = q * ratio;
    const c = Math.floor(x);
    const t = x - c;
    index[q] = c;
    weight[q] = t * t * (3 - 2 * t);
  }
  return { index, weight };
}

function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}
