// Drafts of unsaved label edits in web storage (localStorage in the app), one per project and case, so
// that edits survive a reload or a crash of the page. A draft records which version it started from.
import type { SparseLabels } from './draft-codec.js';
import { decodeSparse, encodeSparse } from './draft-codec.js';

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Draft {
  caseId: number;
  /** The label version the edits were made on (null: an empty label map). */
  baseVersionId: number | null;
  /** The latest version when editing started: the parent the save will name. */
  parentVersionId: number | null;
  reviewedSlices: number[];
  savedAt: string;
  changes: SparseLabels;
}

interface StoredDraft {
  format: 1;
  caseId: number;
  baseVersionId: number | null;
  parentVersionId: number | null;
  reviewedSlices: number[];
  savedAt: string;
  changes: string;
}

export type SaveDraftResult = { ok: true; bytes: number } | { ok: false; reason: string };

export class DraftStore {
  constructor(
    private readonly storage: DraftStorage,
    private readonly projectKey: string,
  ) {}

  private key(caseId: number): string {
    return `cbct-workbench:draft:${this.projectKey}:${caseId}`;
  }

  save(draft: Draft): SaveDraftResult {
    const stored: StoredDraft = {
      format: 1,
      caseId: draft.caseId,
      baseVersionId: draft.baseVersionId,
      parentVersionId: draft.parentVersionId,
      reviewedSlices: draft.reviewedSlices,
      savedAt: draft.savedAt,
      changes: encodeSparse(draft.changes),
    };
    const text = JSON.stringify(stored);
    try {
      this.storage.setItem(this.key(draft.caseId), text);
      return { ok: true, bytes: text.length };
    } catch (err) {
      return {
        ok: false,
        reason: `the draft (${Math.round(text.length / 1024)} KiB) does not fit in browser storage: ${(err as Error).message}`,
      };
    }
  }

  load(caseId: number): Draft | null {
    const text = this.storage.getItem(this.key(caseId));
    if (!text) return null;
    try {
      const s = JSON.parse(text) as StoredDraft;
      if (s.format !== 1 || s.caseId !== caseId) return null;
      return {
        caseId: s.caseId,
        baseVersionId: s.baseVersionId,
        parentVersionId: s.parentVersionId ?? s.baseVersionId,
        reviewedSlices: s.reviewedSlices,
        savedAt: s.savedAt,
        changes: decodeSparse(s.changes),
      };
    } catch {
      return null;
    }
  }

  discard(caseId: number): void {
    this.storage.removeItem(this.key(caseId));
  }
}
