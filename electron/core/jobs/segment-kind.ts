// Job kind "segment" (lane 'infer'): the active model's (or a chosen model's) proposal for a case, with mirrored
// TTA, saved as a label version with source 'model' and the model's id, plus the case's uncertainty under that
// model (map, score, disagreement, worst slices) for the viewer and the next-case queue.
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../../contract/errors.js';
import { readVolumeFile } from '../../../ml/data/io/read-volume.js';
import { voxelBytes } from '../../../ml/data/io/volume.js';
import type { Volume } from '../../../ml/data/io/volume.js';
import { writeVolumeFileAtomic } from '../../../ml/data/io/write-volume.js';
import type { CoreContext } from '../context.js';
import { saveLabelVersion } from '../label-versions.js';
import { contentPath, projectPath, resolveInside, UNCERTAINTY_DIR, VOLUMES_DIR } from '../project/layout.js';
import { findCase, toSummary } from '../store/cases.js';
import { latestLabelVersionId } from '../store/labels.js';
import { activeModel, findModel } from '../store/models.js';
import type { ModelRecord } from '../store/models.js';
import { nowIso } from '../store/time.js';
import { findUncertainty, uncertaintyPaths, upsertUncertainty } from '../store/uncertainty.js';
import { jobDir, makeJobDir, removeJobDir } from './job-files.js';
import { recordBackend } from '../training.js';
import type { JobKind } from './runner.js';
import { requireCase } from '../require-case.js';

const paramsSchema = z.object({
  caseId: z.number().int().positive(),
  /** Resolved when the job is queued (the active model then), so a later activation does not change it. */
  modelId: z.string().regex(/^m[0-9]+$/),
  author: z.string().min(1).max(128),
});
type SegmentParams = z.infer<typeof paramsSchema>;

const outputSchema = z.object({
  backend: z.string(),
  score: z.number().min(0).max(1),
  disagreement: z.number().min(0).max(1),
  worstSlices: z.array(z.object({ index: z.number().int().min(0), score: z.number().min(0) })).max(1000),
  descriptor: z.array(z.number()).max(4096),
});

const LABEL = 'proposal.nii.gz';
const UNCERTAINTY = 'uncertainty.nii.gz';
const DISAGREEMENT = 'disagreement.nii.gz';

/** The model a proposal uses: the one named, else the active one; DAE models cannot segment. */
export function proposingModel(ctx: CoreContext, modelId?: string): ModelRecord {
  const model = modelId ? findModel(ctx.db, modelId) : activeModel(ctx.db);
  if (!model)
    throw new CoreError(
      modelId ? 'not-found' : 'conflict',
      modelId ? `model ${modelId} does not exist` : 'no model is active yet: train one first',
    );
  if (model.stage === 'dae')
    throw new CoreError('conflict', `model ${model.id} is a DAE (it reconstructs scans; it cannot segment)`);
  return model;
}

function onCaseGrid(v: Volume, dims: readonly number[], what: string): void {
  if (v.dataType !== 'uint8' || v.dims.join() !== dims.join())
    throw new CoreError(
      'internal',
      `${what} is ${v.dataType} ${v.dims.join('×')}, expected uint8 ${dims.join('×')}`,
    );
}

export const segmentKind: JobKind<SegmentParams> = {
  lane: 'infer',
  schema: paramsSchema,
  workerParams(ctx, job, p) {
    const c = requireCase(ctx, p.caseId);
    const model = proposingModel(ctx, p.modelId);
    const dir = makeJobDir(ctx.dir, job.id);
    return {
      modelDir: resolveInside(ctx.dir, model.relDir),
      checkpoint: 'final',
      imagePath: resolveInside(ctx.dir, contentPath(VOLUMES_DIR, c.volumeSha256)),
      labelOut: join(dir, LABEL),
      uncertaintyOut: join(dir, UNCERTAINTY),
      disagreementOut: join(dir, DISAGREEMENT),
    };
  },
  async finish(ctx, job, p, output) {
    const out = outputSchema.parse(output);
    recordBackend(ctx, out.backend);
    const c = findCase(ctx.db, p.caseId);
    if (!c) throw new CoreError('not-found', `case ${p.caseId} was removed while it was segmented`);
    const model = proposingModel(ctx, p.modelId);
    const dir = jobDir(ctx.dir, job.id);
    const label = await readVolumeFile(join(dir, LABEL));
    const map = await readVolumeFile(join(dir, UNCERTAINTY));
    const disagreementMap = await readVolumeFile(join(dir, DISAGREEMENT));
    onCaseGrid(label, c.geometry.dims, 'the proposal');
    onCaseGrid(map, c.geometry.dims, 'the uncertainty map');
    onCaseGrid(disagreementMap, c.geometry.dims, 'the disagreement map');
    const version = await saveLabelVersion(ctx, {
      caseId: p.caseId,
      parentId: latestLabelVersionId(ctx.db, p.caseId),
      source: 'model',
      modelId: model.id,
      author: p.author,
      comment: `proposal of model ${model.id} (${model.stage})`,
      reviewedSlices: [],
      effort: null,
      data: voxelBytes(label.voxels),
    });
    const written = await writeVolumeFileAtomic(map, projectPath(ctx.dir, UNCERTAINTY_DIR));
    const relPath = `${UNCERTAINTY_DIR}/${written.sha256}.nii.gz`;
    const writtenD = await writeVolumeFileAtomic(disagreementMap, projectPath(ctx.dir, UNCERTAINTY_DIR));
    const disagreementRelPath = `${UNCERTAINTY_DIR}/${writtenD.sha256}.nii.gz`;
    const before = findUncertainty(ctx.db, p.caseId, model.id);
    upsertUncertainty(ctx.db, {
      caseId: p.caseId,
      modelId: model.id,
      labelVersionId: version.id,
      sha256: written.sha256,
      relPath,
      disagreementSha256: writtenD.sha256,
      disagreementRelPath,
      score: out.score,
      disagreement: out.disagreement,
      worstSlices: out.worstSlices,
      descriptor: out.descriptor,
      at: nowIso(),
    });
    const kept = uncertaintyPaths(ctx.db);
    for (const old of before ? [before.relPath, before.disagreementRelPath] : [])
      if (!kept.has(old)) unlinkSync(resolveInside(ctx.dir, old));
    ctx.events.emit('case.updated', { case: toSummary(findCase(ctx.db, p.caseId)!) });
    removeJobDir(ctx.dir, job.id);
    return { labelVersionId: version.id, modelId: model.id, score: out.score, backend: out.backend };
  },
  abandon(ctx, job) {
    removeJobDir(ctx.dir, job.id);
  },
};
