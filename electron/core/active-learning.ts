// Active learning from the contract: a case's uncertainty (summary and map) and the next-case queue.
// The queue holds cases without ground truth outside the test split (the val split is excluded too: labelling a
// validation case does not teach the model anything); scored ones by uncertainty, then unscored ones.
import { CoreError } from '../contract/errors.js';
import type { Args } from '../contract/methods.js';
import type { CaseUncertainty, RankedCase, VolumePayload } from '../contract/types.js';
import { rankCases } from '../../ml/active/rank.js';
import type { CoreContext } from './context.js';
import { readStoredVolume } from './label-versions.js';
import { listCases } from './store/cases.js';
import { groundTruthVersion } from './store/labels.js';
import { allCurrentUncertainty, currentUncertainty, toCaseUncertainty } from './store/uncertainty.js';
import { requireCase } from './require-case.js';

export function caseUncertainty(ctx: CoreContext, caseId: number): CaseUncertainty | null {
  requireCase(ctx, caseId);
  const u = currentUncertainty(ctx.db, caseId);
  return u ? toCaseUncertainty(u) : null;
}

export async function caseUncertaintyVolume(
  ctx: CoreContext,
  caseId: number,
  kind: 'entropy' | 'disagreement' = 'entropy',
): Promise<VolumePayload> {
  requireCase(ctx, caseId);
  const u = currentUncertainty(ctx.db, caseId);
  if (!u)
    throw new CoreError(
      'not-found',
      `case ${caseId} has no uncertainty map yet: run the model's proposal first`,
    );
  return readStoredVolume(ctx, kind === 'entropy' ? u.relPath : u.disagreementRelPath);
}

export function rankNextCases(ctx: CoreContext, a: Args<'cases.rank'>): RankedCase[] {
  const scores = allCurrentUncertainty(ctx.db);
  const pool = listCases(ctx.db).filter(
    (c) => (c.split === 'train' || c.split === 'unlabeled') && !groundTruthVersion(ctx.db, c.id),
  );
  const byId = new Map(pool.map((c) => [c.id, c]));
  const ranked = rankCases(
    pool.map((c) => {
      const u = scores.get(c.id);
      return { id: c.id, score: u?.score ?? null, descriptor: u?.descriptor ?? [] };
    }),
    { diversity: a.diversity },
  );
  return ranked.slice(0, a.limit).map((r, i) => {
    const c = byId.get(r.id)!;
    return {
      caseId: c.id,
      name: c.name,
      split: c.split,
      score: r.score,
      modelId: scores.get(c.id)?.modelId ?? null,
      rank: i + 1,
    };
  });
}
