// The arms of bench/ssl.ts: supervised only, + stage 1, + stages 1–2, + stages 1–3, with the same number of optimizer
// steps (each step = 2 samples) and the same data, then held-out evaluation with the STSR metrics.
import { join } from 'node:path';
import type { ArchitectureConfig } from '../ml/config/architectures.js';
import type { Volume } from '../ml/data/io/volume.js';
import { segmentVolume, modelPredictor } from '../ml/infer/index.js';
import { MetricsAccumulator, evaluateCase } from '../ml/metrics/index.js';
import type { AggregateResult } from '../ml/metrics/index.js';
import { buildUMamba2, type UMamba2 } from '../ml/model/umamba2.js';
import type { Ops } from '../ml/runtime/ops/types.js';
import { loadCheckpoint } from '../ml/train/checkpoint.js';
import type { TrainerOverrides } from '../ml/train/config.js';
import type { TrainingData } from '../ml/train/data.js';
import { runTraining } from '../ml/train/trainer.js';
import { modelOnly } from '../ml/train/training-checkpoint.js';
import { transferWeights } from '../ml/ssl/dae/transfer.js';
import type { SslPreset, StageBudget } from '../ml/ssl/presets.js';
import type { SslProgress } from '../ml/ssl/run-stage.js';
import { stageTrainerConfig } from '../ml/ssl/stage-config.js';
import { runConsistencyStage, runDaeStage, runPseudoLabelStage } from '../ml/ssl/stages.js';

export type Arm = 'supervised' | '+dae' | '+consistency' | '+pseudolabel';
export const ARMS: readonly Arm[] = ['supervised', '+dae', '+consistency', '+pseudolabel'];

export interface BenchSetup {
  architecture: ArchitectureConfig;
  data: TrainingData;
  ops: Ops;
  outDir: string;
  /** Optimizer steps per arm, a multiple of `iterationsPerEpoch`. */
  steps: number;
  iterationsPerEpoch: number;
  /** Steps of the DAE (arms 2–4), of the pseudo-label stage (arm 4). */
  daeSteps: number;
  pseudoLabelSteps: number;
  daeLr: number;
  seed: number;
  log: (line: string) => void;
}

function preset(s: BenchSetup, stage: 'dae' | 'consistency' | 'pseudolabel', steps: number): SslPreset {
  const b: StageBudget = {
    epochs: Math.max(1, Math.round(steps / s.iterationsPerEpoch)),
    iterationsPerEpoch: s.iterationsPerEpoch,
    validationIterations: 2,
    checkpointEvery: 1000,
    warmupEpochs: 1,
  };
  return {
    name: `bench-${stage}-${steps}`,
    note: 'bench',
    stages: { dae: b, consistency: b, pseudolabel: b },
  };
}

const progress =
  (s: BenchSetup, arm: string) =>
  (p: SslProgress | { iteration: number; iterations: number; loss: Record<string, number> }) => {
    if (p.iteration % s.iterationsPerEpoch !== 0) return;
    const terms = Object.entries(p.loss)
      .filter(([k]) => ['total', 'l1', 'ce', 'dice', 'consistency', 'pseudoLabel'].includes(k))
      .map(([k, v]) => `${k} ${v.toFixed(3)}`)
      .join(', ');
    s.log(`  ${arm} ${p.iteration}/${p.iterations}: ${terms}`);
  };

async function supervisedFrom(
  s: BenchSetup,
  arm: Arm,
  steps: number,
  model: UMamba2 | undefined,
): Promise<UMamba2> {
  const trainer: TrainerOverrides = { seed: s.seed, stage: 'supervised' };
  const config = stageTrainerConfig(
    'consistency',
    preset(s, 'consistency', steps),
    s.data.train.length,
    trainer,
  );
  const r = await runTraining({
    architecture: s.architecture,
    config,
    data: s.data,
    ops: s.ops,
    ...(model ? { model } : {}),
    onProgress: progress(s, arm),
  });
  return r.model;
}

/** Trains one arm; returns its model. The DAE run is shared by arms 2–4 (same folder, reused). */
export async function trainArm(s: BenchSetup, arm: Arm): Promise<UMamba2> {
  if (arm === 'supervised') return supervisedFrom(s, arm, s.steps, undefined);
  const common = { architecture: s.architecture, data: s.data, ops: s.ops };
  const daeDir = join(s.outDir, 'dae');
  const dae = await runDaeStage({
    ...common,
    outDir: daeDir,
    preset: preset(s, 'dae', s.daeSteps),
    trainer: { seed: s.seed, optimizer: { initialLr: s.daeLr } },
    onProgress: progress(s, `${arm} dae`),
  });
  dae.model.dispose();
  const rest = s.steps - s.daeSteps;
  if (arm === '+dae') {
    const model = buildUMamba2(s.architecture, s.ops, { seed: s.seed });
    transferWeights(modelOnly(loadCheckpoint(daeDir, 'final')), model);
    return supervisedFrom(s, arm, rest, model);
  }
  const s2Steps = arm === '+consistency' ? rest : rest - s.pseudoLabelSteps;
  const s2Dir = join(s.outDir, `consistency-${s2Steps}`);
  const s2 = await runConsistencyStage({
    ...common,
    outDir: s2Dir,
    parent: { dir: daeDir },
    preset: preset(s, 'consistency', s2Steps),
    trainer: { seed: s.seed },
    onProgress: progress(s, `${arm} consistency`),
  });
  if (arm === '+consistency') return s2.model;
  s2.model.dispose();
  const s3 = await runPseudoLabelStage({
    ...common,
    outDir: join(s.outDir, 'pseudolabel'),
    parent: { dir: s2Dir },
    preset: preset(s, 'pseudolabel', s.pseudoLabelSteps),
    trainer: { seed: s.seed },
    onProgress: progress(s, `${arm} pseudolabel`),
  });
  return s3.model;
}

/** Sliding-window inference on every held-out case, then the STSR metrics (labels 1 tooth, 2 pulp). */
export async function evaluateArm(
  model: UMamba2,
  data: TrainingData,
  test: readonly { id: string; image: Volume; label: Volume }[],
): Promise<AggregateResult> {
  const acc = new MetricsAccumulator();
  for (const c of test) {
    const seg = await segmentVolume(c.image, modelPredictor(model), data.plan);
    acc.add(evaluateCase(c.label, seg.label, { id: c.id, labels: [1, 2] }));
  }
  return acc.result();
}
