// The three U-Mamba2-SSL stages, each runnable alone: stage 1 DAE pre-training, stage 2 consistency
// regularisation, stage 3 pseudo labels (spec §3, §4). Each resolves its trainer config from the stage's
// reference settings, the preset's budget and the caller's overrides, then runs on the stock loop.
//
// Reference: spec §3.1 (stage table), §4 (DAE). The DAE trains on every training scan, labelled and unlabelled
// (spec §4.2: D_l ∪ D_u); the validation scans measure its reconstruction loss; test cases are never passed in.
import type { ArchitectureConfig } from '../config/architectures.js';
import type { TrainerOverrides } from '../train/config.js';
import { asScan } from './data.js';
import { daeHooks, daeLearningRate } from './dae/hooks.js';
import type { PresetName, SslPreset } from './presets.js';
import { resolvePreset } from './presets.js';
import type { CommonStageOptions, StageResult } from './run-stage.js';
import { runStage } from './run-stage.js';
import { consistencyWeightAt, microBatchIndex } from './schedules.js';
import { semiSupervisedHooks, unlabeledProbabilityAt } from './semi-hooks.js';
import type { DaeOverrides, SemiStage, SemiSupervisedOverrides } from './settings.js';
import { resolveDaeSettings, resolveSemiSupervised } from './settings.js';
import { stageTrainerConfig } from './stage-config.js';

export interface StageOptions extends CommonStageOptions {
  preset: PresetName | SslPreset;
  /** Applied after the stage's settings and the preset (e.g. seed, augmentation, accumulation mode). */
  trainer?: TrainerOverrides;
}

/** The DAE model: the segmentation network with a 1-channel head and no deep supervision (spec §4.1). */
export function daeArchitecture(a: ArchitectureConfig): ArchitectureConfig {
  return { ...structuredClone(a), numClasses: 1, deepSupervision: false };
}

const ids = (opts: CommonStageOptions) => ({
  labeled: opts.data.train.map((c) => c.id),
  val: opts.data.val.map((c) => c.id),
  unlabeled: opts.data.unlabeled.map((c) => c.id),
});

/**
 * Stage 1: DAE pre-training on every training scan, labelled and unlabelled (validation scans measure the
 * reconstruction loss). The result's weights go into stage 2 with `parent: { dir: outDir }`.
 */
export async function runDaeStage(opts: StageOptions & { dae?: DaeOverrides }): Promise<StageResult> {
  const preset = resolvePreset(opts.preset);
  const scans = [...opts.data.train.map(asScan), ...opts.data.unlabeled];
  const valScans = opts.data.val.map(asScan);
  const config = stageTrainerConfig('dae', preset, scans.length, opts.trainer);
  const warmupEpochs = preset.stages.dae.warmupEpochs ?? 0;
  const settings = resolveDaeSettings({ ...opts.dae, lr: { warmupEpochs, ...opts.dae?.lr } });
  return runStage(
    {
      stage: 'dae',
      architecture: daeArchitecture(opts.architecture),
      config,
      preset: preset.name,
      settings,
      hooks: daeHooks(settings, scans, valScans),
      extras: (it) => ({
        lr: daeLearningRate(config, settings, it),
        omega: null,
        unlabeledProbability: null,
      }),
      data: ids(opts),
    },
    opts,
  );
}

async function runSemiStage(
  stage: SemiStage,
  opts: StageOptions & { settings?: SemiSupervisedOverrides },
): Promise<StageResult> {
  if (opts.data.unlabeled.length === 0) throw new RangeError(`the ${stage} stage needs unlabelled scans`);
  const preset = resolvePreset(opts.preset);
  const config = stageTrainerConfig(stage, preset, opts.data.train.length, opts.trainer);
  const settings = resolveSemiSupervised(stage, opts.settings);
  return runStage(
    {
      stage,
      architecture: opts.architecture,
      config,
      preset: preset.name,
      settings,
      hooks: semiSupervisedHooks(settings, opts.data.unlabeled),
      extras: (it) => ({
        omega: consistencyWeightAt(settings.consistency, config, microBatchIndex(config, it, 0)),
        unlabeledProbability: unlabeledProbabilityAt({ config }, settings, it),
      }),
      data: ids(opts),
    },
    opts,
  );
}

/** Stage 2: consistency regularisation (parent: the DAE stage, heads re-initialised). */
export function runConsistencyStage(opts: StageOptions & { settings?: SemiSupervisedOverrides }) {
  return runSemiStage('consistency', opts);
}

/** Stage 3: pseudo labels + consistency (parent: stage 2's final checkpoint, heads included). */
export function runPseudoLabelStage(opts: StageOptions & { settings?: SemiSupervisedOverrides }) {
  return runSemiStage('pseudolabel', opts);
}
