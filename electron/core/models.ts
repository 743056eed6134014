// The model registry's operations: list, activate, roll back. Registering a newly trained model is the
// training job's work (jobs/register-model.ts).
// Rollback goes to the nearest segmentation ancestor of the active model (a pipeline's stage 3 → its stage 2);
// a model trained from scratch has none, so it goes back to the model that was active before it.
import { CoreError } from '../contract/errors.js';
import type { ModelVersion } from '../contract/types.js';
import type { CoreContext } from './context.js';
import { activeModel, findModel, setActiveModel, toModelVersion } from './store/models.js';
import type { ModelRecord } from './store/models.js';
import { audit } from './store/audit.js';
import { getSettings } from './store/settings.js';

export function activateModel(ctx: CoreContext, modelId: string, action = 'model.activate'): ModelVersion {
  const model = findModel(ctx.db, modelId);
  if (!model) throw new CoreError('not-found', `model ${modelId} does not exist`);
  if (model.stage === 'dae')
    throw new CoreError(
      'conflict',
      `model ${modelId} is a DAE pre-training model: it reconstructs scans and cannot segment`,
    );
  const previous = activeModel(ctx.db)?.id ?? null;
  ctx.db.transaction(() => {
    setActiveModel(ctx.db, modelId);
    audit(ctx.db, getSettings(ctx.db).author, action, null, { modelId, previous });
  })();
  return toModelVersion(findModel(ctx.db, modelId)!);
}

function segmentingAncestor(ctx: CoreContext, m: ModelRecord): ModelRecord | null {
  let p = m.parentId ? findModel(ctx.db, m.parentId) : undefined;
  while (p && p.stage === 'dae') p = p.parentId ? findModel(ctx.db, p.parentId) : undefined;
  return p ?? null;
}

/** The model that was active when `modelId` was activated (from the audit trail). */
function activeBefore(ctx: CoreContext, modelId: string): string | null {
  const rows = ctx.db
    .prepare("SELECT details FROM audit WHERE action IN ('model.activate') ORDER BY id DESC")
    .all() as { details: string }[];
  for (const r of rows) {
    const d = JSON.parse(r.details) as { modelId?: string; previous?: string | null };
    if (d.modelId === modelId && d.previous && d.previous !== modelId) return d.previous;
  }
  return null;
}

export function rollbackModel(ctx: CoreContext): ModelVersion {
  const current = activeModel(ctx.db);
  if (!current) throw new CoreError('conflict', 'no model is active, so there is nothing to roll back');
  const target = segmentingAncestor(ctx, current)?.id ?? activeBefore(ctx, current.id);
  if (!target)
    throw new CoreError('conflict', `model ${current.id} has no earlier segmentation model to roll back to`);
  return activateModel(ctx, target, 'model.rollback');
}
