// Job kind "bootstrap": a classical tooth/pulp proposal for a case, computed in the inference worker and
// saved as a label version with source "bootstrap" (for projects that have no model yet).
import { join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../../contract/errors.js';
import { readVolumeFile } from '../../../ml/data/io/read-volume.js';
import { voxelBytes } from '../../../ml/data/io/volume.js';
import type { JobKind } from './runner.js';
import { latestLabelVersionId } from '../store/labels.js';
import { contentPath, resolveInside, VOLUMES_DIR } from '../project/layout.js';
import { saveLabelVersion } from '../label-versions.js';
import { jobDir, makeJobDir, removeJobDir } from './job-files.js';
import { requireCase } from '../require-case.js';

const paramsSchema = z.object({ caseId: z.number().int().positive(), author: z.string().min(1).max(128) });
type BootstrapParams = z.infer<typeof paramsSchema>;

const OUTPUT = 'bootstrap.nii.gz';

export const bootstrapKind: JobKind<BootstrapParams> = {
  lane: 'infer',
  schema: paramsSchema,
  workerParams(ctx, job, p) {
    const c = requireCase(ctx, p.caseId);
    return {
      imagePath: resolveInside(ctx.dir, contentPath(VOLUMES_DIR, c.volumeSha256)),
      outPath: join(makeJobDir(ctx.dir, job.id), OUTPUT),
    };
  },
  async finish(ctx, job, p, output) {
    const report = (output as { report?: unknown } | null)?.report ?? null;
    // Read the file we named, not a path the worker reports back.
    const label = await readVolumeFile(join(jobDir(ctx.dir, job.id), OUTPUT));
    if (label.dataType !== 'uint8')
      throw new CoreError('internal', `bootstrap output is ${label.dataType}, expected uint8`);
    const version = await saveLabelVersion(ctx, {
      caseId: p.caseId,
      parentId: latestLabelVersionId(ctx.db, p.caseId),
      source: 'bootstrap',
      modelId: null,
      author: p.author,
      comment: 'classical proposal (threshold, connected components, morphology)',
      reviewedSlices: [],
      effort: null,
      data: voxelBytes(label.voxels),
    });
    removeJobDir(ctx.dir, job.id);
    return { labelVersionId: version.id, report };
  },
  abandon(ctx, job) {
    removeJobDir(ctx.dir, job.id);
  },
};
