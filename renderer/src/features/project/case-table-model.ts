// Sorting and filtering of the project's case table (pure, so it is tested without a browser).
import type { CaseStatus, CaseSummary, Split } from '../../../../electron/contract/types.js';
import { CASE_STATUSES } from '../../../../electron/contract/types.js';
import { allowedNext, MACHINE_STATUSES } from '../../../../electron/contract/status.js';

export type CaseSortKey =
  | 'name'
  | 'status'
  | 'split'
  | 'lastEditor'
  | 'labelVersions'
  | 'voxels'
  | 'modelDice'
  | 'uncertainty'
  | 'updated';

/** Sort keys whose value may be unknown (null): those rows go last in either direction. */
const NULLABLE_KEYS: ReadonlySet<CaseSortKey> = new Set(['modelDice', 'uncertainty']);

export interface CaseFilter {
  text: string;
  status: CaseStatus | 'all';
  split: Split | 'all';
}

export interface CaseSort {
  key: CaseSortKey;
  ascending: boolean;
}

export const DEFAULT_FILTER: CaseFilter = { text: '', status: 'all', split: 'all' };
export const DEFAULT_SORT: CaseSort = { key: 'status', ascending: true };

function voxels(c: CaseSummary): number {
  const [x, y, z] = c.geometry.dims;
  return x * y * z;
}

const STATUS_ORDER = new Map(CASE_STATUSES.map((s, n) => [s, n]));

function compare(a: CaseSummary, b: CaseSummary, key: CaseSortKey): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name, undefined, { numeric: true });
    case 'status':
      return (STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0);
    case 'split':
      return a.split.localeCompare(b.split);
    case 'lastEditor':
      return (a.lastEditor ?? '').localeCompare(b.lastEditor ?? '');
    case 'labelVersions':
      return a.labelVersionCount - b.labelVersionCount;
    case 'voxels':
      return voxels(a) - voxels(b);
    case 'modelDice':
      return (a.modelDice ?? 0) - (b.modelDice ?? 0);
    case 'uncertainty':
      return (a.uncertainty ?? 0) - (b.uncertainty ?? 0);
    case 'updated':
      return a.updatedAt.localeCompare(b.updatedAt);
  }
}

function isUnknown(c: CaseSummary, key: CaseSortKey): boolean {
  if (!NULLABLE_KEYS.has(key)) return false;
  return (key === 'modelDice' ? c.modelDice : c.uncertainty) === null;
}

export function matchesFilter(c: CaseSummary, f: CaseFilter): boolean {
  if (f.status !== 'all' && c.status !== f.status) return false;
  if (f.split !== 'all' && c.split !== f.split) return false;
  const text = f.text.trim().toLowerCase();
  if (text) {
    const hay = `${c.name} ${c.comment ?? ''} ${c.lastEditor ?? ''} ${c.id}`.toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}

/**
 * Filtered and sorted rows; ties keep name order so the table does not jump around. Unknown values (no
 * model proposal yet) go last whichever the direction.
 */
export function visibleCases(cases: readonly CaseSummary[], f: CaseFilter, s: CaseSort): CaseSummary[] {
  const sign = s.ascending ? 1 : -1;
  return cases
    .filter((c) => matchesFilter(c, f))
    .sort(
      (a, b) =>
        Number(isUnknown(a, s.key)) - Number(isUnknown(b, s.key)) ||
        sign * compare(a, b, s.key) ||
        compare(a, b, 'name'),
    );
}

/** A 0…1 value for a table cell (two decimals), or a dash when unknown. */
export function formatScore(x: number | null): string {
  return x === null ? '—' : x.toFixed(2);
}

export function toggleSort(current: CaseSort, key: CaseSortKey): CaseSort {
  return current.key === key ? { key, ascending: !current.ascending } : { key, ascending: true };
}

/** Status changes a person can make: the contract's life-cycle edges minus the machine statuses. */
export function statusActions(status: CaseStatus): readonly CaseStatus[] {
  return allowedNext(status).filter((s) => !MACHINE_STATUSES.includes(s));
}
