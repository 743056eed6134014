// Exports and imports in the formats labs exchange: a label version as NIfTI, DICOM SEG or STL meshes;
// the whole project as an nnU-Net v2 raw dataset; an external prediction as a new label version.
import { join } from 'node:path';
import type { Args } from '../contract/methods.js';
import type { ExportResult, LabelVersion } from '../contract/types.js';
import { CoreError } from '../contract/errors.js';
import {
  exportLabelNifti,
  exportNnUNetDataset,
  readPrediction,
  referenceFromDicomSeries,
  TargetExistsError,
  writeDicomSeg,
  writeLabelStls,
} from '../../ml/data/exchange/index.js';
import type { NnUNetExportCase } from '../../ml/data/exchange/index.js';
import type { Volume } from '../../ml/data/io/volume.js';
import { fromPayload } from './volumes/payload.js';
import type { CoreContext } from './context.js';
import { findCase, listCases } from './store/cases.js';
import { findLabelVersion, groundTruthVersion, latestLabelVersionId } from './store/labels.js';
import { audit } from './store/audit.js';
import { getSettings } from './store/settings.js';
import { contentPath, resolveInside, VOLUMES_DIR } from './project/layout.js';
import { readStoredVolume, saveLabelVersion } from './label-versions.js';
import { toCoreError } from './volumes/errors.js';
import { requireCase } from './require-case.js';

async function guard<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TargetExistsError) throw new CoreError('conflict', err.message);
    throw toCoreError(err, path);
  }
}

async function labelOf(ctx: CoreContext, versionId: number): Promise<{ label: Volume; caseId: number }> {
  const v = findLabelVersion(ctx.db, versionId);
  if (!v) throw new CoreError('not-found', `label version ${versionId} does not exist`);
  return { label: fromPayload(await readStoredVolume(ctx, v.relPath)), caseId: v.caseId };
}

export async function exportLabel(ctx: CoreContext, a: Args<'labels.export'>): Promise<ExportResult> {
  const { label, caseId } = await labelOf(ctx, a.versionId);
  const files = await guard(a.outPath, async () => {
    if (a.format === 'nifti') {
      await exportLabelNifti(label, a.outPath, { schema: ctx.schema });
      return [a.outPath];
    }
    if (a.format === 'stl') return (await writeLabelStls(label, ctx.schema, a.outPath)).map((s) => s.path);
    const c = findCase(ctx.db, caseId)!;
    if (c.sourceFormat !== 'dicom') {
      throw new CoreError(
        'unsupported',
        `DICOM SEG needs a DICOM-sourced case; case ${caseId} came from ${c.sourceFormat}`,
      );
    }
    const reference = await referenceFromDicomSeries(c.sourcePath);
    await writeDicomSeg(label, reference, ctx.schema, a.outPath, { keepEmpty: 'schema' });
    return [a.outPath];
  });
  audit(ctx.db, getSettings(ctx.db).author, 'label.export', caseId, {
    versionId: a.versionId,
    format: a.format,
    files,
  });
  return { files };
}

export async function exportProjectNnUNet(
  ctx: CoreContext,
  a: Args<'projects.exportNnUNet'>,
): Promise<ExportResult> {
  const cases: NnUNetExportCase[] = listCases(ctx.db).map((c) => {
    const truth = c.status === 'flagged' ? undefined : groundTruthVersion(ctx.db, c.id);
    const image = resolveInside(ctx.dir, contentPath(VOLUMES_DIR, c.volumeSha256));
    const label = truth ? resolveInside(ctx.dir, truth.relPath) : undefined;
    const labelled = c.split === 'train' || c.split === 'val';
    // Train/val cases without a human-made label are, for training purposes, unlabelled scans.
    const split = labelled && !label ? 'unlabeled' : c.split;
    return { id: `case_${String(c.id).padStart(4, '0')}`, image, label, split };
  });
  const result = await guard(a.outDir, () =>
    exportNnUNetDataset(cases, a.outDir, { datasetId: a.datasetId, name: a.name, labelSchema: ctx.schema }),
  );
  audit(ctx.db, getSettings(ctx.db).author, 'project.export-nnunet', null, {
    dir: result.datasetDir,
    cases: cases.length,
  });
  return { files: [result.datasetDir], warnings: result.warnings };
}

export async function importPrediction(
  ctx: CoreContext,
  a: Args<'labels.importPrediction'>,
): Promise<LabelVersion> {
  const c = requireCase(ctx, a.caseId);
  const prediction = await guard(a.path, () => readPrediction(a.path, c.geometry, ctx.schema));
  const { voxels } = prediction.label;
  const data = new Uint8Array(voxels.length);
  for (let n = 0; n < voxels.length; n++) data[n] = voxels[n] as number;
  return saveLabelVersion(ctx, {
    caseId: a.caseId,
    parentId: latestLabelVersionId(ctx.db, a.caseId),
    source: 'import',
    modelId: null,
    author: a.author ?? getSettings(ctx.db).author,
    comment: a.comment ?? `imported from ${join(a.path)} (${prediction.format})`,
    reviewedSlices: [],
    effort: null,
    data,
  });
}
