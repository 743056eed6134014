// How label saves move a case along the review life cycle (the edges themselves are in the contract).
import type { CaseStatus, LabelSource } from '../contract/types.js';

export { allowedNext, canTransition } from '../contract/status.js';

/** A manual save means a human corrected the map; a model or imported map is a proposal. */
export function statusAfterSave(current: CaseStatus, source: LabelSource): CaseStatus {
  if (source === 'manual') return current === 'flagged' ? 'flagged' : 'corrected';
  return current === 'new' ? 'proposed' : current;
}
