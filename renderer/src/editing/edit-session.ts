// The label map being edited in a case: the working voxels (shared with the viewer), the last committed
// state, unlimited undo/redo of labelled steps, reviewed slices, and whether anything is unsaved.
// Edits made behind its back (Cornerstone3D brushes writing into the shared buffer) become a step on
// `commitExternal()`; our own tools go through `apply()`.
import { UndoStack } from './undo-stack.js';
import type { VoxelChange } from './voxel-diff.js';
import { applyChange, changeOfFill, changedSlices, concatChanges, diffVoxels } from './voxel-diff.js';

export interface SessionChange {
  /** k-slices whose voxels changed (for the viewer to refresh). */
  slices: number[];
  voxels: number;
}

export type SessionListener = () => void;

export class EditSession {
  readonly undoStack = new UndoStack<VoxelChange>();
  private committed: Uint8Array;
  private base: Uint8Array;
  private reviewed: Set<number>;
  private savedReviewed: string;
  private savedDepth = 0;
  private depth = 0;
  private listeners = new Set<SessionListener>();
  /** Voxels changed by all steps since the case was opened (undo counts too). */
  voxelsEdited = 0;
  /**
   * Which k-slices external writers touched since the last call (undefined: unknown, compare all). Set by
   * the viewer; lets a commit on a big volume compare a few slices instead of every voxel.
   */
  touchedSlices: (() => readonly number[] | undefined) | null = null;

  constructor(
    /** The working voxels; the viewer's label volume is a view of this buffer. */
    readonly labels: Uint8Array,
    readonly sliceSize: number,
    /** The label version the working voxels came from (null: none yet). */
    public baseVersionId: number | null,
    reviewedSlices: readonly number[] = [],
    /** The base version's voxels when the caller has them (equal to `labels`, never written): no copy. */
    base?: Uint8Array,
  ) {
    this.committed = labels.slice();
    this.base = base && base.length === labels.length ? base : labels.slice();
    this.reviewed = new Set(reviewedSlices);
    this.savedReviewed = this.reviewedKey();
  }

  subscribe(fn: SessionListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of [...this.listeners]) fn();
  }

  private reviewedKey(): string {
    return [...this.reviewed].sort((a, b) => a - b).join(',');
  }

  private record(label: string, change: VoxelChange): SessionChange {
    this.undoStack.push(label, change);
    this.depth++;
    if (this.savedDepth >= this.depth) this.savedDepth = -1; // the saved state is no longer reachable by redo
    this.voxelsEdited += change.indices.length;
    this.emit();
    return { slices: changedSlices(change, this.sliceSize), voxels: change.indices.length };
  }

  /**
   * Turns whatever changed in `labels` since the last commit into one undo step. With `slices`, only those
   * k-slices are compared (the caller knows nothing else was touched); otherwise the whole volume.
   */
  commitExternal(label: string, slices = this.touchedSlices?.()): SessionChange | null {
    if (slices && slices.length === 0) return null;
    const change = slices ? this.diffSlices(slices) : diffVoxels(this.committed, this.labels);
    if (change.indices.length === 0) return null;
    applyChange(this.committed, change, true);
    return this.record(label, change);
  }

  private diffSlices(slices: readonly number[]): VoxelChange {
    const parts = [...new Set(slices)]
      .filter((k) => k >= 0 && (k + 1) * this.sliceSize <= this.labels.length)
      .sort((a, b) => a - b)
      .map((k) => diffVoxels(this.committed, this.labels, k * this.sliceSize, (k + 1) * this.sliceSize));
    return concatChanges(parts);
  }

  /** Sets `indices` to `value` as one undo step (after committing pending external edits). */
  apply(label: string, indices: ArrayLike<number>, value: number): SessionChange | null {
    this.commitExternal('Edit');
    const change = changeOfFill(this.labels, indices, value);
    if (change.indices.length === 0) return null;
    applyChange(this.labels, change, true);
    applyChange(this.committed, change, true);
    return this.record(label, change);
  }

  undo(): (SessionChange & { label: string }) | null {
    this.commitExternal('Edit');
    const step = this.undoStack.undo();
    if (!step) return null;
    applyChange(this.labels, step.data, false);
    applyChange(this.committed, step.data, false);
    this.depth--;
    this.voxelsEdited += step.data.indices.length;
    this.emit();
    return {
      label: step.label,
      slices: changedSlices(step.data, this.sliceSize),
      voxels: step.data.indices.length,
    };
  }

  redo(): (SessionChange & { label: string }) | null {
    this.commitExternal('Edit');
    const step = this.undoStack.redo();
    if (!step) return null;
    applyChange(this.labels, step.data, true);
    applyChange(this.committed, step.data, true);
    this.depth++;
    this.voxelsEdited += step.data.indices.length;
    this.emit();
    return {
      label: step.label,
      slices: changedSlices(step.data, this.sliceSize),
      voxels: step.data.indices.length,
    };
  }

  /** Replaces every voxel (another version, a restored draft) and forgets the undo history. */
  replace(
    data: Uint8Array,
    baseVersionId: number | null,
    reviewedSlices: readonly number[],
    baseData = data,
  ): void {
    if (data.length !== this.labels.length || baseData.length !== this.labels.length) {
      throw new Error('the label map does not match the scan grid');
    }
    this.labels.set(data);
    this.committed.set(data);
    this.base = baseData === data ? data.slice() : baseData.slice();
    this.baseVersionId = baseVersionId;
    this.reviewed = new Set(reviewedSlices);
    this.undoStack.clear();
    this.depth = 0;
    const pristine = baseData === data;
    this.savedDepth = pristine ? 0 : -1;
    this.savedReviewed = pristine ? this.reviewedKey() : '\u0000';
    this.emit();
  }

  /** After a successful save: the working state is the new version. */
  markSaved(versionId: number): void {
    this.commitExternal('Edit');
    this.baseVersionId = versionId;
    this.base = this.labels.slice();
    this.savedDepth = this.depth;
    this.savedReviewed = this.reviewedKey();
    this.emit();
  }

  get dirty(): boolean {
    return this.depth !== this.savedDepth || this.reviewedKey() !== this.savedReviewed;
  }

  /** The labels of the version the edits started from (for drafts). */
  baseLabels(): Uint8Array {
    return this.base;
  }

  reviewedSlices(): number[] {
    return [...this.reviewed].sort((a, b) => a - b);
  }

  isReviewed(k: number): boolean {
    return this.reviewed.has(k);
  }

  setReviewed(k: number, reviewed: boolean): void {
    if (reviewed) this.reviewed.add(k);
    else this.reviewed.delete(k);
    this.emit();
  }
}
