// The model registry's operations: list, activate, roll back. Registering a newly trained model is the
// training job's finish step (jobs/train-kind.ts).
import { CoreError } from '../contract/errors.js';
import type { ModelVersion } from '../contract/types.js';
import type { CoreContext } from './context.js';
import { activeModel, findModel, setActiveModel, toModelVersion } from './store/models.js';
import { audit } from './store/audit.js';
import { getSettings } from './store/settings.js';

export function activateModel(ctx: CoreContext, modelId: string, action = 'model.activate'): ModelVersion {
  const model = findModel(ctx.db, modelId);
  if (!model) throw new CoreError('not-found', `model ${modelId} does not exist`);
  const previous = activeModel(ctx.db)?.id ?? null;
  ctx.db.transaction(() => {
    setActiveModel(ctx.db, modelId);
    audit(ctx.db, getSettings(ctx.db).author, action, null, { modelId, previous });
  })();
  return toModelVersion(findModel(ctx.db, modelId)!);
}

export function rollbackModel(ctx: CoreContext): ModelVersion {
  const current = activeModel(ctx.db);
  if (!current) throw new CoreError('conflict', 'no model is active, so there is nothing to roll back');
  if (!current.parentId) throw new CoreError('conflict', `model ${current.id} has no parent to roll back to`);
  return activateModel(ctx, current.parentId, 'model.rollback');
}
