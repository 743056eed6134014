// The next-case queue from `cases.rank` (pure helpers, tested without a browser).
import type { RankedCase } from '../../../../electron/contract/types.js';

/** The first case of the queue other than the one open now. */
export function nextCase(
  ranked: readonly RankedCase[],
  currentCaseId: number | null = null,
): RankedCase | null {
  return [...ranked].sort((a, b) => a.rank - b.rank).find((r) => r.caseId !== currentCaseId) ?? null;
}

/** Why this case comes next, in words. */
export function reasonOf(r: RankedCase): string {
  if (r.score === null) return 'not scored yet: run the model proposal on it';
  return `uncertainty ${r.score.toFixed(3)}${r.modelId ? ` under ${r.modelId}` : ''}`;
}
