// U-Mamba2-SSL (spec §3, §4): stage 1 DAE pre-training, stage 2 consistency regularisation, stage 3 pseudo labels,
// each on the stock training loop (ml/train) with its own hooks, and the pipeline chaining them by checkpoint.
export {
  type PresetName,
  type SslPreset,
  type SslStage,
  type RunStage,
  type StageBudget,
  type MeasuredSpeed,
  SSL_STAGES,
  REFERENCE_PRESET,
  TEST_PRESET,
  BUILD_MACHINE_SPEED,
  WORKSTATION_SHARES,
  workstationPreset,
  resolvePreset,
} from './presets.js';
export {
  type DaeSettings,
  type DaeOverrides,
  type SemiStage,
  type SemiSupervisedSettings,
  type SemiSupervisedOverrides,
  resolveDaeSettings,
  resolveSemiSupervised,
} from './settings.js';
export { STAGE_BASE, STAGE_NAMES, stageTrainerConfig, mergeOverrides } from './stage-config.js';
export { type SslProgress, type StageResult, type CommonStageOptions } from './run-stage.js';
export {
  type StageOptions,
  daeArchitecture,
  runDaeStage,
  runConsistencyStage,
  runPseudoLabelStage,
} from './stages.js';
export { runSupervisedStage, supervisedTrainerConfig } from './supervised-stage.js';
export { type PipelineOptions, type PipelineResult, runSslPipeline, stageDir } from './pipeline.js';
export { type StageRecord, type ParentRef, STAGE_RECORD_FILE, readStageRecord } from './stage-record.js';
export { type TransferReport, transferWeights, isHead } from './dae/transfer.js';
export {
  type DaeCorruptionConfig,
  DAE_CORRUPTION_DEFAULTS,
  resolveDaeCorruption,
} from './dae/corrupt-config.js';
export { corruptBatch } from './dae/corrupt.js';
export { createAdamW, ADAMW_DEFAULTS, type AdamWOptions } from './dae/adamw.js';
export { warmupCosineLr, type WarmupCosine } from './dae/lr.js';
export { daeLearningRate } from './dae/hooks.js';
export {
  type StrongAugmentConfig,
  type StrongAugmentOverrides,
  STRONG_DEFAULTS,
  noStrongAugmentation,
  resolveStrongAugment,
} from './perturb/strong-config.js';
export { strongView, type StrongRecord } from './perturb/strong.js';
export {
  type FeaturePerturbationConfig,
  FEATURE_PERTURBATION_DEFAULTS,
  perturbFeatures,
  perturbedForward,
} from './perturb/feature.js';
export { consistencyWeightAt, rampLength, unlabeledProbability, microBatchIndex } from './schedules.js';
export { measureSpeed } from './speed.js';
