// The review life cycle of a case, shared by the core (which enforces it) and the renderer (which offers
// only allowed actions): new → proposed → in-review → corrected → approved, plus flagged.
import type { CaseStatus } from './types.js';

export const STATUS_EDGES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['proposed', 'in-review', 'corrected', 'flagged'],
  proposed: ['in-review', 'corrected', 'flagged', 'new'],
  'in-review': ['proposed', 'corrected', 'flagged'],
  corrected: ['in-review', 'approved', 'flagged'],
  approved: ['in-review', 'flagged'],
  flagged: ['new', 'proposed', 'in-review', 'corrected'],
};

/** Statuses only the machine sets (a proposal arriving); people never pick them from a menu. */
export const MACHINE_STATUSES: readonly CaseStatus[] = ['new', 'proposed'];

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || STATUS_EDGES[from].includes(to);
}

export function allowedNext(from: CaseStatus): readonly CaseStatus[] {
  return STATUS_EDGES[from];
}
