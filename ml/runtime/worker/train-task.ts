// Worker task "train": one training target (supervised, dae, consistency, pseudolabel, or the three-stage
// pipeline) on the scans the core listed, in the job's folder. Each stage runs in <jobDir>/<stage>, resumes from its
// 'latest' checkpoint when the job is run again (after a pause, a restart or a killed worker), and is reused when
// already complete. Every step is appended to <jobDir>/progress.jsonl (the training panel's charts) and reported;
// each finished segmentation stage is scored on the validation cases (<stageDir>/validation.json).
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ArchitectureConfig } from '../../config/architectures.js';
import { getArchitecture, patchProblems, validateArchitecture } from '../../config/architectures.js';
import { workstationArchitecture } from '../../config/workstation.js';
import { readVolumeFile } from '../../data/io/read-volume.js';
import { loadCheckpoint } from '../../train/checkpoint.js';
import type { TrainerOverrides } from '../../train/config.js';
import { prepareTrainingData } from '../../train/data.js';
import type { PreprocessingRecord } from '../../train/training-checkpoint.js';
import { validateModel } from '../../infer/validate.js';
import type { SslProgress, StageResult } from '../../ssl/run-stage.js';
import type { RunStage, SslPreset } from '../../ssl/presets.js';
import { workstationPreset } from '../../ssl/presets.js';
import { measureSpeed } from '../../ssl/speed.js';
import { runConsistencyStage, runDaeStage, runPseudoLabelStage } from '../../ssl/stages.js';
import { runSupervisedStage } from '../../ssl/supervised-stage.js';
import type { BackendName } from '../backend.js';
import { describeSelection, selectBackend } from '../backend.js';
import { createOps } from '../ops/index.js';
import type { Ops } from '../ops/types.js';
import type { TaskContext } from './tasks.js';

const scan = z.object({ id: z.string().min(1), imagePath: z.string().min(1) });
const labeled = scan.extend({ labelPath: z.string().min(1) });

const params = z.object({
  jobDir: z.string().min(1),
  target: z.enum(['supervised', 'dae', 'consistency', 'pseudolabel', 'pipeline']),
  preset: z.enum(['test', 'workstation', 'reference']),
  /** A named size, or the exact architecture of the parent model. */
  architecture: z.union([z.enum(['tiny', 'workstation', 'stsr']), z.record(z.string(), z.unknown())]),
  patch: z.tuple([z.number().int(), z.number().int(), z.number().int()]).optional(),
  iterations: z.number().int().positive().optional(),
  seed: z.number().int().min(0),
  cases: z.object({ train: z.array(labeled).min(1), val: z.array(labeled), unlabeled: z.array(scan) }),
  parent: z.object({ dir: z.string().min(1), checkpoint: z.string().min(1) }).nullable(),
});
export type TrainTaskParams = z.infer<typeof params>;

export const PROGRESS_FILE = 'progress.jsonl';
export const BACKEND_FILE = 'backend.txt';
export const VALIDATION_FILE = 'validation.json';
export const PRESET_FILE = 'preset.json';

/**
 * The iteration budget. 'workstation' is scaled to this machine: the network's speed is measured once, at the job's
 * first start, and the resulting preset kept in the job folder so that a resumed job trains to the same schedule.
 */
function jobPreset(
  p: TrainTaskParams,
  architecture: ArchitectureConfig,
  ops: Ops,
  ctx: TaskContext,
): SslPreset | TrainTaskParams['preset'] {
  if (p.preset !== 'workstation') return p.preset;
  const file = join(p.jobDir, PRESET_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SslPreset;
  ctx.report({ fraction: 0, message: 'measuring the network speed on this machine' });
  const preset = workstationPreset(measureSpeed(architecture, ops, 2));
  writeFileSync(file, `${JSON.stringify(preset, null, 2)}\n`);
  return preset;
}

export interface TrainTaskStage {
  stage: RunStage;
  status: 'completed' | 'cancelled';
  reused: boolean;
  validation: Record<string, number> | null;
}

function resolveArchitecture(p: TrainTaskParams, backend: BackendName): ArchitectureConfig {
  let a: ArchitectureConfig;
  if (typeof p.architecture !== 'string')
    a = validateArchitecture(p.architecture as unknown as ArchitectureConfig);
  else if (p.architecture === 'workstation')
    a = workstationArchitecture({ backend, systemBytes: totalmem() }).config;
  else a = getArchitecture(p.architecture);
  if (p.patch) {
    const problems = patchProblems(a, p.patch);
    if (problems.length > 0) throw new RangeError(`patch ${p.patch.join('×')}: ${problems.join('; ')}`);
    a = validateArchitecture({ ...a, patchSize: [...p.patch] });
  }
  return a;
}

/** Trainer overrides for `iterations` optimizer steps (epochs of at most 25 steps) and the seed. */
function budgetOverrides(p: TrainTaskParams): TrainerOverrides {
  const o: TrainerOverrides = { seed: p.seed };
  if (p.iterations !== undefined) {
    const ipe = Math.min(p.iterations, 25);
    Object.assign(o, { iterationsPerEpoch: ipe, epochs: Math.ceil(p.iterations / ipe) });
  }
  return o;
}

export async function runTrainTask(raw: unknown, ctx: TaskContext): Promise<unknown> {
  const p = params.parse(raw);
  const selection = await selectBackend();
  const backend = describeSelection(selection);
  writeFileSync(join(p.jobDir, BACKEND_FILE), backend);
  const ops = createOps(selection.name);
  const architecture = resolveArchitecture(p, selection.name);
  ctx.report({ fraction: 0, message: `reading ${countScans(p)} scans (backend ${selection.name})` });
  const load = async (list: { id: string; imagePath: string; labelPath: string }[]) =>
    Promise.all(
      list.map(async (c) => ({
        id: c.id,
        image: await readVolumeFile(c.imagePath),
        label: await readVolumeFile(c.labelPath),
      })),
    );
  const train = await load(p.cases.train);
  const val = await load(p.cases.val);
  const unlabeled = await Promise.all(
    p.cases.unlabeled.map(async (c) => ({ id: c.id, image: await readVolumeFile(c.imagePath) })),
  );
  ctx.signal.throwIfAborted();
  ctx.report({ fraction: 0, message: 'pre-processing' });
  // A run that continues a parent model keeps the parent's pre-processing plan (nnU-Net's fine-tuning rule).
  const plan = p.parent
    ? (loadCheckpoint(p.parent.dir, p.parent.checkpoint).manifest.preprocessing as PreprocessingRecord).plan
    : undefined;
  const data = prepareTrainingData(train, val, { ...(plan ? { plan } : {}), unlabeled });
  const preset = jobPreset(p, architecture, ops, ctx);
  const stages: RunStage[] =
    p.target === 'pipeline' ? ['dae', 'consistency', 'pseudolabel'] : [p.target as RunStage];
  const done: TrainTaskStage[] = [];
  let parent = p.parent;
  let lastFraction = 0;
  for (const [index, stage] of stages.entries()) {
    const outDir = join(p.jobDir, stage);
    const onProgress = (q: SslProgress) => {
      const point = {
        stage,
        iteration: q.iteration,
        iterations: q.iterations,
        loss: splitLossRecord(q.loss).loss,
        lr: q.lr,
        omega: q.omega,
        etaSeconds: q.etaSeconds,
        samplesPerSecond: q.samplesPerSecond,
      };
      appendFileSync(join(p.jobDir, PROGRESS_FILE), `${JSON.stringify(point)}\n`);
      const { loss, indicators } = splitLossRecord(q.loss);
      const terms = Object.fromEntries(Object.entries(loss).map(([k, v]) => [`loss.${k}`, v]));
      lastFraction = (index + q.iteration / q.iterations) / stages.length;
      ctx.report({
        fraction: lastFraction,
        message: `${stage} ${q.iteration}/${q.iterations} · loss ${(q.loss['total'] ?? NaN).toFixed(3)}`,
        metrics: {
          iteration: q.iteration,
          iterations: q.iterations,
          etaSeconds: q.etaSeconds,
          lr: q.lr,
          samplesPerSecond: q.samplesPerSecond,
          stageIndex: index,
          stages: stages.length,
          ...(q.omega === null ? {} : { omega: q.omega }),
          ...indicators,
          ...terms,
        },
      });
    };
    const common = {
      architecture,
      data: stage === 'supervised' ? { ...data, unlabeled: [] } : data,
      ops,
      outDir,
      parent,
      preset,
      trainer: budgetOverrides(p),
      signal: ctx.signal,
      onProgress,
      onEpochEnd: (r: { val: { meanPseudoDice: number } | null; epoch: number }) => {
        if (!r.val) return;
        const line = { stage, epoch: r.epoch, valPseudoDice: r.val.meanPseudoDice };
        appendFileSync(join(p.jobDir, PROGRESS_FILE), `${JSON.stringify(line)}\n`);
        ctx.report({
          fraction: lastFraction,
          message: `${stage} epoch ${r.epoch + 1}: validation pseudo Dice ${r.val.meanPseudoDice.toFixed(3)}`,
          metrics: {
            epoch: r.epoch,
            valPseudoDice: r.val.meanPseudoDice,
            stageIndex: index,
            stages: stages.length,
          },
        });
      },
    };
    const result: StageResult =
      stage === 'supervised'
        ? await runSupervisedStage(common)
        : stage === 'dae'
          ? await runDaeStage(common)
          : stage === 'consistency'
            ? await runConsistencyStage(common)
            : await runPseudoLabelStage(common);
    try {
      if (result.status !== 'completed') {
        done.push({ stage, status: 'cancelled', reused: result.reused, validation: null });
        break;
      }
      const validation = stage === 'dae' ? null : await stageValidation(outDir, result, data.plan, val, ctx);
      done.push({ stage, status: 'completed', reused: result.reused, validation });
      ctx.publish({ backend, architecture, stage: done[done.length - 1] });
    } finally {
      result.model.dispose();
    }
    parent = { dir: outDir, checkpoint: 'final' };
  }
  return { backend, architecture, stages: done };
}

async function stageValidation(
  outDir: string,
  result: StageResult,
  plan: Parameters<typeof validateModel>[1],
  val: Parameters<typeof validateModel>[2],
  ctx: TaskContext,
): Promise<Record<string, number> | null> {
  const file = join(outDir, VALIDATION_FILE);
  if (result.reused && existsSync(file))
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  ctx.report({ fraction: 1, message: `${result.stage}: scoring the validation cases` });
  const scores = await validateModel(result.model, plan, val, { signal: ctx.signal });
  const metrics = scores ? { ...scores } : null;
  writeFileSync(file, `${JSON.stringify(metrics)}\n`);
  return metrics;
}

/**
 * The SSL hooks log ω and two indicators next to the loss terms (mean over the step's micro-batches); the panel
 * charts loss terms, so those go out under their own names: omega, unlabeledShare, pseudoLabelShare.
 */
export function splitLossRecord(record: Record<string, number>): {
  loss: Record<string, number>;
  indicators: Record<string, number>;
} {
  const { omega: _omega, unlabeled, pseudoLabelStep, ...loss } = record;
  const indicators: Record<string, number> = {};
  if (unlabeled !== undefined) indicators['unlabeledShare'] = unlabeled;
  if (pseudoLabelStep !== undefined) indicators['pseudoLabelShare'] = pseudoLabelStep;
  return { loss, indicators };
}

function countScans(p: TrainTaskParams): number {
  return p.cases.train.length + p.cases.val.length + p.cases.unlabeled.length;
}
