// A reversible edit of a label map: the voxels that changed with their old and new values.
export interface VoxelChange {
  indices: Uint32Array;
  before: Uint8Array;
  after: Uint8Array;
}

export const EMPTY_CHANGE: VoxelChange = {
  indices: new Uint32Array(0),
  before: new Uint8Array(0),
  after: new Uint8Array(0),
};

class GrowingBuffers {
  indices = new Uint32Array(1024);
  before = new Uint8Array(1024);
  after = new Uint8Array(1024);
  length = 0;

  push(index: number, b: number, a: number): void {
    if (this.length === this.indices.length) {
      const n = this.length * 2;
      const i2 = new Uint32Array(n);
      i2.set(this.indices);
      const b2 = new Uint8Array(n);
      b2.set(this.before);
      const a2 = new Uint8Array(n);
      a2.set(this.after);
      this.indices = i2;
      this.before = b2;
      this.after = a2;
    }
    this.indices[this.length] = index;
    this.before[this.length] = b;
    this.after[this.length] = a;
    this.length++;
  }

  finish(): VoxelChange {
    return {
      indices: this.indices.slice(0, this.length),
      before: this.before.slice(0, this.length),
      after: this.after.slice(0, this.length),
    };
  }
}

/**
 * The voxels where `after` differs from `before`, optionally only within [from, to) (volume indices).
 * Compares four voxels at a time where both arrays are 4-byte aligned.
 */
export function diffVoxels(before: Uint8Array, after: Uint8Array, from = 0, to = before.length): VoxelChange {
  if (before.length !== after.length) throw new Error('diffVoxels: arrays differ in length');
  const out = new GrowingBuffers();
  let p = from;
  const aligned =
    (before.byteOffset + p) % 4 === 0 && (after.byteOffset + p) % 4 === 0 && to - p >= 4 && p % 4 === 0;
  if (aligned) {
    const words = Math.floor((to - p) / 4);
    const bw = new Uint32Array(before.buffer, before.byteOffset + p, words);
    const aw = new Uint32Array(after.buffer, after.byteOffset + p, words);
    for (let w = 0; w < words; w++) {
      if (bw[w] !== aw[w]) {
        const base = p + w * 4;
        for (let q = base; q < base + 4; q++) if (before[q] !== after[q]) out.push(q, before[q]!, after[q]!);
      }
    }
    p += words * 4;
  }
  for (; p < to; p++) if (before[p] !== after[p]) out.push(p, before[p]!, after[p]!);
  return out.finish();
}

/** Several changes over disjoint voxels as one. */
export function concatChanges(parts: readonly VoxelChange[]): VoxelChange {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((a, p) => a + p.indices.length, 0);
  const out = { indices: new Uint32Array(n), before: new Uint8Array(n), after: new Uint8Array(n) };
  let at = 0;
  for (const p of parts) {
    out.indices.set(p.indices, at);
    out.before.set(p.before, at);
    out.after.set(p.after, at);
    at += p.indices.length;
  }
  return out;
}

/** Writes a change's new values (`forward`) or old values (undo) into `target`. */
export function applyChange(target: Uint8Array, change: VoxelChange, forward: boolean): void {
  const values = forward ? change.after : change.before;
  const { indices } = change;
  for (let n = 0; n < indices.length; n++) target[indices[n]!] = values[n]!;
}

/** Records the change of setting `indices` (unique) to `value` in `volume`, without writing it. */
export function changeOfFill(volume: Uint8Array, indices: ArrayLike<number>, value: number): VoxelChange {
  const out = new GrowingBuffers();
  for (let n = 0; n < indices.length; n++) {
    const q = indices[n]!;
    if (volume[q] !== value) out.push(q, volume[q]!, value);
  }
  return out.finish();
}

/** The sorted distinct slice numbers (along k) a change touches. */
export function changedSlices(change: VoxelChange, sliceSize: number): number[] {
  const set = new Set<number>();
  for (let n = 0; n < change.indices.length; n++) set.add(Math.floor(change.indices[n]! / sliceSize));
  return [...set].sort((a, b) => a - b);
}

/** Voxels changed per label value: how many became it (`added`) and how many stopped being it. */
export function changeCounts(change: VoxelChange): {
  added: Map<number, number>;
  removed: Map<number, number>;
} {
  const added = new Map<number, number>();
  const removed = new Map<number, number>();
  for (let n = 0; n < change.indices.length; n++) {
    const a = change.after[n]!;
    const b = change.before[n]!;
    if (a !== 0) added.set(a, (added.get(a) ?? 0) + 1);
    if (b !== 0) removed.set(b, (removed.get(b) ?? 0) + 1);
  }
  return { added, removed };
}
