// Pulp proposal: the darker core inside each tooth.
//
// Within the hole-filled tooth mask, eroded by a small margin so that the blurred outer rim never counts, a
// voxel is pulp when it is darker than a level between the tooth boundary level and the tooth level
// (pulp is soft tissue, far darker than dentine, but thin canals are blurred up towards dentine). Small
// specks are dropped.
import { connectedComponents, filterComponents } from './components.js';
import type { Dims } from '../../data/volume-ops/grid.js';
import { erode } from './morphology.js';

export interface PulpOptions {
  /** Grey level below which a core voxel is pulp. */
  level: number;
  /** Erosion of the tooth mask in voxels per axis. */
  erodeRadius: readonly [number, number, number];
  /** Smallest pulp component kept, in voxels. */
  minVoxels: number;
}

/** Pulp mask (0/1) inside `filledTeeth`, and the number of pulp components found / kept. */
export function proposePulp(
  smoothed: Float32Array,
  filledTeeth: Uint8Array,
  dims: Dims,
  o: PulpOptions,
): { mask: Uint8Array; found: number; kept: number } {
  const core = erode(filledTeeth, dims, o.erodeRadius);
  const cand = new Uint8Array(core.length);
  for (let n = 0; n < cand.length; n++) cand[n] = core[n] && smoothed[n]! < o.level ? 1 : 0;
  const comps = connectedComponents(cand, dims);
  const { mask, kept } = filterComponents(comps, (size) => size >= o.minVoxels);
  return { mask, found: comps.sizes.length - 1, kept };
}
