// The difference of two label maps as a label map of its own, for display: which voxels a newer version
// added, removed or relabelled compared with an older one.
export const DIFF_ADDED = 1;
export const DIFF_REMOVED = 2;
export const DIFF_CHANGED = 3;

export const DIFF_LEGEND = [
  { value: DIFF_ADDED, name: 'Added', color: [40, 200, 80] as [number, number, number] },
  { value: DIFF_REMOVED, name: 'Removed', color: [230, 50, 50] as [number, number, number] },
  { value: DIFF_CHANGED, name: 'Relabelled', color: [240, 200, 40] as [number, number, number] },
];

export interface LabelDiff {
  map: Uint8Array;
  added: number;
  removed: number;
  changed: number;
}

/**
 * Compares `older` with `newer` voxel by voxel. With `only`, just that label counts: voxels that became it
 * are added, voxels that stopped being it are removed.
 */
export function diffLabelMaps(older: Uint8Array, newer: Uint8Array, only?: number): LabelDiff {
  if (older.length !== newer.length) throw new Error('diffLabelMaps: the label maps differ in size');
  const map = new Uint8Array(older.length);
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (let q = 0; q < older.length; q++) {
    let a = older[q]!;
    let b = newer[q]!;
    if (a === b) continue;
    if (only !== undefined) {
      a = a === only ? only : 0;
      b = b === only ? only : 0;
      if (a === b) continue;
    }
    if (a === 0) {
      map[q] = DIFF_ADDED;
      added++;
    } else if (b === 0) {
      map[q] = DIFF_REMOVED;
      removed++;
    } else {
      map[q] = DIFF_CHANGED;
      changed++;
    }
  }
  return { map, added, removed, changed };
}

/** Dice overlap of one label between two maps (1 when both lack it). */
export function diceOf(a: Uint8Array, b: Uint8Array, value: number): number {
  let inA = 0;
  let inB = 0;
  let both = 0;
  for (let q = 0; q < a.length; q++) {
    const x = a[q] === value;
    const y = b[q] === value;
    if (x) inA++;
    if (y) inB++;
    if (x && y) both++;
  }
  return inA + inB === 0 ? 1 : (2 * both) / (inA + inB);
}
