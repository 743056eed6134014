// The case review life cycle. Explicit status changes must follow these edges; label saves move a case
// along automatically (see `statusAfterSave`).
import type { CaseStatus, LabelSource } from '../contract/types.js';

const EDGES: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['proposed', 'in-review', 'corrected', 'flagged'],
  proposed: ['in-review', 'corrected', 'flagged', 'new'],
  'in-review': ['proposed', 'corrected', 'flagged'],
  corrected: ['in-review', 'approved', 'flagged'],
  approved: ['in-review', 'flagged'],
  flagged: ['new', 'proposed', 'in-review', 'corrected'],
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || EDGES[from].includes(to);
}

export function allowedNext(from: CaseStatus): readonly CaseStatus[] {
  return EDGES[from];
}

/** A manual save means a human corrected the map; a model or imported map is a proposal. */
export function statusAfterSave(current: CaseStatus, source: LabelSource): CaseStatus {
  if (source === 'manual') return current === 'flagged' ? 'flagged' : 'corrected';
  return current === 'new' ? 'proposed' : current;
}
