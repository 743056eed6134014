// Saving and reading label versions. Every save is a new immutable, content-addressed file plus a row
// naming its parent; nothing is overwritten. A save must start from the case's latest version, so two
// editors cannot silently overwrite each other's work.
import { unlink } from 'node:fs/promises';
import type { Args } from '../contract/methods.js';
import type { LabelVersion, VolumePayload } from '../contract/types.js';
import { CoreError } from '../contract/errors.js';
import { readVolumeFile } from '../../ml/data/io/read-volume.js';
import { writeVolumeFileAtomic } from '../../ml/data/io/write-volume.js';
import type { CoreContext } from './context.js';
import { findCase, toSummary, updateCaseFields } from './store/cases.js';
import {
  findLabelVersion,
  insertLabelVersion,
  labelPaths,
  latestLabelVersionId,
  latestModelProposal,
  toLabelVersion,
} from './store/labels.js';
import { audit } from './store/audit.js';
import { getSettings } from './store/settings.js';
import { nowIso } from './store/time.js';
import { LABELS_DIR, projectPath, resolveInside } from './project/layout.js';
import { labelVolume, toPayload } from './volumes/payload.js';
import { statusAfterSave } from './status.js';
import { toCoreError } from './volumes/errors.js';
import { requireCase } from './require-case.js';

/** Voxel counts per label value; throws `invalid-input` naming the first value outside the schema. */
export function countLabels(data: Uint8Array, allowed: ReadonlySet<number>): Record<string, number> {
  const counts = new Float64Array(256);
  for (let i = 0; i < data.length; i++) counts[data[i]!]!++;
  const out: Record<string, number> = {};
  for (let v = 0; v < 256; v++) {
    const n = counts[v]!;
    if (n === 0) continue;
    if (!allowed.has(v)) {
      throw new CoreError(
        'invalid-input',
        `label value ${v} (${n} voxels) is not in the project's label schema`,
      );
    }
    out[String(v)] = n;
  }
  return out;
}

export async function saveLabelVersion(ctx: CoreContext, args: Args<'labels.save'>): Promise<LabelVersion> {
  const { db } = ctx;
  const record = requireCase(ctx, args.caseId);
  const volume = labelVolume(record.geometry, args.data);
  const labelCounts = countLabels(args.data, new Set(ctx.schema.labels.map((l) => l.value)));
  const reviewedSlices = [...new Set(args.reviewedSlices)].sort((a, b) => a - b);
  const outside = reviewedSlices.find((k) => k >= record.geometry.dims[2]);
  if (outside !== undefined) {
    throw new CoreError(
      'invalid-input',
      `reviewed slice ${outside} is outside the case (${record.geometry.dims[2]} slices)`,
    );
  }
  const author = args.author ?? getSettings(db).author;
  const modelDice = args.source === 'manual' ? await diceAgainstProposal(ctx, args.caseId, args.data) : null;

  const written = await writeVolumeFileAtomic(volume, projectPath(ctx.dir, LABELS_DIR));
  const relPath = `${LABELS_DIR}/${written.sha256}.nii.gz`;
  try {
    const id = db.transaction(() => {
      const latest = latestLabelVersionId(db, args.caseId);
      if (latest !== args.parentId) {
        throw new CoreError(
          'conflict',
          latest === null
            ? `case ${args.caseId} has no label version yet; save with parentId null`
            : `label version ${args.parentId ?? 'null'} is not the latest of case ${args.caseId} (latest is ${latest}); reload before saving`,
          { latest },
        );
      }
      const at = nowIso();
      const versionId = insertLabelVersion(db, {
        caseId: args.caseId,
        parentId: args.parentId,
        sha256: written.sha256,
        relPath,
        source: args.source,
        modelId: args.modelId,
        author,
        at,
        comment: args.comment,
        reviewedSlices,
        labelCounts,
        effort: args.effort,
        modelDice,
      });
      updateCaseFields(db, args.caseId, { status: statusAfterSave(record.status, args.source) }, at);
      audit(db, author, 'label.save', args.caseId, {
        versionId,
        parentId: args.parentId,
        source: args.source,
      });
      return versionId;
    })();
    const version = toLabelVersion(findLabelVersion(db, id)!);
    ctx.events.emit('label.saved', { version });
    ctx.events.emit('case.updated', { case: toSummary(findCase(db, args.caseId)!) });
    return version;
  } catch (err) {
    if (!labelPaths(db).has(relPath)) await unlink(written.path).catch(() => {});
    throw err;
  }
}

/**
 * Mean Dice over the foreground labels (present in either map) of a correction against the case's latest model
 * proposal: how much the annotator had to change. Null without a proposal or when both maps are empty.
 */
async function diceAgainstProposal(
  ctx: CoreContext,
  caseId: number,
  data: Uint8Array,
): Promise<number | null> {
  const proposal = latestModelProposal(ctx.db, caseId);
  if (!proposal) return null;
  const model = (await readStoredVolume(ctx, proposal.relPath)).data;
  if (model.length !== data.length) return null;
  return meanForegroundDice(model, data);
}

export function meanForegroundDice(a: Uint8Array, b: Uint8Array): number | null {
  const inA = new Float64Array(256);
  const inB = new Float64Array(256);
  const both = new Float64Array(256);
  for (let i = 0; i < a.length; i++) {
    inA[a[i]!]!++;
    inB[b[i]!]!++;
    if (a[i] === b[i]) both[a[i]!]!++;
  }
  let sum = 0;
  let n = 0;
  for (let v = 1; v < 256; v++) {
    if (inA[v]! + inB[v]! === 0) continue;
    sum += (2 * both[v]!) / (inA[v]! + inB[v]!);
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** Reads a stored file (scan or label map) by its project-relative path. */
export async function readStoredVolume(ctx: CoreContext, relPath: string): Promise<VolumePayload> {
  const file = resolveInside(ctx.dir, relPath);
  try {
    return toPayload(await readVolumeFile(file));
  } catch (err) {
    throw toCoreError(err, relPath);
  }
}
