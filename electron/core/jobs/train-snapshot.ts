// What a training job trains on, frozen when it first starts (runs/job-<id>/snapshot.json) so that a paused,
// restarted or killed job continues on exactly the same data, and the model versions it registers record it.
// Ground truth is the latest manual or imported label version of a case; proposals (model, bootstrap) never are.
//   train / unlabeled split with ground truth → labelled training case
//   train / unlabeled split without           → unlabelled scan (SSL stages, DAE)
//   val split with ground truth               → validation case (checkpoint choice, registry metrics)
//   val without ground truth, and test        → not used at all
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreError } from '../../contract/errors.js';
import type { TrainingTarget } from '../../contract/types.js';
import type { CoreContext } from '../context.js';
import { contentPath, VOLUMES_DIR } from '../project/layout.js';
import { writeFileAtomic } from '../../../ml/train/checkpoint.js';
import { listCases } from '../store/cases.js';
import { groundTruthVersion } from '../store/labels.js';
import { activeModel, listModels } from '../store/models.js';
import type { ModelRecord } from '../store/models.js';

export interface SnapshotCase {
  caseId: number;
  imageRel: string;
  /** The ground-truth label version (absent for unlabelled scans). */
  labelVersionId?: number;
  labelRel?: string;
}

export interface TrainSnapshot {
  createdAt: string;
  target: TrainingTarget;
  /** The model the run continues from (null: fresh weights). */
  parentModelId: string | null;
  train: SnapshotCase[];
  val: SnapshotCase[];
  unlabeled: SnapshotCase[];
}

const FILE = 'snapshot.json';

const SEGMENTING = new Set(['supervised', 'consistency', 'pseudolabel']);

/** The model a stage run alone continues from (spec §3.1: stage 2 from the DAE, stage 3 from stage 2). */
export function parentFor(ctx: CoreContext, target: TrainingTarget): ModelRecord | null {
  const newest = (stage: string) =>
    listModels(ctx.db)
      .filter((m) => m.stage === stage)
      .at(-1) ?? null;
  if (target === 'consistency') return newest('dae');
  if (target === 'pseudolabel') {
    const active = activeModel(ctx.db);
    const parent = active && SEGMENTING.has(active.stage) ? active : newest('consistency');
    if (!parent)
      throw new CoreError(
        'conflict',
        'stage 3 (pseudo labels) continues a segmentation model: train the consistency stage (or a supervised model) first',
      );
    return parent;
  }
  return null;
}

export function buildSnapshot(ctx: CoreContext, target: TrainingTarget): TrainSnapshot {
  const snap: TrainSnapshot = {
    createdAt: new Date().toISOString(),
    target,
    parentModelId: parentFor(ctx, target)?.id ?? null,
    train: [],
    val: [],
    unlabeled: [],
  };
  for (const c of listCases(ctx.db)) {
    if (c.split === 'test') continue;
    const imageRel = contentPath(VOLUMES_DIR, c.volumeSha256);
    const gt = groundTruthVersion(ctx.db, c.id);
    const labelled = gt ? { caseId: c.id, imageRel, labelVersionId: gt.id, labelRel: gt.relPath } : null;
    if (c.split === 'val') {
      if (labelled) snap.val.push(labelled);
    } else if (labelled) snap.train.push(labelled);
    else snap.unlabeled.push({ caseId: c.id, imageRel });
  }
  if (snap.train.length === 0)
    throw new CoreError(
      'conflict',
      'nothing to learn from yet: save a corrected (or imported) label version of at least one train case',
    );
  const semi = target === 'consistency' || target === 'pseudolabel' || target === 'pipeline';
  if (semi && snap.unlabeled.length === 0)
    throw new CoreError(
      'conflict',
      `the ${target} stage needs uncorrected scans, and every case is labelled`,
    );
  return snap;
}

/** The job's snapshot: read back when it exists, else built now and written atomically. */
export function jobSnapshot(ctx: CoreContext, jobDir: string, target: TrainingTarget): TrainSnapshot {
  if (existsSync(join(jobDir, FILE)))
    return JSON.parse(readFileSync(join(jobDir, FILE), 'utf8')) as TrainSnapshot;
  const snap = buildSnapshot(ctx, target);
  writeFileAtomic(jobDir, FILE, new TextEncoder().encode(`${JSON.stringify(snap, null, 2)}\n`));
  return snap;
}

export function readSnapshot(jobDir: string): TrainSnapshot {
  return JSON.parse(readFileSync(join(jobDir, FILE), 'utf8')) as TrainSnapshot;
}
